"""Partial agreements: when no deal of all is possible, the best deals of some parties on some
issues (a "coalition of the willing" on part of the agenda, the rest left at its status quo).

For an agenda I, the parties S can agree on I exactly when some outcome of I is accepted by
every member of S (it respects their red lines, gives each at least its no-deal value, and none
refuses I). So the largest such S are the inclusion-maximal *supporter sets* of I's outcomes
(:func:`redline.space.coalitions.supporter_sets`): no subset of parties is ever tried blindly.
A pair (S, I) is listed when no other pair found has both more parties and more issues
(Pareto-maximal in parties and issues), at least ``min_parties`` parties, ranked by parties,
then issues, then the geometric mean of the members' gains at their Nash point.

Which agendas. An outcome of an agenda I' inside I (the issues left off at their status quo) is
also an outcome of I, with the same utilities and red lines, so every pair (S, I') is beaten by
(S, I), unless leaving an issue off seats a party that refuses an agenda with it (an agenda red
line). So only the agendas that differ in which *refused* issues (those named by some agenda red
line, and with a status quo) they leave off can hold a listed pair: every other issue stays on.
That is 2^k agendas for k such issues, instead of 2^(issues with a status quo), and the result
is the same as searching every agenda. At most ``max_agendas`` of them are searched (largest
first; :data:`redline.limits.MAX_PARTIAL_AGENDAS` by default), and those left are counted.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.errors import RedlineError
from redline.limits import MAX_PARTIAL_AGENDAS
from redline.scenario import Scenario
from redline.space.analysis import DEFAULT_MAX_OUTCOMES, Analysis, analyze
from redline.space.coalitions import supporter_sets
from redline.space.outcomes import outcome_space
from redline.version import __version__

DEFAULT_MAX_AGENDAS = MAX_PARTIAL_AGENDAS
DEFAULT_TOP = 5


class PartialError(RedlineError):
    """A search for partial agreements that cannot be done as asked."""


@dataclass(frozen=True)
class PartialAgreement:
    """A deal of some parties on some issues: its Nash point over the members."""

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    analysis: Analysis

    @property
    def score(self) -> float:
        """The geometric mean of the parties' Nash gains over their reservations, (prod_i max(u_i -
        d_i, 0))^(1/n): how much the partial deal is worth, comparable across group sizes."""
        nash = self.analysis.solutions["nash"]
        assert nash is not None  # listed only with a ZOPA
        gains = [max(u - d, 0.0) for u, d in zip(nash.utilities, self.analysis.reservations,
                                                  strict=True)]
        product = 1.0
        for gain in gains:
            product *= gain
        return float(product ** (1 / len(gains)))

    def to_dict(self) -> dict[str, Any]:
        """The partial agreement as JSON: its parties and issues, the parties left out, its Nash
        package and score."""
        nash = self.analysis.solutions["nash"]
        assert nash is not None
        deal = self.analysis.package(nash.options, nash.utilities).to_dict()
        return {"parties": list(self.parties), "issues": list(self.issues),
                "left_out": [p for p in self.analysis.scenario.parties if p not in self.parties],
                "nash": deal, "score": self.score}


@dataclass(frozen=True)
class PartialAgreements:
    """The partial agreements found (some parties on some issues, the rest at the status quo), best
    first, with how many agendas were searched and skipped."""
    scenario_title: str
    agreements: tuple[PartialAgreement, ...]
    agendas_searched: int
    agendas_skipped: int
    method: str = "supporter-sets"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-partial/1`` JSON document: the agreements and how the search was run."""
        return {"format": "redline-partial/1", "scenario": self.scenario_title,
                "agreements": [a.to_dict() for a in self.agreements],
                "agendas_searched": self.agendas_searched,
                "agendas_skipped": self.agendas_skipped, "method": self.method,
                "parameters": self.parameters, "version": self.version}


def partial_agreements(scenario: Scenario, agenda: Sequence[str] | None = None, *,
                       min_parties: int = 2, top: int = DEFAULT_TOP,
                       max_agendas: int = DEFAULT_MAX_AGENDAS,
                       max_outcomes: int = DEFAULT_MAX_OUTCOMES) -> PartialAgreements:
    """The best partial agreements (see the module docstring)."""
    if max_agendas < 1:
        raise PartialError("max_agendas must be at least 1. Fix: give e.g. "
                           f"{MAX_PARTIAL_AGENDAS}")
    space = outcome_space(scenario, agenda)
    agendas = _agendas(scenario, space.agenda)
    searched = agendas[:max_agendas]
    parties = scenario.parties
    found: list[tuple[frozenset[str], tuple[str, ...]]] = []
    for issues in searched:
        counts, _ = supporter_sets(scenario, issues, max_outcomes)
        for key in counts:
            members = frozenset(p for j, p in enumerate(parties) if key >> j & 1)
            if len(members) >= min_parties:
                found.append((members, issues))
    maximal = [(s, i) for s, i in set(found)
               if not any(s <= s2 and set(i) <= set(i2) and (s, i) != (s2, i2)
                          for s2, i2 in found)]
    agreements = []
    for members, issues in maximal:
        chosen = tuple(p for p in parties if p in members)
        agreements.append(PartialAgreement(chosen, issues, analyze(
            scenario, list(issues), parties=chosen, max_outcomes=max_outcomes)))
    agreements.sort(key=lambda a: (-len(a.parties), -len(a.issues), -a.score, a.parties,
                                   a.issues))
    parameters = {"agenda": list(space.agenda), "min_parties": min_parties, "top": top,
                  "max_agendas": max_agendas, "max_outcomes": max_outcomes,
                  "refused_issues": list(_refused(scenario, space.agenda))}
    return PartialAgreements(scenario.title, tuple(agreements[:top]), len(searched),
                             len(agendas) - len(searched), parameters=parameters)


def _refused(scenario: Scenario, issues: tuple[str, ...]) -> tuple[str, ...]:
    """Issues with a status quo whose presence makes some party refuse the agenda."""
    named = {i for red in scenario.red_lines for i in red.refuses_agenda or ()}
    return tuple(i for i in issues if i in named and scenario.issue(i).status_quo is not None)


def _agendas(scenario: Scenario, issues: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The agendas that can hold a listed pair (see the module docstring), largest first: every
    issue on the table except some of the refused ones."""
    refused = _refused(scenario, issues)
    kept = [i for i in issues if i not in refused]
    subsets = []
    for size in range(len(refused), -1, -1):
        for extra in itertools.combinations(refused, size):
            chosen = set(kept) | set(extra)
            if chosen:
                subsets.append(tuple(i for i in issues if i in chosen))
    return subsets
