"""Pareto frontiers of finite sets of utility vectors, exact, ties kept.

A point is on the frontier when no other point is at least as good for every party and better
for one. Points with equal utility vectors do not dominate each other: all of them are kept.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def pareto_mask(utilities: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Which rows of `utilities` (points x parties) are Pareto-optimal."""
    points, parties = utilities.shape
    if points == 0:
        return np.zeros(0, dtype=bool)
    if parties == 1:
        return utilities[:, 0] == utilities[:, 0].max()
    if parties == 2:
        return _two_party(utilities)
    return _skyline(utilities)


def _two_party(u: NDArray[np.float64]) -> NDArray[np.bool_]:
    """One sort and a running maximum: O(N log N)."""
    x, y = u[:, 0], u[:, 1]
    order = np.lexsort((-y, -x))  # x descending, then y descending
    xs, ys = x[order], y[order]
    # The first row of each group of equal x holds the group's largest y.
    first = np.ones(len(xs), dtype=bool)
    first[1:] = xs[1:] != xs[:-1]
    group = np.cumsum(first) - 1
    group_max = ys[first]
    # Best y among all points with strictly larger x, per group.
    before = np.concatenate(([-np.inf], np.maximum.accumulate(group_max)[:-1]))
    keep_group = group_max > before
    keep_sorted = keep_group[group] & (ys == group_max[group])
    mask = np.empty(len(xs), dtype=bool)
    mask[order] = keep_sorted
    return mask


def _skyline(u: NDArray[np.float64], block: int = 512) -> NDArray[np.bool_]:
    """Sort-filter skyline over distinct vectors, in blocks compared with numpy."""
    unique, inverse = np.unique(u, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    # A vector can only be dominated by one with a larger sum: visit in decreasing sum.
    order = np.argsort(-unique.sum(axis=1), kind="stable")
    candidates = unique[order]
    skyline = np.empty((0, u.shape[1]))
    kept: list[NDArray[np.int64]] = []
    for start in range(0, len(candidates), block):
        chunk = candidates[start:start + block]
        alive = np.ones(len(chunk), dtype=bool)
        if len(skyline):
            alive &= ~_dominated_by(chunk, skyline)
        # Within the chunk, earlier (larger-sum) distinct points may dominate later ones.
        inner = _dominance_matrix(chunk, chunk)  # inner[a, b]: chunk[b] dominates chunk[a]
        inner &= alive[None, :]
        alive &= ~inner.any(axis=1)
        skyline = np.concatenate((skyline, chunk[alive]))
        kept.append(order[start:start + block][alive])
    on_frontier = np.zeros(len(unique), dtype=bool)
    on_frontier[np.concatenate(kept)] = True
    mask: NDArray[np.bool_] = on_frontier[inverse]
    return mask


def _dominance_matrix(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.bool_]:
    """m[i, j]: b[j] dominates a[i] (>= everywhere and > somewhere)."""
    ge = (b[None, :, :] >= a[:, None, :]).all(axis=2)
    gt = (b[None, :, :] > a[:, None, :]).any(axis=2)
    result: NDArray[np.bool_] = ge & gt
    return result


def _dominated_by(points: NDArray[np.float64], skyline: NDArray[np.float64],
                  budget: int = 4_000_000) -> NDArray[np.bool_]:
    """Whether each point is dominated by some skyline point, in memory-bounded slices."""
    dominated = np.zeros(len(points), dtype=bool)
    step = max(1, budget // max(1, len(points) * points.shape[1]))
    for start in range(0, len(skyline), step):
        dominated |= _dominance_matrix(points, skyline[start:start + step]).any(axis=1)
    return dominated
