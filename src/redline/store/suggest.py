"""Proposed scenario edits from stored statements, each citing its sentences.

Nothing here writes the scenario: the analyst reads the proposals (with a YAML fragment each)
and decides. Statements are read in the scenario's ids: those stored with this scenario keep
their resolution, the others are resolved now (`redline.news.resolution`). Each stance turns
into an edit in its own direction (`redline.store.leaning` says which way an actor leans):

- `red_line` on an issue none of the actor's red lines constrains: `new_red_line`, the issue
  no worse for the actor than the status quo; `reject` likewise, at a lower credibility;
- `conditional_offer` of one issue against another: `conditional_offer`, a rule "a
  concession of the offering actor on the offered issue implies a gain for it on the price";
- `offer`/`concede` on an issue one of the actor's red lines constrains: `weaker_red_line`
  (credibility down); `threaten` there: `firmer_red_line` (credibility up);
- `demand` on an issue the actor weighs below the average: `raised_weight`;
- `urge` of another actor with no influence entry: `new_influence`;
- `support` and `consult` are no position on an issue's outcome: no edit;
- an actor that takes positions but is not in the scenario: `new_actor`;
- the same actor on the same issue, harder or softer on a later date, over all its issues:
  `changed_reservation` (softer: a lower reservation).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from redline.scenario import Scenario, point
from redline.store.database import Store
from redline.store.leaning import can_move, concession, gain, leaning, no_worse
from redline.store.positions import Position, positions
from redline.store.queries import Citation
from redline.store.timeline import OPENNESS

RESERVATION_STEP = 0.05  # a nudge per net move, for the analyst to judge
CREDIBILITY_STEP = 0.1
WEIGHT_STEP = 0.05


@dataclass(frozen=True)
class Suggestion:
    """A proposed scenario edit: its kind (e.g. a firmer or weaker red line), the actor and
    issue, the reason, a YAML fragment the analyst could apply, and the sentences it rests on."""
    kind: str
    actor: str
    issue: str | None
    reason: str
    fragment: str  # YAML the analyst could add or change
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        """The suggestion as JSON, citations included."""
        return {"kind": self.kind, "actor": self.actor, "issue": self.issue,
                "reason": self.reason, "fragment": self.fragment,
                "citations": [c.__dict__ for c in self.citations]}


@dataclass(frozen=True)
class Suggestions:
    """The proposed edits of one scenario from its stored statements, with how they were derived."""
    scenario: str
    items: tuple[Suggestion, ...]
    method: str = "statement-rules"
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The suggestions as JSON: the scenario, the method and its parameters, and each
        suggestion."""
        return {"scenario": self.scenario, "method": self.method,
                "parameters": dict(self.parameters),
                "suggestions": [s.to_dict() for s in self.items]}


def _cites(items: list[Position], limit: int = 3) -> tuple[Citation, ...]:
    out: list[Citation] = []
    for item in items:
        out.extend(item.stored.citations)
    return tuple(out[:limit])


def _fragment(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).strip()


def _red_lines_on(scenario: Scenario, actor: str, issue: str) -> list[Any]:
    """The actor's red lines that constrain `issue`: refusing it on the agenda, or naming it
    in a rule (in an `implies` rule, only its consequent constrains)."""
    out = []
    for red in scenario.red_lines:
        constrained = (red.rule or "").split("implies")[-1]
        if red.actor == actor and (issue in (red.refuses_agenda or ()) or re.search(
                rf"\b{re.escape(issue)}\b", constrained)):
            out.append(red)
    return out


def _linked(scenario: Scenario, actor: str, first: str, second: str) -> bool:
    return any(red.actor == actor and red.rule and re.search(rf"\b{re.escape(first)}\b", red.rule)
               and re.search(rf"\b{re.escape(second)}\b", red.rule) for red in scenario.red_lines)


