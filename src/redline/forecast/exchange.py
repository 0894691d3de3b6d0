"""Stokman's exchange model of collective decision making, with equal-gain exchanges.

References: Stokman & Van Oosten (1994), "The exchange of voting positions: an object-oriented
model of policy networks", in Bueno de Mesquita & Stokman (eds.), *European Community Decision
Making*; Stokman & Van der Knoop's equal-gain variant, as used by Arregui, Stokman & Thomson
(2006, in *The European Union Decides*).

The expected outcome of an issue is the compromise (capability x salience weighted mean). Two
actors i and j can trade on a pair of issues p, q when they sit on opposite sides of the
expected outcome on both and value them differently (``s_ip s_jq > s_iq s_jp``): j moves toward
i on p (which i cares about more), i moves toward j on q. Utilities are salience-weighted
distances to the expected outcome, so a move shifts the outcome and each side's gain is
``salience x outcome shift``. The equal-gain rule fixes the ratio of the two outcome shifts so
that both gain the same; the size is the largest the constraints allow: nobody moves past the
other's position and no outcome moves past the position of the actor it favours. Each round
takes the exchanges in decreasing order of gain, an actor trading on an issue at most once
per round, applies them together, and recomputes the expected outcomes; rounds go on until no
exchange gains more than ``tolerance`` or ``rounds`` is reached. The default is one round, as
in the published model (all exchanges found on the initial expected outcomes, realised once);
more rounds let actors trade again from their new positions. Only issues of the same group
trade (DEU: issues of one proposal).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from redline.forecast.compromise import actor_weights, weighted_mean
from redline.forecast.result import Forecast
from redline.forecast.space import ForecastInputError, IssueSpace

Candidates = tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64], NDArray[np.float64],
                   NDArray[np.float64]]


def _candidates(x: NDArray[np.float64], s: NDArray[np.float64], c: NDArray[np.float64],
                present: NDArray[np.bool_], outcome: NDArray[np.float64],
                total: NDArray[np.float64], p: int, q: int) -> Candidates:
    """All equal-gain exchanges where j gives on p and i gives on q: (i, j, gain, a, b)."""
    xp, xq, sp, sq = x[:, p], x[:, q], s[:, p], s[:, q]
    side_p = np.sign(xp - outcome[p])
    side_q = np.sign(xq - outcome[q])
    both = present[:, p][:, None] & present[:, q][:, None] & present[:, p][None] & present[:, q][None]
    opposite = (side_p[:, None] * side_p[None] < 0) & (side_q[:, None] * side_q[None] < 0)
    edge = sp[:, None] * sq[None] - sq[:, None] * sp[None]  # s_ip s_jq - s_iq s_jp
    ok = both & opposite & (edge > 0)
    i, j = np.nonzero(ok)
    if i.size == 0:
        return (i, j, np.empty(0), np.empty(0), np.empty(0))
    ratio = (sp[i] + sp[j]) / (sq[i] + sq[j])  # b = a * ratio
    a_cap = np.minimum.reduce([
        np.abs(xp[i] - xp[j]) * c[j] * sp[j] / total[p],   # j moves at most to i on p
        np.abs(xp[i] - outcome[p]),                       # outcome p stops at i
        np.abs(xq[i] - xq[j]) * c[i] * sq[i] / total[q] / ratio,  # i moves at most to j on q
        np.abs(xq[j] - outcome[q]) / ratio,               # outcome q stops at j
    ])
    gain = np.asarray(a_cap * edge[i, j] / (sq[i] + sq[j]), dtype=float)
    return i, j, gain, np.asarray(a_cap, dtype=float), np.asarray(a_cap * ratio, dtype=float)


def exchange(space: IssueSpace, *, rounds: int = 1, tolerance: float = 1e-6) -> Forecast:
    """Run equal-gain exchange rounds; the forecast is the compromise of the final positions."""
    if rounds < 0:
        raise ForecastInputError("exchange: rounds must be >= 0. Fix: e.g. --set rounds=1")
    present = space.present
    x = np.where(present, space.positions, np.nan)
    s = np.nan_to_num(space.saliences, nan=0.0)
    c = space.capabilities
    m = space.n_issues
    groups = space.issue_groups
    pairs = [(p, q) for p in range(m) for q in range(m) if p != q and groups[p] == groups[q]]
    weights = actor_weights(space)
    total = weights.sum(axis=0)
    trajectory = [weighted_mean(x, weights)]
    positions = [x.copy()]
    made: list[int] = []
    converged = False
    xs = np.nan_to_num(x, nan=0.0)
    for _ in range(rounds):
        outcome = trajectory[-1]
        rows: list[tuple[float, int, int, float, float, int, int]] = []
        for p, q in pairs:
            ii, jj, gains, shifts_p, shifts_q = _candidates(xs, s, c, present, outcome, total, p, q)
            rows.extend((float(g), int(i), int(j), float(a), float(b), p, q)
                        for i, j, g, a, b in zip(ii, jj, gains, shifts_p, shifts_q, strict=True)
                        if g > tolerance)
        rows.sort(key=lambda r: -r[0])
        busy: set[tuple[int, int]] = set()
        count = 0
        new = xs.copy()
        for _gain, i, j, a, b, p, q in rows:
            slots = {(i, p), (i, q), (j, p), (j, q)}
            if busy & slots:
                continue
            busy |= slots
            new[j, p] += np.sign(xs[i, p] - xs[j, p]) * a * total[p] / (c[j] * s[j, p])
            new[i, q] += np.sign(xs[j, q] - xs[i, q]) * b * total[q] / (c[i] * s[i, q])
            count += 1
        made.append(count)
        if count == 0:
            converged = True
            break
        xs = new
        x = np.where(present, xs, np.nan)
        positions.append(x.copy())
        trajectory.append(weighted_mean(x, weights))
    return Forecast(
        method="exchange", parameters={"rounds": rounds, "tolerance": tolerance},
        actors=space.actors, issues=space.issues, outcome=trajectory[-1],
        trajectory=np.array(trajectory), positions=np.array(positions), converged=converged,
        details={"exchanges_per_round": made},
    )
