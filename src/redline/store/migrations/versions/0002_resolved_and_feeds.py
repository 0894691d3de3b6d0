"""Statements resolved to a scenario's ids; feed items already read (live sources).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

RESOLVED = ("resolved_actor", "resolved_issue", "resolved_option", "resolved_addressee",
            "condition_issue")


def upgrade() -> None:
    """Add the resolution columns (and their indexes) to statements, and create the feed_items
    table of entries already read."""
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("issue_text", sa.Text))
        batch.add_column(sa.Column("scenario", sa.Text))
        for name in RESOLVED:
            batch.add_column(sa.Column(name, sa.String(64)))
        batch.add_column(sa.Column("matched", sa.Text))
        batch.create_index("ix_statements_resolved_actor", ["resolved_actor"])
        batch.create_index("ix_statements_resolved_issue", ["resolved_issue"])
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("feed", sa.Text, nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("link", sa.Text),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("feed", "item", name="uq_feed_item"),
    )


def downgrade() -> None:
    """Drop feed_items and the resolution columns and indexes of statements."""
    op.drop_table("feed_items")
    with op.batch_alter_table("statements") as batch:
        batch.drop_index("ix_statements_resolved_issue")
        batch.drop_index("ix_statements_resolved_actor")
        for name in ("matched", *RESOLVED, "scenario", "issue_text"):
            batch.drop_column(name)
