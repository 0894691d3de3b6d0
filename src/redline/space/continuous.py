"""Exact two-party bargaining over real-valued issues with piecewise-linear values.

With additive utilities and piecewise-linear value functions, the utility pairs reachable are a
finite union of zonotopes, so the Pareto frontier is a chain of straight pieces and the Nash,
Kalai–Smorodinsky, egalitarian and utilitarian points have closed forms (see
:mod:`redline.space.envelope`). The cells: one option per discrete issue, one whole number per
integer issue (every whole number of its range, not only its grid), and per real issue one
*piece* of its range, a breakpoint or an open interval between consecutive breakpoints, where
the breakpoints are the range's ends, both parties' value function points and the numbers in the
red lines that mention the issue. Every value is linear
and every red-line atom constant on a piece, so a red line (any rule of the language) is checked
once per cell at a representative number. A cell whose open interval meets a strict inequality
(``enrichment < 3.67``) contributes its closure: a solution on that boundary is a supremum, not
attained, and is flagged.

Issues off the agenda stay at their status quo. Everything else is exact up to floating point;
the grid-based :func:`redline.space.analyze` gives the same points within the grid error.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.limits import TOLERANCE
from redline.scenario import Scenario
from redline.scenario.numeric import label
from redline.scenario.rules import Compare, Member, Node, evaluate, number_holds
from redline.scenario.situation import Situation, situate
from redline.space.envelope import Staircase, envelope, rational, solve, staircase
from redline.version import __version__

MAX_CELLS = 200_000
METHOD = "exact: two-party piecewise-linear frontier (envelope of cell zonotopes)"


class ExactUnavailable(RedlineError):
    """A problem outside the exact method's reach (more than two parties, too many cells)."""


@dataclass(frozen=True)
class ExactSolution:
    """A solution over real issues: each party's utility, the package (numbers for real issues,
    labels for the others) and whether it is attained (False: a supremum on the open boundary of a
    strict red line)."""
    utilities: dict[str, float]
    package: dict[str, float | str]  # numbers for real issues, labels for the others
    attained: bool  # False: a supremum on an open boundary (a strict red line)

    def to_dict(self) -> dict[str, Any]:
        """The solution as JSON: utilities, package and whether it is attained."""
        return {"utilities": self.utilities, "package": self.package, "attained": self.attained}


