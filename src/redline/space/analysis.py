"""The bargaining-space analysis of a scenario: ZOPA, Pareto frontier, solutions, binding red lines.

Only the parties' red lines constrain an agreement (parties hold a veto); red lines of mediators
and stakeholders are reported but not applied. An outcome is *feasible* when it satisfies every
applied red line, and *individually rational* when each party's utility reaches its reservation
value (with a 1e-12 allowance for rounding). The ZOPA is the set of feasible, individually
rational outcomes. If a party refuses the agenda, there are no talks and the ZOPA is empty.

Two paths compute the same answer (see docs/frontier.md): ``enumerate`` visits every outcome in
chunks; ``merge`` builds the frontier from the issues' own frontiers without enumerating the
space. ``auto`` (the default) enumerates small spaces and merges large ones. Utilities are exact
integers on a 1e-12 grid on both paths (see :mod:`redline.space.outcomes`), so both find the same
frontier, ties included, and the same solutions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.limits import MAX_OUTCOMES, TOLERANCE
from redline.scenario import Scenario
from redline.scenario.situation import Situation, refusals, situate
from redline.space.counting import count_zopa_by_blocks
from redline.space.enumeration import count_zopa, enumerate_frontier
from redline.space.merge import merge_frontier
from redline.space.outcomes import GRID, OutcomeSpace, outcome_space
from redline.space.solutions import SOLUTIONS, Choice
from redline.version import __version__

RATIONALITY_SLACK = TOLERANCE  # per issue: the rounding allowance of individual rationality
DEFAULT_MAX_OUTCOMES = MAX_OUTCOMES
METHODS = ("auto", "enumerate", "merge")
COUNT_STATES = 1 << 18  # the ZOPA count by blocks gives up beyond this many partial totals
AUTO_ENUMERATE_UP_TO = 1 << 16  # auto: enumerate spaces up to this size, merge larger ones


class SpaceTooLarge(RedlineError):
    """The outcome space is larger than the enumeration limit."""


class MethodError(RedlineError):
    """An unknown analysis method."""


@dataclass(frozen=True)
class Frontier:
    """Pareto-optimal outcomes: option indices over all issues, and the parties' utilities."""

    options: NDArray[np.int64]  # (points, scenario issues)
    utilities: NDArray[np.float64]  # (points, parties)

    def __len__(self) -> int:
        return int(self.options.shape[0])


@dataclass(frozen=True)
class Solution:
    """A bargaining solution picked on the frontier: its frontier row, how many rows tie on its
    criterion, the package (option per agenda issue) and each party's utility."""
    name: str
    row: int  # row of the frontier
    ties: int
    options: tuple[int, ...]
    utilities: tuple[float, ...]


@dataclass(frozen=True)
class Package:
    """One outcome in words: the option of every issue and each party's utility of it."""

    outcome: dict[str, str]  # issue id -> option label, every issue of the scenario
    utilities: dict[str, float]  # party -> utility

    def to_dict(self) -> dict[str, Any]:
        """The package as JSON: option label per issue and utility per party."""
        return {"outcome": dict(self.outcome), "utilities": dict(self.utilities)}


