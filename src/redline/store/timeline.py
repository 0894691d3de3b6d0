"""How an actor's position on an issue moved over time.

A move compares one actor on one issue: a red line on missiles followed by an offer on
sanctions is two positions, not a softening. Talks (`consult`) are a reported fact, not a
position, and take no part in moves; neither does a statement whose issue is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redline.store.database import Store
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

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "issue": self.issue, "method": self.method,
                "parameters": dict(self.parameters),
                "statements": [s.to_dict() for s in self.statements],
                "moves": [m.to_dict() for m in self.moves]}


def moves_between(items: tuple[StoredStatement, ...]) -> tuple[Move, ...]:
    """Each change of stance from one position to the next on the same issue (its scenario id
    where resolved, else the text's phrase), in date order."""
    last: dict[str, StoredStatement] = {}
    out = []
    for item in items:
        issue = item.about
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


def timeline(store: Store, actor: str, issue: str | None = None) -> Timeline:
    """The statements of `actor` (on `issue`), dated, with the moves between them (issue by
    issue)."""
    items = stored_statements(store, actor, issue)
    return Timeline(actor.upper(), issue, items, moves_between(items),
                    parameters={"actor": actor.upper(), "issue": issue})
