"""KTAB's spatial model run on many independent issues at once (DEU: one issue at a time).

Issues with the same number of actors are stacked along a leading axis and every step of a
turn of :mod:`redline.forecast.smp` is applied to the whole stack: values, the risk election,
each actor's estimates of every challenge (the O(n³) part), the bargains and the utility of
the state after each bargain. Only each actor's final choice among its bargains stays a loop,
because the number of options differs from actor to actor. An issue leaves the stack when it
stops (its own stopping rule, as in :func:`~redline.forecast.smp.smp`). The O(n³) step runs
on blocks of issues small enough for their arrays to stay in the processor's cache (``CHUNK``
elements): on DEU that alone takes a third off the time.

The arithmetic is the same operations in the same order as the one-issue code (element-wise
work, and sums along the same contiguous last axis), so the results are identical to running
:func:`~redline.forecast.smp.smp` issue by issue, bit for bit; ``tests/forecast/test_smp.py``
holds that. The per-state winning chances that :func:`smp` reports are not computed here: the
per-issue forecast does not use them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from redline.forecast.compromise import actor_weights, weighted_mean
from redline.forecast.smp import (
    MIN_COALITION,
    MIN_GAIN,
    Array,
    _interpolate,
    condorcet_probabilities,
    risk_attitudes,
)
from redline.forecast.space import SCALE, ForecastInputError, IssueSpace

CHUNK = 1 << 14
"""About how many (pair x third party) elements a block of issues holds in the O(n³) step."""


@dataclass(frozen=True)
class IssueRun:
    """One issue's run: the capability x salience weighted mean after each turn."""

    trajectory: NDArray[np.float64]
    converged: bool


def _stacked_distance(a: Array, b: Array, s: Array) -> Array:
    """Salience-weighted distances; a, b (..., n, m, d) with actor i's saliences s[:, i]."""
    s2 = s**2
    total = s2.sum(axis=-1)
    norm = np.where(total > 0, total, 1.0)
    return np.asarray(np.sqrt(((a - b) ** 2 * s2[:, :, None, :]).sum(axis=-1)
                              / norm[:, :, None]))


def _stacked_challenges(est: Array, strength: Array, total: Array, i: NDArray[np.int64],
                        j: NDArray[np.int64]) -> tuple[Array, Array]:
    """:func:`redline.forecast.smp.challenges` with h = k = i, for a stack of issues.

    The same operations on the same operands. The pairs (i, j) are laid out as i x (n - 1)
    so that what depends only on i and the third party (u(x_i), u(own position)) is
    broadcast rather than repeated, and repeated subexpressions are computed once.
    """
    b, n = strength.shape
    by_target = est.transpose(0, 1, 3, 2).reshape(b, n * n, n)  # [z, h*n + m, actor]
    unj = np.take(by_target, i * n + j, axis=1).reshape(b, n, n - 1, n)
    uni = np.diagonal(est, axis1=1, axis2=3).transpose(0, 2, 1)[:, :, None, :]
    unn = np.diagonal(est, axis1=2, axis2=3)[:, :, None, :]
    uii, uij = est[:, i, i, i], est[:, i, i, j]
    uji, ujj = est[:, i, j, i], est[:, i, j, j]
    own_i = strength[:, i] * (uii - uij)
    own_j = strength[:, j] * (uji - ujj)
    for_i = MIN_COALITION + np.maximum(own_i, 0) + np.maximum(own_j, 0)
    for_j = MIN_COALITION + np.maximum(-own_i, 0) + np.maximum(-own_j, 0)
    weight = strength[:, None, None, :]
    lean = weight * (uni - unj)
    with_i = np.maximum(lean, 0)
    with_i += for_i.reshape(b, n, n - 1, 1)
    with_j = np.subtract(for_j.reshape(b, n, n - 1, 1), np.minimum(lean, 0, out=lean),
                         out=lean)  # for_j + max(-lean, 0), exactly
    p_in = with_i / (with_i + with_j)
    p_out = np.subtract(1, p_in, out=with_j)
    u_i_side = p_in * (2 * uni + unn)
    u_i_side += (p_out * 3) * unj
    u_j_side = (p_in * 3) * uni
    u_j_side += p_out * (2 * unj + unn)
    u_i_side -= u_j_side
    vote = np.multiply(weight, u_i_side, out=u_i_side).reshape(b, i.size, n)
    pairs = np.arange(i.size)
    vote[:, pairs, i] = 0.0  # the principals do not vote as third parties
    vote[:, pairs, j] = 0.0
    c_i = for_i + np.maximum(vote, 0, out=with_i.reshape(b, i.size, n)).sum(axis=-1)
    c_j = for_j - np.minimum(vote, 0, out=vote).sum(axis=-1)  # sum(max(-vote, 0)), exactly
    p = c_i / (c_i + c_j)
    sj = total[:, j]
    gain = (1 - sj) * 2 * uii + sj * (p * 2 * uii + (1 - p) * 2 * uij) - (uii + uij)
    return p, gain


