"""Agenda (issue-linkage) analysis: what happens for every choice of the issues on the table.

An agenda is a non-empty subset of the issues; issues off it stay at their status quo. For each
agenda we run :func:`redline.space.analyze` and keep: who refuses to negotiate it (agenda red
lines), whether a ZOPA exists, the Nash point and each party's gain over its reservation.

Linkage (logrolling), defined precisely:

- The *joint gain* of a package is the Nash product prod_i (u_i - d_i) when the package is in the
  ZOPA (satisfies every party red line and gives each party at least its reservation), else 0.
- Settling issue x *on its own* beside the rest of agenda A means: the issues of A without x take
  the options of the Nash point of agenda A - {x}, and x takes the option of the Nash point of
  the one-issue agenda {x}; an agenda with no deal leaves its issues at the status quo.
- x *adds value when linked* in A when the joint gain of Nash(A) exceeds the joint gain of that
  separate settlement. For A = {x, y} this is exactly "the package beats handling the issues one
  by one". The agenda's *linkage gain* is joint gain(Nash(A)) minus the joint gain of settling
  every issue of A one by one (each issue at its one-issue Nash option).

Ranking: agendas with a deal first, by the joint gain at their Nash point (larger first), then
agendas with no deal, then agendas someone refuses. A party *prefers* the agenda whose Nash point
gives it the largest gain; every party *accepts* an agenda that nobody refuses and that has a ZOPA.

Search: with k issues there are 2^k - 1 agendas. They are visited by increasing size; an agenda
that contains an issue some party refuses to discuss is recorded without enumeration (refusal is
inherited by every superset); agendas whose outcome space exceeds ``max_outcomes``, and agendas
beyond ``max_agendas``, are skipped and counted in ``skipped``; so are the agendas left when the
outcomes of the agendas analysed so far (each counted as at least ``AGENDA_OVERHEAD``) would
pass ``MAX_AGENDA_WORK``: a bound on the total work, which ``max_agendas`` alone is not (4,096
agendas of 10^4 outcomes took 20 CPU-s, 4,096 tiny agendas of 64 issues 37).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, combinations
from math import prod
from typing import Any

import numpy as np

from redline.limits import MAX_AGENDA_WORK, MAX_AGENDAS, MAX_OUTCOMES
from redline.scenario import Scenario
from redline.scenario.rules import evaluate
from redline.scenario.situation import Situation, refusals, situate
from redline.space.analysis import (
    RATIONALITY_SLACK,
    Analysis,
    Package,
    analyze,
    applied_rules,
)
from redline.space.outcomes import outcome_space
from redline.version import __version__

DEFAULT_MAX_AGENDAS = MAX_AGENDAS
AGENDA_OVERHEAD = 5_000
"""What one agenda's analysis costs at least, in outcomes of MAX_AGENDA_WORK: a few ms of fixed
work (an outcome space over every issue, the rules, the solutions), whatever its size."""
TOLERANCE = 1e-9


@dataclass(frozen=True)
class AgendaResult:
    """One agenda: refusals, ZOPA, Nash point, gains, and linkage."""

    issues: tuple[str, ...]
    refused_by: tuple[str, ...]  # actor ids
    refusing_red_lines: tuple[str, ...]
    zopa: bool
    zopa_size: int | None  # None: a space too large to count (see analyze)
    nash: Package | None
    gains: dict[str, float]
    joint_gain: float
    binding_red_lines: tuple[str, ...]
    linkage_gain: float | None  # None for one-issue agendas and refused ones
    adds_value: tuple[str, ...]  # issues that add value when linked (see module docstring)

    def to_dict(self) -> dict[str, Any]:
        """This agenda's row of ``redline-agendas/1`` JSON: who refuses it, the ZOPA, the Nash
        package and gains, the linkage gain."""
        return {
            "issues": list(self.issues),
            "refused_by": list(self.refused_by),
            "refusing_red_lines": list(self.refusing_red_lines),
            "zopa": self.zopa,
            "zopa_size": self.zopa_size,
            "nash": None if self.nash is None else self.nash.to_dict(),
            "gains": self.gains,
            "joint_gain": round(self.joint_gain, 12),
            "binding_red_lines": list(self.binding_red_lines),
            "linkage_gain": None if self.linkage_gain is None else round(self.linkage_gain, 12),
            "adds_value": list(self.adds_value),
        }


@dataclass(frozen=True)
class Agendas:
    """Every agenda analysed, ranked, with each party's preferred agenda."""

    scenario_title: str
    parties: tuple[str, ...]
    agendas: tuple[AgendaResult, ...]  # ranked
    preferred: dict[str, tuple[str, ...] | None]  # party -> its best agenda
    accepted: tuple[tuple[str, ...], ...]  # agendas every party accepts, ranked
    skipped: int
    skipped_reasons: dict[str, int]
    situation: Situation | None = None  # its agenda: every issue the agendas are made of
    method: str = "enumerate-agendas"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-agendas/1`` JSON document: every agenda's result, each party's preferred
        agenda, the agendas all accept, and how the analysis was run."""
        return {
            "format": "redline-agendas/1",
            "scenario": self.scenario_title,
            "parties": list(self.parties),
            "agendas": [a.to_dict() for a in self.agendas],
            "preferred": {p: None if a is None else list(a) for p, a in self.preferred.items()},
            "accepted": [list(a) for a in self.accepted],
            "skipped": self.skipped,
            "skipped_reasons": self.skipped_reasons,
            "situation": None if self.situation is None else self.situation.to_dict(),
            "method": self.method,
            "parameters": self.parameters,
            "version": self.version,
        }


def package_utilities(scenario: Scenario, parties: Sequence[str],
                      options: Mapping[str, int]) -> tuple[float, ...]:
    """Each party's utility of one full package (option index per issue)."""
    return tuple(float(sum(scenario.utilities[p].table(i)[k] for i, k in options.items()))
                 for p in parties)