def _red_line(scenario: Scenario, actor: str, issue: str, items: list[Position]) -> Suggestion:
    """A red line (or, less surely, a rejection) on an issue with no red line of the actor."""
    stated = any(i.stance == "red_line" for i in items)
    rule = no_worse(scenario, actor, scenario.issue(issue))
    verb = "called" if stated else "rejected a move on"
    return Suggestion(
        "new_red_line", actor, issue,
        f"{actor} {verb} {issue}{' a red line' if stated else ''}; the scenario has no red line "
        f"of {actor} on {issue}",
        _fragment({"red_lines": [{"id": f"{actor.lower()}-{issue}-red-line", "actor": actor,
                                  "rule": rule, "credibility": 0.7 if stated else 0.5}]}),
        _cites(items))


def _conditional_offer(scenario: Scenario, item: Position) -> Suggestion | None:
    """The offering actor concedes on the offered issue only if it gains on the price."""
    offered, price, actor = item.issue, item.condition_issue, item.actor
    if offered is None or price is None or price == offered \
            or _linked(scenario, actor, offered, price):
        return None
    give, get = scenario.issue(offered), scenario.issue(price)
    if not can_move(give, -leaning(scenario, actor, offered)) or \
            not can_move(get, leaning(scenario, actor, price)):
        return None  # the scenario's values leave no concession or no gain from today
    rule = f"{concession(scenario, actor, give)} implies {gain(scenario, actor, get)}"
    return Suggestion(
        "conditional_offer", actor, offered,
        f"{actor} offers to move on {offered} only against {price} "
        f"({item.stored.condition}); no red line of {actor} links the two",
        _fragment({"red_lines": [{"id": f"{actor.lower()}-{offered}-for-{price}", "actor": actor,
                                  "rule": rule, "credibility": 0.7}]}),
        _cites([item]))


def _credibility(scenario: Scenario, item: Position, step: float) -> list[Suggestion]:
    """An offer on an issue the actor's red line guards weakens it; a threat there firms it."""
    out = []
    assert item.issue is not None
    for red in _red_lines_on(scenario, item.actor, item.issue):
        now = point(red.credibility)
        new = round(min(1.0, max(0.0, now + step)), 2)
        if new == now:
            continue
        kind = "weaker_red_line" if step < 0 else "firmer_red_line"
        verb = "offers to move" if step < 0 else "threatens"
        out.append(Suggestion(
            kind, item.actor, item.issue,
            f"{item.actor} {verb} on {item.issue}, which its red line {red.id} guards; "
            f"consider a credibility of {new:g} (now {now:g})",
            _fragment({"red_lines": [{"id": red.id, "credibility": new}]}), _cites([item])))
    return out


def _weight(scenario: Scenario, item: Position) -> Suggestion | None:
    """A public demand on an issue the actor weighs below the average: it may matter more."""
    utility = scenario.utilities.get(item.actor)
    if utility is None or item.issue is None:
        return None
    weight = utility.weights.get(item.issue, 0.0)
    if weight >= 1 / len(scenario.issues):
        return None
    raw = scenario.document.preferences[item.actor].weights.get(item.issue, 0.0)
    return Suggestion(
        "raised_weight", item.actor, item.issue,
        f"{item.actor} demands a move on {item.issue}, which it weighs {weight:.2f} (below "
        f"the average {1 / len(scenario.issues):.2f}); consider a higher weight",
        _fragment({"preferences": {item.actor: {"weights": {
            item.issue: round(point(raw) + WEIGHT_STEP, 3)}}}}), _cites([item]))


def _influence(item: Position, known: set[tuple[str, str, str]]) -> Suggestion | None:
    if not item.addressee or not item.issue or item.addressee == item.actor:
        return None
    key = (item.actor, item.addressee, item.issue)
    if key in known:
        return None
    known.add(key)
    return Suggestion(
        "new_influence", item.actor, item.issue, f"{item.actor} urges {item.addressee} on "
        f"{item.issue}", _fragment({"influence": [{"from": item.actor, "to": item.addressee,
                                                   "issue": item.issue, "strength": 0.2}]}),
        _cites([item]))