@dataclass(frozen=True)
class ExactAnalysis:
    """The exact frontier (pieces from B's best to A's best) and solutions of a situation."""

    parties: tuple[str, str]
    reservations: tuple[float, float]
    agenda: tuple[str, ...]
    real_issues: tuple[str, ...]
    frontier: tuple[tuple[tuple[float, float], tuple[float, float]], ...]
    solutions: dict[str, ExactSolution]
    cells: int
    method: str = METHOD
    version: str = __version__
    situation: dict[str, Any] = field(default_factory=dict)

    @property
    def zopa(self) -> bool:
        """Whether the exact Pareto frontier is non-empty (a zone of possible agreement exists)."""
        return bool(self.frontier)

    @property
    def vertices(self) -> list[tuple[float, float]]:
        """The frontier's corner points, in order (a piece of length 0 is a lone point)."""
        out: list[tuple[float, float]] = []
        for start, end in self.frontier:
            for point in (start, end):
                if not out or not np.allclose(out[-1], point, atol=TOLERANCE):
                    out.append(point)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-exact/1`` JSON document: the frontier's segments and vertices, the exact
        solutions, and the cells searched."""
        return {
            "format": "redline-exact/1", "method": self.method, "version": self.version,
            "parties": list(self.parties), "reservations": list(self.reservations),
            "agenda": list(self.agenda), "real_issues": list(self.real_issues),
            "cells": self.cells, "zopa": self.zopa,
            "frontier": {"segments": [[list(a), list(b)] for a, b in self.frontier],
                         "vertices": [list(v) for v in self.vertices]},
            "solutions": {n: s.to_dict() for n, s in self.solutions.items()},
            "situation": self.situation,
        }


@dataclass(frozen=True)
class _Cell:
    choice: dict[str, int]  # enumerated issue -> option index
    pieces: dict[str, tuple[float, float]]  # real issue -> (left, right) of its piece
    stairs: Staircase
    generators: tuple[str, ...]  # real issue of each generator


def _breakpoints(scenario: Scenario, issue: str, parties: Sequence[str]) -> NDArray[np.float64]:
    low, high = scenario.issue(issue).range or (0.0, 0.0)
    points = [low, high]
    for party in parties:
        points += scenario.utilities[party].functions[issue][0].tolist()
    for bound in scenario.rules.values():
        points += _numbers(bound.tree, issue)
    return np.unique([p for p in points if low <= p <= high])


def _numbers(node: Node, issue: str) -> list[float]:
    if isinstance(node, Compare | Member):
        if node.issue != issue:
            return []
        texts = (node.option,) if isinstance(node, Compare) else node.options
        return [float(t) for t in texts]
    children = getattr(node, "operands", None) or [
        getattr(node, name) for name in ("operand", "premise", "conclusion") if hasattr(node, name)]
    return [x for child in children for x in _numbers(child, issue)]


def _pieces(points: NDArray[np.float64]) -> list[tuple[float, float]]:
    singles = [(float(p), float(p)) for p in points]
    spans = [(float(a), float(b)) for a, b in zip(points[:-1], points[1:], strict=True)]
    return singles + spans


def _holds(current: Situation, parties: Sequence[str], choice: dict[str, int],
           numbers: dict[str, float]) -> bool:
    scenario = current.scenario
    counts = scenario.option_counts()
    for red in scenario.red_lines:
        if red.rule is None or red.actor not in parties:
            continue
        bound = scenario.rules[red.id]
        nodes = _atoms(bound.tree)

        def atom(issue: str, table: NDArray[np.bool_], _n: list[Node] = nodes) -> NDArray[np.bool_]:
            node = _n.pop(0)
            if issue in numbers:
                assert isinstance(node, Compare | Member)
                return number_holds(node, np.asarray(numbers[issue]))
            return np.asarray(table[choice[issue]])

        if not bool(evaluate(bound, atom, counts)):
            return False
    return True


def _atoms(node: Node) -> list[Node]:
    if isinstance(node, Compare | Member):
        return [node]
    children = getattr(node, "operands", None) or [
        getattr(node, name) for name in ("operand", "premise", "conclusion") if hasattr(node, name)]
    return [a for child in children for a in _atoms(child)]


def _values(scenario: Scenario, parties: Sequence[str], issue: str,
            points: NDArray[np.float64]) -> dict[float, NDArray[np.float64]]:
    """w_i v_i(x) of each party at each breakpoint x of a real issue."""
    table = np.array([scenario.utilities[p].weights[issue]
                      * np.interp(points, *scenario.utilities[p].functions[issue])
                      for p in parties])
    return {float(x): table[:, k] for k, x in enumerate(points)}


def whole_numbers(scenario: Scenario, issue: str) -> NDArray[np.float64]:
    """Every whole number of an integer issue's range, whether or not its grid holds it."""
    low, high = scenario.issue(issue).range or (0.0, 0.0)
    return np.arange(math.ceil(low), math.floor(high) + 1, dtype=float)


