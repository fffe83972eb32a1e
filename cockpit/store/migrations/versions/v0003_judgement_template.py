"""A judgement keeps its message's template group key (within its batch).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None

ADDITIVE = True
"""Only adds tables, columns or indexes: safe to apply without asking."""


def upgrade() -> None:
    """Add the nullable ``judgement.template`` column."""
    op.add_column("judgement", sa.Column("template", sa.String(), nullable=True))


def downgrade() -> None:
    """Drop ``judgement.template`` (SQLite rebuilds the table)."""
    with op.batch_alter_table("judgement") as batch:
        batch.drop_column("template")
