"""Why no deal: the minimal sets of constraints whose removal opens a ZOPA, and what binds a deal.

The constraints of an agenda are the parties' outcome red lines (by red-line id), the parties'
agenda refusals triggered by the agenda (by red-line id) and each party's reservation value
(``reservation:ACTOR``: the party accepts only outcomes worth at least its reservation).

Search. For every outcome o of the agenda let V(o) be the set of constraints o violates (an agenda
refusal is violated by every outcome). Removing a set S of constraints admits o exactly when
V(o) ⊆ S. So the ZOPA opens after removing S iff S contains some V(o), and the *minimal* blocking
sets (minimal correction sets, the minimal hitting sets of the minimal conflicts) are exactly the
inclusion-minimal sets among {V(o)}. We compute every outcome's violation signature as one bit
vector with numpy, keep the distinct signatures, and sweep them by size keeping those that
contain no smaller one. The result is every minimal set (smallest first), exact, in one pass over
the outcomes plus a pass over distinct signatures (at most min(outcomes, 2^constraints)); no
subset of constraints is ever tried blindly. Sets larger than ``max_size`` are counted, not listed.

What each set gives up. A red line or an agenda refusal in S is dropped. A reservation in S is
lowered by the *smallest uniform drop* that opens a deal: delta = min over outcomes o with
V(o) ⊆ S of max_{i in S} (d_i - u_i(o)); with one reservation in S this is exactly the minimal
drop of that party's reservation. The deal that opens is the Nash point of the relaxed problem
(red lines dropped, reservations lowered by delta).

A red line that compares a number (``enrichment <= 3.67``) can move instead of going: its
concession also says how far its number must move for the deal to open, exactly, not in grid
steps (:mod:`redline.space.moves`).

When a ZOPA exists, ``binding`` lists the red lines whose removal alone moves the Nash point (with
the new point and each party's change), and ``headroom`` says how far each party's reservation could
rise before the ZOPA empties.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.limits import MAX_EXPLAIN_WORK, MAX_OUTCOMES
from redline.scenario import Scenario
from redline.scenario.budget import check_explain
from redline.scenario.situation import Situation, refusals, situate
from redline.space.analysis import (
    AUTO_ENUMERATE_UP_TO,
    RATIONALITY_SLACK,
    Analysis,
    Package,
    SpaceTooLarge,
    analyze,
    applied_rules,
)
from redline.space.moves import NumberMove, number_move
from redline.space.outcomes import outcome_space
from redline.version import __version__

DEFAULT_MAX_SIZE = 3
RESERVATION = "reservation:"


@dataclass(frozen=True)
class Concession:
    """What giving up one constraint of a blocking set means for its owner."""

    constraint: str
    actor: str
    kind: str  # "red line", "agenda refusal" or "reservation"
    issues: tuple[str, ...] = ()  # agenda refusal: the refused issues on the table
    drop: float | None = None  # reservation: the uniform drop that opens a deal
    before: float | None = None  # reservation: its value, before and after the drop
    after: float | None = None
    move: NumberMove | None = None  # red line on a number: how far its number must move instead

    def in_words(self) -> str:
        """The concession as a clause ("IRN drops its red line x"): the one wording of the CLI,
        the brief and the report, which reads both in a list and after "a deal opens if"."""
        if self.kind == "reservation":
            return (f"{self.actor} lowers its reservation by {self.drop or 0.0:.3f} "
                    f"({self.before or 0.0:.3f} -> {self.after or 0.0:.3f})")
        if self.kind == "agenda refusal":
            issues = ", ".join(self.issues)
            return (f"{self.actor} drops its agenda refusal {self.constraint} and talks with "
                    f"{issues} on the table (or {issues} comes off the agenda)")
        if self.move is not None:
            return (f"{self.actor} drops its red line {self.constraint}, or "
                    f"{self.move.in_words()}")
        return f"{self.actor} drops its red line {self.constraint}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Concession:
        """The inverse of `to_dict` (the report reads stored explanations back)."""
        return cls(constraint=str(data.get("constraint", "")), actor=str(data.get("actor", "")),
                   kind=str(data.get("kind", "red line")),
                   issues=tuple(str(i) for i in data.get("issues", ())),
                   drop=data.get("drop"), before=data.get("from"), after=data.get("to"),
                   move=NumberMove.from_dict(data["move"]) if data.get("move") else None)

    def to_dict(self) -> dict[str, Any]:
        """The concession as JSON: the constraint, whose it is and its kind, plus the number move,
        the refused issues or the reservation drop that kind involves."""
        data: dict[str, Any] = {"constraint": self.constraint, "actor": self.actor,
                                "kind": self.kind}
        if self.move is not None:
            data["move"] = self.move.to_dict()
        if self.kind == "agenda refusal":
            data["issues"] = list(self.issues)
        if self.kind == "reservation":
            data.update({"drop": self.drop, "from": self.before, "to": self.after})
        return data


@dataclass(frozen=True)
class BlockingSet:
    """A minimal set of constraints whose removal opens a ZOPA, the Nash package of the relaxed
    problem, and what each constraint's owner gives up."""
    constraints: tuple[str, ...]
    opens: Package  # the Nash point of the relaxed problem
    gives_up: tuple[Concession, ...]  # one per constraint

    def to_dict(self) -> dict[str, Any]:
        """The blocking set as JSON: its constraints, the package it opens, and the concessions."""
        return {"constraints": list(self.constraints), "opens": self.opens.to_dict(),
                "gives_up": [g.to_dict() for g in self.gives_up]}


