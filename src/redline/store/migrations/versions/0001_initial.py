"""Articles, statements with their sources, and scenarios.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the articles, statements, statement_sources and scenarios tables."""
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("actor", sa.String(16), index=True),
        sa.Column("stance", sa.String(32), nullable=False),
        sa.Column("issue", sa.String(200), index=True),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_role", sa.Text),
        sa.Column("condition", sa.Text),
        sa.Column("addressee", sa.String(16)),
        sa.Column("mediator", sa.String(16)),
        sa.Column("place", sa.String(16)),
        sa.Column("plover", sa.String(16)),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("confidence", sa.Float, nullable=False),
    )
    op.create_table(
        "statement_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("statement_id", sa.Integer,
                  sa.ForeignKey("statements.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(40), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.UniqueConstraint("statement_id", "article_id", "start", name="uq_source_place"),
    )
    op.create_table(
        "scenarios",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("yaml", sa.Text, nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the four tables of the first revision, dependents first."""
    op.drop_table("scenarios")
    op.drop_table("statement_sources")
    op.drop_table("statements")
    op.drop_table("articles")
