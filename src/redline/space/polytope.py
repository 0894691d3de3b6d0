"""Exact bargaining solutions for any number of parties over real issues: linear programmes.

With additive utilities and piecewise-linear value functions, the packages of one *cell* (an
option per discrete issue, a whole number per integer issue, and per real issue one piece of its
range where every value function is linear and every red-line atom constant; see
:mod:`redline.space.continuous`) give the utility vectors u = c + G s, s in [0, 1]^k, one
coordinate of s per real issue whose piece is an interval. Restricted to the individually
rational packages (u >= d) a cell is a polytope, and the solutions over the union of cells are

- **utilitarian**: max sum_p u_p, one linear programme (LP) per cell;
- **egalitarian**: max t with u_p - d_p >= t (Rawls's maximin; Kalai 1977), an LP, then max
  sum_p u_p with t fixed so that the point is Pareto optimal;
- **Kalai–Smorodinsky** (1975): the ideal point I_p = max u_p over the rational packages (an LP
  per party), then max t with u_p - d_p >= t (I_p - d_p), an LP, then max sum_p u_p at that t
  (the n-party extension of Roth 1979, ch. I.C, which keeps the point Pareto optimal);
- **Nash** (1950): max sum_p log(u_p - d_p), a concave programme over each cell, solved by SLSQP
  from the cell's maximin point and *certified*: the tangents of the logarithms at a point g give
  the upper bound sum_p log g_p + max_s sum_p (u_p(s) - d_p - g_p) / g_p (an LP; the logarithm
  lies under its tangents), so the reported Nash product is within a factor exp(gap) of the
  best, with the gap recorded. When the bound is loose the cell is refined by outer
  linearisation (Kelley 1960: the LP over s and z_p <= every tangent so far, a new tangent at
  its optimum) until the gap is below ``NASH_TOLERANCE``.

Cells are visited best bound first (each party's best in a cell, c_p + sum_k max(0, G_pk), bounds
every objective) and skipped when the bound cannot beat the best found: branch and bound over
the cells. The LPs are solved by HiGHS through :func:`scipy.optimize.linprog` (the ``exact``
extra). Red lines on numbers cut the polytope: a cell exists only where the red lines hold, and
a solution on the boundary of a strict one (``x < 3.67``) is a supremum, flagged ``attained:
false``. Issues off the agenda stay at their status quo.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE
from redline.scenario import Scenario
from redline.scenario.numeric import label
from redline.scenario.situation import Situation, situate
from redline.space.continuous import (
    MAX_CELLS,
    ExactAnalysis,
    ExactSolution,
    ExactUnavailable,
    _breakpoints,
    _holds,
    _pieces,
    _values,
    exact_bargaining,
    whole_numbers,
)
from redline.version import __version__

NASH_TOLERANCE = 1e-9
"""Largest certified gap in the log of the Nash product (relative error of the product)."""
KELLEY_ROUNDS = 200
NEGLIGIBLE = 1e-7
"""A party's ideal gain below this share of the largest counts as nil (HiGHS's own tolerance)."""
METHOD = "exact: linear programmes per cell (HiGHS), Nash certified by tangent cuts"


@dataclass(frozen=True)
class ExactSolutions:
    """The exact solutions of a situation with any number of parties (see the module docstring)."""

    parties: tuple[str, ...]
    reservations: tuple[float, ...]
    agenda: tuple[str, ...]
    real_issues: tuple[str, ...]
    ideal: dict[str, float]
    solutions: dict[str, ExactSolution]
    cells: int  # cells where every red line holds
    solved: int  # cells a linear programme was run on (the others were bounded away)
    nash_gap: float  # certified: log(best Nash product) - log(reported) <= nash_gap
    method: str = METHOD
    version: str = __version__
    situation: dict[str, Any] = field(default_factory=dict)

    @property
    def zopa(self) -> bool:
        """Whether any exact solution exists (a zone of possible agreement)."""
        return bool(self.solutions)

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-exact/1`` JSON document: the exact solutions, the ideal point, the
        certified gap on the log Nash product, and the cells solved."""
        return {
            "format": "redline-exact/1", "method": self.method, "version": self.version,
            "parties": list(self.parties), "reservations": list(self.reservations),
            "agenda": list(self.agenda), "real_issues": list(self.real_issues),
            "cells": self.cells, "cells_solved": self.solved, "zopa": self.zopa,
            "ideal": self.ideal, "nash_gap": self.nash_gap, "nash_tolerance": NASH_TOLERANCE,
            "solutions": {n: s.to_dict() for n, s in self.solutions.items()},
            "situation": self.situation,
        }


