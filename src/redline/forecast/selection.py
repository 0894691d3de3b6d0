"""Honest model selection on DEU: choose on a tuning part, report on a held-aside part."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from redline.forecast.backtest import Comparison, backtest, compare, split_by_group
from redline.forecast.space import IssueSpace

Candidate = tuple[str, Mapping[str, Any]]

CANDIDATES: tuple[Candidate, ...] = (
    ("compromise", {}),
    ("compromise", {"weighting": "salience"}),
    ("compromise", {"weighting": "capability"}),
    ("weighted-median", {}),
    ("nash", {"utility": "linear"}),
    ("nash", {"utility": "quadratic"}),
    ("nash", {"utility": "linear", "disagreement": "status_quo"}),
    ("bdm", {}),
    ("bdm", {"offer_choice": "scholz", "median_tie": "lower"}),
    ("exchange", {"rounds": 1}),
    ("exchange", {"rounds": 3}),
    ("smp", {}),
)
"""The configurations tried: every model, and the variants that the literature discusses."""


@dataclass(frozen=True)
class Selection:
    """The configuration with the lowest MAE on the tuning issues, and how it fares on the
    held-aside issues against the compromise model (paired bootstrap)."""

    seed: int
    fraction: float
    tuning_mae: Mapping[str, float]
    chosen: str
    chosen_parameters: Mapping[str, Any]
    held_aside: Comparison

    def to_dict(self) -> dict[str, Any]:
        """The selection as JSON: tuning-split MAE of every candidate, the one chosen with its
        parameters, and its backtest on the held-aside part."""
        return {"method": "select-on-tuning-split", "seed": self.seed, "fraction": self.fraction,
                "tuning_mae": dict(self.tuning_mae), "chosen": self.chosen,
                "chosen_parameters": dict(self.chosen_parameters),
                "held_aside": self.held_aside.to_dict()}


def label(model: str, parameters: Mapping[str, Any]) -> str:
    """A candidate's name with its parameters, e.g. ``exchange(rounds=3)``; the bare model name
    when it has none."""
    args = ",".join(f"{k}={v}" for k, v in sorted(parameters.items()))
    return f"{model}({args})" if args else model


def select_on_split(space: IssueSpace, candidates: Sequence[Candidate] = CANDIDATES, *,
                    fraction: float = 0.6, seed: int = 0) -> Selection:
    """Pick the best candidate on ``fraction`` of the proposals; test it on the rest."""
    tune, held = split_by_group(space, fraction, seed)
    tuning = space.subset(tune)
    scores = {label(m, p): backtest(tuning, m, **p).mae for m, p in candidates}
    best = min(scores, key=lambda k: scores[k])
    model, params = next((m, p) for m, p in candidates if label(m, p) == best)
    aside = space.subset(held)
    results = [backtest(aside, "compromise")]
    if best != "compromise":
        chosen = backtest(aside, model, **params)
        results.append(type(chosen)(best, chosen.parameters, chosen.ids, chosen.predicted,
                                    chosen.outcome))
    return Selection(seed, fraction, MappingProxyType(scores), best,
                     MappingProxyType(dict(params)), compare(results, seed=seed))
