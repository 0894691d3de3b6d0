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
from redline.space.pareto import frontier_of_many, pareto_mask


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


def merge_frontier(space: OutcomeSpace, rules: Sequence[str], limit: int) -> Merged:
    """Frontier of the ZOPA by merging blocks; `limit` bounds block and candidate sizes."""
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
    sums = constant[None, :]
    steps: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
    for k, block in enumerate(blocks):
        rows = len(block.utilities)
        if len(sums) * rows > limit:
            raise MergeTooLarge(
                f"{len(sums):,} partial packages x {rows} rows of the block "
                f"{', '.join(space.agenda[i] for i in block.issues)} exceed the limit of "
                f"{limit:,} candidates (many ties: parties indifferent among options?); narrow "
                "the agenda or raise --max-outcomes"
            )
        candidates = (sums[:, None, :] + block.utilities[None, :, :]).reshape(-1, parties)
        hope = np.flatnonzero((candidates + best[k + 1] >= floor).all(axis=1))
        candidates = candidates[hope]
        on = frontier_of_many(candidates)
        kept = hope[on]
        steps.append((kept // rows, kept % rows))
        sums = candidates[on]
    rational = np.flatnonzero((sums >= floor).all(axis=1))
    options = np.zeros((len(rational), agenda), dtype=np.int64)
    row = rational
    for block, (back, choice) in zip(reversed(blocks), reversed(steps), strict=True):
        picked = choice[row]
        options[:, list(block.issues)] = block.options[picked]
        row = back[row]
    utilities = sums[rational]
    order = np.lexsort(tuple(options[:, j] for j in reversed(range(agenda)))) if agenda else \
        np.arange(len(options))
    return Merged(options[order], utilities[order], feasible, worst, tuple(blocks))
