"""Pressure and influence: events and influence edges as pure transformations Scenario -> Scenario.

The rules (documented in docs/agendas.md, "Pressure and influence"):

- **Reservation shift** (an event effect ``reservation: x``): the actor's reservation value becomes
  ``clip(d + x, 0, 1)``. Utilities live in [0, 1], so a reservation outside it means nothing.
- **Weight shift** (an event effect ``weights: {issue: x}``): x is added to the actor's normalised
  weight on the issue; a weight pushed below 0 stops at 0; the weights are then renormalised to
  sum 1 (so a shift of +0.1 on one issue ends up slightly below +0.1, and the other issues lose
  in proportion to their weights). Shifts that would leave every weight at 0 are an error.
- **Influence** (an edge ``from S, to T, issue i, strength s``): T's weight on i moves toward S's
  weight on i by the fraction s, ``w'_Ti = w_Ti + s (w_Si - w_Ti)``, and T's other weights are
  scaled so that they keep their proportions and everything sums to 1. Strength 0 changes nothing,
  strength 1 makes T care about i exactly as much as S does. Only weights move, not option values:
  the edge records *how much* the source makes the target care about the issue.

Events apply in document order, then influence edges in document order. Amounts that are
distributions (``{low, mode, high}``) count at their mode here; `redline.scenario.sampling` draws
them first when sampling. Each transformation returns a new Scenario; the document is kept as
written (the applied pressure is recorded in ``Pressure`` and in the scenario's notices).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from redline.errors import RedlineError
from redline.limits import TOLERANCE
from redline.scenario.model import Event, Influence, point
from redline.scenario.scenario import Scenario, Utility
from redline.version import __version__


class PressureError(RedlineError):
    """An event or influence edge that cannot be applied (unknown id, no preferences, ...)."""


def edge_id(edge: Influence) -> str:
    """The name of an influence edge on the command line: FROM:TO:ISSUE."""
    return f"{edge.from_}:{edge.to}:{edge.issue}"


def find_event(scenario: Scenario, event_id: str) -> Event:
    """The scenario's event with this id; :class:`PressureError` listing the events otherwise."""
    for event in scenario.document.events:
        if event.id == event_id:
            return event
    known = ", ".join(e.id for e in scenario.document.events) or "(the scenario has no events)"
    raise PressureError(f"unknown event {event_id!r}; the events are: {known}")


def find_edge(scenario: Scenario, name: str) -> Influence:
    """An influence edge by FROM:TO:ISSUE (or FROM:TO when only one edge joins them)."""
    edges = scenario.document.influence
    parts = name.split(":")
    matches = [e for e in edges if edge_id(e) == name
               or (len(parts) == 2 and (e.from_, e.to) == (parts[0], parts[1]))]
    known = ", ".join(edge_id(e) for e in edges) or "(the scenario has no influence edges)"
    if not matches:
        raise PressureError(f"unknown influence edge {name!r}; the edges are: {known}")
    if len(matches) > 1:
        raise PressureError(f"{name!r} names {len(matches)} influence edges; give FROM:TO:ISSUE, "
                            f"one of {known}")
    return matches[0]


def _utility(scenario: Scenario, actor: str, what: str) -> Utility:
    if actor not in scenario.utilities:
        raise PressureError(f"{what}: actor {actor!r} has no preferences in the scenario; add "
                            f"preferences.{actor} or remove the {what}")
    return scenario.utilities[actor]


def _replace(scenario: Scenario, changed: Mapping[str, Utility], notice: str) -> Scenario:
    utilities = dict(scenario.utilities)
    utilities.update(changed)
    return dataclasses.replace(scenario, utilities=utilities,
                               notices=(*scenario.notices, notice))


def shift_reservation(utility: Utility, amount: float) -> Utility:
    """Reservation plus `amount`, clipped to [0, 1]."""
    return dataclasses.replace(utility, reservation=float(np.clip(utility.reservation + amount,
                                                                  0.0, 1.0)))


def shift_weights(utility: Utility, shifts: Mapping[str, float], where: str) -> Utility:
    """Add `shifts` to the normalised weights, floor at 0, renormalise to sum 1."""
    raw = {issue: max(0.0, w + shifts.get(issue, 0.0)) for issue, w in utility.weights.items()}
    total = sum(raw.values())
    if total <= 0:
        raise PressureError(f"{where}: the weight shifts leave every weight at 0; "
                            "make the shifts smaller")
    return dataclasses.replace(utility, weights={k: v / total for k, v in raw.items()})