def package_acceptable(scenario: Scenario, parties: Sequence[str], options: Mapping[str, int]
                       ) -> bool:
    """Whether a full package satisfies every party red line and every reservation."""
    counts = scenario.option_counts()
    for rule_id in applied_rules(scenario, parties):
        bound = scenario.rules[rule_id]
        if not bool(evaluate(bound, lambda issue, table: np.asarray(table[options[issue]]),
                             counts)):
            return False
    utilities = package_utilities(scenario, parties, options)
    return all(u >= scenario.utilities[p].reservation - RATIONALITY_SLACK
               for p, u in zip(parties, utilities, strict=True))


def joint_gain(scenario: Scenario, parties: Sequence[str], options: Mapping[str, int]) -> float:
    """The Nash product of gains, prod_i (u_i - d_i), of one full package for the given parties; 0
    when the package breaks a red line or a reservation."""
    if not package_acceptable(scenario, parties, options):
        return 0.0
    utilities = package_utilities(scenario, parties, options)
    return prod(u - scenario.utilities[p].reservation for p, u in zip(parties, utilities,
                                                                        strict=True))


def _status_quo(scenario: Scenario) -> dict[str, int]:
    return {i.id: i.options.index(i.status_quo) for i in scenario.issues
            if i.status_quo is not None}


def _nash_options(result: Analysis) -> dict[str, int] | None:
    nash = result.solutions.get("nash")
    if not result.zopa or nash is None:
        return None
    return dict(zip(result.scenario.issue_ids, nash.options, strict=True))


def _party_score(party: str, entry: AgendaResult) -> tuple[float, float]:
    return (entry.gains[party], entry.joint_gain)


