"""The database schema: SQLAlchemy Core tables. Converters to domain values live in ``convert.py``.

Plain Core tables (no ORM, no model classes) keep the import of the store light, so a screen can
read its first rows before anything else is loaded; every query is a Core statement anyway.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

from cockpit.store.types import UTCDateTime

metadata = MetaData()


def _instant(name: str, nullable: bool = False, index: bool = False) -> Column[object]:
    return Column(name, UTCDateTime(), nullable=nullable, index=index)


seat_table = Table(
    "seat",
    metadata,
    Column("name", String, primary_key=True),
    Column("plan", String, nullable=False),
    Column("monthly_credits", Integer, nullable=True),
    Column("time_zone", String, nullable=False, default="UTC"),
    # its sends' default; None: the plan's default (policy)
    Column("commercial", Boolean, nullable=True),
    _instant("created_at"),
)
"""A sender seat."""

message_table = Table(
    "message",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String, nullable=False, unique=True),
    Column("recipient", String, nullable=False),
    Column("recipient_profile_url", String, nullable=True),
    Column("recipient_state", String, nullable=True),
    Column("open_profile", Boolean, nullable=False, default=False),
    Column("channel", String, nullable=False, default="inmail"),
    Column("seat", String, ForeignKey("seat.name"), nullable=True),
    Column("batch", String, nullable=True),
    Column("subject", String, nullable=False, default=""),
    Column("body", Text, nullable=False),
    _instant("sent_at", index=True),
    Column("sent_from", String, nullable=False, default="desktop"),
    Column("commercial", Boolean, nullable=True),
    # a reviewer's audited correction: wins over all
    Column("commercial_review", Boolean, nullable=True),
    Column("push", String, nullable=False, default="unknown"),
    _instant("opened_at", nullable=True),
    _instant("replied_at", nullable=True),
    _instant("forwarded_at", nullable=True),
    Column("status", String, nullable=False, default="sent"),
    _instant("edited_at", nullable=True),
    _instant("recalled_at", nullable=True),
    Column("version", Integer, nullable=False, default=1),
    _instant("created_at"),
    Index("ix_message_batch", "batch"),
)
"""One sent message and what is known about it."""

revision_table = Table(
    "revision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("message_id", Integer, ForeignKey("message.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("subject", String, nullable=False),
    Column("body", Text, nullable=False),
    _instant("replaced_at"),
    Column("actor", String, nullable=False),
    Column("reason", String, nullable=True),
)
"""An earlier text of a message, kept whenever the text is replaced."""

message_link_table = Table(
    "message_link",
    metadata,
    Column("external_id", String, primary_key=True),
    Column("message_id", Integer, ForeignKey("message.id"), nullable=False, index=True),
    _instant("created_at"),
)
"""Another file's key for a stored message: the same send, imported from a second source. Written
with its ``link`` audit entry; ``audit verify`` checks the table against those entries."""

batch_setting_table = Table(
    "batch_setting",
    metadata,
    Column("batch", String, primary_key=True),
    Column("commercial", Boolean, nullable=True),
    _instant("updated_at"),
)
"""A batch's settings: whether its sends are commercial unless a send says otherwise. Written with
its ``batch`` audit entry; ``audit verify`` checks the table against those entries."""

judgement_table = Table(
    "judgement",
    metadata,
    Column("message_id", Integer, ForeignKey("message.id"), primary_key=True, autoincrement=False),
    # the message version it was judged at (later status marks keep it valid)
    Column("version", Integer, nullable=False),
    Column("basis", String, nullable=False),  # the scanner and policy fingerprint it was judged with
    Column("codes", String, nullable=False, default=""),  # "CODE:rank ..." most severe first
    Column("top", Integer, nullable=False, default=0),
    Column("exposure_usd", Integer, nullable=False, default=0),
    Column("penalties", String, nullable=False, default=""),
    Column("template", String, nullable=True),  # its template group key in its batch (None: no group)
)
"""A message's stored content judgement (see :mod:`cockpit.domain.risk_summary`): derived data,
written after the scan and forgotten when what it was judged on changes; not audited."""

audit_table = Table(
    "audit_entry",
    metadata,
    Column("seq", Integer, primary_key=True),
    _instant("at"),
    Column("actor", String, nullable=False),
    Column("action", String, nullable=False),
    Column("message_id", Integer, nullable=True, index=True),
    Column("batch", String, nullable=True),
    Column("from_status", String, nullable=True),
    Column("to_status", String, nullable=True),
    Column("from_version", Integer, nullable=True),
    Column("reason", String, nullable=True),
    Column("details", Text, nullable=False, default="{}"),
    Column("prev_hash", String, nullable=False),
    Column("hash", String, nullable=False),
    # the wall-clock instant it was written (``at`` is the simulated one in a drill); None: written
    # before wall-clock instants were recorded
    _instant("wall_at", nullable=True),
)
"""One entry of the append-only, hash-chained audit log."""

audit_head_table = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, default=1),
    Column("seq", Integer, nullable=False, default=0),
    Column("hash", String, nullable=False, default=""),
)
"""The newest entry of the chain: lets verify notice entries removed from the end."""

clock_mode_table = Table(
    "clock_mode",
    metadata,
    Column("id", Integer, primary_key=True, default=1),
    Column("mode", String, nullable=False),  # "real" or "drill"
    _instant("created_at"),  # the wall-clock instant the database was created
)
"""Whether the database runs on the real clock or is a drill (made with ``--now``, or the demo):
recorded once, when the database is created. A database without a row predates the record and
runs on the real clock."""
