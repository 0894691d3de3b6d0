"""The outcome space of an agenda: which issues are negotiated, and utilities over every package.

Issues on the agenda vary over their options; issues off it stay at their status quo. Outcomes are
numbered in mixed radix over the agenda issues (the last issue varies fastest), so an outcome's
number and its tuple of option indices convert with `numpy.unravel_index`.

Exact utilities: a party's utility is sum_i w_i v_i(option) with w_i = raw_i / T, the raw
weights of the scenario over their total T. For comparisons the common factor 1 / T is dropped and
each contribution raw_i v_i(option) is rounded once to an integer number of `1 / GRID` units
(GRID = 10**12). Weights and values written as decimals whose product has at most 12 decimals
(0.25 x 3, 0.35 x 0.7, ...) give exact integers, so utilities that are equal in real numbers are
equal integers (ties are found exactly), and integer sums do not depend on the order of addition:
the enumeration and the merge paths, which add in different orders, agree bit for bit. (Plain
floating-point sums would not: 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last bit.) Other
inputs are rounded by at most half a unit per contribution. Reported utilities are float sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import prod
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.scenario import Scenario
from redline.scenario.model import point
from redline.scenario.rules import evaluate
from redline.scenario.situation import AgendaError, check_agenda

GRID = 10**12  # utilities are integers in units of 1 / GRID
MAX_WEIGHT_TOTAL = 1e5  # raw weights adding up to more are normalised first (int64 headroom)


def scaled(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """Values in [0, 1] -> integers in units of 1 / GRID (rounded to nearest)."""
    return np.rint(np.asarray(values, dtype=np.float64) * GRID).astype(np.int64)


@dataclass(frozen=True)
class OutcomeSpace:
    """The packages negotiable under an agenda, over the given parties' utilities."""

    scenario: Scenario
    parties: tuple[str, ...]
    agenda: tuple[str, ...]  # issue ids on the table, in scenario order
    fixed: tuple[tuple[str, int], ...]  # issues off the table and their status-quo option index

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of options of each agenda issue, in agenda order."""
        counts = self.scenario.option_counts()
        return tuple(counts[i] for i in self.agenda)

    @property
    def size(self) -> int:
        """How many outcomes the agenda spans: the product of its issues' option counts."""
        return prod(self.shape)

    def tables(self, party: str) -> list[NDArray[np.float64]]:
        """Per agenda issue, the party's weighted value of each option."""
        utility = self.scenario.utilities[party]
        return [utility.table(issue) for issue in self.agenda]

    def constant(self, party: str) -> float:
        """The utility the off-agenda issues contribute (they sit at their status quo)."""
        utility = self.scenario.utilities[party]
        return float(sum(utility.table(issue)[k] for issue, k in self.fixed))

    def utilities(self, start: int = 0, stop: int | None = None) -> NDArray[np.float64]:
        """Utilities of outcomes numbered start..stop-1: an array (outcomes, parties)."""
        stop = self.size if stop is None else stop
        index = self.decode(np.arange(start, stop, dtype=np.int64))
        result = np.empty((stop - start, len(self.parties)))
        for j, party in enumerate(self.parties):
            column = np.full(stop - start, self.constant(party))
            for k, table in enumerate(self.tables(party)):
                column += table[index[:, k]]
            result[:, j] = column
        return result

    def grid_utilities(self) -> NDArray[np.float64]:
        """Utilities of every outcome by broadcasting per-issue tables: (size, parties)."""
        shape = self.shape
        result = np.empty((self.size, len(self.parties)))
        for j, party in enumerate(self.parties):
            total = np.full(shape, self.constant(party))
            for k, table in enumerate(self.tables(party)):
                total = total + table.reshape(_axis_shape(len(shape), k, shape[k]))
            result[:, j] = total.ravel()
        return result

    def raw_weights(self, party: str) -> tuple[dict[str, float], float]:
        """A party's weights before normalisation and their total (T = 1 if they are unknown)."""
        utility = self.scenario.utilities[party]
        preference = self.scenario.document.preferences.get(party)
        ids = self.scenario.issue_ids
        if preference is not None:
            raw = {i: point(preference.weights.get(i, 0.0)) for i in ids}
            total = sum(raw.values())
            if 0 < total <= MAX_WEIGHT_TOTAL and all(raw[i] / total == utility.weights[i]
                                                     for i in ids):
                return raw, total
        return dict(utility.weights), 1.0

    def _integer_table(self, party: str, issue: str,
                       raw: dict[str, float] | None = None) -> NDArray[np.int64]:
        raw = self.raw_weights(party)[0] if raw is None else raw
        return scaled(raw[issue] * np.asarray(self.scenario.utilities[party].values[issue]))

    def scales(self) -> NDArray[np.float64]:
        """Per party, integer units per unit of utility (GRID x the raw weights' total)."""
        return np.array([GRID * self.raw_weights(p)[1] for p in self.parties])

    def scaled_tables(self) -> list[NDArray[np.int64]]:
        """Per agenda issue, an (options, parties) integer table of contributions."""
        raws = [self.raw_weights(p)[0] for p in self.parties]  # once a party, not an issue
        return [
            np.stack([self._integer_table(p, issue, raw)
                      for p, raw in zip(self.parties, raws, strict=True)], axis=1)
            for issue in self.agenda
        ]

    def scaled_constant(self) -> NDArray[np.int64]:
        """Per party, the integer contribution of the off-agenda issues (at their status quo)."""
        totals = []
        for p in self.parties:
            raw = self.raw_weights(p)[0]  # once per party: O(issues), not O(issues^2)
            totals.append(sum((int(self._integer_table(p, i, raw)[k]) for i, k in self.fixed), 0))
        return np.array(totals, dtype=np.int64)

    def scaled_reservations(self) -> NDArray[np.int64]:
        """Per party, the least integer utility that counts as individually rational.

        The reservation on the integer scale, lowered by one unit per summed contribution (the
        rounding allowance) and by 1e-12 of utility.
        """
        floors = []
        for p in self.parties:
            total = self.raw_weights(p)[1]
            d = self.scenario.utilities[p].reservation
            floors.append(int(np.rint(d * total * GRID)) - len(self.scenario.issue_ids)
                          - int(np.ceil(total)))
        return np.array(floors, dtype=np.int64)

    def rule_mask_over(self, rule_id: str, axes: dict[str, Any], shape: tuple[int, ...]
                       ) -> NDArray[np.bool_]:
        """One rule over a grid of outcomes. `axes[issue]` gives the option index array of each
        agenda issue the rule mentions (broadcastable to `shape`); off-agenda issues are fixed."""
        bound = self.scenario.rules[rule_id]
        fixed = dict(self.fixed)

        def atom(issue: str, table: NDArray[np.bool_]) -> NDArray[np.bool_]:
            if issue in fixed:
                return np.asarray(table[fixed[issue]])
            return np.asarray(table[axes[issue]])

        mask = evaluate(bound, atom, self.scenario.option_counts())
        return np.broadcast_to(mask, shape)

    def decode(self, numbers: NDArray[np.int64]) -> NDArray[np.int64]:
        """Outcome numbers -> option indices over the agenda issues: (len(numbers), len(agenda))."""
        if not self.agenda:
            return np.zeros((len(numbers), 0), dtype=np.int64)
        return np.stack(np.unravel_index(numbers, self.shape), axis=1).astype(np.int64)

    def full_options(self, agenda_index: NDArray[np.int64]) -> NDArray[np.int64]:
        """Option indices over *all* scenario issues (off-agenda ones at status quo)."""
        ids = self.scenario.issue_ids
        fixed = dict(self.fixed)
        if not fixed and list(ids) == list(self.agenda):
            return np.array(agenda_index, dtype=np.int64, order="K")  # every issue, in order
        result = np.empty((agenda_index.shape[0], len(ids)), dtype=np.int64, order="F")
        for column, issue in enumerate(ids):
            if issue in fixed:
                result[:, column] = fixed[issue]
            else:
                result[:, column] = agenda_index[:, self.agenda.index(issue)]
        return result

    def rule_mask(self, rule_id: str) -> NDArray[np.bool_]:
        """Whether each outcome satisfies one red-line rule, as a flat boolean array."""
        bound = self.scenario.rules[rule_id]
        shape = self.shape
        fixed = dict(self.fixed)

        def atom(issue: str, table: NDArray[np.bool_]) -> NDArray[np.bool_]:
            if issue in fixed:
                return np.asarray(table[fixed[issue]])
            k = self.agenda.index(issue)
            return table.reshape(_axis_shape(len(shape), k, shape[k]))

        mask = evaluate(bound, atom, self.scenario.option_counts())
        return np.broadcast_to(mask, shape).ravel()


def _axis_shape(dims: int, axis: int, length: int) -> tuple[int, ...]:
    return tuple(length if d == axis else 1 for d in range(dims))


def outcome_space(
    scenario: Scenario, agenda: Sequence[str] | None = None, parties: Sequence[str] | None = None
) -> OutcomeSpace:
    """The outcome space of `agenda` (default: every issue) for `parties` (default: the parties)."""
    ordered = check_agenda(scenario, agenda)
    fixed = [(i.id, i.options.index(str(i.status_quo))) for i in scenario.issues
             if i.id not in ordered]
    who = scenario.parties if parties is None else tuple(parties)
    missing = [p for p in who if p not in scenario.utilities]
    if missing:
        raise AgendaError(f"no preferences for {', '.join(missing)}. Fix: add "
                          f"preferences.{missing[0]} to the scenario")
    if not who:
        raise AgendaError("no parties to analyse. Fix: give at least one actor role: party")
    return OutcomeSpace(scenario, tuple(who), ordered, tuple(fixed))
