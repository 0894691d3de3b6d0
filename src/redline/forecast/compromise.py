"""The compromise model: the capability x salience weighted mean (and weighted median).

Reference: van den Bos (1991), Achen (2006, in Thomson et al., *The European Union Decides*):
the weighted mean of positions, with each actor weighted by capability times salience, is the
Nash bargaining solution under quadratic losses and is the benchmark that the literature finds
hard to beat on DEU data.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

from redline.forecast.result import Forecast
from redline.forecast.space import ForecastInputError, IssueSpace
from redline.limits import TOLERANCE

Weighting = Literal["capability*salience", "salience", "capability", "equal"]
WEIGHTINGS: tuple[str, ...] = ("capability*salience", "salience", "capability", "equal")


def actor_weights(space: IssueSpace, weighting: str = "capability*salience") -> NDArray[np.float64]:
    """(actors x issues) weights, 0 where the actor has no position on the issue."""
    if weighting not in WEIGHTINGS:
        raise ForecastInputError(f"compromise: weighting must be one of {WEIGHTINGS}, got "
                                 f"{weighting!r}. Fix: use one of those")
    present = ~np.isnan(space.positions)
    cap = space.capabilities[:, None] if "capability" in weighting else 1.0
    sal = np.nan_to_num(space.saliences, nan=0.0) if "salience" in weighting else 1.0
    weights = np.broadcast_to(cap * sal, space.positions.shape) * present
    return np.asarray(weights, dtype=float)


def weighted_mean(positions: NDArray[np.float64], weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """Column-wise weighted mean over actors; the plain mean where all weights are 0."""
    pos = np.nan_to_num(positions, nan=0.0)
    present = ~np.isnan(positions)
    total = weights.sum(axis=0)
    count = present.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (weights * pos).sum(axis=0) / total
        plain = (pos * present).sum(axis=0) / count
    return np.asarray(np.where(total > 0, mean, plain))


def weighted_median(positions: NDArray[np.float64],
                    weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """Column-wise weighted median over actors (midpoint where the half-weight falls on a tie).

    The median is the position where the cumulative weight, positions sorted, first reaches half
    the total; if it reaches exactly half at a position, the midpoint to the next one is taken.
    Where all weights are 0 the plain median of the positions is returned.
    """
    present = ~np.isnan(positions)
    w = np.where(present, weights, 0.0)
    w = np.where(w.sum(axis=0) > 0, w, present.astype(float))
    key = np.where(present, positions, np.inf)
    order = np.argsort(key, axis=0, kind="stable")
    xs = np.take_along_axis(key, order, axis=0)
    ws = np.take_along_axis(w, order, axis=0)
    cum = np.cumsum(ws, axis=0)
    half = cum[-1] / 2.0
    tol = TOLERANCE * np.maximum(cum[-1], 1.0)
    first = np.argmax(cum >= half - tol, axis=0)
    cols = np.arange(positions.shape[1])
    lower = xs[first, cols]
    exact = np.abs(cum[first, cols] - half) <= tol
    # the next position that carries weight (zero-weight actors do not move the median)
    upper = lower.copy()
    for k in np.nonzero(exact)[0]:
        later = np.nonzero(ws[first[k] + 1:, k] > 0)[0]
        upper[k] = xs[first[k] + 1 + later[0], k] if later.size else lower[k]
    result = np.where(exact, (lower + upper) / 2.0, lower)
    return np.where(present.any(axis=0), result, np.nan)


def compromise(space: IssueSpace, *, statistic: Literal["mean", "median"] = "mean",
               weighting: Weighting = "capability*salience") -> Forecast:
    """The capability x salience weighted mean (``statistic="mean"``) or median of positions."""
    if statistic not in ("mean", "median"):
        raise ForecastInputError(f"compromise: statistic must be 'mean' or 'median', got "
                                 f"{statistic!r}. Fix: use one of those")
    weights = actor_weights(space, weighting)
    mean = weighted_mean(space.positions, weights)
    median = weighted_median(space.positions, weights)
    outcome = mean if statistic == "mean" else median
    return Forecast(
        method="compromise",
        parameters={"statistic": statistic, "weighting": weighting},
        actors=space.actors, issues=space.issues, outcome=outcome,
        trajectory=outcome[None, :],
        details={"weighted_mean": mean, "weighted_median": median},
    )
