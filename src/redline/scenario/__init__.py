"""The domain: actors, issues, preferences, red lines, influence, events; loading and validation."""

from redline.scenario.decision import VotingGame, weighted_game
from redline.scenario.loading import load, parse
from redline.scenario.model import Document, Triangular, point
from redline.scenario.rules import parse_rule
from redline.scenario.scenario import Scenario, Utility, from_document
from redline.scenario.situation import Situation, situation

__all__ = [
    "Document",
    "Scenario",
    "Situation",
    "Triangular",
    "Utility",
    "VotingGame",
    "from_document",
    "load",
    "parse",
    "parse_rule",
    "point",
    "situation",
    "weighted_game",
]