@dataclass(frozen=True)
class BindingRedLine:
    """A red line whose removal alone moves the Nash point."""

    constraint: str
    actor: str
    nash_without: Package
    change: dict[str, float]  # party -> utility change at the Nash point without it

    def to_dict(self) -> dict[str, Any]:
        """The binding red line as JSON: its constraint and owner, the Nash package without it, and
        each party's change in utility."""
        return {"constraint": self.constraint, "actor": self.actor,
                "nash_without": self.nash_without.to_dict(), "change": dict(self.change)}


@dataclass(frozen=True)
class Explanation:
    """Why there is no deal (minimal blocking sets of constraints) or what binds the deal there is
    (red lines that move the Nash point, each party's headroom over its reservation)."""
    scenario_title: str
    parties: tuple[str, ...]
    agenda: tuple[str, ...]
    zopa: bool
    constraints: tuple[str, ...]
    blocking_sets: tuple[BlockingSet, ...]
    beyond_limit: int  # minimal blocking sets larger than max_size, not listed
    nash: Package | None
    binding: tuple[BindingRedLine, ...]
    headroom: dict[str, float]
    situation: Situation | None = None
    method: str = "violation-signatures"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-explain/1`` JSON document: constraints, blocking sets, the Nash package,
        binding red lines, headroom, and how it was computed."""
        return {
            "format": "redline-explain/1",
            "scenario": self.scenario_title,
            "parties": list(self.parties),
            "agenda": list(self.agenda),
            "zopa": self.zopa,
            "constraints": list(self.constraints),
            "blocking_sets": [b.to_dict() for b in self.blocking_sets],
            "beyond_limit": self.beyond_limit,
            "nash": None if self.nash is None else self.nash.to_dict(),
            "binding": [b.to_dict() for b in self.binding],
            "headroom": self.headroom,
            "situation": None if self.situation is None else self.situation.to_dict(),
            "method": self.method,
            "parameters": self.parameters,
            "version": self.version,
        }


def without_red_lines(scenario: Scenario, ids: Sequence[str]) -> Scenario:
    """The scenario with some red lines removed (document and compiled rules)."""
    drop = set(ids)
    document = scenario.document.model_copy(
        update={"red_lines": [r for r in scenario.document.red_lines if r.id not in drop]})
    rules = {k: v for k, v in scenario.rules.items() if k not in drop}
    return dataclasses.replace(scenario, document=document, rules=rules)


def with_reservations(scenario: Scenario, reservations: dict[str, float]) -> Scenario:
    """A copy of the scenario with the given parties' reservation values replaced."""
    utilities = dict(scenario.utilities)
    for party, value in reservations.items():
        utilities[party] = dataclasses.replace(utilities[party], reservation=value)
    return dataclasses.replace(scenario, utilities=utilities)


