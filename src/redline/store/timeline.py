"""How an actor's position on an issue moved over time.

A move compares one actor on one issue: a red line on missiles followed by an offer on
sanctions is two positions, not a softening. Talks (`consult`) are a reported fact, not a
position, and take no part in moves; neither does a statement whose issue is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.scenario import Scenario
from redline.store.database import Store
from redline.store.positions import positions
from redline.store.queries import StoredStatement, stored_statements

# How far a stance goes toward agreement (for telling a softening from a hardening).
OPENNESS = {"red_line": 0, "threaten": 0, "reject": 1, "demand": 2, "urge": 2,
            "conditional_offer": 3, "consult": 3, "support": 4, "offer": 4, "concede": 5}


@dataclass(frozen=True)
class Move:
    """A change of stance between two dated statements."""

    date: str | None
    before: str
    after: str
    direction: str  # softer, harder, same
    issue: str | None = None
    since: str | None = None  # the date of the statement before

    def to_dict(self) -> dict[str, Any]:
        """The move as JSON: date, issue, the date of the statement before, stance before and
        after, and the direction."""
        return {"date": self.date, "issue": self.issue, "since": self.since,
                "before": self.before, "after": self.after, "direction": self.direction}


@dataclass(frozen=True)
class Timeline:
    """Statements of one actor (on one issue), oldest first, and the moves between them."""

    actor: str
    issue: str | None
    statements: tuple[StoredStatement, ...]
    moves: tuple[Move, ...]
    method: str = "stance-order"
    parameters: dict[str, Any] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The timeline as JSON: actor, issue, method, its dated statements, and the moves
        between them."""
        return {"actor": self.actor, "issue": self.issue, "method": self.method,
                "parameters": dict(self.parameters),
                "statements": [s.to_dict() for s in self.statements],
                "moves": [m.to_dict() for m in self.moves]}


def moves_between(items: Sequence[StoredStatement],
                  issues: Sequence[str | None] | None = None) -> tuple[Move, ...]:
    """Each change of stance from one position to the next on the same issue, in date order;
    `issues` gives each item's issue (default: its scenario id where resolved, else the text's
    phrase)."""
    about = list(issues) if issues is not None else [item.about for item in items]
    last: dict[str, StoredStatement] = {}
    out = []
    for item, issue in zip(items, about, strict=True):
        if issue is None or item.stance == "consult":
            continue
        before = last.get(issue)
        last[issue] = item
        if before is None or before.stance == item.stance:
            continue
        delta = OPENNESS[item.stance] - OPENNESS[before.stance]
        direction = "softer" if delta > 0 else "harder" if delta < 0 else "same"
        out.append(Move(item.date, before.stance, item.stance, direction, issue, before.date))
    return tuple(out)


def timeline(store: Store, actor: str, issue: str | None = None,
             scenario: Scenario | None = None) -> Timeline:
    """The statements of `actor` (on `issue`), dated, with the moves between them (issue by
    issue). With `scenario`, actor and issue are its ids and every stored statement is read in
    them (`redline.store.positions`), whether or not it was stored with that scenario."""
    if scenario is None:
        items = stored_statements(store, actor, issue)
        issues = [item.about for item in items]
    else:
        found = [p for p in positions(store, scenario) if p.actor.upper() == actor.upper()
                 and (issue is None or p.issue == issue)]
        items = tuple(p.stored for p in found)
        issues = [p.issue for p in found]
    return Timeline(actor.upper(), issue, items, moves_between(items, issues),
                    parameters={"actor": actor.upper(), "issue": issue,
                                "scenario": scenario.title if scenario is not None else None})