def pull_weight(target: Utility, issue: str, goal: float, strength: float) -> Utility:
    """Move the weight on `issue` toward `goal` by `strength`; keep the others' proportions."""
    old = target.weights[issue]
    new = old + strength * (goal - old)
    others = {k: w for k, w in target.weights.items() if k != issue}
    rest = sum(others.values())
    weights = dict(target.weights)
    weights[issue] = new
    for k, w in others.items():
        # With no weight elsewhere, the freed weight is shared equally.
        weights[k] = (1.0 - new) * (w / rest if rest > 0 else 1.0 / len(others))
    return dataclasses.replace(target, weights=weights)


def apply_event(scenario: Scenario, event: Event | str) -> Scenario:
    """The scenario after one event, whatever its `active` flag."""
    event = find_event(scenario, event) if isinstance(event, str) else event
    changed: dict[str, Utility] = {}
    for index, effect in enumerate(event.effects):
        where = f"events.{event.id}.effects[{index}]"
        utility = changed.get(effect.actor) or _utility(scenario, effect.actor,
                                                        f"event {event.id!r}")
        if effect.reservation is not None:
            utility = shift_reservation(utility, point(effect.reservation))
        if effect.weights:
            utility = shift_weights(utility, {k: point(v) for k, v in effect.weights.items()},
                                    where)
        changed[effect.actor] = utility
    return _replace(scenario, changed, f"event {event.id} applied")


def apply_influence(scenario: Scenario, edge: Influence | str) -> Scenario:
    """The scenario after one influence edge."""
    edge = find_edge(scenario, edge) if isinstance(edge, str) else edge
    what = f"influence {edge_id(edge)}"
    source = _utility(scenario, edge.from_, what)
    target = _utility(scenario, edge.to, what)
    moved = pull_weight(target, edge.issue, source.weights[edge.issue], point(edge.strength))
    return _replace(scenario, {edge.to: moved}, f"{what} applied")


@dataclass(frozen=True)
class Pressure:
    """A scenario after pressure, and what was applied (events, then influence edges)."""

    scenario: Scenario
    events: tuple[str, ...]
    influence: tuple[str, ...]
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    method: str = "pressure"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        """The applied pressure as JSON: the events and influence edges applied, what each
        changed, and how."""
        return {"events": list(self.events), "influence": list(self.influence),
                "changes": self.changes, "method": self.method,
                "parameters": self.parameters, "version": self.version}


def utility_changes(before: Scenario, after: Scenario) -> dict[str, dict[str, Any]]:
    """Per actor, the reservation and the weights that differ: {"reservation": [old, new], ...}."""
    changes: dict[str, dict[str, Any]] = {}
    for actor, old in before.utilities.items():
        new = after.utilities[actor]
        change: dict[str, Any] = {}
        if new.reservation != old.reservation:
            change["reservation"] = [old.reservation, new.reservation]
        moved = {k: [round(old.weights[k], 12), round(new.weights[k], 12)]
                 for k in old.weights if abs(new.weights[k] - old.weights[k]) > TOLERANCE}
        if moved:
            change["weights"] = moved
        if change:
            changes[actor] = change
    return changes


def select_events(scenario: Scenario, choice: str | Sequence[str] | None) -> tuple[str, ...]:
    """Event ids for a choice: "active" (or None: the default), "all", "none", or a list of ids."""
    events = scenario.document.events
    if choice is None or choice == "active":
        return tuple(e.id for e in events if e.active)
    if choice == "all":
        return tuple(e.id for e in events)
    if choice == "none":
        return ()
    ids = [c.strip() for c in choice.split(",")] if isinstance(choice, str) else list(choice)
    return tuple(find_event(scenario, i).id for i in ids if i)


def select_influence(scenario: Scenario, choice: str | Sequence[str] | None) -> tuple[str, ...]:
    """Influence edges for a choice: "none" (or None: the default), "all", or FROM:TO:ISSUE names."""
    edges = scenario.document.influence
    if choice is None or choice == "none":
        return ()
    if choice == "all":
        return tuple(edge_id(e) for e in edges)
    names = [c.strip() for c in choice.split(",")] if isinstance(choice, str) else list(choice)
    return tuple(edge_id(find_edge(scenario, n)) for n in names if n)


def apply_pressure(scenario: Scenario, events: Sequence[str] = (),
                   influence: Sequence[str] = ()) -> Pressure:
    """Apply events (in document order), then influence edges (in document order)."""
    wanted_events = {find_event(scenario, e).id for e in events}
    wanted_edges = {edge_id(find_edge(scenario, e)) for e in influence}
    result = scenario
    applied_events = []
    for event in scenario.document.events:
        if event.id in wanted_events:
            result = apply_event(result, event)
            applied_events.append(event.id)
    applied_edges = []
    for edge in scenario.document.influence:
        if edge_id(edge) in wanted_edges:
            result = apply_influence(result, edge)
            applied_edges.append(edge_id(edge))
    changes = utility_changes(scenario, result)
    return Pressure(result, tuple(applied_events), tuple(applied_edges), changes,
                    parameters={"events": list(events), "influence": list(influence)})