@dataclass(frozen=True)
class _Cell:
    choice: dict[str, int]  # discrete issue -> option index
    pieces: dict[str, tuple[float, float]]  # numeric issue -> (left, right) of its piece
    base: NDArray[np.float64]  # (n,) utilities at s = 0
    gens: NDArray[np.float64]  # (n, k) utility change per generator
    generators: tuple[str, ...]  # the real issue of each column of gens

    @property
    def top(self) -> NDArray[np.float64]:
        """Each party's best utility in the cell (ignoring the others' reservations)."""
        return np.asarray(self.base + np.maximum(self.gens, 0.0).sum(axis=1))


def _linprog() -> Callable[..., Any]:
    try:
        from scipy.optimize import linprog
    except ImportError:  # pragma: no cover - scipy comes with the exact extra
        raise ExactUnavailable("exact solutions for three or more parties need scipy. Fix: "
                               "pip install 'redline[exact]'") from None
    return linprog  # type: ignore[no-any-return]


def _cells(current: Situation, parties: tuple[str, ...], limit: int = MAX_CELLS
           ) -> tuple[list[_Cell], tuple[str, ...]]:
    """Every cell of the agenda where the parties' red lines hold (at most `limit` cells)."""
    scenario = current.scenario
    numeric = tuple(i for i in current.agenda if scenario.issue(i).range is not None)
    real = tuple(i for i in numeric if not scenario.issue(i).integer)
    listed = tuple(i for i in current.agenda if i not in numeric)
    fixed = current.package({i: 0 for i in current.agenda})  # off-agenda issues at status quo
    base_choice = {i: k for i, k in fixed.items() if i not in current.agenda}
    tables = {p: {i: scenario.utilities[p].table(i) for i in scenario.issue_ids} for p in parties}
    off = np.array([sum(tables[p][i][k] for i, k in base_choice.items()) for p in parties])
    pieces: dict[str, list[tuple[float, float]]] = {}
    at: dict[str, dict[float, NDArray[np.float64]]] = {}
    for issue in numeric:
        if issue in real:
            points = _breakpoints(scenario, issue, parties)
            pieces[issue] = _pieces(points)
        else:
            points = whole_numbers(scenario, issue)
            pieces[issue] = [(float(x), float(x)) for x in points]
        at[issue] = _values(scenario, parties, issue, points)
    sizes = [len(scenario.issue(i).options) for i in listed] + [len(pieces[i]) for i in numeric]
    total = math.prod(sizes)
    if total > limit:
        raise ExactUnavailable(f"{total:,} cells (options x pieces) exceed {limit:,}. Fix: "
                               "put fewer issues on the agenda or use redline analyze")
    cells = []
    for combo in itertools.product(*(range(n) for n in sizes)):
        choice = {**base_choice, **dict(zip(listed, combo[:len(listed)], strict=True))}
        spans = {i: pieces[i][k] for i, k in zip(numeric, combo[len(listed):], strict=True)}
        if not _holds(current, parties, choice, {i: (a + b) / 2 for i, (a, b) in spans.items()}):
            continue
        base = off + np.array([sum(tables[p][i][choice[i]] for i in listed) for p in parties])
        for issue, (a, _) in spans.items():
            base = base + at[issue][a]
        gens = tuple(i for i, (a, b) in spans.items() if b > a)
        columns = [at[i][spans[i][1]] - at[i][spans[i][0]] for i in gens]
        matrix = np.array(columns).T if columns else np.zeros((len(parties), 0))
        cells.append(_Cell(choice, spans, base, matrix, gens))
    return cells, real


