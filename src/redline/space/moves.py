"""How far the number in a red line must move for a deal to open, exactly (no grid).

A red line that compares a numeric issue with a number (``enrichment <= 3.67``, ``price >= 97.5``,
``months in [12, 24]``, ``x == 5``) can be *moved* instead of dropped. Given the other
constraints of a blocking set given up (see :mod:`redline.space.explain`), the deal opens once
the threshold reaches the nearest number the issue can take in a package that satisfies every
remaining red line and gives every party at least its (possibly lowered) reservation. That
number is an extreme of the issue over the union of the exact method's cells (see
:mod:`redline.space.polytope`): per cell the issue is x = a + s (b - a) on its piece, so it is one
linear programme per cell,

    min (or max) x   subject to   u(s) >= d,  s in [0, 1]^k,  x on the needed side,

and the threshold moves to the best over cells: ``x <= c`` rises to the least such x, ``x >= c``
falls to the greatest, an interval ``[lo, hi]`` stretches its nearer end, ``x == c`` moves to
the nearest. A strict comparison (``x < c``) must then pass that number, not reach it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from redline.limits import TOLERANCE
from redline.scenario import Scenario
from redline.scenario.rules import Compare, Member
from redline.scenario.situation import situate
from redline.space.continuous import ExactUnavailable
from redline.space.polytope import _cells, _linprog

MAX_MOVE_CELLS = 20_000
"""Beyond this many cells explain leaves the move out (it is one LP per cell and red line)."""


@dataclass(frozen=True)
class NumberMove:
    """The least move of a red line's number that opens a deal."""

    issue: str
    rule: str
    before: float  # the number in the red line (the end of an interval that moves)
    after: float  # where it must go
    strict: bool  # a strict comparison: it must pass `after`, not only reach it
    unit: str | None = None

    @property
    def by(self) -> float:
        """How far the red line's number moves, |after - before|."""
        return abs(self.after - self.before)

    def in_words(self) -> str:
        """The move as a clause, exact, with the unit."""
        unit = f" {self.unit}" if self.unit else ""
        past = " (strict: just past it)" if self.strict else ""
        return (f"moves the number in {self.rule!r} from {self.before:.6g} to "
                f"{self.after:.6g}{unit}{past}, by {self.by:.6g}{unit}")

    def to_dict(self) -> dict[str, Any]:
        """The move as JSON: issue, rule, from, to, by how much, whether the bound is strict, and
        the unit."""
        return {"issue": self.issue, "rule": self.rule, "from": self.before, "to": self.after,
                "by": round(self.by, 12), "strict": self.strict, "unit": self.unit}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberMove:
        """The inverse of `to_dict` (stored explanations read back)."""
        return cls(str(data.get("issue", "")), str(data.get("rule", "")),
                   float(data.get("from", 0.0)), float(data.get("to", 0.0)),
                   bool(data.get("strict", False)), data.get("unit"))


def _extreme(scenario: Scenario, agenda: Sequence[str], parties: Sequence[str], issue: str,
             lowest: bool, within: tuple[float, float]) -> float | None:
    """The least (or greatest) number of `issue` within `within` in a package that satisfies
    every red line of the parties and gives each at least its reservation; None if none."""
    current = situate(scenario, agenda)
    who = tuple(parties)
    cells, _ = _cells(current, who, MAX_MOVE_CELLS)
    d = np.array([current.reservations[p] for p in who])
    linprog = _linprog()
    best: float | None = None
    for cell in cells:
        a, b = cell.pieces[issue]
        low, high = max(a, within[0]), min(b, within[1])
        if low > high + TOLERANCE:
            continue
        m = cell.gens.shape[1]
        bounds: list[tuple[float, float]] = [(0.0, 1.0)] * m
        cost = np.zeros(m)
        if issue in cell.generators:
            j = cell.generators.index(issue)
            bounds[j] = ((low - a) / (b - a), (high - a) / (b - a))
            cost[j] = 1.0 if lowest else -1.0
        if m == 0:
            feasible = bool(np.all(cell.base >= d - TOLERANCE))
            value = a
        else:
            fit = linprog(cost, A_ub=-cell.gens, b_ub=cell.base - d + TOLERANCE, bounds=bounds,
                          method="highs")
            feasible = fit.status == 0
            value = a + (float(fit.x[cell.generators.index(issue)]) * (b - a)
                         if feasible and issue in cell.generators else 0.0)
        if feasible and (best is None or (value < best if lowest else value > best)):
            best = float(value)
    return best


def number_move(scenario: Scenario, relaxed: Scenario, agenda: Sequence[str],
                parties: Sequence[str], rule_id: str) -> NumberMove | None:
    """How far the number of `scenario`'s red line `rule_id` must move for a deal in `relaxed`
    (the scenario with the blocking set's red lines, this one included, removed and its
    reservations lowered); None when the red line is not a single comparison of a numeric issue
    on the agenda, when no number opens a deal, or when the exact method is out of reach (too
    many cells, scipy missing)."""
    try:
        return _move(scenario, relaxed, agenda, parties, rule_id)
    except ExactUnavailable:
        return None


def _move(scenario: Scenario, relaxed: Scenario, agenda: Sequence[str], parties: Sequence[str],
          rule_id: str) -> NumberMove | None:
    red = next((r for r in scenario.red_lines if r.id == rule_id), None)
    bound = scenario.rules.get(rule_id)
    if red is None or bound is None:
        return None
    node = bound.tree
    if not isinstance(node, Compare | Member) or node.issue not in agenda:
        return None
    spec = scenario.issue(node.issue)
    if spec.range is None or (isinstance(node, Member) and (node.negated or not node.interval)):
        return None
    if isinstance(node, Compare) and node.op == "!=":
        return None
    whole = (float(spec.range[0]), float(spec.range[1]))

    def extreme(lowest: bool, within: tuple[float, float] = whole) -> float | None:
        return _extreme(relaxed, agenda, parties, node.issue, lowest, within)

    def move(before: float, after: float | None, strict: bool = False) -> NumberMove | None:
        if after is None:
            return None
        return NumberMove(node.issue, red.rule or "", before, after, strict, spec.unit)

    if isinstance(node, Compare):
        c = float(node.option)
        if node.op in ("<", "<="):
            return move(c, extreme(lowest=True), strict=node.op == "<")
        if node.op in (">", ">="):
            return move(c, extreme(lowest=False), strict=node.op == ">")
        low, high = c, c  # ==: the nearest number either way
    else:
        low, high = float(node.options[0]), float(node.options[1])
    below = move(low, extreme(lowest=False, within=(whole[0], low)))
    above = move(high, extreme(lowest=True, within=(high, whole[1])))
    found = [m for m in (below, above) if m is not None]
    return min(found, key=lambda m: m.by) if found else None
