"""The effect of a change to a scenario (an event, an influence edge) on its bargaining space.

`compare(before, after, agenda)` analyses both scenarios under the same agenda and reports the
change in ZOPA size, the Nash point before and after (and the issues whose option moved), and per
party the change of its utility at the Nash point and of its gain over its own reservation. A
party *gains* from the change when its utility at the Nash point rises; the gain over reservation
is reported as well because pressure usually moves reservations themselves.

Under a decision rule other than unanimity (:mod:`redline.scenario.decision`) the comparison also
holds the coalition analysis of both sides (:func:`redline.space.coalitions.analyze_coalitions`):
the likeliest winning coalition before and after, and its deal, which binds every party, so the
change of each party's utility at that deal (outvoted parties included). Only then does the JSON
get its ``decision_rule`` block: a unanimity scenario's comparison is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.limits import MAX_OUTCOMES, TOLERANCE
from redline.scenario import Scenario
from redline.scenario.situation import Situation
from redline.space.analysis import Analysis, analyze
from redline.space.coalitions import Coalitions, analyze_coalitions, utility_of
from redline.version import __version__


@dataclass(frozen=True)
class Comparison:
    """One scenario analysed before and after a change (events, influence edges) under the same
    agenda; under a vote, the coalitions of both sides too."""
    before: Analysis
    after: Analysis
    change: dict[str, Any]  # the events / edges compared
    method: str = "compare"
    coalitions: tuple[Coalitions, Coalitions] | None = None  # under a vote: before, after
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def side(self, result: Analysis) -> dict[str, Any]:
        """One side's summary: ZOPA and its size, who refuses, reservations, the Nash package and
        each party's gain over its reservation."""
        nash = result.solutions["nash"] if result.zopa else None
        data: dict[str, Any] = {
            "zopa": result.zopa, "zopa_size": result.zopa_size,
            "refused_by": sorted({a for a, _ in result.refused_by}),
            "reservations": dict(zip(result.parties, result.reservations, strict=True)),
            "nash": None, "gains": None,
            "situation": None if result.situation is None else result.situation.to_dict(),
        }
        if nash is not None:
            data["nash"] = result.package(nash.options, nash.utilities).to_dict()
            data["gains"] = {p: round(u - d, 12) for p, u, d in
                             zip(result.parties, nash.utilities, result.reservations,
                                 strict=True)}
        return data

    @property
    def delta(self) -> dict[str, Any]:
        """What the change did: ZOPA size difference, the issues whose Nash option moved, each
        party's change in Nash utility and gain, and who gained."""
        a, b = self.side(self.before), self.side(self.after)
        counted = a["zopa_size"] is not None and b["zopa_size"] is not None  # None: not counted
        data: dict[str, Any] = {"zopa_size": b["zopa_size"] - a["zopa_size"] if counted else None,
                                "zopa": [a["zopa"], b["zopa"]], "moved": {},
                                "utility": None, "gain": None, "gainers": []}
        if a["nash"] is not None and b["nash"] is not None:
            data["moved"] = {i: [a["nash"]["outcome"][i], b["nash"]["outcome"][i]]
                             for i in a["nash"]["outcome"]
                             if a["nash"]["outcome"][i] != b["nash"]["outcome"][i]}
            data["utility"] = {p: round(b["nash"]["utilities"][p] - a["nash"]["utilities"][p], 12)
                               for p in self.before.parties}
            data["gain"] = {p: round(b["gains"][p] - a["gains"][p], 12)
                            for p in self.before.parties}
            data["gainers"] = [p for p, v in data["utility"].items() if v > TOLERANCE]
        return data

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-compare/1`` JSON document: the change, both sides, the delta, the
        decision-rule delta under a vote, and how it was run."""
        return {"format": "redline-compare/1", "scenario": self.before.scenario.title,
                "agenda": list(self.before.agenda), "change": self.change,
                "before": self.side(self.before), "after": self.side(self.after),
                "delta": self.delta,
                **({} if self.coalitions is None else {"decision_rule": self.rule_delta()}),
                "method": self.method, "parameters": self.parameters, "version": self.version}

    def rule_delta(self) -> dict[str, Any]:
        """Under a vote: the likeliest coalition and its deal before and after, which issues the
        deal moved on, and each party's utility change at it (the deal binds every party)."""
        assert self.coalitions is not None
        first, second = self.coalitions
        data: dict[str, Any] = {"rule": first.rule, "before": first.summary(),
                                "after": second.summary(), "coalition_changed":
                                first.summary()["likeliest"] != second.summary()["likeliest"],
                                "moved": {}, "utility": None, "gainers": []}
        a, b = data["before"]["deal"], data["after"]["deal"]
        if a is not None and b is not None:
            data["moved"] = {i: [a["outcome"][i], b["outcome"][i]] for i in a["outcome"]
                             if a["outcome"][i] != b["outcome"][i]}
            data["utility"] = {p: round(_at(second, p) - _at(first, p), 12)
                               for p in first.scenario.parties}
            data["gainers"] = [p for p, v in data["utility"].items() if v > TOLERANCE]
        return data


def compare(before: Scenario | Situation, after: Scenario | Situation, agenda: Sequence[str] | None = None, *,
            change: dict[str, Any] | None = None, max_outcomes: int = MAX_OUTCOMES) -> Comparison:
    """Analyse `before` and `after` (scenarios or situations) under one agenda and report the
    difference."""
    first = analyze(before, agenda, max_outcomes=max_outcomes)
    second = analyze(after, agenda, max_outcomes=max_outcomes)
    coalitions = None
    if not first.scenario.voting_game().is_unanimity:
        coalitions = (analyze_coalitions(first.scenario, list(first.agenda),
                                         max_outcomes=max_outcomes),
                      analyze_coalitions(second.scenario, list(second.agenda),
                                         max_outcomes=max_outcomes))
    return Comparison(first, second, change or {},
                      parameters={"agenda": None if agenda is None else list(agenda),
                                  "max_outcomes": max_outcomes}, coalitions=coalitions)


def _at(result: Coalitions, party: str) -> float:
    """A party's utility at the likeliest coalition's deal (in that side's scenario)."""
    assert result.likeliest is not None
    nash = result.likeliest.analysis.solutions["nash"]
    assert nash is not None
    return utility_of(result.scenario, party, nash.options)
