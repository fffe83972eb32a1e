"""SQLModel table definitions. Converters to domain values live in ``convert.py``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from cockpit.store.types import UTCDateTime


def _instant(nullable: bool = False, index: bool = False) -> datetime:
    return Field(  # type: ignore[no-any-return]
        default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index)
    )


class SeatRow(SQLModel, table=True):
    """A sender seat."""

    __tablename__ = "seat"

    name: str = Field(primary_key=True)
    plan: str
    monthly_credits: int | None = None
    time_zone: str = "UTC"
    commercial: bool | None = None  # its sends' default; None: the plan's default (policy)
    created_at: datetime = _instant()


class MessageRow(SQLModel, table=True):
    """One sent message and what is known about it."""

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_batch", "batch"),)

    id: int | None = Field(default=None, primary_key=True)
    external_id: str = Field(unique=True)
    recipient: str
    recipient_profile_url: str | None = None
    recipient_state: str | None = None
    open_profile: bool = False
    channel: str = "inmail"
    seat: str | None = Field(default=None, foreign_key="seat.name")
    batch: str | None = None
    subject: str = ""
    body: str = Field(sa_column=Column(Text, nullable=False))
    sent_at: datetime = _instant(index=True)
    sent_from: str = "desktop"
    commercial: bool | None = None
    commercial_review: bool | None = None  # a reviewer's audited correction: wins over all
    push: str = "unknown"
    opened_at: datetime | None = _instant(nullable=True)
    replied_at: datetime | None = _instant(nullable=True)
    forwarded_at: datetime | None = _instant(nullable=True)
    status: str = "sent"
    edited_at: datetime | None = _instant(nullable=True)
    recalled_at: datetime | None = _instant(nullable=True)
    version: int = 1
    created_at: datetime = _instant()


class RevisionRow(SQLModel, table=True):
    """An earlier text of a message, kept whenever the text is replaced."""

    __tablename__ = "revision"

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    number: int
    subject: str
    body: str = Field(sa_column=Column(Text, nullable=False))
    replaced_at: datetime = _instant()
    actor: str
    reason: str | None = None


class MessageLinkRow(SQLModel, table=True):
    """Another file's key for a stored message: the same send, imported from a second source.

    Written with its ``link`` audit entry; ``audit verify`` checks the table against those entries.
    """

    __tablename__ = "message_link"

    external_id: str = Field(primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    created_at: datetime = _instant()


class BatchSettingRow(SQLModel, table=True):
    """A batch's settings: whether its sends are commercial unless a send says otherwise.

    Written with its ``batch`` audit entry; ``audit verify`` checks the table against those entries.
    """

    __tablename__ = "batch_setting"

    batch: str = Field(primary_key=True)
    commercial: bool | None = None
    updated_at: datetime = _instant()


class JudgementRow(SQLModel, table=True):
    """A message's stored content judgement (see :mod:`cockpit.domain.judgement`): derived data,
    written after the scan and forgotten when what it was judged on changes; not audited."""

    __tablename__ = "judgement"

    message_id: int = Field(foreign_key="message.id", primary_key=True)
    version: int  # the message version it was judged at (later status marks keep it valid)
    basis: str  # the scanner and policy fingerprint it was judged with
    codes: str = ""  # "CODE:rank ..." most severe first
    top: int = 0
    exposure_usd: int = 0
    penalties: str = ""


class AuditRow(SQLModel, table=True):
    """One entry of the append-only, hash-chained audit log."""

    __tablename__ = "audit_entry"

    seq: int = Field(primary_key=True)
    at: datetime = _instant()
    actor: str
    action: str
    message_id: int | None = Field(default=None, index=True)
    batch: str | None = None
    from_status: str | None = None
    to_status: str | None = None
    from_version: int | None = None
    reason: str | None = None
    details: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    prev_hash: str
    hash: str


class AuditHeadRow(SQLModel, table=True):
    """The newest entry of the chain: lets verify notice entries removed from the end."""

    __tablename__ = "audit_head"

    id: int = Field(default=1, primary_key=True)
    seq: int = 0
    hash: str = ""


message_table = MessageRow.__table__  # type: ignore[attr-defined]
seat_table = SeatRow.__table__  # type: ignore[attr-defined]
revision_table = RevisionRow.__table__  # type: ignore[attr-defined]
message_link_table = MessageLinkRow.__table__  # type: ignore[attr-defined]
batch_setting_table = BatchSettingRow.__table__  # type: ignore[attr-defined]
judgement_table = JudgementRow.__table__  # type: ignore[attr-defined]
audit_table = AuditRow.__table__  # type: ignore[attr-defined]
audit_head_table = AuditHeadRow.__table__  # type: ignore[attr-defined]
metadata = SQLModel.metadata
