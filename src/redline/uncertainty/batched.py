"""The bargaining analysis of a block of draws at once, on arrays.

Per situation (scenario, agenda, parties) the outcome table is built once: every package as
option indices over all issues, off-agenda issues at their status quo, and one feasibility mask
per red-line rule of a party. Per block of B draws (:class:`redline.uncertainty.drawn.Drawn`):

1. the feasible set is the AND of the rules that bind in the draw, built once per distinct set
   of binding rules in the block;
2. each party's utility of every package in every draw, on the exact integer grid of
   :mod:`redline.space.outcomes` (which decides the ZOPA and the frontier): the product of the
   draws' per-issue tables with the packages' one-hot option matrix, taken as gathers, (B, N),
   or once, (1, N), for a party whose table is the same in every draw of the block (only
   reservations and red lines uncertain);
3. the ZOPA (feasible and individually rational) and its Pareto frontier per draw (two parties:
   sorted once by a party whose utilities do not vary, else one sort per draw, then the running
   maximum of `pareto._two_party`; more parties: `pareto_mask` per draw); at the frontier points
   only, the float utilities summed in scenario issue order as `redline.space.analyze` sums them,
   the Nash and Kalai-Smorodinsky points with the tie rules of :mod:`redline.space.solutions`,
   the parties' gains and their product.

The result is the same, draw for draw and bit for bit, as running `analyze` on each drawn
scenario (tests compare the two). Monte Carlo uses it up to `bargaining.ENUMERATE_UP_TO`
packages and merges larger spaces (:mod:`redline.uncertainty.merged`); sweeps, which also count
the ZOPA, use it up to `BATCH_LIMIT` packages and go step by step beyond (benchmarks/README.md
has the crossovers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE
from redline.scenario import Scenario
from redline.space import outcome_space, pareto_mask
from redline.space.outcomes import GRID
from redline.uncertainty.drawn import Drawn

BATCH_LIMIT = 1 << 13  # packages: sweeps of larger spaces go step by step
BLOCK_CELLS = 1 << 17  # draws x packages per block: bounds the memory of one block
FIELDS = ("refused", "zopa", "nash", "ks", "gains", "joint_gain", "zopa_size")


@dataclass(frozen=True)
class OutcomeTable:
    """One situation's packages and red-line masks, built once and shared by every draw."""

    scenario: Scenario
    parties: tuple[str, ...]
    agenda: tuple[str, ...]
    options: NDArray[np.int64]  # (N, scenario issues): option index of each package
    rules: tuple[int, ...]  # document indices of the parties' outcome red lines
    masks: NDArray[np.bool_]  # (len(rules), N): whether each package satisfies each rule
    refusals: tuple[int, ...]  # document indices of the parties' refusals this agenda triggers

    @property
    def size(self) -> int:
        """How many packages the table holds."""
        return int(self.options.shape[0])

    def block(self) -> int:
        """Draws per block: about BLOCK_CELLS cells of draws x packages."""
        return max(1, BLOCK_CELLS // max(1, self.size))


def outcome_table(scenario: Scenario, agenda: tuple[str, ...] | None) -> OutcomeTable:
    """The packages of `agenda` with the masks of every party's rule (bound or not in a draw)."""
    space = outcome_space(scenario, agenda)
    options = space.full_options(space.decode(np.arange(space.size, dtype=np.int64)))
    parties = set(space.parties)
    on_table = set(space.agenda)
    rules = tuple(k for k, r in enumerate(scenario.red_lines)
                  if r.rule is not None and r.actor in parties)
    refusals = tuple(k for k, r in enumerate(scenario.red_lines)
                     if r.refuses_agenda is not None and r.actor in parties
                     and on_table.intersection(r.refuses_agenda))
    masks = np.array([space.rule_mask(scenario.red_lines[k].id) for k in rules],
                     dtype=bool).reshape(len(rules), space.size)
    options.setflags(write=False)
    masks.setflags(write=False)
    return OutcomeTable(scenario, space.parties, space.agenda, options, rules, masks, refusals)


@dataclass(frozen=True)
class Outcomes:
    """Per draw of a block: talks refused, a ZOPA, the Nash and KS packages (the option index
    on every scenario issue; a row of -1 without a deal), each party's gain at the Nash point
    (NaN without a deal), their product (0 without a deal) and the number of packages in the
    ZOPA (0 without talks; -1 where not counted: the merge path)."""

    refused: NDArray[np.bool_]
    zopa: NDArray[np.bool_]
    nash: NDArray[np.int64]  # (B, scenario issues)
    ks: NDArray[np.int64]  # (B, scenario issues)
    gains: NDArray[np.float64]  # (B, parties)
    joint_gain: NDArray[np.float64]
    zopa_size: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.zopa)

    @property
    def deal(self) -> NDArray[np.bool_]:
        """Draws with a deal (a Nash package)."""
        return np.asarray(self.nash[:, 0] >= 0, dtype=bool) if self.nash.shape[1] else self.zopa

    @staticmethod
    def empty(size: int, parties: int, issues: int) -> Outcomes:
        """`size` draws without talks or a deal (to be filled in)."""
        return Outcomes(np.zeros(size, dtype=bool), np.zeros(size, dtype=bool),
                        np.full((size, issues), -1, dtype=np.int64),
                        np.full((size, issues), -1, dtype=np.int64),
                        np.full((size, parties), np.nan), np.zeros(size),
                        np.zeros(size, dtype=np.int64))

    @staticmethod
    def concatenate(parts: list[Outcomes], parties: int, issues: int) -> Outcomes:
        """The outcomes of several blocks joined in order (empty outcomes of the given shape when
        there are none)."""
        if not parts:
            return Outcomes.empty(0, parties, issues)
        if len(parts) == 1:
            return parts[0]
        return Outcomes(*(np.concatenate([getattr(p, f) for p in parts])
                          for f in FIELDS))