def _stacked_turn(x: Array, s: Array, c: Array,
                  rngs: Sequence[np.random.Generator | None]) -> Array:
    """One turn on a stack of issues (x, s: issue x actor x dimension; c: issue x actor)."""
    b, n, _ = x.shape
    v = 1.0 - _stacked_distance(x[:, :, None, :], x[:, None, :, :], s)
    r = np.array([risk_attitudes(v[z], c[z]) for z in range(b)])
    guess = (2 * r[:, :, None] + r[:, None, :]) / 3
    est = v[:, None] * (1 + guess[:, :, :, None] * (1 - v)[:, None])
    total = s.sum(axis=-1)
    strength = c * total
    ii, jj = np.nonzero(~np.eye(n, dtype=bool))
    step = max(1, CHUNK // n**3)  # issues per block: the block's arrays stay in cache
    blocks = [_stacked_challenges(est[lo:lo + step], strength[lo:lo + step],
                                  total[lo:lo + step], ii, jj) for lo in range(0, b, step)]
    prob = np.concatenate([block[0] for block in blocks])
    gain = np.concatenate([block[1] for block in blocks])
    gain = np.where(gain > MIN_GAIN, gain, -np.inf).reshape(b, n, n - 1)
    best = np.argmax(gain, axis=-1)
    valid = np.isfinite(np.take_along_axis(gain, best[:, :, None], axis=-1)[:, :, 0])
    issue, init = np.nonzero(valid)  # one row per deal, by issue then initiator
    new = x.copy()
    if issue.size == 0:
        return new
    pick = best[issue, init]
    rcvr = jj.reshape(n, n - 1)[init, pick]
    p_win = prob.reshape(b, n, n - 1)[issue, init, pick]
    at_i, at_j = _interpolate(x[issue, init], s[issue, init], p_win, x[issue, rcvr],
                              s[issue, rcvr], 1 - p_win)
    own = est[:, np.arange(n), np.arange(n)]  # own[z, a, m] = u_a(x_m) on issue z
    base = own.sum(axis=-1)
    xs, ss = x[issue], s[issue]
    moved = (_utility(1.0 - _stacked_distance(xs[:, :, None, :], at_i[:, None, None, :], ss),
                      r[issue])
             + _utility(1.0 - _stacked_distance(xs[:, :, None, :], at_j[:, None, None, :],
                                                ss), r[issue]))
    after = (base[issue] - own[issue, :, init] - own[issue, :, rcvr] + moved) / n
    starts = np.searchsorted(issue, np.arange(b + 1))
    for z in range(b):
        lo, hi = starts[z], starts[z + 1]
        if lo == hi:
            continue
        _resolve(new[z], c[z], base[z] / n, after[lo:hi], init[lo:hi], rcvr[lo:hi],
                 at_i[lo:hi], at_j[lo:hi], rngs[z])
    return new


def _utility(v: Array, r: Array) -> Array:
    """Risk-aware utility of deal x actor values (v: deals x actors x 1) with attitudes r."""
    return np.asarray((v * (1 + r[:, :, None] * (1 - v)))[:, :, 0])


def _resolve(new: Array, c: Array, stay: Array, after: Array, init: NDArray[np.int64],
             rcvr: NDArray[np.int64], at_i: Array, at_j: Array,
             rng: np.random.Generator | None) -> None:
    """Each actor's election between staying and its bargains (step 5), into ``new``.

    An actor in one bargain has a two-option election, in closed form (the same for both
    dealers of a bargain, so computed once per bargain); otherwise the full election.
    """
    part: dict[int, list[int]] = {}
    for d, (a, b) in enumerate(zip(init.tolist(), rcvr.tolist(), strict=True)):
        part.setdefault(a, []).append(d)
        part.setdefault(b, []).append(d)
    gap = after - stay
    pros, cons = np.maximum(gap, 0), np.maximum(-gap, 0)
    pair: dict[int, tuple[float, float]] = {}
    for k in sorted(part):
        deals = part[k]
        if len(deals) == 1:
            d = deals[0]
            if d not in pair:
                pair[d] = (c @ pros[d], c @ cons[d])
            pro, con = pair[d]
            if rng is None:
                total = pro + con
                pick = int(pro / total > con / total) if total > 0 else 0
            else:
                chance = (np.array([con, pro]) / (pro + con) if pro + con > 0
                          else np.full(2, 0.5))
                pick = int(rng.choice(2, p=chance))
        else:
            chance = condorcet_probabilities(np.column_stack([stay, after[deals].T]), c)
            pick = int(np.argmax(chance)) if rng is None else int(rng.choice(chance.size,
                                                                              p=chance))
        if pick:
            d = deals[pick - 1]
            new[k] = at_i[d] if init[d] == k else at_j[d]


def smp_issues(spaces: Sequence[IssueSpace], *, max_turns: int = 100,
               stop_fraction: float = 0.02, stochastic: bool = False,
               seed: int = 0) -> list[IssueRun]:
    """Run :func:`~redline.forecast.smp.smp` on each complete space, stacking equal sizes.

    Each space is run as if alone (its own stopping rule; with ``stochastic``, its own
    generator seeded with ``seed``, as :func:`smp` would), and its trajectory is the
    capability x salience weighted mean after each turn.
    """
    if max_turns < 1 or not 0 < stop_fraction < 1:
        raise ForecastInputError("smp: max_turns must be >= 1 and 0 < stop_fraction < 1. "
                                 "Fix: e.g. --set max_turns=100 --set stop_fraction=0.02")
    if not all(np.all(space.present) for space in spaces):
        raise ValueError("smp_issues needs complete spaces (every position and salience)")
    runs: list[IssueRun | None] = [None] * len(spaces)
    shapes = sorted({space.positions.shape for space in spaces})
    for shape in shapes:
        members = [z for z, space in enumerate(spaces) if space.positions.shape == shape]
        x = np.stack([spaces[z].positions / SCALE for z in members])
        s = np.stack([spaces[z].saliences for z in members])
        c = np.stack([spaces[z].capabilities for z in members])
        rngs = [np.random.default_rng(seed) if stochastic else None for _ in members]
        history = [[x[z].copy()] for z in range(len(members))]
        first = np.full(len(members), np.nan)
        done = np.zeros(len(members), dtype=bool)
        active = np.arange(len(members))
        for _ in range(max_turns if shape[0] >= 2 else 1):
            new = (_stacked_turn(x[active], s[active], c[active], [rngs[m] for m in active.tolist()])
                   if shape[0] >= 2 else x[active].copy())
            moved = np.linalg.norm(new - x[active], axis=2).sum(axis=1)
            x[active] = new
            for row, m in enumerate(active.tolist()):
                history[m].append(new[row].copy())
            first[active] = np.where(np.isnan(first[active]), moved, first[active])
            stop = (first[active] == 0) | (moved <= stop_fraction * first[active])
            done[active[stop]] = True
            active = active[~stop]
            if active.size == 0:
                break
        for row, z in enumerate(members):
            weights = actor_weights(spaces[z])
            trajectory = np.array([weighted_mean(pos * SCALE, weights)
                                   for pos in history[row]])
            runs[z] = IssueRun(trajectory, bool(done[row]))
    return [run for run in runs if run is not None]