class _Solver:
    """The LPs over one situation's cells: rows u_p(s) - d_p >= floor_p(t)."""

    def __init__(self, cells: list[_Cell], d: NDArray[np.float64]) -> None:
        self.cells, self.d, self.linprog = cells, d, _linprog()
        self.runs = set[int]()
        self.memo: dict[tuple[Any, ...], tuple[float, NDArray[np.float64]] | None] = {}

    def best(self, k: int, objective: NDArray[np.float64], slope: NDArray[np.float64] | None = None,
             floor: NDArray[np.float64] | None = None) -> tuple[float, NDArray[np.float64]] | None:
        """max objective . u(s) (+ t when `slope` is given, with u - d >= t * slope) over the
        rational packages of cell k (and u - d >= floor); None when there are none. Returns the
        optimum and s (t last when `slope` is given)."""
        key = (k, *(None if a is None else a.tobytes() for a in (objective, slope, floor)))
        if key not in self.memo:
            self.memo[key] = self._solve(k, objective, slope, floor)
        return self.memo[key]

    def _solve(self, k: int, objective: NDArray[np.float64], slope: NDArray[np.float64] | None,
               floor: NDArray[np.float64] | None) -> tuple[float, NDArray[np.float64]] | None:
        self.runs.add(k)
        cell = self.cells[k]
        need = self.d - cell.base + (0.0 if floor is None else floor)
        n, m = cell.gens.shape
        if m == 0 and slope is None:
            if np.any(need > TOLERANCE):
                return None
            return float(objective @ cell.base), np.zeros(0)
        a_ub = -cell.gens
        cost = -(objective @ cell.gens)
        bounds: list[tuple[float | None, float | None]] = [(0.0, 1.0)] * m
        if slope is not None:
            a_ub = np.hstack([a_ub, slope[:, None]])
            cost = np.append(cost, -1.0)
            bounds.append((None, None))
        fit = self.linprog(cost, A_ub=a_ub, b_ub=-need + TOLERANCE, bounds=bounds,
                           method="highs")
        if fit.status == 2:  # infeasible
            return None
        if fit.status != 0:  # our own bug (unbounded, numerical trouble): fail loudly
            raise RuntimeError(f"HiGHS failed on a cell: {fit.message}")
        s = np.asarray(fit.x, dtype=float)
        value = float(objective @ cell.base) - float(fit.fun)
        return value, s

    def utilities(self, k: int, s: NDArray[np.float64]) -> NDArray[np.float64]:
        cell = self.cells[k]
        return np.asarray(cell.base + cell.gens @ s[:cell.gens.shape[1]])


def _search(solver: _Solver, bounds: NDArray[np.float64],
            task: Callable[[int], tuple[float, NDArray[np.float64]] | None]
            ) -> tuple[float, int, NDArray[np.float64]] | None:
    """Branch and bound over the cells: visit in decreasing `bounds`, stop when none can win."""
    found: tuple[float, int, NDArray[np.float64]] | None = None
    for k in np.argsort(-bounds, kind="stable"):
        if not np.isfinite(bounds[k]) or (found is not None and bounds[k] <= found[0] + TOLERANCE):
            break
        answer = task(int(k))
        if answer is not None and (found is None or answer[0] > found[0] + TOLERANCE):
            found = (answer[0], int(k), answer[1])
    return found


def _maximin(solver: _Solver, weights: NDArray[np.float64], tops: NDArray[np.float64]
             ) -> tuple[float, int, NDArray[np.float64]] | None:
    """max t with u - d >= t * weights, then the largest sum of utilities at that t. A weight
    below ``NEGLIGIBLE`` times the largest (a party whose ideal gain is nil: every rational
    package gives it nothing) only asks u_p >= d_p; with no weight left, the largest sum."""
    scale = float(weights.max(initial=0.0))
    live = weights > NEGLIGIBLE * scale
    first: tuple[float, int, NDArray[np.float64]] | None = None
    sums = np.array([c.base.sum() + np.maximum(c.gens.sum(axis=0), 0).sum()
                     for c in solver.cells])
    if not live.any():
        floor = np.zeros(len(weights))
    else:
        weights = np.where(live, weights / scale, 0.0)
        with np.errstate(divide="ignore"):
            ratios = np.where(live, (tops - solver.d) / np.where(live, weights, 1.0), np.inf)
        bounds = np.min(ratios, axis=1)
        first = _search(solver, bounds,
                        lambda k: solver.best(k, np.zeros(len(weights)), weights))
        if first is None:
            return None
        floor = first[0] * weights - TOLERANCE
        sums[bounds < first[0] - 2 * TOLERANCE] = -np.inf
    second = _search(solver, sums, lambda k: solver.best(k, np.ones(len(weights)), floor=floor))
    return second if second is not None else first


