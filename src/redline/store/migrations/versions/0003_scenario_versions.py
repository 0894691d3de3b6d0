"""Scenario versions: every stored text of a scenario, numbered, with the date it was saved and
the date the document gives itself, so that a brief can say what moved since an earlier version.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the scenario_versions table: every saved text of a scenario, numbered per scenario."""
    op.create_table(
        "scenario_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scenario_id", sa.String(200), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("yaml", sa.Text, nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("saved", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("scenario_id", "version", name="uq_scenario_version"),
    )


def downgrade() -> None:
    """Drop the scenario_versions table."""
    op.drop_table("scenario_versions")
