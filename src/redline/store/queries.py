"""Reading statements back: each with every sentence that reported it."""

from __future__ import annotations

import json
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
    issue_text: str | None = None
    scenario: str | None = None  # the scenario it was resolved to, and its ids there
    resolved_actor: str | None = None
    resolved_issue: str | None = None
    resolved_option: str | None = None
    resolved_addressee: str | None = None
    condition_issue: str | None = None
    matched: dict[str, str] | None = None

    @property
    def who(self) -> str | None:
        """The actor: its scenario id when resolved, else the extractor's code."""
        return self.resolved_actor or self.actor

    @property
    def about(self) -> str | None:
        """The issue: its scenario id when resolved, else the text's phrase."""
        return self.resolved_issue or self.issue

    @property
    def to_whom(self) -> str | None:
        """The addressee: its scenario id when resolved, else the extractor's code."""
        return self.resolved_addressee or self.addressee

    def to_dict(self) -> dict[str, Any]:
        """The statement as JSON, with its citations."""
        return asdict(self)


def stored_statements(store: Store, actor: str | None = None,
                      issue: str | None = None) -> tuple[StoredStatement, ...]:
    """Statements, optionally of one actor and one issue (their scenario ids where resolved, else
    the extractor's code and the text's phrase), oldest first (undated last)."""
    from sqlalchemy import func, select

    query = select(statements)
    if actor:  # its scenario id where resolved, else the extractor's code
        query = query.where(func.upper(func.coalesce(statements.c.resolved_actor,
                                                     statements.c.actor)) == actor.upper())
    if issue:
        query = query.where(func.coalesce(statements.c.resolved_issue, statements.c.issue)
                            == issue)
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
        mediator=r["mediator"], place=r["place"], plover=r["plover"],
        issue_text=r["issue_text"], scenario=r["scenario"],
        resolved_actor=r["resolved_actor"], resolved_issue=r["resolved_issue"],
        resolved_option=r["resolved_option"], resolved_addressee=r["resolved_addressee"],
        condition_issue=r["condition_issue"],
        matched=json.loads(r["matched"]) if r["matched"] else None) for r in rows]
    out.sort(key=lambda s: (s.date is None, s.date or "", s.id))
    return tuple(out)
