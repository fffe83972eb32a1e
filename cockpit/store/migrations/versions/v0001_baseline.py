"""Baseline: the schema of databases written before content judgements were stored (seats with
their commercial default, messages with a reviewer's commercial correction, revisions, links
between import keys, batch settings, the audit chain and its head).

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

ADDITIVE = True
"""Only adds tables, columns or indexes: safe to apply without asking."""

INSTANT = sa.String(27).with_variant(sa.DateTime(timezone=True), "postgresql")
"""An instant as :class:`cockpit.store.types.UTCDateTime` stores it: fixed-width UTC text on
SQLite, ``timestamptz`` on PostgreSQL."""


def upgrade() -> None:
    """Create the baseline tables and indexes."""
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", INSTANT, nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("batch", sa.String(), nullable=True),
        sa.Column("from_status", sa.String(), nullable=True),
        sa.Column("to_status", sa.String(), nullable=True),
        sa.Column("from_version", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_audit_entry_message_id", "audit_entry", ["message_id"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "batch_setting",
        sa.Column("batch", sa.String(), nullable=False),
        sa.Column("commercial", sa.Boolean(), nullable=True),
        sa.Column("updated_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("batch"),
    )
    op.create_table(
        "seat",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("plan", sa.String(), nullable=False),
        sa.Column("monthly_credits", sa.Integer(), nullable=True),
        sa.Column("time_zone", sa.String(), nullable=False),
        sa.Column("commercial", sa.Boolean(), nullable=True),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("recipient_profile_url", sa.String(), nullable=True),
        sa.Column("recipient_state", sa.String(), nullable=True),
        sa.Column("open_profile", sa.Boolean(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("seat", sa.String(), nullable=True),
        sa.Column("batch", sa.String(), nullable=True),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sent_at", INSTANT, nullable=False),
        sa.Column("sent_from", sa.String(), nullable=False),
        sa.Column("commercial", sa.Boolean(), nullable=True),
        sa.Column("commercial_review", sa.Boolean(), nullable=True),
        sa.Column("push", sa.String(), nullable=False),
        sa.Column("opened_at", INSTANT, nullable=True),
        sa.Column("replied_at", INSTANT, nullable=True),
        sa.Column("forwarded_at", INSTANT, nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("edited_at", INSTANT, nullable=True),
        sa.Column("recalled_at", INSTANT, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("external_id"),
        sa.ForeignKeyConstraint(["seat"], ["seat.name"]),
    )
    op.create_index("ix_message_batch", "message", ["batch"])
    op.create_index("ix_message_sent_at", "message", ["sent_at"])
    op.create_table(
        "message_link",
        sa.Column("external_id", sa.String(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("external_id"),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
    )
    op.create_index("ix_message_link_message_id", "message_link", ["message_id"])
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("replaced_at", INSTANT, nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
    )
    op.create_index("ix_revision_message_id", "revision", ["message_id"])


def downgrade() -> None:
    """Drop every baseline table (an empty database)."""
    for table in (
        "revision",
        "message_link",
        "message",
        "seat",
        "batch_setting",
        "audit_head",
        "audit_entry",
    ):
        op.drop_table(table)
