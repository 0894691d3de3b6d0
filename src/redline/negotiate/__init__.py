"""Negotiation simulation: protocols, strategies and a batched engine.

Protocols are alternating offers (bilateral or stacked multilateral, with a deadline, optional
breakdown risk and discounting) and a mediated single negotiating text (blind, or steering to
the Nash point of reported preferences). Strategies are small frozen objects, one family a
module (:mod:`redline.negotiate.strategies`). :func:`simulate` plays many sessions from one seed;
:func:`tournament` plays every strategy pair.
"""

from redline.negotiate.domain import Domain, DomainError, from_scenario, from_tables, opposed, split
from redline.negotiate.engine import (
    PROTOCOLS,
    Setup,
    SetupError,
    local_engine,
    run_chunk,
    session_seeds,
    simulate,
)
from redline.negotiate.measures import Reference, Summary, landmarks, reference, summarize
from redline.negotiate.sessions import ENDINGS, Sessions
from redline.negotiate.strategies import REGISTRY, Strategy, StrategyError, strategy
from redline.negotiate.tournament import Entry, Tournament, tournament

__all__ = [
    "ENDINGS",
    "PROTOCOLS",
    "REGISTRY",
    "Domain",
    "DomainError",
    "Entry",
    "Reference",
    "Sessions",
    "Setup",
    "SetupError",
    "Strategy",
    "StrategyError",
    "Summary",
    "Tournament",
    "from_scenario",
    "from_tables",
    "landmarks",
    "local_engine",
    "opposed",
    "reference",
    "run_chunk",
    "session_seeds",
    "simulate",
    "split",
    "strategy",
    "summarize",
    "tournament",
]
