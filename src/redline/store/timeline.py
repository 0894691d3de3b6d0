"""How an actor's position on an issue moved over time."""

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

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "before": self.before, "after": self.after,
                "direction": self.direction}


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
        return {"actor": self.actor, "issue": self.issue, "method": self.method,
                "parameters": dict(self.parameters),
                "statements": [s.to_dict() for s in self.statements],
                "moves": [m.to_dict() for m in self.moves]}


def moves_between(items: tuple[StoredStatement, ...]) -> tuple[Move, ...]:
    """Each change of stance from one statement to the next."""
    out = []
    for before, after in zip(items, items[1:], strict=False):
        if before.stance == after.stance:
            continue
        delta = OPENNESS[after.stance] - OPENNESS[before.stance]
        direction = "softer" if delta > 0 else "harder" if delta < 0 else "same"
        out.append(Move(after.date, before.stance, after.stance, direction))
    return tuple(out)


def timeline(store: Store, actor: str, issue: str | None = None) -> Timeline:
    """The statements of `actor` (on `issue`), dated, with the moves between them."""
    items = stored_statements(store, actor, issue)
    return Timeline(actor.upper(), issue, items, moves_between(items),
                    parameters={"actor": actor.upper(), "issue": issue})
