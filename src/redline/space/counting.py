"""Counting the ZOPA of a space too large to enumerate: dynamic programming over blocks.

A package is in the ZOPA when it satisfies the red lines (each block's own business) and every
party's total reaches its reservation. Blocks are independent, so the count is a sum over the
distinct partial totals of the blocks merged so far, each with the number of partial packages that
reach it. After each block, a partial total is *settled* when even the worst completion reaches
every reservation (all its completions count: multiply by the number of feasible completions) or
when even the best completion misses one (none count); only the undecided totals are carried on.
Counts are exact Python integers. When the undecided totals outgrow `limit`, the count gives up
(returns None) rather than guess.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from redline.space.merge import Block


def count_zopa_by_blocks(blocks: Sequence[Block], constant: NDArray[np.int64],
                         floor: NDArray[np.int64], limit: int) -> int | None:
    """The number of feasible packages whose every party's total reaches `floor`, or None."""
    parties = len(constant)
    zero = np.zeros(parties, dtype=np.int64)
    worst_after = [zero]
    best_after = [zero]
    packages_after = [1]
    for block in reversed(blocks):
        worst_after.insert(0, worst_after[0] + block.worst)
        best_after.insert(0, best_after[0] + block.best)
        packages_after.insert(0, packages_after[0] * block.feasible)
    totals = constant[None, :]
    counts = np.array([1], dtype=object)
    settled = 0
    for k, block in enumerate(blocks):
        vectors, multiplicity = block.profile
        totals = (totals[:, None, :] + vectors[None, :, :]).reshape(-1, parties)
        counts = (counts[:, None] * multiplicity.astype(object)[None, :]).reshape(-1)
        sure = (totals + worst_after[k + 1] >= floor).all(axis=1)
        settled += int(sum(counts[sure], 0)) * packages_after[k + 1]
        open_ = ~sure & (totals + best_after[k + 1] >= floor).all(axis=1)
        totals, counts = totals[open_], counts[open_]
        if len(totals) > 1:
            totals, group = np.unique(totals, axis=0, return_inverse=True)
            group = group.reshape(-1)
            order = np.argsort(group, kind="stable")
            starts = np.flatnonzero(np.r_[True, np.diff(group[order]) != 0])
            counts = np.add.reduceat(counts[order], starts)
        if len(totals) * max(1, _rows(blocks, k + 1)) > limit:
            return None
    # Whatever is still open has no block left to add (only with no blocks at all).
    return settled + int(sum(counts[(totals >= floor).all(axis=1)], 0))


def _rows(blocks: Sequence[Block], k: int) -> int:
    return len(blocks[k].profile[0]) if k < len(blocks) else 1


