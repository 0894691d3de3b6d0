"""The structured path: the frontier of a product space without enumerating it.

With additive utilities, a package's utility is the sum of its issues' contributions, so the
frontier of the whole space lies in the Pareto-pruned Minkowski sum of the issues' own frontiers:
if part of a package can be swapped for a part that is at least as good for everyone, the swap
gives a package at least as good. Red lines break this only among the issues they mention, so
issues linked by red lines form *blocks*; each block is enumerated and filtered by its red lines,
reduced to its own frontier, and the blocks are merged one after another:

    partial packages  x  the next block's rows  ->  sums  ->  drop dominated sums

keeping, for every surviving partial package, a back-pointer to the partial package and the block
row it came from, so that the final packages are read back without enumeration. Equal sums
(ties) never dominate each other, so every outcome with a frontier utility vector is kept.

Reservation values apply to totals: a partial package is dropped only when even the best
completion (each party's best row in every remaining block, a bound) cannot reach a party's
reservation. Counts are exact Python integers: the feasible outcomes are the product of the
blocks' feasible counts.

The frontier is the same as enumeration's: utilities are exact integers (see
:mod:`redline.space.outcomes`), so the order of the additions does not matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import prod

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.space.outcomes import OutcomeSpace
from redline.space.pareto import distinct_descending, frontier_of_many, pareto_mask


class MergeTooLarge(RedlineError):
    """A block or a partial frontier too large for the merge path."""


@dataclass(frozen=True)
class Block:
    """Issues linked by red lines, with the block's feasible, Pareto-optimal rows."""

    issues: tuple[int, ...]  # positions on the agenda
    options: NDArray[np.int64]  # (rows, issues): option indices of each row
    utilities: NDArray[np.int64]  # (rows, parties)
    feasible: int  # feasible packages of the block (before reduction to its frontier)
    worst: NDArray[np.int64]  # per party, the least utility over the feasible packages
    best: NDArray[np.int64]  # per party, the largest
    profile: tuple[NDArray[np.int64], NDArray[np.int64]]  # distinct feasible vectors, how many


@dataclass(frozen=True)
class Merged:
    """The merged frontier of an agenda: Pareto-optimal feasible packages (options and utilities in
    canonical order), how many packages are feasible, each party's least feasible utility, and the
    red-line blocks merged."""
    options: NDArray[np.int64]  # (points, agenda issues), canonical (outcome-number) order
    utilities: NDArray[np.int64]  # (points, parties)
    feasible: int
    worst: NDArray[np.int64] | None  # per party, least utility over feasible outcomes (None: none)
    blocks: tuple[Block, ...] = ()


