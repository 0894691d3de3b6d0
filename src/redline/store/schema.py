"""The database tables (SQLAlchemy 2 Core). Alembic migrations create and change them."""

from __future__ import annotations

from redline.store.database import StoreError

try:
    from sqlalchemy import (
        Column,
        DateTime,
        Float,
        ForeignKey,
        Integer,
        MetaData,
        String,
        Table,
        Text,
        UniqueConstraint,
    )
except ImportError:  # the store extra is optional
    raise StoreError("the store needs SQLAlchemy. Fix: pip install 'redline[store]'") from None

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("published", String(10)),
    Column("kind", String(16), nullable=False),
    Column("language", String(16), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

statements = Table(
    "statements", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("actor", String(16), index=True),
    Column("stance", String(32), nullable=False),
    Column("issue", String(200), index=True),
    Column("speaker", Text),
    Column("speaker_role", Text),
    Column("condition", Text),
    Column("addressee", String(16)),
    Column("mediator", String(16)),
    Column("place", String(16)),
    Column("plover", String(16)),
    Column("date", String(10), index=True),
    Column("confidence", Float, nullable=False),
    # with a scenario (migration 0002): the statement in its ids, and what matched each
    Column("issue_text", Text),
    Column("scenario", Text),
    Column("resolved_actor", String(64), index=True),
    Column("resolved_issue", String(64), index=True),
    Column("resolved_option", String(64)),
    Column("resolved_addressee", String(64)),
    Column("condition_issue", String(64)),
    Column("matched", Text),
)

statement_sources = Table(
    "statement_sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("rule", String(40), nullable=False),
    Column("confidence", Float, nullable=False),
    UniqueConstraint("statement_id", "article_id", "start", name="uq_source_place"),
)

# Items of RSS/Atom feeds already read (by a hash of their id or link), so that a poll reads only
# new ones (migration 0002).
feed_items = Table(
    "feed_items", metadata,
    Column("id", Integer, primary_key=True),
    Column("feed", Text, nullable=False),
    Column("item", String(64), nullable=False),
    Column("link", Text),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("feed", "item", name="uq_feed_item"),
)

scenarios = Table(
    "scenarios", metadata,
    Column("id", String(200), primary_key=True),
    Column("title", Text, nullable=False),
    Column("yaml", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)

scenario_versions = Table(
    "scenario_versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("scenario_id", String(200), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("yaml", Text, nullable=False),
    Column("date", String(10)),
    Column("saved", DateTime(timezone=True), nullable=False),
    UniqueConstraint("scenario_id", "version", name="uq_scenario_version"),
)
