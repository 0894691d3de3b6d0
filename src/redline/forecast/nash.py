"""Weighted (asymmetric) Nash bargaining over the actors, issue by issue, for comparison.

On each issue the forecast maximises ``sum_i w_i log(u_i(x) - d_i)`` over a fine grid of the
0–100 scale, with weight ``w_i = capability x salience`` (Kalai 1977's asymmetric Nash
solution; Achen 2006 derives the compromise model as its quadratic-loss special case).
``u_i(x) = 1 - |x - p_i| / 100`` (``utility="linear"``) or ``1 - ((x - p_i) / 100)^2``
(``"quadratic"``). The disagreement point ``d_i`` is the actor's utility of the worst end of the
scale (``disagreement="worst"``), or of the status quo where the issue has one
(``"status_quo"``; then only outcomes every actor weakly prefers to the status quo are
feasible, and the status quo itself is the answer when nothing else is).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

from redline.forecast.compromise import actor_weights
from redline.forecast.result import Forecast
from redline.forecast.space import SCALE, ForecastInputError, IssueSpace
from redline.limits import TOLERANCE


def _utility(grid: NDArray[np.float64], pos: NDArray[np.float64], kind: str) -> NDArray[np.float64]:
    gap = np.abs(grid[:, None, None] - pos[None, :, :]) / SCALE  # grid x actors x issues
    return np.asarray(1 - gap if kind == "linear" else 1 - gap**2)


def nash_bargaining(space: IssueSpace, *, utility: Literal["linear", "quadratic"] = "linear",
                    disagreement: Literal["worst", "status_quo"] = "worst",
                    resolution: float = 0.1) -> Forecast:
    """The weighted Nash bargaining outcome on each issue (grid step ``resolution``)."""
    if utility not in ("linear", "quadratic") or disagreement not in ("worst", "status_quo"):
        raise ForecastInputError("nash: utility is 'linear' or 'quadratic'; disagreement "
                                 "'worst' or 'status_quo'. Fix: use one of those")
    grid = np.linspace(0.0, SCALE, int(round(SCALE / resolution)) + 1)
    weights = actor_weights(space)
    # an issue on which nobody has weight (all saliences 0): every actor present counts equally
    weights = np.where(weights.sum(axis=0) > 0, weights, ~np.isnan(space.positions) * 1.0)
    pos = np.nan_to_num(space.positions, nan=0.0)
    u = _utility(grid, pos, utility)
    ends = _utility(np.array([0.0, SCALE]), pos, utility)
    d = ends.min(axis=0)[None]
    if disagreement == "status_quo":
        sq = space.status_quo
        d_sq = _utility(np.nan_to_num(sq), pos, utility)  # (issues as grid) x actors x issues
        d_sq = np.einsum("kik->ik", d_sq)[None]
        d = np.where(np.isnan(sq)[None, None, :], d, d_sq)
    surplus = u - d
    active = weights > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(active[None], weights[None] * np.log(np.clip(surplus, 0, None)), 0.0)
    infeasible = (active[None] & (surplus < -TOLERANCE)).any(axis=1)
    score = np.where(infeasible, -np.inf, terms.sum(axis=1))
    best = grid[np.argmax(score, axis=0)]
    fallback = np.where(np.isnan(space.status_quo), np.nan, space.status_quo)
    nothing = ~np.isfinite(score.max(axis=0))
    outcome = np.where(nothing, fallback, best)
    outcome = np.where(active.any(axis=0), outcome, np.nan)
    return Forecast(
        method="nash", parameters={"utility": utility, "disagreement": disagreement,
                                   "resolution": resolution},
        actors=space.actors, issues=space.issues, outcome=outcome, trajectory=outcome[None],
    )