def analyze_agendas(scenario: Scenario | Situation, *, parties: Sequence[str] | None = None,
                    issues: Sequence[str] | None = None, max_outcomes: int = MAX_OUTCOMES,
                    max_agendas: int = DEFAULT_MAX_AGENDAS) -> Agendas:
    """Analyse every agenda over `issues` (default: every issue of the situation's agenda, or
    every issue of a scenario taken as it is), smallest agendas first."""
    if isinstance(scenario, Situation) and issues is None:
        issues = scenario.agenda
    current = situate(scenario, issues)
    scenario = current.scenario
    who = tuple(scenario.parties if parties is None else parties)
    pool = current.agenda
    outcome_space(scenario, pool, who)  # missing preferences: one clear error
    counts = scenario.option_counts()
    results: dict[tuple[str, ...], Analysis] = {}
    records: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    reasons = {"too_many_outcomes": 0, "agenda_limit": 0, "work_limit": 0}
    visited = spent = 0
    ordered_pool = tuple(i for i in scenario.issue_ids if i in pool)
    every = chain.from_iterable(combinations(ordered_pool, size)
                                for size in range(1, len(ordered_pool) + 1))
    for agenda in every:
        if visited >= max_agendas:
            # The rest are counted, not visited: 2^k - 1 agendas in all.
            reasons["agenda_limit"] = 2 ** len(ordered_pool) - 1 - visited
            break
        visited += 1
        refused = refusals(scenario, agenda, who)
        if refused:
            records[agenda] = (tuple(dict.fromkeys(a for a, _ in refused)),
                               tuple(dict.fromkeys(r for _, r in refused)))
            continue
        size = prod(counts[i] for i in agenda)
        if size > max_outcomes:
            reasons["too_many_outcomes"] += 1
            continue
        cost = max(size, AGENDA_OVERHEAD)
        if spent + cost > MAX_AGENDA_WORK:
            # The work budget is spent: this agenda and the rest are counted, not analysed.
            reasons["work_limit"] = 2 ** len(ordered_pool) - visited
            break
        spent += cost
        results[agenda] = analyze(current.with_agenda(agenda), parties=who,
                                  max_outcomes=max_outcomes)
        records[agenda] = ((), ())
    sq = _status_quo(scenario)
    nash_of = {a: _nash_options(r) for a, r in results.items()}

    def settled(agenda: tuple[str, ...], package: dict[str, int]) -> dict[str, int]:
        found = nash_of.get(agenda)
        for issue in agenda:
            package[issue] = found[issue] if found is not None else sq[issue]
        return package

    entries = []
    for agenda, (refusers, red_lines) in records.items():
        result = results.get(agenda)
        if result is None or not result.zopa:
            entries.append(AgendaResult(
                agenda, refusers, red_lines, False, 0 if result is None else result.zopa_size,
                None, {}, 0.0, () if result is None else result.binding_red_lines,
                None, ()))
            continue
        nash = result.solutions["nash"]
        assert nash is not None  # a ZOPA has a Nash point
        gains = {p: round(u - d, 12) for p, u, d in
                 zip(result.parties, nash.utilities, result.reservations, strict=True)}
        gain = prod(gains.values())
        linkage = None
        adds: list[str] = []
        if len(agenda) > 1:
            alone = dict(sq)
            for issue in agenda:
                settled((issue,), alone)
            linkage = gain - joint_gain(scenario, who, alone)
            for issue in agenda:
                rest = tuple(i for i in agenda if i != issue)
                if rest not in records or (issue,) not in records:
                    continue
                split = settled((issue,), settled(rest, dict(sq)))
                if gain > joint_gain(scenario, who, split) + TOLERANCE:
                    adds.append(issue)
        entries.append(AgendaResult(
            agenda, (), (), True, result.zopa_size,
            result.package(nash.options, nash.utilities), gains, gain,
            result.binding_red_lines, linkage, tuple(adds)))

    def rank(entry: AgendaResult) -> tuple[int, float, int]:
        group = 0 if entry.zopa else (2 if entry.refused_by else 1)
        return (group, -entry.joint_gain, len(entry.issues))

    ranked = tuple(sorted(entries, key=rank))
    deals = [e for e in ranked if e.zopa]
    preferred: dict[str, tuple[str, ...] | None] = {}
    for party in who:
        best = max(deals, key=partial(_party_score, party), default=None)
        preferred[party] = None if best is None else best.issues
    skipped = sum(reasons.values())
    return Agendas(scenario.title, who, ranked, preferred, tuple(e.issues for e in deals),
                   skipped, {k: v for k, v in reasons.items() if v}, current,
                   parameters={"issues": list(ordered_pool), "max_outcomes": max_outcomes,
                               "max_agendas": max_agendas})
