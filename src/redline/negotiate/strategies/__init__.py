"""Negotiation strategies, one family a module, and the registry of their command-line names."""

from __future__ import annotations

from redline.errors import RedlineError
from redline.negotiate.strategies.base import Ladder, Moment, PartyView, State, Strategy
from redline.negotiate.strategies.concession import (
    Boulware,
    Conceder,
    Hardliner,
    Linear,
    TimeBasedConcession,
)
from redline.negotiate.strategies.modelling import ParetoSeeker
from redline.negotiate.strategies.randomized import RandomOffers
from redline.negotiate.strategies.reciprocity import TitForTat
from redline.negotiate.strategies.subgame import SubgamePerfect

REGISTRY: dict[str, type[Strategy]] = {
    "boulware": Boulware,
    "linear": Linear,
    "conceder": Conceder,
    "tit-for-tat": TitForTat,
    "hardliner": Hardliner,
    "random": RandomOffers,
    "pareto": ParetoSeeker,
}
"""Strategies by the names the command line uses (``--strategy USA=boulware``)."""


class StrategyError(RedlineError):
    """An unknown strategy name."""


def strategy(name: str) -> Strategy:
    """The strategy of a command-line name, with its default parameters."""
    try:
        return REGISTRY[name.strip().lower()]()
    except KeyError:
        raise StrategyError(f"unknown strategy {name!r}. Fix: use one of "
                            + ", ".join(REGISTRY)) from None


__all__ = [
    "REGISTRY",
    "Boulware",
    "Conceder",
    "Hardliner",
    "Ladder",
    "Linear",
    "Moment",
    "ParetoSeeker",
    "PartyView",
    "RandomOffers",
    "State",
    "Strategy",
    "StrategyError",
    "SubgamePerfect",
    "TimeBasedConcession",
    "TitForTat",
    "strategy",
]