def feasible(table: OutcomeTable, binds: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """(B, N): packages that satisfy every rule binding in each draw, one AND per rule set."""
    size = binds.shape[0]
    if not table.rules:
        return np.ones((size, table.size), dtype=bool)
    patterns, which = np.unique(binds[:, list(table.rules)], axis=0, return_inverse=True)
    combined = np.ones((len(patterns), table.size), dtype=bool)
    for p, pattern in enumerate(patterns):
        for r in np.flatnonzero(pattern):
            combined[p] &= table.masks[r]
    return combined[which.reshape(-1)]


def varies(drawn: Drawn, party: str) -> bool:
    """Whether a party's utility table differs between the draws of the block (it does not when
    only reservations and red lines are uncertain: then its utilities are computed once)."""
    chosen, total = drawn.integer_weights[party]
    columns = [*drawn.weights[party], *chosen, total]
    if any((c != c[0]).any() for c in columns):
        return True
    return any(v.shape[0] > 1 and bool((v != v[0]).any()) for v in drawn.values[party])


def utilities(table: OutcomeTable, drawn: Drawn
              ) -> tuple[list[NDArray[np.int64]], NDArray[np.int64]]:
    """Per party, integer utilities (R, N), R = B when the party's table varies between draws
    and 1 when it does not; and the integer reservation floors (P, B)."""
    n = table.size
    exact = []
    for party in table.parties:
        tables = scaled_tables(drawn, party)
        column = np.zeros((tables[0].shape[0], n), dtype=np.int64)
        for k, scaled in enumerate(tables):
            column += np.take(scaled, table.options[:, k], axis=1)
        exact.append(column)
    return exact, scaled_floors(drawn, table.parties, len(table.scenario.issues))


def scaled_tables(drawn: Drawn, party: str) -> list[NDArray[np.int64]]:
    """Per scenario issue, the party's integer contribution of each option, (R, options): R = B
    when its table varies between the draws, else 1 (`outcomes.scaled` of weight x values)."""
    rows = drawn.size if varies(drawn, party) else 1
    chosen, _ = drawn.integer_weights[party]
    return [np.rint(w[:rows, None] * v[:rows] * GRID).astype(np.int64)
            for w, v in zip(chosen, drawn.values[party], strict=True)]


def scaled_floors(drawn: Drawn, parties: tuple[str, ...], issues: int) -> NDArray[np.int64]:
    """(P, B): each party's least integer utility that is individually rational in each draw
    (`OutcomeSpace.scaled_reservations`)."""
    floors = np.empty((len(parties), drawn.size), dtype=np.int64)
    for j, party in enumerate(parties):
        _, total = drawn.integer_weights[party]
        d = drawn.reservations[party]
        floors[j] = (np.rint(d * total * GRID).astype(np.int64) - issues
                     - np.ceil(total).astype(np.int64))
    return floors


def float_utilities(table: OutcomeTable, drawn: Drawn, draws: NDArray[np.int64],
                    packages: NDArray[np.int64]) -> NDArray[np.float64]:
    """(M, P): the float utility of package `packages[m]` in draw `draws[m]`."""
    return float_sums(drawn, table.parties, draws, table.options[packages])


def float_sums(drawn: Drawn, parties: tuple[str, ...], draws: NDArray[np.int64],
               options: NDArray[np.int64]) -> NDArray[np.float64]:
    """(M, P): the float utility of the package with option indices `options[m]` (over every
    scenario issue) in draw `draws[m]`, summed over the scenario's issues in order, as
    `analysis._frontier_of` sums it."""
    result = np.empty((len(draws), len(parties)))
    for j, party in enumerate(parties):
        value = np.zeros(len(draws))
        for k, (w, v) in enumerate(zip(drawn.weights[party], drawn.values[party], strict=True)):
            value = value + w[draws] * v[draws if v.shape[0] > 1 else 0, options[:, k]]
        result[:, j] = value
    return result


def frontier(exact: list[NDArray[np.int64]], zopa: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """(B, N): the Pareto frontier of each draw's ZOPA, on the parties' integer utilities
    (each (1, N) or (B, N)). Two parties: sorted once by a party whose utilities are the same in
    every draw, if there is one (the frontier does not depend on which party sorts)."""
    size, n = zopa.shape
    if len(exact) != 2:
        mask = np.zeros((size, n), dtype=bool)
        for b in np.flatnonzero(zopa.any(axis=1)):
            members = np.flatnonzero(zopa[b])
            points = np.stack([u[b if u.shape[0] > 1 else 0, members] for u in exact], axis=1)
            mask[b, members] = pareto_mask(points)
        return mask
    x, y = exact
    if x.shape[0] == 1:
        return _two_party_fixed(x[0], y, zopa)
    if y.shape[0] == 1:
        return _two_party_fixed(y[0], x, zopa)
    return _two_party_rows(x, y, zopa)


def _two_party_fixed(x: NDArray[np.int64], y: NDArray[np.int64], zopa: NDArray[np.bool_]
                     ) -> NDArray[np.bool_]:
    """`pareto._two_party` on each draw's ZOPA when x is the same in every draw (y: (1, N) or
    (B, N)): one sort by x descending, then per draw the largest y of each group of equal x and
    a running maximum over the groups in that order."""
    low = -(1 << 62)  # below every utility
    order = np.argsort(-x, kind="stable")
    xs = x[order]
    first = np.ones(len(xs), dtype=bool)
    first[1:] = xs[1:] != xs[:-1]
    starts = np.flatnonzero(first)
    group = np.cumsum(first) - 1
    inside = zopa[:, order]
    ys = np.where(inside, y[:, order], low)
    group_max = np.maximum.reduceat(ys, starts, axis=1)  # (B, groups)
    running = np.maximum.accumulate(group_max, axis=1)
    before = np.full_like(running, low)
    before[:, 1:] = running[:, :-1]
    keep_group = group_max > before
    keep_group[:, 0] = True
    at = group_max[:, group]
    keep = inside & keep_group[:, group] & (ys == at)
    mask = np.empty(keep.shape, dtype=bool)
    mask[:, order] = keep
    return mask


def _two_party_rows(x: NDArray[np.int64], y: NDArray[np.int64], zopa: NDArray[np.bool_]
                    ) -> NDArray[np.bool_]:
    """`pareto._two_party` on each draw's ZOPA, one sort per row (utilities vary by draw): sort
    by x descending; a package is on the frontier when its y is the largest of its group of
    equal x and larger than every y of the groups before it."""
    size, n = zopa.shape
    low = -(1 << 62)  # below every utility, and safe to negate
    x = np.where(zopa, x, low)
    order = np.argsort(-x, axis=1)
    xs = np.take_along_axis(x, order, axis=1)
    ys = np.take_along_axis(np.where(zopa, y, low), order, axis=1)
    first = np.ones((size, n), dtype=bool)
    first[:, 1:] = xs[:, 1:] != xs[:, :-1]
    flat = first.ravel()
    group_max = np.maximum.reduceat(ys.ravel(), np.flatnonzero(flat))[
        np.cumsum(flat) - 1].reshape(size, n)
    running = np.maximum.accumulate(group_max, axis=1)
    start = np.maximum.accumulate(np.where(first, np.arange(n), 0), axis=1)
    before = np.where(start > 0, np.take_along_axis(running, np.maximum(start - 1, 0), axis=1),
                      low)
    keep = (group_max > before) & (ys == group_max)
    mask = np.empty((size, n), dtype=bool)
    np.put_along_axis(mask, order, keep, axis=1)
    return mask & zopa


@dataclass(frozen=True)
class Segments:
    """The frontier of every draw of a block as one flat list of (draw, package) pairs, in draw
    order and package order within a draw, with the utilities and gains at each pair."""

    draws: NDArray[np.int64]
    packages: NDArray[np.int64]
    starts: NDArray[np.int64]  # first pair of each draw that has a frontier
    owner: NDArray[np.int64]  # per pair: the index of its draw among those with a frontier
    utilities: NDArray[np.float64]  # (M, P)
    reservations: NDArray[np.float64]  # (M, P): the draw's reservations, repeated per pair
    gains: NDArray[np.float64]  # (M, P)

    def best(self, score: NDArray[np.float64]) -> NDArray[np.float64]:
        """Per pair, the largest score of its draw's frontier."""
        return np.maximum.reduceat(score, self.starts)[self.owner]

    def first(self, chosen: NDArray[np.bool_]) -> NDArray[np.int64]:
        """Per draw with a frontier, the first chosen package."""
        position = np.where(chosen, np.arange(len(chosen)), len(chosen))
        return self.packages[np.minimum.reduceat(position, self.starts)]


def segments(table: OutcomeTable, drawn: Drawn, on: NDArray[np.bool_],
             d: NDArray[np.float64]) -> Segments:
    """The frontier of every draw of a block (``on``: draws x packages) as flat (draw, package)
    pairs with each pair's utilities, the draw's reservations and the gains over them."""
    draws, packages = np.nonzero(on)
    fresh = np.ones(len(draws), dtype=bool)
    fresh[1:] = draws[1:] != draws[:-1]
    starts = np.flatnonzero(fresh)
    u = float_utilities(table, drawn, draws, packages)
    return Segments(draws, packages, starts, np.cumsum(fresh) - 1, u, d[draws], u - d[draws])


def _tied(score: NDArray[np.float64], best: NDArray[np.float64]) -> NDArray[np.bool_]:
    tied: NDArray[np.bool_] = np.isclose(score, best, rtol=TOLERANCE, atol=TOLERANCE)
    return tied


def solutions(front: Segments, size: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The Nash and Kalai-Smorodinsky packages on each draw's frontier (-1 without one), with
    the scores and tie rules of :mod:`redline.space.solutions` (Nash: first largest product of
    gains; KS: largest least normalised gain, then largest sum, then first)."""
    nash_row = np.full(size, -1, dtype=np.int64)
    ks_row = np.full(size, -1, dtype=np.int64)
    if len(front.draws) == 0:
        return nash_row, ks_row
    owners = front.draws[front.starts]
    parties = front.gains.shape[1]
    if parties != 2:
        return _solutions_by_draw(front, nash_row, ks_row)
    g0, g1 = front.gains[:, 0], front.gains[:, 1]
    product = g0 * g1  # np.prod over two columns
    nash_row[owners] = front.first(_tied(product, front.best(product)))
    normalised = []
    for j, gain in enumerate((g0, g1)):
        span = front.best(front.utilities[:, j]) - front.reservations[:, j]
        normalised.append(np.where(span > 0, gain / np.where(span > 0, span, 1.0), 1.0))
    primary = np.minimum(normalised[0], normalised[1])
    tied = _tied(primary, front.best(primary))
    second = normalised[0] + normalised[1]
    near = tied & _tied(second, front.best(np.where(tied, second, -np.inf)))
    ks_row[owners] = front.first(near)
    return nash_row, ks_row


def _solutions_by_draw(front: Segments, nash_row: NDArray[np.int64],
                       ks_row: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """One party or more than two: `solutions.nash` and `kalai_smorodinsky` draw by draw."""
    from redline.space.solutions import kalai_smorodinsky, nash

    ends = [*front.starts[1:], len(front.draws)]
    for start, end in zip(front.starts, ends, strict=True):
        u = np.ascontiguousarray(front.utilities[start:end])
        d = front.reservations[start]
        b = front.draws[start]
        nash_row[b] = front.packages[start + nash(u, d).row]
        ks_row[b] = front.packages[start + kalai_smorodinsky(u, d).row]
    return nash_row, ks_row


def evaluate(table: OutcomeTable, drawn: Drawn) -> Outcomes:
    """The bargaining outcome of every draw of a block (see the module's steps 1-3)."""
    refused = np.zeros(drawn.size, dtype=bool)
    for k in table.refusals:
        refused |= drawn.binds[:, k]
    if refused.any():  # no talks, nothing to compute: evaluate the other draws only
        talks = np.flatnonzero(~refused)
        found = Outcomes.empty(drawn.size, len(table.parties), table.options.shape[1])
        found.refused[:] = refused
        if len(talks):
            rest = evaluate(table, drawn.take(talks))
            for name in FIELDS[1:]:
                getattr(found, name)[talks] = getattr(rest, name)
        return found
    size = drawn.size
    exact, floors = utilities(table, drawn)
    zopa_mask = feasible(table, drawn.binds)
    for j in range(len(table.parties)):
        zopa_mask &= exact[j] >= floors[j][:, None]
    on = frontier(exact, zopa_mask)
    d = np.stack([drawn.reservations[p] for p in table.parties], axis=1)
    front = segments(table, drawn, on, d)
    nash_row, ks_row = solutions(front, size)
    deal = nash_row >= 0
    gains = np.full((size, len(table.parties)), np.nan)
    joint = np.zeros(size)
    if deal.any():
        at = np.flatnonzero(deal)
        chosen = float_utilities(table, drawn, at, nash_row[at]) - d[at]
        gains[at] = chosen
        product = chosen[:, 0]
        for j in range(1, chosen.shape[1]):
            product = product * chosen[:, j]  # math.prod, left to right
        joint[at] = product
    zopa = np.asarray(zopa_mask.any(axis=1), dtype=bool)
    zopa_size = np.count_nonzero(zopa_mask, axis=1).astype(np.int64)
    return Outcomes(refused, zopa, packages(table.options, nash_row),
                    packages(table.options, ks_row), gains, joint, zopa_size)


def packages(options: NDArray[np.int64], rows: NDArray[np.int64]) -> NDArray[np.int64]:
    """The option indices of each row (a row of -1 where the row is -1)."""
    return np.where((rows >= 0)[:, None], options[np.maximum(rows, 0)], -1)
