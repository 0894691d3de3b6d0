"""Proposed scenario edits from stored statements, each citing its sentences.

Nothing here writes the scenario: the analyst reads the proposals (with a YAML fragment each)
and decides. Kinds of proposal:

- `new_red_line`: an actor stated a red line on an issue the scenario gives it none on;
- `new_actor`: an actor takes positions but is not in the scenario;
- `new_influence`: an actor urges another on an issue with no influence entry for it;
- `changed_reservation`: an actor's stance moved (softer: lower its reservation, harder: raise
  it), judged from the mean openness of its statements on the latest date against the first;
- `conditional_offer`: an actor offers one issue against another, a linkage none of its red
  lines states (proposed as an `implies` rule between the two issues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from redline.news.issues import IssueMatcher
from redline.scenario import Scenario
from redline.store.database import Store
from redline.store.queries import Citation, StoredStatement, stored_statements
from redline.store.timeline import OPENNESS

RESERVATION_STEP = 0.05  # a nudge per net move, for the analyst to judge


@dataclass(frozen=True)
class Suggestion:
    kind: str
    actor: str
    issue: str | None
    reason: str
    fragment: str  # YAML the analyst could add or change
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "actor": self.actor, "issue": self.issue,
                "reason": self.reason, "fragment": self.fragment,
                "citations": [c.__dict__ for c in self.citations]}


@dataclass(frozen=True)
class Suggestions:
    scenario: str
    items: tuple[Suggestion, ...]
    method: str = "statement-rules"
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "method": self.method,
                "parameters": dict(self.parameters),
                "suggestions": [s.to_dict() for s in self.items]}


def _cites(items: list[StoredStatement], limit: int = 3) -> tuple[Citation, ...]:
    out: list[Citation] = []
    for item in items:
        out.extend(item.citations)
    return tuple(out[:limit])


def _fragment(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).strip()


def _red_line_issues(document: Any, actor: str) -> set[str]:
    covered: set[str] = set()
    for red in document.red_lines:
        if red.actor != actor:
            continue
        covered.update(red.refuses_agenda or ())
        # what the rule constrains: all of it, or only the consequent of an "implies"
        constrained = (red.rule or "").split("implies")[-1]
        for issue in document.issues:
            if re.search(rf"\b{re.escape(issue.id)}\b", constrained):
                covered.add(issue.id)
    return covered


def _linked(document: Any, actor: str, first: str, second: str) -> bool:
    return any(red.actor == actor and red.rule and first in red.rule and second in red.rule
               for red in document.red_lines)


def _status_quo(issue: Any) -> str:
    return str(issue.status_quo or issue.options[0])


def suggest(store: Store, scenario: Scenario, since: str | None = None) -> Suggestions:
    """Proposals for `scenario` from the statements stored (dated `since` or later)."""
    document = scenario.document
    matcher = IssueMatcher.from_scenario(scenario)
    issue_by_id = {i.id: i for i in scenario.issues}
    actors = {a.id for a in document.actors}
    issues = set(scenario.issue_ids)
    found = [s for s in stored_statements(store) if s.actor
             and (since is None or (s.date or "") >= since)]
    out: list[Suggestion] = []

    by_actor: dict[str, list[StoredStatement]] = {}
    for item in found:
        by_actor.setdefault(item.actor or "", []).append(item)

    for actor, items in sorted(by_actor.items()):
        if actor not in actors:
            out.append(Suggestion(
                "new_actor", actor, None,
                f"{actor} takes {len(items)} position(s) in the news but is not in the scenario",
                _fragment({"actors": [{"id": actor, "name": actor, "role": "stakeholder",
                                       "power": 0.1}]}), _cites(items)))
            continue
        covered = _red_line_issues(document, actor)
        red: dict[str, list[StoredStatement]] = {}
        for item in items:
            if item.stance == "red_line" and item.issue is not None and item.issue in issues \
                    and item.issue not in covered:
                red.setdefault(item.issue, []).append(item)
        for issue, cited in sorted(red.items()):
            out.append(Suggestion(
                "new_red_line", actor, issue,
                f"{actor} called {issue} a red line; the scenario has no red line of {actor} "
                f"on {issue}",
                _fragment({"red_lines": [{"id": f"{actor.lower()}-{issue}-red-line",
                                          "actor": actor, "refuses_agenda": [issue],
                                          "credibility": 0.7}]}), _cites(cited)))
        for item in items:
            if item.stance != "conditional_offer" or item.issue is None \
                    or item.issue not in issues or not item.condition:
                continue
            price = matcher.find(item.condition)
            if price is None or price == item.issue or _linked(document, actor, item.issue,
                                                               price):
                continue
            give, get = issue_by_id[item.issue], issue_by_id[price]
            out.append(Suggestion(
                "conditional_offer", actor, item.issue,
                f"{actor} offers to move on {item.issue} only against {price} "
                f"({item.condition}); no red line of {actor} links the two",
                _fragment({"red_lines": [{
                    "id": f"{actor.lower()}-{item.issue}-for-{price}", "actor": actor,
                    "rule": f"{item.issue} != '{_status_quo(give)}' implies "
                            f"{price} != '{_status_quo(get)}'",
                    "credibility": 0.7}]}),
                _cites([item])))
        positions = [i for i in items if i.date and i.stance != "consult"]
        dates = sorted({i.date for i in positions if i.date})
        if len(dates) >= 2 and actor in document.preferences:
            first = [OPENNESS[i.stance] for i in positions if i.date == dates[0]]
            last = [OPENNESS[i.stance] for i in positions if i.date == dates[-1]]
            shift = sum(last) / len(last) - sum(first) / len(first)
            if abs(shift) >= 1:
                direction = "softer" if shift > 0 else "harder"
                change = -RESERVATION_STEP if shift > 0 else RESERVATION_STEP
                cited = [i for i in positions if i.date in (dates[0], dates[-1])]
                out.append(Suggestion(
                    "changed_reservation", actor, None,
                    f"{actor}'s stance moved {direction} from {dates[0]} to {dates[-1]}; "
                    f"consider a reservation change of {change:+.2f}",
                    _fragment({"events": [{"id": f"{actor.lower()}-stance-{direction}",
                                           "description": f"{actor} moved {direction}",
                                           "active": True, "effects": [
                                               {"actor": actor, "reservation": change}]}]}),
                    _cites(cited)))
        known_influence = {(i.from_, i.to, i.issue) for i in document.influence}
        for item in items:
            if item.stance != "urge" or not item.addressee or item.issue not in issues:
                continue
            if (actor, item.addressee, item.issue) in known_influence:
                continue
            known_influence.add((actor, item.addressee, item.issue))
            out.append(Suggestion(
                "new_influence", actor, item.issue,
                f"{actor} urges {item.addressee} on {item.issue}",
                _fragment({"influence": [{"from": actor, "to": item.addressee,
                                          "issue": item.issue, "strength": 0.2}]}),
                _cites([item])))
    return Suggestions(document.title, tuple(out),
                       parameters={"since": since, "statements": len(found)})
