"""Storing articles and their statements: one transaction, idempotent, duplicates merged.

An article is known by the SHA-256 of its text, so re-ingesting it changes nothing. A statement
is known by what it says (actor, stance, issue, addressee, condition, date): the same statement
reported by several outlets is stored once, with every source sentence kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from redline.store.database import Store, StoreError
from redline.store.schema import articles, feed_items, statement_sources, statements

if TYPE_CHECKING:
    from redline.news import ArticleStatements, Statement


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did."""

    articles_added: int
    articles_known: int
    statements_added: int
    statements_merged: int
    method: str = "content-hash"

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON: articles added and already known, statements added and merged, and
        the method."""
        return asdict(self)


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace normalised (re-wrapped copies are the same)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _norm(value: str | None) -> str:
    return re.sub(r"\W+", " ", value or "").strip().lower()


def statement_key(statement: Statement) -> str:
    """Identity of a statement across outlets: what is said, by whom, to whom, when. Resolved
    to a scenario, its ids stand for the text's words, so that "missile programme" and
    "missile capabilities" in two outlets are one statement on `missiles`."""
    resolved = statement.resolved
    parts = [statement.actor, statement.stance, statement.issue, statement.addressee,
             statement.condition, statement.date]
    if resolved is not None:
        parts = [resolved.scenario, resolved.actor or statement.actor, statement.stance,
                 resolved.issue or statement.issue, resolved.option,
                 resolved.addressee or statement.addressee,
                 resolved.condition_issue or statement.condition, statement.date]
    return hashlib.sha256("|".join(_norm(p) for p in parts).encode("utf-8")).hexdigest()


ATTEMPTS = 5
"""Transactions one ingest tries when a concurrent ingest stores the same rows first."""


def _columns(statement: Statement) -> dict[str, Any]:
    """The statement's row: its fields, and with a scenario its resolved ids."""
    values = {k: getattr(statement, k) for k in (
        "actor", "stance", "issue", "speaker", "speaker_role", "condition", "addressee",
        "mediator", "place", "plover", "date", "confidence", "issue_text")}
    resolved = statement.resolved
    if resolved is not None:
        values.update(scenario=resolved.scenario, resolved_actor=resolved.actor,
                      resolved_issue=resolved.issue, resolved_option=resolved.option,
                      resolved_addressee=resolved.addressee,
                      condition_issue=resolved.condition_issue,
                      matched=json.dumps(resolved.matched, ensure_ascii=False))
    return values


def ingest(store: Store, found: Iterable[ArticleStatements],
           seen: Iterable[tuple[str, str, str | None]] = ()) -> IngestReport:
    """Store `ArticleStatements` (from `redline.news.extract`) in one transaction, and mark
    the feed items `seen` ((feed, item key, link), see `redline.store.feeds`) as read in it.

    If anything fails, nothing of this ingest is written. Two ingests of the same batch at
    once both finish: the one that loses the race on a unique key rolls back and runs again,
    finding the other's rows (optimistic concurrency).
    """
    from sqlalchemy import select
    from sqlalchemy.exc import DBAPIError, IntegrityError

    batch, marked = list(found), list(seen)
    for attempt in range(ATTEMPTS):
        try:
            return _ingest(store, batch, select, marked)
        except IntegrityError:
            # Another ingest stored some of these articles or statements between our check
            # and our insert; ours rolled back whole. Again: they are now "known" or merged.
            if attempt == ATTEMPTS - 1:
                raise StoreError(f"{store.url}: other ingests kept storing the same articles; "
                                 "nothing of this one was stored. Fix: run it again") from None
        except DBAPIError as exc:  # nothing was written: the transaction rolled back
            raise StoreError(f"{store.url}: the database refused the ingest ({exc.orig}); "
                             "nothing was stored. Fix: retry when no other ingest is running, "
                             "and check disk space and permissions") from None
    raise AssertionError("unreachable")  # pragma: no cover


def _ingest(store: Store, found: Iterable[ArticleStatements], select: Any,
            seen: list[tuple[str, str, str | None]]) -> IngestReport:
    added = known = new_statements = merged = 0
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        for item in found:
            article = item.article
            digest = content_hash(article.text or article.source)
            exists = conn.execute(select(articles.c.id).where(
                articles.c.content_hash == digest)).first()
            if exists is not None:
                known += 1
                continue
            article_id = conn.execute(articles.insert().values(
                content_hash=digest, source=article.source, title=article.title,
                published=article.date, kind=article.kind, language=article.language,
                ingested_at=now)).inserted_primary_key[0]
            added += 1
            for statement in item.statements:
                key = statement_key(statement)
                row = conn.execute(select(statements.c.id, statements.c.confidence,
                                          statements.c.speaker).where(
                    statements.c.key == key)).first()
                if row is None:
                    statement_id = conn.execute(statements.insert().values(
                        key=key, **_columns(statement))).inserted_primary_key[0]
                    new_statements += 1
                else:
                    statement_id = row.id
                    update: dict[str, Any] = {}
                    if statement.confidence > row.confidence:
                        update["confidence"] = statement.confidence
                    if row.speaker is None and statement.speaker:
                        update["speaker"] = statement.speaker
                        update["speaker_role"] = statement.speaker_role
                    if update:
                        conn.execute(statements.update().where(
                            statements.c.id == statement_id).values(**update))
                    merged += 1
                exists_source = conn.execute(select(statement_sources.c.id).where(
                    statement_sources.c.statement_id == statement_id,
                    statement_sources.c.article_id == article_id,
                    statement_sources.c.start == statement.start)).first()
                if exists_source is None:
                    conn.execute(statement_sources.insert().values(
                        statement_id=statement_id, article_id=article_id,
                        source=statement.source, sentence=statement.sentence,
                        start=statement.start, end=statement.end, rule=statement.rule,
                        confidence=statement.confidence))
        for feed, key, link in seen:
            if conn.execute(select(feed_items.c.id).where(
                    feed_items.c.feed == feed, feed_items.c.item == key)).first() is None:
                conn.execute(feed_items.insert().values(feed=feed, item=key, link=link,
                                                        seen_at=now))
    return IngestReport(added, known, new_statements, merged)