def linked_issues(space: OutcomeSpace, rules: Sequence[str]) -> list[tuple[int, ...]]:
    """Agenda positions grouped into blocks: issues connected through shared red lines."""
    parent = list(range(len(space.agenda)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for rule in rules:
        on = [space.agenda.index(i) for i in space.scenario.rules[rule].issues if i in space.agenda]
        for other in on[1:]:
            parent[root(other)] = root(on[0])
    groups: dict[int, list[int]] = {}
    for i in range(len(space.agenda)):
        groups.setdefault(root(i), []).append(i)
    return sorted((tuple(g) for g in groups.values()), key=lambda g: g[0])


def build_block(space: OutcomeSpace, issues: tuple[int, ...], rules: Sequence[str],
                tables: list[NDArray[np.int64]], limit: int) -> Block:
    """The block of issues linked by red lines: enumerate its packages (at most ``limit``, else
    :class:`MergeTooLarge`), keep those meeting its red lines, and record their Pareto frontier,
    extremes and distinct utility vectors."""
    shape = tuple(space.shape[i] for i in issues)
    size = prod(shape)
    names = [space.agenda[i] for i in issues]
    if size > limit:
        raise MergeTooLarge(
            f"red lines link issues {', '.join(names)} into a block of {size:,} packages, more "
            f"than the limit of {limit:,}; narrow the agenda (--agenda) or raise --max-outcomes"
        )
    parties = len(space.parties)
    axes = {}
    total = np.zeros((*shape, parties), dtype=np.int64)
    for k, (issue, length) in enumerate(zip(issues, shape, strict=True)):
        axis = [1] * len(shape)
        axis[k] = length
        total = total + tables[issue].reshape((*axis, parties))
        axes[space.agenda[issue]] = np.arange(length).reshape(axis)
    utilities = total.reshape(size, parties)
    mine = [r for r in rules if set(space.scenario.rules[r].issues) & set(names)]
    mask = np.ones(size, dtype=bool)
    for rule in mine:
        mask &= space.rule_mask_over(rule, axes, shape).reshape(-1)
    rows = np.flatnonzero(mask)
    feasible = utilities[rows]
    on = pareto_mask(feasible)
    options = np.stack(np.unravel_index(rows[on], shape), axis=1).astype(np.int64)
    empty = np.zeros(parties, dtype=np.int64)
    vectors, counts = np.unique(feasible, axis=0, return_counts=True)
    return Block(issues, options, feasible[on], len(rows),
                 feasible.min(axis=0) if len(rows) else empty,
                 feasible.max(axis=0) if len(rows) else empty,
                 (vectors.astype(np.int64), counts.astype(np.int64)))


def merge_frontier(space: OutcomeSpace, rules: Sequence[str], limit: int,
                   ties: bool = True) -> Merged:
    """Frontier of the ZOPA by merging blocks; `limit` bounds block and candidate sizes, and the
    packages listed. `ties=False` lists one package per utility vector, the first in canonical
    order (what the solutions choose among ties), without reading the others back."""
    parties = len(space.parties)
    agenda = len(space.agenda)
    none = Merged(np.zeros((0, agenda), dtype=np.int64), np.zeros((0, parties), dtype=np.int64),
                  0, None)
    # Red lines on off-agenda issues only are constants: a false one excludes everything.
    if not all(space.rule_mask_over(r, {}, ()).item() for r in rules
               if not set(space.scenario.rules[r].issues) & set(space.agenda)):
        return none
    tables = space.scaled_tables()
    blocks = [build_block(space, g, rules, tables, limit) for g in linked_issues(space, rules)]
    if any(b.feasible == 0 for b in blocks):
        return none
    feasible = prod(b.feasible for b in blocks)
    constant = space.scaled_constant()
    worst = constant + sum((b.worst for b in blocks), np.zeros(parties, dtype=np.int64))
    floor = space.scaled_reservations()
    # best[k]: per party, the most the blocks from k on can add (the bound for completions).
    best = [np.zeros(parties, dtype=np.int64)]
    for b in reversed(blocks):
        best.insert(0, best[0] + b.best)
    sums = constant[None, :]  # the distinct sums of the partial packages kept
    steps: list[_Step] = []
    for k, block in enumerate(blocks):
        rows = len(block.utilities)
        if len(sums) * rows > limit:
            raise MergeTooLarge(
                f"{len(sums):,} partial sums x {rows} rows of the block "
                f"{', '.join(space.agenda[i] for i in block.issues)} exceed the limit of "
                f"{limit:,} candidates; narrow the agenda or raise --max-outcomes"
            )
        candidates = (sums[:, None, :] + block.utilities[None, :, :]).reshape(-1, parties)
        hope = np.flatnonzero((candidates + best[k + 1] >= floor).all(axis=1))
        kept = hope[frontier_of_many(candidates[hope])]
        order, first = distinct_descending(candidates[kept])  # equal sums side by side
        kept = kept[order]
        sums = candidates[kept[first]]
        steps.append(_Step(kept // rows, kept % rows,
                           np.append(np.flatnonzero(first), len(kept)).astype(np.int64)))
    rational = np.flatnonzero((sums >= floor).all(axis=1))
    if not ties:
        options = _first_paths(steps, rational, blocks, agenda)
        return Merged(*_canonical(options, sums[rational]), feasible, worst, tuple(blocks))
    listed = _paths(steps, rational)
    if listed > limit:
        raise MergeTooLarge(
            f"the frontier lists {listed:,.0f} packages, more than the limit of {limit:,} (many "
            "ties: parties indifferent among options?); narrow the agenda or raise "
            "--max-outcomes"
        )
    options, row = _read_back(steps, rational, blocks, agenda)
    return Merged(*_canonical(options, sums[rational][row]), feasible, worst, tuple(blocks))


def _canonical(options: NDArray[np.int64], utilities: NDArray[np.int64]
               ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Packages and their utilities in canonical (outcome-number) order."""
    order = _canonical_order(options)
    ordered = np.empty_like(options, order="F")  # column by column: contiguous gathers
    for j in range(options.shape[1]):
        ordered[:, j] = options[order, j]
    return ordered, utilities[order]


def _canonical_order(options: NDArray[np.int64]) -> NDArray[np.int64]:
    """The permutation that puts packages in canonical order: first issue first."""
    agenda = options.shape[1]
    if not agenda:
        return np.arange(len(options))
    return np.lexsort(tuple(options[:, j] for j in reversed(range(agenda))))


def _first_paths(steps: Sequence[_Step], ends: NDArray[np.int64], blocks: Sequence[Block],
                 agenda: int) -> NDArray[np.int64]:
    """For each distinct sum in `ends`, the first package (in canonical order) reaching it.

    When the blocks cover the agenda in order (each a run of consecutive issues, as without
    red lines), canonical order compares packages block by block, so the first path to each
    sum is found forward: each sum's first pair is the one with the least (rank of its partial
    sum's first path, block row's options), and the sums are ranked by that. Otherwise every
    package is read back and the first of each sum kept."""
    if [i for b in blocks for i in b.issues] != list(range(agenda)):
        options, row = _read_back(steps, ends, blocks, agenda)
        ordered = _canonical_order(options)
        _, first = np.unique(row[ordered], return_index=True)  # first package of each end
        return options[ordered[first]]
    rank = np.zeros(1, dtype=np.int64)
    firsts: list[NDArray[np.int64]] = []
    for step, block in zip(steps, blocks, strict=True):
        group = np.repeat(np.arange(len(step.start) - 1), np.diff(step.start))
        part = block.options[step.choice]
        columns = [part[:, w] for w in reversed(range(part.shape[1]))]
        order = np.lexsort((*columns, rank[step.parent], group))
        first = order[np.r_[0, np.flatnonzero(np.diff(group[order])) + 1]] if len(order) else \
            order
        firsts.append(first)
        ranked = np.lexsort((*(c[first] for c in columns), rank[step.parent[first]]))
        rank = np.empty(len(first), dtype=np.int64)
        rank[ranked] = np.arange(len(first))
    options = np.zeros((len(ends), agenda), dtype=np.int64)
    node = ends
    for step, block, first in zip(reversed(steps), reversed(blocks), reversed(firsts),
                                  strict=True):
        pair = first[node]
        options[:, list(block.issues)] = block.options[step.choice[pair]]
        node = step.parent[pair]
    return options


@dataclass(frozen=True)
class _Step:
    """One merge step's back-pointers: for each distinct sum kept, the (partial sum, block row)
    pairs that add up to it, as slices start[g]:start[g + 1] of `parent` and `choice`."""

    parent: NDArray[np.int64]  # index into the previous step's distinct sums
    choice: NDArray[np.int64]  # row of the block
    start: NDArray[np.int64]  # (distinct sums + 1,) offsets


def _paths(steps: Sequence[_Step], ends: NDArray[np.int64]) -> float:
    """How many packages reach the distinct sums `ends` of the last step (a float: a bound to
    compare, exact below 2**53)."""
    count = np.ones(1)
    for step in steps:
        count = np.add.reduceat(count[step.parent], step.start[:-1]) if len(step.parent) else \
            np.zeros(len(step.start) - 1)
    return float(count[ends].sum())


def _read_back(steps: Sequence[_Step], ends: NDArray[np.int64], blocks: Sequence[Block],
               agenda: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Every package reaching the sums `ends`: options (packages, agenda issues), and for each
    package the position in `ends` of its sum. The pairs are expanded from the last step back
    (each level one entry per partial path, `up` pointing to the entry it extends), then each
    package's rows are read down the levels."""
    ids = ends
    levels: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
    for step in reversed(steps):
        first, counts = step.start[ids], step.start[ids + 1] - step.start[ids]
        up = np.repeat(np.arange(len(ids)), counts)
        at = np.arange(len(up)) - np.repeat(np.cumsum(counts) - counts - first, counts)
        levels.append((up, step.choice[at]))
        ids = step.parent[at]
    options = np.zeros((len(ids), agenda), dtype=np.int64, order="F")  # written by column
    row = np.arange(len(ids))
    for block, (up, choice) in zip(blocks, reversed(levels), strict=True):
        options[:, list(block.issues)] = block.options[choice[row]]
        row = up[row]
    return options, row