def _reservation(actor: str, items: list[Position]) -> Suggestion | None:
    """Net softening or hardening: per issue, the first position against the last (on a later
    date); softer on more issues than harder lowers the reservation."""
    net, cited = 0, []
    by_issue: dict[str, list[Position]] = {}
    for item in items:
        if item.issue is not None and item.stance != "consult" and item.date:
            by_issue.setdefault(item.issue, []).append(item)
    for line in by_issue.values():
        line.sort(key=lambda i: i.date or "")
        first, last = line[0], line[-1]
        if first.date == last.date:
            continue
        delta = OPENNESS[last.stance] - OPENNESS[first.stance]
        if delta:
            net += 1 if delta > 0 else -1
            cited += [first, last]
    if net == 0:
        return None
    direction = "softer" if net > 0 else "harder"
    change = -RESERVATION_STEP if net > 0 else RESERVATION_STEP
    return Suggestion(
        "changed_reservation", actor, None,
        f"{actor}'s stance moved {direction} on {abs(net)} issue(s) on balance; consider a "
        f"reservation change of {change:+.2f}",
        _fragment({"events": [{"id": f"{actor.lower()}-stance-{direction}",
                               "description": f"{actor} moved {direction}", "active": True,
                               "effects": [{"actor": actor, "reservation": change}]}]}),
        _cites(cited))


def _for_actor(scenario: Scenario, actor: str, items: list[Position],
               known: set[tuple[str, str, str]]) -> list[Suggestion]:
    out: list[Suggestion] = []
    refused: dict[str, list[Position]] = {}
    for item in items:
        if item.issue is None:
            continue
        if item.stance in ("red_line", "reject") and not _red_lines_on(scenario, actor,
                                                                        item.issue):
            refused.setdefault(item.issue, []).append(item)
    for issue, cited in sorted(refused.items()):
        out.append(_red_line(scenario, actor, issue, cited))
    by_stance: dict[str, Callable[[Position], list[Suggestion]]] = {
        "conditional_offer": lambda i: _listed(_conditional_offer(scenario, i)),
        "offer": lambda i: _credibility(scenario, i, -CREDIBILITY_STEP),
        "concede": lambda i: _credibility(scenario, i, -CREDIBILITY_STEP),
        "threaten": lambda i: _credibility(scenario, i, CREDIBILITY_STEP),
        "demand": lambda i: _listed(_weight(scenario, i)),
        "urge": lambda i: _listed(_influence(i, known)),
    }
    seen: set[tuple[str, str | None, str]] = set()
    for item in items:
        if item.issue is None or item.stance not in by_stance:
            continue
        for proposal in by_stance[item.stance](item):
            key = (proposal.kind, proposal.issue, proposal.fragment)
            if key not in seen:
                seen.add(key)
                out.append(proposal)
    reservation = _reservation(actor, items) if actor in scenario.utilities else None
    return [*out, *_listed(reservation)]


def _listed(item: Suggestion | None) -> list[Suggestion]:
    return [] if item is None else [item]


def suggest(store: Store, scenario: Scenario, since: str | None = None) -> Suggestions:
    """Proposals for `scenario` from the statements stored (dated `since` or later)."""
    found = positions(store, scenario, since)
    actors = {a.id for a in scenario.actors}
    known = {(i.from_, i.to, i.issue) for i in scenario.document.influence}
    by_actor: dict[str, list[Position]] = {}
    for item in found:
        by_actor.setdefault(item.actor, []).append(item)
    out: list[Suggestion] = []
    for actor, items in sorted(by_actor.items()):
        if actor in actors:
            out.extend(_for_actor(scenario, actor, items, known))
            continue
        out.append(Suggestion(
            "new_actor", actor, None,
            f"{actor} takes {len(items)} position(s) in the news but is not in the scenario",
            _fragment({"actors": [{"id": actor, "name": actor, "role": "stakeholder",
                                   "power": 0.1}]}), _cites(items)))
    return Suggestions(scenario.title, tuple(out),
                       parameters={"since": since, "statements": len(found)})
