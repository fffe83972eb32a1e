"""Stored content judgements: one row per message, kept with the scanner's and policy's
fingerprint (derived data, not audited).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

ADDITIVE = True
"""Only adds tables, columns or indexes: safe to apply without asking."""


def upgrade() -> None:
    """Create the ``judgement`` table."""
    op.create_table(
        "judgement",
        sa.Column("message_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(), nullable=False),
        sa.Column("codes", sa.String(), nullable=False),
        sa.Column("top", sa.Integer(), nullable=False),
        sa.Column("exposure_usd", sa.Integer(), nullable=False),
        sa.Column("penalties", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("message_id"),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
    )


def downgrade() -> None:
    """Drop the ``judgement`` table (judgements are derived: ``cockpit judge`` makes them again)."""
    op.drop_table("judgement")
