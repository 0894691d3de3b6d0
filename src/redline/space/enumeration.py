"""The enumeration path: every outcome, in chunks, with a running Pareto frontier.

Outcomes are visited in chunks of consecutive outcome numbers. The agenda's issues are split into
leading issues, walked chunk by chunk, and trailing issues, whose grid of utilities is built once
by broadcasting the per-issue tables; a chunk's utilities are the leading packages' sums plus that
grid, its red lines are boolean masks evaluated by broadcasting, and individual rationality is a
comparison with the reservations. Memory stays at about `chunk` x parties integers whatever the
size of the space.

Each chunk's ZOPA points that the running frontier (or the chunk's own best points) surely
dominate are dropped by a cheap filter; the rest are merged with the running frontier exactly.
The frontiers with each red line removed in turn (to tell which red lines bind) are kept in the
same pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import prod

import numpy as np
from numpy.typing import NDArray

from redline.space.outcomes import OutcomeSpace
from redline.space.pareto import Staircase, extend_frontier, pareto_mask, staircase

CHUNK = 1 << 16  # outcomes per chunk: small enough to stay in cache
SETTLE_DIRECTLY = 4096  # more survivors than this in a chunk are thinned by a sample first
SAMPLE_STRIDE = 61  # every 61st ZOPA point of the first chunk seeds the reference


@dataclass(frozen=True)
class Enumerated:
    """What the enumeration found: frontier outcome numbers (ascending) and integer utilities."""

    numbers: NDArray[np.int64]
    utilities: NDArray[np.int64]
    feasible: int
    zopa_size: int
    binding: tuple[str, ...]


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive outcomes: the number of its first outcome, each party's integer utility
    per outcome, and per red line which outcomes satisfy it."""
    start: int  # number of the chunk's first outcome
    utilities: NDArray[np.int64]  # (parties, outcomes): one contiguous row per party
    masks: dict[str, NDArray[np.bool_]]  # red line id -> satisfied, per outcome


