"""The bargaining analysis of a block of draws on a space too large to enumerate: the merge of
:mod:`redline.space.merge`, run for every draw of the block at once.

Above a few thousand packages (`bargaining.ENUMERATE_UP_TO`), evaluating every package of every
draw costs more than merging the issues' frontiers (additive utilities: a package on the
frontier has, on each block of issues linked by red lines, a part on that block's frontier), as
the per-draw analysis does for large spaces. Draw by draw, that merge is many small array
operations, each paying Python's and numpy's overhead. Here the same steps run on arrays with one
row per draw, for the draws of a block that share a set of binding red lines (and so the same
blocks):

1. per block of linked issues, its feasible parts (enumerated once) and each draw's utilities of
   them on the exact integer grid, the block's frontier per draw and each party's best part;
2. the partial packages merged block after block, as `merge.merge_frontier` does: every
   frontier part added to every partial package, the sums that cannot reach a party's
   reservation even with the best parts of the blocks still to come dropped, the rest reduced
   to its frontier per draw (rows padded to the longest draw's), with back-pointers;
3. the rational sums read back into packages, put in outcome-number order per draw, and the
   Nash and Kalai-Smorodinsky packages found with the tie rules of :mod:`redline.space.solutions`
   (:func:`redline.uncertainty.batched.solutions`).

The frontier of every draw is the set of its ZOPA's non-dominated packages, whichever path finds
it, and the rest follows from it as in `analyze`: the records equal the per-draw path's bit for
bit (tests compare them). The ZOPA's size is not counted (-1). A draw whose merge would exceed
the per-draw path's limits (a block or a step's candidates above `limit`) raises `TooLarge`: the
caller then evaluates the block draw by draw, which reports it exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np
from numpy.typing import NDArray

from redline.scenario import Scenario
from redline.space import outcome_space
from redline.space.merge import linked_issues
from redline.space.outcomes import OutcomeSpace
from redline.uncertainty.batched import (
    Outcomes,
    Segments,
    float_sums,
    frontier,
    scaled_floors,
    scaled_tables,
    solutions,
)
from redline.uncertainty.drawn import Drawn

MERGE_CELLS = 1 << 20  # candidates x draws of one merge step: bounds its memory


class TooLarge(Exception):
    """A draw whose merge the batched path leaves to the per-draw path."""


@dataclass(frozen=True)
class MergeTable:
    """A situation too large to enumerate: its outcome space and the parties' red lines."""

    space: OutcomeSpace
    rules: tuple[int, ...]  # document indices of the parties' outcome red lines
    refusals: tuple[int, ...]  # document indices of the parties' refusals this agenda triggers
    limit: int  # the per-draw path's bound on a block and on a merge step's candidates

    @property
    def scenario(self) -> Scenario:
        """The scenario the outcome space is built on."""
        return self.space.scenario

    @property
    def parties(self) -> tuple[str, ...]:
        """The parties whose red lines and reservations apply."""
        return self.space.parties

    @property
    def issues(self) -> int:
        """How many issues the scenario has (on the agenda or not)."""
        return len(self.space.scenario.issues)


def merge_table(scenario: Scenario, agenda: tuple[str, ...] | None, limit: int) -> MergeTable:
    """The merge table of a situation: its outcome space, the parties' outcome red lines, and the
    parties' agenda refusals this agenda triggers (as document indices)."""
    space = outcome_space(scenario, agenda)
    parties = set(space.parties)
    on_table = set(space.agenda)
    rules = tuple(k for k, r in enumerate(scenario.red_lines)
                  if r.rule is not None and r.actor in parties)
    refusals = tuple(k for k, r in enumerate(scenario.red_lines)
                     if r.refuses_agenda is not None and r.actor in parties
                     and on_table.intersection(r.refuses_agenda))
    return MergeTable(space, rules, refusals, limit)


def evaluate_merged(table: MergeTable, drawn: Drawn) -> Outcomes:
    """The bargaining outcome of every draw of a block, by merging (see the module's steps)."""
    found = Outcomes.empty(drawn.size, len(table.parties), table.issues)
    for k in table.refusals:
        found.refused[:] |= drawn.binds[:, k]
    talks = np.flatnonzero(~found.refused)
    found.zopa_size[talks] = -1
    if not len(talks):
        return found
    patterns, which = np.unique(drawn.binds[talks][:, list(table.rules)], axis=0,
                                return_inverse=True)
    for p, pattern in enumerate(patterns):
        rows = talks[which.reshape(-1) == p]
        bound = [table.scenario.red_lines[table.rules[r]].id for r in np.flatnonzero(pattern)]
        part = _merge(table, drawn.take(rows), bound)
        for name in ("zopa", "nash", "ks", "gains", "joint_gain"):
            getattr(found, name)[rows] = getattr(part, name)
    return found


@dataclass(frozen=True)
class _Block:
    issues: tuple[int, ...]  # agenda positions
    options: NDArray[np.int64]  # (F, issues): the block's feasible parts
    utilities: NDArray[np.int64]  # (B, F, P)
    on: NDArray[np.bool_]  # (B, F): the block's frontier in each draw


