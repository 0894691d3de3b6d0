"""Backtests of forecasting models against observed outcomes (DEU III), with bootstrap
intervals and paired comparisons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.forecast.models import forecast
from redline.forecast.space import ForecastInputError, IssueSpace


@dataclass(frozen=True)
class Backtest:
    """One model's predictions against the outcomes and its mean absolute error."""

    model: str
    parameters: Mapping[str, Any]
    ids: tuple[str, ...]
    predicted: NDArray[np.float64]
    outcome: NDArray[np.float64]

    def __post_init__(self) -> None:
        for name in ("predicted", "outcome"):
            array = np.array(getattr(self, name), dtype=float)
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    @property
    def errors(self) -> NDArray[np.float64]:
        """Absolute error of each prediction, |predicted - outcome|."""
        return np.asarray(np.abs(self.predicted - self.outcome))

    @property
    def n(self) -> int:
        """How many issues were predicted."""
        return len(self.ids)

    @property
    def mae(self) -> float:
        """Mean absolute error over the issues."""
        return float(self.errors.mean())

    def to_dict(self) -> dict[str, Any]:
        """The backtest as JSON: model, n, MAE and every prediction beside its outcome."""
        return {"model": self.model, "n": self.n, "mae": self.mae,
                "predictions": [{"id": i, "predicted": float(p), "outcome": float(o)}
                                for i, p, o in zip(self.ids, self.predicted, self.outcome,
                                                   strict=True)]}


def backtest(space: IssueSpace, model: str = "compromise", **parameters: Any) -> Backtest:
    """Forecast every issue of ``space`` with ``model`` and compare with ``space.outcome``."""
    known = ~np.isnan(space.outcome)
    if not known.any():
        raise ForecastInputError(f"{space.source}: no issue has an observed outcome to "
                                 "backtest against")
    result = forecast(space.subset(np.flatnonzero(known)), model, **parameters)
    if np.isnan(result.outcome).any():
        raise AssertionError(f"model {model} gave no forecast for some issue")  # our bug
    return Backtest(model, parameters, result.issues, result.outcome,
                    space.outcome[known])


@dataclass(frozen=True)
class Interval:
    """An estimate with its bootstrap interval (low, high)."""
    estimate: float
    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        """The interval as JSON: estimate, low, high."""
        return {"estimate": self.estimate, "low": self.low, "high": self.high}


def bootstrap_mean(values: NDArray[np.float64], rng: np.random.Generator,
                   resamples: int = 2000, level: float = 0.95) -> Interval:
    """Percentile bootstrap interval of the mean of ``values`` (issues resampled)."""
    values = np.asarray(values, dtype=float)
    draws = rng.integers(0, values.size, size=(resamples, values.size))
    means = values[draws].mean(axis=1)
    tail = (1 - level) / 2
    return Interval(float(values.mean()), float(np.quantile(means, tail)),
                    float(np.quantile(means, 1 - tail)))


@dataclass(frozen=True)
class Comparison:
    """MAE of each model with its interval, and each model minus the reference, paired."""

    reference: str
    seed: int
    resamples: int
    n: int
    mae: Mapping[str, Interval]
    difference: Mapping[str, Interval]
    wins: Mapping[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON: per model its MAE interval, its paired difference from the
        reference and the share of issues where it beats the reference."""
        return {"reference": self.reference, "seed": self.seed, "resamples": self.resamples,
                "n": self.n,
                "models": {m: {"mae": self.mae[m].to_dict(),
                               "minus_reference": self.difference[m].to_dict(),
                               "share_better": self.wins[m]} for m in self.mae}}


def compare(results: Sequence[Backtest], *, reference: str = "compromise", seed: int = 0,
            resamples: int = 2000) -> Comparison:
    """Bootstrap MAE intervals and paired differences against ``reference`` (same resamples
    of issues for every model, so the differences are paired)."""
    by_model = {r.model: r for r in results}
    if reference not in by_model:
        raise ForecastInputError(f"the comparison needs the reference model {reference!r}")
    base = by_model[reference]
    n = base.n
    if any(r.ids != base.ids for r in results):
        raise AssertionError("backtests to compare must cover the same issues")  # our bug
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(resamples, n))

    def interval(values: NDArray[np.float64]) -> Interval:
        means = values[draws].mean(axis=1)
        return Interval(float(values.mean()), float(np.quantile(means, 0.025)),
                        float(np.quantile(means, 0.975)))

    mae = {m: interval(r.errors) for m, r in by_model.items()}
    diff = {m: interval(r.errors - base.errors) for m, r in by_model.items()}
    wins = {m: float(np.mean(r.errors < base.errors - 1e-9)) for m, r in by_model.items()}
    return Comparison(reference, seed, resamples, n, mae, diff, wins)


def split_by_group(space: IssueSpace, fraction: float, seed: int) -> tuple[NDArray[np.int64],
                                                                           NDArray[np.int64]]:
    """Issue indices of a (tuning, held-aside) split that keeps each group (DEU proposal)
    whole, drawn with ``seed``; about ``fraction`` of the groups go to tuning."""
    groups = np.array(space.issue_groups)
    names = np.unique(groups)
    rng = np.random.default_rng(seed)
    chosen = set(rng.permutation(names)[: int(round(fraction * names.size))])
    tune = np.array([g in chosen for g in groups])
    return np.flatnonzero(tune), np.flatnonzero(~tune)
