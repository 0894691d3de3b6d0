"""Reading statements back: each with every sentence that reported it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from redline.store.database import Store
from redline.store.schema import statement_sources, statements


@dataclass(frozen=True)
class Citation:
    """One sentence that reported a statement, and where."""

    source: str
    sentence: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class StoredStatement:
    """A statement as stored: merged across outlets, with all its citations."""

    id: int
    actor: str | None
    stance: str
    issue: str | None
    date: str | None
    confidence: float
    citations: tuple[Citation, ...]
    speaker: str | None = None
    speaker_role: str | None = None
    condition: str | None = None
    addressee: str | None = None
    mediator: str | None = None
    place: str | None = None
    plover: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stored_statements(store: Store, actor: str | None = None,
                      issue: str | None = None) -> tuple[StoredStatement, ...]:
    """Statements, optionally of one actor and one issue, oldest first (undated last)."""
    from sqlalchemy import select

    query = select(statements)
    if actor:
        query = query.where(statements.c.actor == actor.upper())
    if issue:
        query = query.where(statements.c.issue == issue)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        ids = [r["id"] for r in rows]
        cites: dict[int, list[Citation]] = {i: [] for i in ids}
        if ids:
            for c in conn.execute(select(statement_sources).where(
                    statement_sources.c.statement_id.in_(ids)).order_by(
                    statement_sources.c.id)).mappings():
                cites[c["statement_id"]].append(Citation(
                    c["source"], c["sentence"], c["start"], c["end"], c["rule"]))
    out = [StoredStatement(
        id=r["id"], actor=r["actor"], stance=r["stance"], issue=r["issue"], date=r["date"],
        confidence=r["confidence"], citations=tuple(cites[r["id"]]), speaker=r["speaker"],
        speaker_role=r["speaker_role"], condition=r["condition"], addressee=r["addressee"],
        mediator=r["mediator"], place=r["place"], plover=r["plover"]) for r in rows]
    out.sort(key=lambda s: (s.date is None, s.date or "", s.id))
    return tuple(out)