def _owner(scenario: Scenario, constraint: str) -> tuple[str, str]:
    if constraint.startswith(RESERVATION):
        return constraint[len(RESERVATION):], "reservation"
    red = next(r for r in scenario.red_lines if r.id == constraint)
    return red.actor, "agenda refusal" if red.refuses_agenda is not None else "red line"


def _minimal(signatures: NDArray[np.bool_]) -> list[NDArray[np.bool_]]:
    """Inclusion-minimal rows of a boolean matrix of distinct rows, smallest first."""
    sizes = signatures.sum(axis=1)
    order = np.lexsort((*signatures.T[::-1], sizes))  # by size, then canonical
    kept: list[NDArray[np.bool_]] = []
    for row in signatures[order]:
        if not any((k <= row).all() for k in kept):
            kept.append(row)
    return kept


def explain(scenario: Scenario | Situation, agenda: Sequence[str] | None = None, *,
            parties: Sequence[str] | None = None, max_size: int = DEFAULT_MAX_SIZE,
            max_outcomes: int = MAX_OUTCOMES, max_work: int = MAX_EXPLAIN_WORK) -> Explanation:
    """Minimal blocking sets when there is no ZOPA; binding constraints of the deal otherwise.

    `scenario` is a situation, or a scenario taken as it is under `agenda`. The analyses it
    will run are counted before they run: past `max_work` checks (outcomes x constraints per
    analysis, :func:`redline.scenario.budget.explain_checks`) it raises
    :class:`redline.scenario.budget.WorkTooLarge`. A space analysed by merging (more than
    2^16 outcomes) is counted as 2^16 outcomes, the size above which merging is chosen as the
    cheaper path."""
    current = situate(scenario, agenda)
    scenario = current.scenario
    base = analyze(current, parties=parties, max_outcomes=max_outcomes)
    space = outcome_space(scenario, base.agenda, base.parties)
    who = base.parties
    refusing = tuple(dict.fromkeys(r for _, r in refusals(scenario, space.agenda, who)))
    rules = applied_rules(scenario, who)
    constraints = (*rules, *refusing, *(RESERVATION + p for p in who))
    parameters = {"agenda": list(base.agenda), "max_size": max_size, "max_outcomes": max_outcomes}
    size = min(space.size, AUTO_ENUMERATE_UP_TO) if base.method == "merge" else space.size
    if base.zopa:
        check_explain(size, len(who), len(constraints), 1 + len(rules) + len(who), max_work)
        return dataclasses.replace(_binding(scenario, base, constraints, rules, parameters),
                                   situation=current)
    if space.size > max_outcomes:
        raise SpaceTooLarge(
            f"the agenda has {space.size:,} outcomes, more than the enumeration limit of "
            f"{max_outcomes:,}; narrow the agenda (--agenda) or raise the limit (--max-outcomes)")
    utilities = space.grid_utilities()
    reservations = np.array([scenario.utilities[p].reservation for p in who])
    violated = np.zeros((space.size, len(constraints)), dtype=bool)
    for k, rule in enumerate(rules):
        violated[:, k] = ~space.rule_mask(rule)
    violated[:, len(rules):len(rules) + len(refusing)] = True
    violated[:, len(rules) + len(refusing):] = utilities < reservations - RATIONALITY_SLACK
    distinct = np.unique(violated, axis=0)
    minimal = _minimal(distinct)
    listed = [m for m in minimal if m.sum() <= max_size]
    check_explain(size, len(who), len(constraints), len(listed), max_work)
    sets = tuple(_open(scenario, base.agenda, who, constraints, m, violated, utilities,
                       reservations, max_outcomes) for m in listed)
    return Explanation(scenario.title, who, base.agenda, False, constraints, sets,
                       len(minimal) - len(listed), None, (), {}, current, parameters=parameters)


