"""Negotiation strategies, one family a module, and the registry of their command-line names."""

from __future__ import annotations

from dataclasses import fields

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
from redline.negotiate.strategies.reciprocity import (
    AbsoluteTitForTat,
    NiceTitForTat,
    RelativeTitForTat,
    TitForTat,
)
from redline.negotiate.strategies.subgame import SubgamePerfect

REGISTRY: dict[str, type[Strategy]] = {
    "boulware": Boulware,
    "linear": Linear,
    "conceder": Conceder,
    "tit-for-tat": TitForTat,
    "absolute-tit-for-tat": AbsoluteTitForTat,
    "relative-tit-for-tat": RelativeTitForTat,
    "nice-tit-for-tat": NiceTitForTat,
    "hardliner": Hardliner,
    "random": RandomOffers,
    "pareto": ParetoSeeker,
}
"""Strategies by the names the command line uses (``--strategy USA=boulware``)."""


class StrategyError(RedlineError):
    """An unknown strategy name."""


def strategy(spec: str) -> Strategy:
    """The strategy of a command-line spec: a name, optionally with parameters, as in
    ``boulware``, ``linear:exponent=2`` or ``random:acceptance=0.2``."""
    name, _, settings = spec.partition(":")
    key = name.strip().lower()
    if key not in REGISTRY:
        raise StrategyError(f"unknown strategy {name.strip()!r}. Fix: use one of "
                            + ", ".join(REGISTRY))
    kind = REGISTRY[key]
    defaults = {f.name: f.default for f in fields(kind)}  # type: ignore[arg-type]
    known = set(defaults)
    parameters: dict[str, float | str] = {}
    for item in filter(None, (part.strip() for part in settings.split(","))):
        field_name, sep, text = item.partition("=")
        field_name = field_name.strip()
        if not sep or field_name not in known:
            raise StrategyError(f"strategy {spec!r}: {item!r} is not a parameter of {key}. "
                                "Fix: use NAME:PARAMETER=NUMBER with a parameter among "
                                + ", ".join(sorted(known)))
        if isinstance(defaults[field_name], str):  # a named setting, e.g. clock=negmas
            parameters[field_name] = text.strip()
            continue
        try:
            parameters[field_name] = float(text)
        except ValueError:
            raise StrategyError(f"strategy {spec!r}: {text.strip()!r} is not a number. "
                                f"Fix: give {field_name} a number, e.g. {field_name}=2") from None
    try:
        return kind(**parameters)
    except ValueError as exc:
        raise StrategyError(f"strategy {spec!r}: {exc}. Fix: change the parameter") from None


__all__ = [
    "REGISTRY",
    "AbsoluteTitForTat",
    "Boulware",
    "Conceder",
    "Hardliner",
    "Ladder",
    "Linear",
    "Moment",
    "NiceTitForTat",
    "ParetoSeeker",
    "PartyView",
    "RandomOffers",
    "RelativeTitForTat",
    "State",
    "Strategy",
    "StrategyError",
    "SubgamePerfect",
    "TimeBasedConcession",
    "TitForTat",
    "strategy",
]