def exact_bargaining(subject: Scenario | Situation, agenda: Sequence[str] | None = None,
                     parties: Sequence[str] | None = None) -> ExactAnalysis:
    """The exact frontier and solutions of a two-party situation whose real-valued issues have
    piecewise-linear value functions (discrete issues are enumerated, and integer issues over
    every whole number of their range, not their grid). `parties`: the two to solve for (a
    coalition: only their red lines and reservations count); default every party."""
    current = situate(subject, agenda)
    scenario = current.scenario
    members = tuple(p for p in (current.parties if parties is None else parties)
                    if p in scenario.utilities)
    if len(members) != 2:
        raise ExactUnavailable(f"the exact frontier takes two parties; this situation has "
                               f"{len(members)}. Fix: use redline.space.exact_solutions (any "
                               "number of parties, solutions without the frontier) or redline "
                               "analyze (the grid)")
    pair = (members[0], members[1])
    numeric = tuple(i for i in current.agenda if scenario.issue(i).range is not None)
    real = tuple(i for i in numeric if not scenario.issue(i).integer)
    listed = tuple(i for i in current.agenda if i not in numeric)
    fixed = current.package({i: 0 for i in current.agenda})  # off-agenda issues at status quo
    base_choice = {i: k for i, k in fixed.items() if i not in current.agenda}
    tables = {p: {i: scenario.utilities[p].table(i) for i in scenario.issue_ids} for p in pair}
    off = np.array([sum(tables[p][i][k] for i, k in base_choice.items()) for p in pair])
    breaks = {i: _breakpoints(scenario, i, pair) if i in real else whole_numbers(scenario, i)
              for i in numeric}
    pieces = {i: _pieces(breaks[i]) if i in real else [(float(x), float(x)) for x in breaks[i]]
              for i in numeric}
    at = {i: _values(scenario, pair, i, breaks[i]) for i in numeric}
    sizes = [len(scenario.issue(i).options) for i in listed] + [len(pieces[i]) for i in numeric]
    total = int(np.prod(sizes)) if sizes else 1
    if total > MAX_CELLS:
        raise ExactUnavailable(f"{total:,} cells (options x pieces) exceed {MAX_CELLS:,}. Fix: "
                               "put fewer issues on the agenda or use redline analyze")
    cells: list[_Cell] = []
    rows: list[list[float]] = []
    owner: list[tuple[int, int]] = []
    for combo in itertools.product(*(range(n) for n in sizes)):
        choice = {**base_choice, **dict(zip(listed, combo[:len(listed)], strict=True))}
        spans = {i: pieces[i][k] for i, k in zip(numeric, combo[len(listed):], strict=True)}
        middle = {i: (a + b) / 2 for i, (a, b) in spans.items()}
        if not _holds(current, pair, choice, middle):
            continue
        base = off + np.array([sum(tables[p][i][choice[i]] for i in listed) for p in pair])
        for i, (a, _) in spans.items():
            base = base + at[i][a]
        gens = [i for i, (a, b) in spans.items() if b > a]
        vectors = np.array([at[i][spans[i][1]] - at[i][spans[i][0]] for i in gens]
                           ).reshape(-1, 2)
        stairs = staircase(base, vectors)
        cells.append(_Cell(choice, spans, stairs, tuple(gens)))
        v = stairs.vertices
        for j in range(max(len(v) - 1, 1)):
            a, b = (v[j], v[j + 1]) if len(v) > 1 else (v[0], v[0])
            rows.append([a[0], a[1], b[0], b[1]])
            owner.append((len(cells) - 1, j if len(v) > 1 else -1))
    d = (current.reservations[pair[0]], current.reservations[pair[1]])
    frontier = rational(envelope(np.array(rows)), d) if rows else []
    chosen = solve(frontier, d)
    solutions = {}
    for name, (ua, ub, k) in chosen.items():
        cell, edge = owner[frontier[k].segment]
        package = _package(scenario, cells[cell], edge, rows[frontier[k].segment], ua)
        numbers = {i: float(v) for i, v in package.items() if i in numeric}
        attained = _holds(current, pair, cells[cell].choice, numbers)
        labels: dict[str, float | str] = {
            i: (numbers[i] if i in real else label(numbers[i], integer=True) if i in numeric
                else scenario.issue(i).options[cells[cell].choice[i]])
            for i in current.agenda}
        solutions[name] = ExactSolution({pair[0]: float(ua), pair[1]: float(ub)}, labels,
                                        attained)
    return ExactAnalysis(pair, d, current.agenda, real,
                         tuple(((float(p.start[0]), float(p.start[1])),
                                (float(p.end[0]), float(p.end[1]))) for p in frontier),
                         solutions, len(cells), situation=current.to_dict())


def _package(scenario: Scenario, cell: _Cell, edge: int, row: list[float], ua: float
             ) -> dict[str, float]:
    """The numbers of the real issues at the point of A-utility `ua` on a cell's edge."""
    stairs = cell.stairs
    fill = list(stairs.start)
    if edge >= 0:
        for k in stairs.order[:edge]:
            fill[k] = 1.0 - fill[k]
        k = stairs.order[edge]
        width = row[2] - row[0]
        s = 0.0 if width <= 0 else min(1.0, max(0.0, (ua - row[0]) / width))
        fill[k] = fill[k] + s * (1.0 - 2.0 * fill[k])
    numbers = {i: a for i, (a, _) in cell.pieces.items()}
    for k, issue in enumerate(cell.generators):
        a, b = cell.pieces[issue]
        numbers[issue] = a + fill[k] * (b - a)
    return numbers
