"""Pareto frontiers of finite sets of utility vectors, exact, ties kept.

A point is on the frontier when no other point is at least as good for every party and better
for one. Points with equal utility vectors do not dominate each other: all of them are kept.

The algorithms work on any ordered numbers; the analysis passes exact integers (utilities on a
grid of 1e-12, see :mod:`redline.space.outcomes`), so that sums taken in any order compare alike.

- one party: the maximum, with its ties;
- two parties: one sort and a running maximum, O(N log N);
- three parties: divide and conquer over the points in decreasing lexicographic order: each
  level answers "is there an earlier point at least as good on the last two coordinates?" for
  every point at once with a sorted staircase and a binary search, O(N log^2 N) in numpy calls
  (Kung, Luccio and Preparata 1975 give the sequential form);
- more parties: sort-filter skyline (Chomicki et al. 2003): visit distinct points by decreasing
  sum, compare blocks of them with the skyline found so far.

:class:`Staircase` is a cheap, sound pre-filter against a reference set: it only says
"dominated" when it is sure, so that chunked enumeration can drop most points in a few passes
before the exact step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Points = NDArray[np.int64] | NDArray[np.float64]


def pareto_mask(utilities: Points) -> NDArray[np.bool_]:
    """Which rows of `utilities` (points x parties) are Pareto-optimal."""
    points, parties = utilities.shape
    if points == 0:
        return np.zeros(0, dtype=bool)
    if parties == 1:
        result: NDArray[np.bool_] = utilities[:, 0] == utilities[:, 0].max()
        return result
    if parties == 2:
        return _two_party(utilities)
    if parties == 3:
        return _three_party(utilities)
    return _skyline(utilities)


def _two_party(u: Points) -> NDArray[np.bool_]:
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
    running = np.maximum.accumulate(group_max)
    before = np.empty_like(running)
    before[1:] = running[:-1]
    keep_group = np.ones(len(group_max), dtype=bool)
    keep_group[1:] = group_max[1:] > before[1:]
    keep_sorted = keep_group[group] & (ys == group_max[group])
    mask = np.empty(len(xs), dtype=bool)
    mask[order] = keep_sorted
    return mask


def distinct_descending(u: Points) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Order of the rows in decreasing lexicographic order, and which start a new vector."""
    order = np.lexsort(tuple(-u[:, j] for j in reversed(range(u.shape[1]))))
    ordered = u[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    return order, first


def _spread(u: Points, order: NDArray[np.int64], first: NDArray[np.bool_],
            on_distinct: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """A verdict per distinct vector -> a mask over the original rows (ties share it)."""
    mask = np.empty(len(order), dtype=bool)
    mask[order] = on_distinct[np.cumsum(first) - 1]
    return mask


def _three_party(u: Points) -> NDArray[np.bool_]:
    order, first = distinct_descending(u)
    distinct = u[order[first]]
    n = len(distinct)
    # Among distinct vectors in decreasing lexicographic order, q dominates p only if q comes
    # first; with the first coordinate settled by the order, q dominates p iff
    # q_y >= p_y and q_z >= p_z. Ranks make the keys small integers.
    y = np.unique(distinct[:, 1], return_inverse=True)[1].reshape(-1).astype(np.int64)
    z = np.unique(distinct[:, 2], return_inverse=True)[1].reshape(-1).astype(np.int64)
    dominated = np.zeros(n, dtype=bool)
    index = np.arange(n, dtype=np.int64)
    width = 1
    while width < n:
        block = index // (2 * width)
        right = ((index // width) & 1).astype(bool)
        left = ~right
        # Left halves: sorted by (block, y descending), running maximum of z within a block.
        key = block[left] * n + (n - 1 - y[left])
        by_key = np.argsort(key, kind="stable")
        key = key[by_key]
        left_block = block[left][by_key]
        best_z = np.maximum.accumulate(z[left][by_key] + left_block * n)
        # Right halves: the left points of the same block with y >= y_p form a prefix.
        query_block = block[right]
        position = np.searchsorted(key, query_block * n + (n - 1 - y[right]), side="right") - 1
        safe = np.maximum(position, 0)
        hit = ((position >= 0) & (left_block[safe] == query_block)
               & (best_z[safe] - query_block * n >= z[right]))
        dominated[right] |= hit
        width *= 2
    return _spread(u, order, first, ~dominated)


def _skyline(u: Points, block: int = 1024) -> NDArray[np.bool_]:
    """Sort-filter skyline over distinct vectors, in blocks compared with numpy."""
    order, first = distinct_descending(u)
    unique = u[order[first]]
    # Between distinct vectors, q >= p everywhere means q dominates p and has a larger sum:
    # visiting by decreasing sum, a vector can only be dominated by one visited before it.
    by_sum = np.argsort(-unique.sum(axis=1), kind="stable")
    candidates = unique[by_sum]
    skyline: Points = candidates[:0]
    kept: list[NDArray[np.int64]] = []
    for start in range(0, len(candidates), block):
        chunk = candidates[start:start + block]
        alive = ~_covered(chunk, skyline)
        inner = _covered_matrix(chunk, chunk)
        np.fill_diagonal(inner, False)
        alive &= ~inner.any(axis=1)
        skyline = np.concatenate((skyline, chunk[alive]))  # type: ignore[assignment]
        kept.append(by_sum[start:start + block][alive])
    on_frontier = np.zeros(len(unique), dtype=bool)
    on_frontier[np.concatenate(kept)] = True
    return _spread(u, order, first, on_frontier)


def _covered_matrix(points: Points, by: Points, strict: bool = False) -> NDArray[np.bool_]:
    """m[i, j]: by[j] >= points[i] everywhere (and, if `strict`, differs somewhere)."""
    ge = by[None, :, 0] >= points[:, None, 0]
    equal = by[None, :, 0] == points[:, None, 0] if strict else ge
    for d in range(1, points.shape[1]):
        ge &= by[None, :, d] >= points[:, None, d]
        if strict:
            equal &= by[None, :, d] == points[:, None, d]
    result: NDArray[np.bool_] = ge & ~equal if strict else ge
    return result


def _covered(points: Points, by: Points, strict: bool = False,
             budget: int = 1 << 22) -> NDArray[np.bool_]:
    """Whether each point is weakly (or, if `strict`, really) dominated by some row of `by`,
    in memory-bounded slices."""
    result = np.zeros(len(points), dtype=bool)
    step = max(1, budget // max(1, len(points)))
    for start in range(0, len(by), step):
        result |= _covered_matrix(points, by[start:start + step], strict).any(axis=1)
    return result


def extend_frontier(frontier: Points, new: Points) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """The frontier of `frontier` (a set of undominated points) plus `new` points, as masks
    (which old points stay, which new ones join): O(old x new) comparisons, not O(all^2)."""
    if len(frontier) == 0 or frontier.shape[1] <= 3:
        pooled: Points = np.concatenate((frontier, new))  # type: ignore[assignment]
        on = pareto_mask(pooled)
        return on[:len(frontier)], on[len(frontier):]
    joins = ~_covered(new, frontier, strict=True)
    joins[joins] = pareto_mask(new[joins])
    stays = ~_covered(frontier, new[joins], strict=True)
    return stays, joins


@dataclass(frozen=True)
class Staircase:
    """A sound, cheap test "does some reference point surely dominate this point?" for integers.

    The first k-1 coordinates are cut into equal buckets over the range [low, high]; a cell of
    the table holds the best last coordinate among reference points lying in higher buckets on
    every one of those coordinates. A point whose last coordinate is at most its cell's value is
    beaten by such a reference point: strictly on the first k-1 coordinates, weakly on the last.
    "False" never means "on the frontier": the caller settles survivors with :func:`pareto_mask`.
    Cost: a few passes over the points (bucket, gather, compare), whatever the reference size.
    """

    low: NDArray[np.int64]  # (parties,)
    shifts: tuple[int, ...]  # bucket width 2**shift of each of the first k-1 coordinates
    sizes: tuple[int, ...]  # buckets along each of them
    table: NDArray[np.int64]  # flat, prod(sizes) cells

    def dominates(self, columns: NDArray[np.int64]) -> NDArray[np.bool_]:
        """`columns`: (parties, points). True where a reference point surely dominates."""
        parties = columns.shape[0]
        if parties == 1:
            result1: NDArray[np.bool_] = np.asarray(self.table[0] >= columns[0])
            return result1
        cell = columns[0] - self.low[0]
        cell >>= self.shifts[0]
        for j in range(1, parties - 1):
            cell *= self.sizes[j]
            bucket = columns[j] - self.low[j]
            bucket >>= self.shifts[j]
            cell += bucket
        result: NDArray[np.bool_] = np.asarray(self.table[cell] >= columns[parties - 1])
        return result


def staircase(reference: NDArray[np.int64], low: NDArray[np.int64], high: NDArray[np.int64],
              cells: int = 1 << 16) -> Staircase:
    """The :class:`Staircase` of `reference` (points x parties, all within [low, high])."""
    parties = reference.shape[1]
    dims = parties - 1
    lowest = np.iinfo(np.int64).min
    if dims == 0:  # one party: only a strictly larger utility dominates
        best = int(reference[:, 0].max()) - 1 if len(reference) else lowest
        return Staircase(low, (), (), np.array([best], dtype=np.int64))
    if 2 ** dims > cells:
        # Two buckets a coordinate would pass the cell budget (memory doubles per party):
        # one cell that never dominates, so every point goes to the exact test.
        shifts_all = tuple(int(high[j] - low[j]).bit_length() for j in range(dims))
        return Staircase(low, shifts_all, (1,) * dims, np.array([lowest], dtype=np.int64))
    buckets = max(2, int(round(cells ** (1 / dims))))
    # Widths are powers of two, so that a bucket is a shift (fast) rather than a division.
    shifts = []
    for j in range(dims):
        span, shift = int(high[j] - low[j]), 0
        while span >> shift >= buckets:
            shift += 1
        shifts.append(shift)
    sizes = tuple((int(high[j] - low[j]) >> shifts[j]) + 1 for j in range(dims))
    table = np.full(sizes, lowest, dtype=np.int64)
    if len(reference):
        # A reference point serves the buckets strictly below its own on every coordinate.
        below = ((reference[:, :dims] - low[:dims]) >> np.array(shifts, dtype=np.int64)) - 1
        useful = (below >= 0).all(axis=1)
        if useful.any():
            np.maximum.at(table, tuple(below[useful].T), reference[useful, dims])
        for axis in range(dims):
            table = np.flip(np.maximum.accumulate(np.flip(table, axis), axis=axis), axis)
    return Staircase(low, tuple(shifts), sizes, table.reshape(-1))


def frontier_of_many(points: NDArray[np.int64], stride: int = 61,
                     directly: int = 4096) -> NDArray[np.bool_]:
    """:func:`pareto_mask` of many integer points: the frontier of a sample first drops what
    it surely dominates (a :class:`Staircase`), then the survivors are settled exactly."""
    if len(points) <= directly or points.shape[1] < 2:
        return pareto_mask(points)
    seeds = points[::stride]
    seeds = seeds[pareto_mask(seeds)]
    stairs = staircase(seeds, points.min(axis=0), points.max(axis=0))
    alive = np.flatnonzero(~stairs.dominates(np.ascontiguousarray(points.T)))
    mask = np.zeros(len(points), dtype=bool)
    mask[alive[pareto_mask(points[alive])]] = True
    return mask