@dataclass(frozen=True)
class Analysis:
    """Everything `analyze` found, frozen. `to_dict()` gives the JSON contract."""

    scenario: Scenario
    parties: tuple[str, ...]
    agenda: tuple[str, ...]
    reservations: tuple[float, ...]
    refused_by: tuple[tuple[str, str], ...]  # (actor, agenda red line id)
    applied_red_lines: tuple[str, ...]
    outcomes: int
    feasible: int
    zopa_size: int | None  # None: not counted (a huge space with reservations that cut into it)
    frontier: Frontier
    solutions: dict[str, Solution | None]
    best_for: dict[str, Solution | None]
    binding_red_lines: tuple[str, ...]
    situation: Situation | None = None  # what the analysis assumed (agenda, events, ...)
    method: str = "enumerate"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    @property
    def zopa(self) -> bool:
        """Whether a zone of possible agreement exists: no party refuses the agenda and some
        feasible outcome meets every reservation."""
        if self.refused_by:
            return False
        return self.zopa_size > 0 if self.zopa_size is not None else len(self.frontier) > 0

    def labels(self, options: Sequence[int]) -> dict[str, str]:
        """Option indices over all issues -> {issue id: option label}."""
        return {
            issue.id: issue.options[int(k)]
            for issue, k in zip(self.scenario.issues, options, strict=True)
        }

    def package(self, options: Sequence[int], utilities: Sequence[float]) -> Package:
        """The package of an outcome (option indices over the agenda) with its utilities, labelled
        and rounded for reports."""
        return Package(self.labels(options),
                       {p: round(float(u), 12) for p, u in zip(self.parties, utilities,
                                                               strict=True)})

    def solution_package(self, name: str = "nash") -> Package | None:
        """A solution (or None when there is none) as a package in words."""
        found = self.solutions.get(name)
        return None if found is None else self.package(found.options, found.utilities)

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-analysis/1`` JSON document: ZOPA, Pareto frontier, solutions with gains
        over the reservations, best package per party, applied and binding red lines."""
        def solution(s: Solution | None) -> dict[str, Any] | None:
            if s is None:
                return None
            data = self.package(s.options, s.utilities).to_dict()
            data["gains"] = {p: round(u - d, 12) for p, u, d in
                             zip(self.parties, s.utilities, self.reservations, strict=True)}
            data["ties"] = s.ties
            return data

        return {
            "format": "redline-analysis/1",
            "scenario": self.scenario.title,
            "parties": list(self.parties),
            "agenda": list(self.agenda),
            "off_agenda": {
                i.id: i.status_quo for i in self.scenario.issues if i.id not in self.agenda
            },
            "reservations": {p: d for p, d in zip(self.parties, self.reservations, strict=True)},
            "refused_by": [{"actor": a, "red_line": r} for a, r in self.refused_by],
            "outcomes": self.outcomes,
            "feasible": self.feasible,
            "zopa": self.zopa,
            "zopa_size": self.zopa_size,
            "pareto": [self.package(o, u).to_dict() for o, u in
                       zip(self.frontier.options.tolist(), self.frontier.utilities.tolist(),
                           strict=True)],
            "solutions": {name: solution(s) for name, s in self.solutions.items()},
            "best_for": {p: solution(s) for p, s in self.best_for.items()},
            "applied_red_lines": list(self.applied_red_lines),
            "binding_red_lines": list(self.binding_red_lines),
            "situation": None if self.situation is None else self.situation.to_dict(),
            "method": self.method,
            "parameters": self.parameters,
            "version": self.version,
        }


def applied_rules(scenario: Scenario, parties: Sequence[str]) -> tuple[str, ...]:
    """Outcome red lines that constrain agreements: those of the parties."""
    return tuple(r.id for r in scenario.red_lines if r.rule is not None and r.actor in parties)


def analyze(
    scenario: Scenario | Situation,
    agenda: Sequence[str] | None = None,
    *,
    parties: Sequence[str] | None = None,
    max_outcomes: int = DEFAULT_MAX_OUTCOMES,
    method: str = "auto",
    binding: bool = True,
    ties: bool = True,
) -> Analysis:
    """Analyse the bargaining space of a situation (or of `scenario`, taken as it is, under
    `agenda`: default every issue); see :mod:`redline.scenario.situation`.

    `method`: ``"enumerate"`` (every outcome, up to `max_outcomes`), ``"merge"`` (the frontier
    from the issues' frontiers, any size; `max_outcomes` bounds a block of issues linked by red
    lines and the candidates of one merge step) or ``"auto"``. `binding=False` skips finding
    which red lines bind (one more frontier per red line; `binding_red_lines` then holds only
    refusals and `parameters["binding"]` is False): Monte Carlo draws and sweeps, which do not report it.
    `ties=False` lists one frontier package per utility vector, the first in canonical order
    (`parameters["ties"]` is then False): the solutions' packages are the same, their `ties`
    count only distinct vectors. Monte Carlo draws use it: a frontier of many tied packages is
    not read back for each draw.
    """
    if method not in METHODS:
        raise MethodError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    current = situate(scenario, agenda)
    scenario = current.scenario
    space = outcome_space(scenario, current.agenda, parties)
    refused = refusals(scenario, space.agenda, space.parties)
    rules = applied_rules(scenario, space.parties)
    reservations = np.array([scenario.utilities[p].reservation for p in space.parties])
    chosen = method if method != "auto" else (
        "enumerate" if space.size <= AUTO_ENUMERATE_UP_TO else "merge")
    parameters: dict[str, Any] = {"agenda": list(space.agenda), "max_outcomes": max_outcomes,
                                  "method": method, "grid": 1 / GRID}
    if not binding:
        parameters["binding"] = False
    if not ties:
        parameters["ties"] = False
    empty = Frontier(np.zeros((0, len(scenario.issue_ids)), dtype=np.int64),
                     np.zeros((0, len(space.parties))))
    zopa_size: int | None
    if refused:
        return Analysis(scenario, space.parties, space.agenda, tuple(reservations.tolist()),
                        refused, rules, space.size, 0, 0, empty,
                        dict.fromkeys(SOLUTIONS), dict.fromkeys(space.parties),
                        tuple(sorted({r for _, r in refused})), current, method=chosen,
                        parameters=parameters)
    if chosen == "enumerate":
        if space.size > max_outcomes:
            raise SpaceTooLarge(
                f"the agenda has {space.size:,} outcomes, more than the enumeration limit of "
                f"{max_outcomes:,}; use the merge method (--method merge), narrow the agenda "
                "(--agenda) or raise the limit (--max-outcomes)"
            )
        found = enumerate_frontier(space, rules, binding=binding)
        options = space.decode(found.numbers)
        scaled, feasible, zopa_size = found.utilities, found.feasible, found.zopa_size
        binds = found.binding
        if not ties:  # the first package of each utility vector (the numbers are in order)
            first = np.sort(np.unique(scaled, axis=0, return_index=True)[1])
            options, scaled = options[first], scaled[first]
    else:
        merged = merge_frontier(space, rules, max_outcomes, ties)
        options, scaled, feasible = merged.options, merged.utilities, merged.feasible
        zopa_size = _merged_zopa_size(space, rules, merged, max_outcomes)
        binds = () if not binding else tuple(
            rule for rule in rules
            if not np.array_equal(
                merge_frontier(space, [r for r in rules if r != rule], max_outcomes, ties).options,
                options)
        )
    frontier = _frontier_of(space, options, scaled)
    solutions, best = _solutions(frontier, reservations, space.parties)
    return Analysis(scenario, space.parties, space.agenda, tuple(reservations.tolist()), (),
                    rules, space.size, feasible, zopa_size, frontier,
                    solutions, best, binds, current, method=chosen, parameters=parameters)


def _merged_zopa_size(space: OutcomeSpace, rules: Sequence[str], merged: Any,
                      max_outcomes: int) -> int | None:
    """Exact where it can be: every feasible outcome rational (the least feasible utility reaches
    each reservation), none (empty frontier), a space small enough to count by enumeration, or
    a count by dynamic programming over the blocks within COUNT_STATES states; else None."""
    if merged.feasible == 0 or len(merged.options) == 0:
        return 0
    floor = space.scaled_reservations()
    if (merged.worst >= floor).all():
        return int(merged.feasible)
    if space.size <= max_outcomes:
        return count_zopa(space, rules)
    return count_zopa_by_blocks(merged.blocks, space.scaled_constant(), floor, COUNT_STATES)


def _frontier_of(space: OutcomeSpace, agenda_options: NDArray[np.int64],
                 scaled: NDArray[np.int64]) -> Frontier:
    """Frontier packages over all issues, with their utilities as plain float sums.

    Which packages are on the frontier was decided on exact integers (`scaled`); the reported
    utilities are sum_i w_i v_i(option) in scenario issue order, the same for both paths."""
    options = space.full_options(agenda_options)
    values = np.zeros((len(options), len(space.parties)))
    ids = space.scenario.issue_ids
    counts = space.scenario.option_counts()
    offsets = np.cumsum([0, *(counts[issue] for issue in ids)])
    at = np.ascontiguousarray((options + offsets[:-1]).T)  # (issues, packages)
    for j, party in enumerate(space.parties):
        utility = space.scenario.utilities[party]
        flat = np.concatenate([utility.table(issue) for issue in ids]) if ids else np.zeros(0)
        for column in at:  # the issues' terms added left to right, in scenario issue order
            values[:, j] += flat[column]
    if not np.allclose(values, scaled / space.scales(), rtol=0, atol=1e-9):
        raise AssertionError("integer and float utilities disagree")  # a bug of ours
    options.setflags(write=False)
    values.setflags(write=False)
    return Frontier(options, values)


def _solutions(frontier: Frontier, d: NDArray[np.float64], parties: Sequence[str]
               ) -> tuple[dict[str, Solution | None], dict[str, Solution | None]]:
    if len(frontier) == 0:
        return dict.fromkeys(SOLUTIONS), dict.fromkeys(parties)

    def record(name: str, choice: Choice) -> Solution:
        row = choice.row
        return Solution(name, row, choice.ties, tuple(frontier.options[row].tolist()),
                        tuple(frontier.utilities[row].tolist()))

    u = frontier.utilities
    solutions: dict[str, Solution | None] = {
        name: record(name, rule(u, d)) for name, rule in SOLUTIONS.items()
    }
    best: dict[str, Solution | None] = {}
    for j, party in enumerate(parties):
        primary = u[:, j]
        tied = np.flatnonzero(np.isclose(primary, primary.max(), rtol=TOLERANCE, atol=TOLERANCE))
        row = int(tied[np.argmax(u[tied].sum(axis=1))])
        best[party] = record(f"best_for_{party}", Choice(row, len(tied), float(primary[row])))
    return solutions, best