def _merge(table: MergeTable, drawn: Drawn, bound: list[str]) -> Outcomes:
    """Draws that share the binding red lines `bound`."""
    space, size, parties = table.space, drawn.size, len(table.parties)
    none = Outcomes.empty(size, parties, table.issues)
    agenda = set(space.agenda)
    if not all(space.rule_mask_over(r, {}, ()).item() for r in bound
               if not set(table.scenario.rules[r].issues) & agenda):
        return none  # a red line on off-agenda issues only, and false there
    ids = table.scenario.issue_ids
    tables = [[np.broadcast_to(t, (size, t.shape[1])) for t in scaled_tables(drawn, p)]
              for p in table.parties]
    constant = np.zeros((size, parties), dtype=np.int64)
    for issue, option in space.fixed:
        for j in range(parties):
            constant[:, j] += tables[j][ids.index(issue)][:, option]
    floors = scaled_floors(drawn, table.parties, table.issues).T  # (B, P)
    blocks = [_block(table, tables, group, bound, size) for group in linked_issues(space, bound)]
    if any(len(b.options) == 0 for b in blocks):
        return none
    rest = [np.zeros((size, parties), dtype=np.int64)]  # the most the blocks from k on can add
    for b in reversed(blocks):
        rest.insert(0, rest[0] + b.utilities.max(axis=1))
    sums = constant[:, None, :]
    valid = np.ones((size, 1), dtype=bool)
    steps = []
    for k, block in enumerate(blocks):
        width = block.on.shape[1]
        if (valid.sum(axis=1) * block.on.sum(axis=1) > table.limit).any() or \
                size * sums.shape[1] * width > MERGE_CELLS:
            raise TooLarge("a merge step beyond the batch's bounds")
        candidates = (sums[:, :, None, :] + block.utilities[:, None, :, :]).reshape(
            size, -1, parties)
        alive = (valid[:, :, None] & block.on[:, None, :]).reshape(size, -1)
        alive &= (candidates + rest[k + 1][:, None, :] >= floors[:, None, :]).all(axis=2)
        keep = frontier([candidates[:, :, j] for j in range(parties)], alive)
        longest = max(1, int(keep.sum(axis=1).max()))
        order = np.argsort(~keep, axis=1, kind="stable")[:, :longest]
        valid = np.take_along_axis(keep, order, axis=1)
        sums = np.take_along_axis(candidates, order[:, :, None], axis=1)
        steps.append((order // width, order % width))
    rational = valid & (sums >= floors[:, None, :]).all(axis=2)
    return _settle(table, drawn, blocks, steps, rational)


def _block(table: MergeTable, tables: list[list[NDArray[np.int64]]], group: tuple[int, ...],
           bound: list[str], size: int) -> _Block:
    """One block of linked issues: its feasible parts, their utilities and frontier per draw."""
    space = table.space
    shape = tuple(space.shape[i] for i in group)
    if prod(shape) > table.limit:
        raise TooLarge("a block beyond the per-draw path's limit")
    names = [space.agenda[i] for i in group]
    axes = {}
    for k, (name, length) in enumerate(zip(names, shape, strict=True)):
        axis = [1] * len(shape)
        axis[k] = length
        axes[name] = np.arange(length).reshape(axis)
    mask = np.ones(prod(shape), dtype=bool)
    for rule in bound:
        if set(table.scenario.rules[rule].issues) & set(names):
            mask &= space.rule_mask_over(rule, axes, shape).reshape(-1)
    rows = np.flatnonzero(mask)
    options = np.stack(np.unravel_index(rows, shape), axis=1).astype(np.int64).reshape(
        len(rows), len(shape))
    ids = table.scenario.issue_ids
    utilities = np.zeros((size, len(rows), len(table.parties)), dtype=np.int64)
    for j in range(len(table.parties)):
        for column, name in enumerate(names):
            utilities[:, :, j] += tables[j][ids.index(name)][:, options[:, column]]
    on = frontier([utilities[:, :, j] for j in range(len(table.parties))],
                  np.ones((size, len(rows)), dtype=bool)) if len(rows) else \
        np.zeros((size, 0), dtype=bool)
    return _Block(group, options, utilities, on)


def _settle(table: MergeTable, drawn: Drawn, blocks: list[_Block],
            steps: list[tuple[NDArray[np.int64], NDArray[np.int64]]],
            rational: NDArray[np.bool_]) -> Outcomes:
    """The frontier packages read back, in outcome-number order per draw; Nash, KS, gains."""
    space, size, parties = table.space, drawn.size, len(table.parties)
    ids = table.scenario.issue_ids
    draws, slots = np.nonzero(rational)
    packages = np.empty((len(draws), table.issues), dtype=np.int64)
    for issue, option in space.fixed:
        packages[:, ids.index(issue)] = option
    at = slots
    for block, (back, row) in zip(reversed(blocks), reversed(steps), strict=True):
        chosen = block.options[row[draws, at]]
        for column, position in enumerate(block.issues):
            packages[:, ids.index(space.agenda[position])] = chosen[:, column]
        at = back[draws, at]
    columns = [packages[:, ids.index(a)] for a in reversed(space.agenda)]
    order = np.lexsort((*columns, draws))
    draws, packages = draws[order], packages[order]
    found = Outcomes.empty(size, parties, table.issues)
    found.zopa[:] = rational.any(axis=1)
    if not len(draws):
        return found
    fresh = np.ones(len(draws), dtype=bool)
    fresh[1:] = draws[1:] != draws[:-1]
    u = float_sums(drawn, table.parties, draws, packages)
    d = np.stack([drawn.reservations[p] for p in table.parties], axis=1)
    front = Segments(draws, np.arange(len(draws)), np.flatnonzero(fresh), np.cumsum(fresh) - 1,
                     u, d[draws], u - d[draws])
    nash, ks = solutions(front, size)
    deal = np.flatnonzero(nash >= 0)
    found.nash[deal] = packages[nash[deal]]
    found.ks[deal] = packages[ks[deal]]
    gains = float_sums(drawn, table.parties, deal, packages[nash[deal]]) - d[deal]
    found.gains[deal] = gains
    product = gains[:, 0]
    for j in range(1, parties):
        product = product * gains[:, j]  # math.prod, left to right
    found.joint_gain[deal] = product
    return found