def chunks(space: OutcomeSpace, rules: Sequence[str], size: int = CHUNK) -> Iterator[Chunk]:
    """The outcome space in chunks of about `size` consecutive outcomes."""
    shape = space.shape
    split = len(shape)
    while split > 0 and prod(shape[split - 1:]) <= size:
        split -= 1
    lead_shape, trail_shape = shape[:split], shape[split:]
    trail_size, lead_size = prod(trail_shape), prod(lead_shape)
    per_chunk = max(1, size // trail_size)
    tables = space.scaled_tables()
    parties = len(space.parties)
    dims = 1 + len(trail_shape)
    trail = np.zeros((*trail_shape, parties), dtype=np.int64)
    trail_axes = {}
    for k, length in enumerate(trail_shape):
        axis = [1] * len(trail_shape)
        axis[k] = length
        trail = trail + tables[split + k].reshape((*axis, parties))
        trail_axes[space.agenda[split + k]] = np.arange(length).reshape((1, *axis))
    trail = trail.reshape(trail_size, parties)
    constant = space.scaled_constant()
    for first in range(0, lead_size, per_chunk):
        last = min(lead_size, first + per_chunk)
        numbers = np.arange(first, last, dtype=np.int64)
        if split:
            lead = np.stack(np.unravel_index(numbers, lead_shape), axis=1)
        else:
            lead = np.zeros((len(numbers), 0), dtype=np.int64)
        lead_utility = np.broadcast_to(constant, (len(numbers), parties)).copy()
        axes = dict(trail_axes)
        for k in range(split):
            lead_utility += tables[k][lead[:, k]]
            axes[space.agenda[k]] = lead[:, k].reshape((-1,) + (1,) * (dims - 1))
        grid = (len(numbers), *trail_shape)
        masks = {rule: space.rule_mask_over(rule, axes, grid).reshape(-1) for rule in rules}
        utilities = (lead_utility.T[:, :, None] + trail.T[:, None, :]).reshape(parties, -1)
        yield Chunk(first * trail_size, utilities, masks)


def enumerate_frontier(space: OutcomeSpace, rules: Sequence[str], *, binding: bool = True,
                       chunk: int = CHUNK) -> Enumerated:
    """Frontier of the ZOPA, counts, and (if `binding`) which red lines bind, by enumeration."""
    floor = space.scaled_reservations()
    variants: list[str | None] = [None] + (list(rules) if binding else [])
    parties = len(space.parties)
    running = {v: (np.zeros(0, dtype=np.int64), np.zeros((0, parties), dtype=np.int64))
               for v in variants}
    stairs: dict[str | None, Staircase] = {}
    news: dict[str | None, int] = {}  # points joined since the staircase was built
    feasible = zopa = 0
    tables = space.scaled_tables()
    constant = space.scaled_constant()
    low = constant + sum((t.min(axis=0) for t in tables), np.zeros(parties, dtype=np.int64))
    high = constant + sum((t.max(axis=0) for t in tables), np.zeros(parties, dtype=np.int64))
    for part in chunks(space, rules, chunk):
        columns = part.utilities
        rational = columns[0] >= floor[0]
        for j in range(1, parties):
            rational &= columns[j] >= floor[j]
        satisfied = _all(part.masks.values(), len(rational))
        feasible += int(np.count_nonzero(satisfied))
        zopa += int(np.count_nonzero(satisfied & rational))
        # Without rule r, an outcome is feasible when r is the only rule it breaks: one count
        # of broken rules serves every variant (linear in the rules, not quadratic).
        alone = _broken(part.masks.values(), len(rational)) == 1 if len(variants) > 1 else None
        for variant in variants:
            own = part.masks.get(variant) if variant is not None else None
            mask = rational & satisfied if own is None or alone is None else \
                rational & (satisfied | (alone & ~own))
            numbers, utilities = running[variant]
            if not len(utilities):
                # Seed the reference with the frontier of a sample of the chunk's ZOPA points.
                sample = np.flatnonzero(mask[::SAMPLE_STRIDE]) * SAMPLE_STRIDE
                seeds = np.ascontiguousarray(columns[:, sample].T)
                on = pareto_mask(seeds)
                numbers, utilities = part.start + sample[on], seeds[on]
                running[variant] = numbers, utilities
                stairs.pop(variant, None)
            if variant not in stairs:
                stairs[variant] = staircase(utilities, low, high)
            # Drop what the reference surely dominates, then settle the rest exactly.
            members = np.flatnonzero(mask & ~stairs[variant].dominates(columns))
            if len(members) > SETTLE_DIRECTLY:
                # Many survivors (the chunk beats the reference): filter them by a sample first.
                survivors = columns[:, members]
                seeds = survivors[:, ::SAMPLE_STRIDE].T
                seeds = seeds[pareto_mask(seeds)]
                members = members[~staircase(seeds, low, high).dominates(survivors)]
            if len(members) == 0:
                continue
            fresh = ~np.isin(part.start + members, numbers)  # seeds are already in
            members = members[fresh]
            stays, joins = extend_frontier(utilities, np.ascontiguousarray(columns[:, members].T))
            if joins.any() or not stays.all():
                merged = np.concatenate((numbers[stays], part.start + members[joins]))
                pooled = np.concatenate((utilities[stays], columns[:, members[joins]].T))
                order = np.argsort(merged, kind="stable")
                running[variant] = merged[order], pooled[order]
                # A staircase of older frontier points stays sound (they are still ZOPA points);
                # rebuild it once enough new points have joined to sharpen it.
                news[variant] = news.get(variant, 0) + int(joins.sum())
                if news[variant] * 8 >= len(merged) + 64:
                    stairs.pop(variant, None)
                    news[variant] = 0
    numbers, utilities = running[None]
    found = set(numbers.tolist())
    bound = tuple(r for r in rules if binding and set(running[r][0].tolist()) != found)
    return Enumerated(numbers, utilities, feasible, zopa, bound)


def count_zopa(space: OutcomeSpace, rules: Sequence[str], chunk: int = CHUNK) -> int:
    """The number of outcomes that satisfy every rule and are individually rational."""
    floor = space.scaled_reservations()
    total = 0
    for part in chunks(space, rules, chunk):
        mask = (part.utilities >= floor[:, None]).all(axis=0) & _all(part.masks.values(),
                                                                      part.utilities.shape[1])
        total += int(mask.sum())
    return total


def _broken(masks: object, size: int) -> NDArray[np.int32]:
    """How many of the masks each outcome fails."""
    count = np.zeros(size, dtype=np.int32)
    for mask in masks:  # type: ignore[attr-defined]
        count += ~mask
    return count


def _all(masks: object, size: int) -> NDArray[np.bool_]:
    result = np.ones(size, dtype=bool)
    for mask in masks:  # type: ignore[attr-defined]
        result &= mask
    return result
