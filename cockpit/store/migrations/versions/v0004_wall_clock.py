"""Audit entries record the wall-clock instant they were written; a database records whether it runs
on the real clock or is a drill.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None

ADDITIVE = True
"""Only adds tables, columns or indexes: safe to apply without asking."""

_INSTANT = sa.String(27).with_variant(sa.DateTime(timezone=True), "postgresql")


def upgrade() -> None:
    """Add the nullable ``audit_entry.wall_at`` column and the ``clock_mode`` table (left empty: a
    database created before it runs on the real clock)."""
    op.add_column("audit_entry", sa.Column("wall_at", _INSTANT, nullable=True))
    op.create_table(
        "clock_mode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(), nullable=False),
        sa.Column("created_at", _INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    """Drop the ``clock_mode`` table and ``audit_entry.wall_at`` (SQLite rebuilds the table)."""
    op.drop_table("clock_mode")
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_column("wall_at")