def _nash_cell(solver: _Solver, k: int, start: NDArray[np.float64]
               ) -> tuple[float, NDArray[np.float64], float]:
    """The largest sum of log gains in cell k from a start with positive gains: (value, s, gap)."""
    from scipy.optimize import minimize

    cell, d = solver.cells[k], solver.d
    m = cell.gens.shape[1]

    def gains(s: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(cell.base - d + cell.gens @ s)

    def log_sum(s: NDArray[np.float64]) -> float:
        g = gains(s)
        return float(np.log(g).sum()) if np.all(g > 0) else -np.inf

    s = start
    if m:
        fit = minimize(lambda x: -log_sum(np.clip(x, 0, 1)) if np.all(gains(x) > 0) else 1e30,
                       start, jac=lambda x: -(cell.gens.T @ (1 / np.maximum(gains(x), 1e-300))),
                       bounds=[(0.0, 1.0)] * m, method="SLSQP",
                       constraints=[{"type": "ineq", "fun": lambda x: gains(x) - 1e-300,
                                     "jac": lambda x: cell.gens}],
                       options={"ftol": 1e-15, "maxiter": 500})
        candidate = np.clip(np.asarray(fit.x, dtype=float), 0, 1)
        if log_sum(candidate) > log_sum(start):
            s = candidate
    best = log_sum(s)
    tangents = [gains(s)]
    for _ in range(KELLEY_ROUNDS):
        upper, point = _outer(solver, k, tangents)
        value = log_sum(point)
        if value > best:
            best, s = value, point
        if upper - best <= NASH_TOLERANCE or m == 0:
            return best, s, max(upper - best, 0.0)
        tangents.append(np.maximum(gains(point), 1e-12))
    return best, s, max(upper - best, 0.0)


def _outer(solver: _Solver, k: int, tangents: list[NDArray[np.float64]]
           ) -> tuple[float, NDArray[np.float64]]:
    """The outer linearisation of sum_p log(gain_p) in cell k: max sum_p z_p with z_p under
    every tangent (variables s, z). Returns its optimum (an upper bound) and s."""
    cell, d = solver.cells[k], solver.d
    n, m = cell.gens.shape
    rows, rhs = [], []
    for g in tangents:  # z_p <= log g_p + (gain_p(s) - g_p) / g_p
        for p in range(n):
            row = np.zeros(m + n)
            row[:m] = -cell.gens[p] / g[p]
            row[m + p] = 1.0
            rows.append(row)
            rhs.append(math.log(g[p]) + (cell.base[p] - d[p] - g[p]) / g[p])
    rational = np.hstack([-cell.gens, np.zeros((n, n))])
    fit = solver.linprog(np.concatenate([np.zeros(m), -np.ones(n)]),
                         A_ub=np.vstack([np.array(rows), rational]),
                         b_ub=np.concatenate([rhs, cell.base - d + TOLERANCE]),
                         bounds=[(0.0, 1.0)] * m + [(None, None)] * n, method="highs")
    if fit.status != 0:
        raise RuntimeError(f"HiGHS failed on a Nash cut: {fit.message}")
    return -float(fit.fun), np.asarray(fit.x[:m], dtype=float)


def _nash(solver: _Solver, tops: NDArray[np.float64]
          ) -> tuple[tuple[float, int, NDArray[np.float64]] | None, float]:
    """The cell and point of the largest Nash product, and its certified gap."""
    n = len(solver.d)
    with np.errstate(divide="ignore", invalid="ignore"):
        bounds = np.where(np.all(tops > solver.d, axis=1),
                          np.log(np.maximum(tops - solver.d, 1e-300)).sum(axis=1), -np.inf)
    gaps: list[tuple[float, float]] = []  # (upper bound of a cell, its value)

    def task(k: int) -> tuple[float, NDArray[np.float64]] | None:
        start = solver.best(k, np.zeros(n), np.ones(n))  # the cell's maximin point
        if start is None or start[1][-1] <= TOLERANCE:
            return None
        value, s, gap = _nash_cell(solver, k, start[1][:-1])
        gaps.append((value + gap, value))
        return value, s

    found = _search(solver, bounds, task)
    if found is None:
        return None, 0.0
    return found, max(0.0, max(upper for upper, _ in gaps) - found[0])


def exact_solutions(subject: Scenario | Situation, agenda: Sequence[str] | None = None,
                    parties: Sequence[str] | None = None) -> ExactSolutions:
    """The exact utilitarian, egalitarian, Kalai–Smorodinsky and Nash points of a situation with
    any number of parties (by default every party; `parties` for a coalition, whose members'
    red lines and reservations alone count). See the module docstring."""
    current = situate(subject, agenda)
    who = _members(current, parties)
    cells, real = _cells(current, who)
    d = np.array([current.reservations[p] for p in who])
    solver = _Solver(cells, d)
    tops = np.array([c.top for c in cells]).reshape(len(cells), len(who))
    found: dict[str, tuple[float, int, NDArray[np.float64]] | None] = {}
    ideal: dict[str, float] = {}
    for j, party in enumerate(who):
        unit = np.eye(len(who))[j]
        best = _search(solver, tops[:, j], partial(solver.best, objective=unit))
        if best is not None:
            ideal[party] = best[0]
    nash_gap = 0.0
    if len(ideal) == len(who):
        sums = np.array([c.base.sum() + np.maximum(c.gens.sum(axis=0), 0).sum() for c in cells])
        found["utilitarian"] = _search(solver, sums,
                                       lambda k: solver.best(k, np.ones(len(who))))
        found["egalitarian"] = _maximin(solver, np.ones(len(who)), tops)
        span = np.maximum(np.array([ideal[p] for p in who]) - d, TOLERANCE)
        found["kalai_smorodinsky"] = _maximin(solver, span, tops)
        found["nash"], nash_gap = _nash(solver, tops)
        if found["nash"] is None:  # no package gives everyone a positive gain
            found["nash"] = found["utilitarian"]
    solutions = {name: _solution(current, who, cells[k], solver.utilities(k, s), s)
                 for name in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
                 if (hit := found.get(name)) is not None for _, k, s in (hit,)}
    return ExactSolutions(who, tuple(float(x) for x in d), current.agenda, real, ideal,
                          solutions, len(cells), len(solver.runs), float(nash_gap),
                          situation=current.to_dict())


def _members(current: Situation, parties: Sequence[str] | None) -> tuple[str, ...]:
    """The parties to solve for: every party with preferences, or the ones named (each must
    have preferences)."""
    utilities = current.scenario.utilities
    if parties is None:
        who = tuple(p for p in current.parties if p in utilities)
    else:
        unknown = [p for p in parties if p not in utilities]
        if unknown:
            raise ExactUnavailable(f"no preferences for {', '.join(map(repr, unknown))}. Fix: "
                                   "name parties with preferences: " + ", ".join(utilities))
        who = tuple(dict.fromkeys(parties))
    if not who:
        raise ExactUnavailable("no party with preferences to solve for. Fix: give preferences")
    return who


def _solution(current: Situation, parties: tuple[str, ...], cell: _Cell,
              utilities: NDArray[np.float64], s: NDArray[np.float64]) -> ExactSolution:
    scenario = current.scenario
    numbers = {i: a for i, (a, _) in cell.pieces.items()}
    for j, issue in enumerate(cell.generators):
        a, b = cell.pieces[issue]
        numbers[issue] = a + float(np.clip(s[j], 0, 1)) * (b - a)
    attained = _holds(current, parties, cell.choice, numbers)
    package: dict[str, float | str] = {}
    for issue in current.agenda:
        spec = scenario.issue(issue)
        if issue not in numbers:
            package[issue] = spec.options[cell.choice[issue]]
        elif spec.integer:
            package[issue] = label(numbers[issue], integer=True)
        else:
            package[issue] = float(numbers[issue])
    return ExactSolution({p: float(u) for p, u in zip(parties, utilities, strict=True)},
                         package, attained)


def exact_analysis(subject: Scenario | Situation, agenda: Sequence[str] | None = None,
                   parties: Sequence[str] | None = None) -> ExactAnalysis | ExactSolutions:
    """Two parties: the exact frontier and its solutions (:func:`exact_bargaining`); any other
    number: the exact solutions (:func:`exact_solutions`)."""
    current = situate(subject, agenda)
    who = _members(current, parties)
    if len(who) == 2:
        return exact_bargaining(current, parties=who)
    return exact_solutions(current, parties=who)


@dataclass(frozen=True)
class ExactCoalition:
    """One winning coalition's exact bargaining problem (its members' red lines and reservations
    only; the outsiders are outvoted), as :mod:`redline.space.coalitions` defines it."""

    members: tuple[str, ...]
    likeliest: bool
    analysis: ExactAnalysis | ExactSolutions

    def to_dict(self) -> dict[str, Any]:
        """The coalition's exact analysis as JSON, with its members and whether it is the
        likeliest."""
        return {"members": list(self.members), "likeliest": self.likeliest,
                **self.analysis.to_dict()}


def exact_coalitions(subject: Scenario | Situation, coalitions: Sequence[Sequence[str]],
                     likeliest: Sequence[str] | None = None, agenda: Sequence[str] | None = None
                     ) -> tuple[ExactCoalition, ...]:
    """The exact analysis of each winning coalition (under a decision rule other than unanimity
    a deal needs a winning coalition, not every party): :func:`exact_analysis` over its members."""
    current = situate(subject, agenda)
    chosen = None if likeliest is None else tuple(likeliest)
    return tuple(ExactCoalition(tuple(members), tuple(members) == chosen,
                                exact_analysis(current, parties=members))
                 for members in coalitions)