def _open(scenario: Scenario, agenda: tuple[str, ...], who: tuple[str, ...],
          constraints: tuple[str, ...], chosen: NDArray[np.bool_], violated: NDArray[np.bool_],
          utilities: NDArray[np.float64], reservations: NDArray[np.float64],
          max_outcomes: int) -> BlockingSet:
    names = tuple(c for c, on in zip(constraints, chosen, strict=True) if on)
    red = [c for c in names if not c.startswith(RESERVATION)]
    lowered = [who.index(c[len(RESERVATION):]) for c in names if c.startswith(RESERVATION)]
    relaxed = without_red_lines(scenario, red)
    delta = 0.0
    if lowered:
        admitted = ~(violated & ~chosen).any(axis=1)  # V(o) ⊆ S
        shortfall = (reservations[lowered] - utilities[admitted][:, lowered]).max(axis=1)
        delta = float(max(0.0, shortfall.min()))
        relaxed = with_reservations(relaxed, {who[j]: float(reservations[j] - delta)
                                              for j in lowered})
    result = analyze(relaxed, agenda, parties=who, max_outcomes=max_outcomes)
    nash = result.solutions["nash"]
    if nash is None:  # pragma: no cover - the set was chosen because it opens an outcome
        raise AssertionError(f"relaxing {names} should open a ZOPA")
    gives_up = []
    for name in names:
        actor, kind = _owner(scenario, name)
        if kind == "agenda refusal":
            refused = next(r for r in scenario.red_lines if r.id == name).refuses_agenda or []
            gives_up.append(Concession(name, actor, kind,
                                       tuple(i for i in agenda if i in refused)))
        elif kind == "reservation":
            j = who.index(actor)
            gives_up.append(Concession(name, actor, kind, drop=round(delta, 12),
                                       before=float(reservations[j]),
                                       after=round(float(reservations[j] - delta), 12)))
        else:
            gives_up.append(Concession(name, actor, kind,
                                       move=number_move(scenario, relaxed, agenda, who, name)))
    return BlockingSet(names, result.package(nash.options, nash.utilities), tuple(gives_up))


def _binding(scenario: Scenario, base: Analysis, constraints: tuple[str, ...],
             rules: tuple[str, ...], parameters: dict[str, Any]) -> Explanation:
    nash = base.solutions["nash"]
    assert nash is not None  # a ZOPA has a Nash point
    binding = []
    for rule in rules:
        other = analyze(without_red_lines(scenario, [rule]), base.agenda, parties=base.parties,
                        max_outcomes=parameters["max_outcomes"])
        moved = other.solutions["nash"]
        if moved is not None and moved.options != nash.options:
            actor, _ = _owner(scenario, rule)
            binding.append(BindingRedLine(
                rule, actor, other.package(moved.options, moved.utilities),
                {p: round(b - a, 12) for p, a, b in
                 zip(base.parties, nash.utilities, moved.utilities, strict=True)}))
    headroom = {}
    for j, party in enumerate(base.parties):
        free = with_reservations(scenario, {party: 0.0})
        best = analyze(free, base.agenda, parties=base.parties,
                       max_outcomes=parameters["max_outcomes"]).best_for[party]
        top = best.utilities[j] if best is not None else base.reservations[j]
        headroom[party] = round(float(top - base.reservations[j]), 12)
    return Explanation(scenario.title, base.parties, base.agenda, True, constraints, (), 0,
                       base.package(nash.options, nash.utilities), tuple(binding), headroom,
                       parameters=parameters)
