"""Domain values shared by every layer: statuses, channels, phases and a message snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    """What the user has marked about a sent message."""

    SENT = "sent"
    EDITED = "edited"
    RECALLED = "recalled"


class Phase(StrEnum):
    """Where a message stands in its recall window."""

    OPEN = "open"
    URGENT = "urgent"
    CRITICAL = "critical"
    CLOSED = "closed"
    NONE = "none"  # a channel without member recall (sponsored): no deadline, no countdown


class Push(StrEnum):
    """Whether a push/e-mail notification (and so its preview) reached the recipient."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Observation(StrEnum):
    """What can be observed on the recipient's side."""

    REPLIED = "replied"
    OPENED = "opened"
    PUSH_DELIVERED = "push_delivered"
    NO_PUSH = "no_push"
    FORWARDED = "forwarded"


CHANNELS: tuple[str, ...] = ("inmail", "message", "connection_note", "sponsored")
SENT_FROM: tuple[str, ...] = ("desktop", "mobile", "recruiter", "sales_navigator")
PLANS: tuple[str, ...] = (
    "premium_career",
    "premium_business",
    "sales_navigator_core",
    "sales_navigator_advanced_plus",
    "recruiter_lite",
    "recruiter",
)
US_STATES: frozenset[str] = frozenset(
    (
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
        "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Seat:
    """A sender seat: who sends, on which plan, in which time zone."""

    name: str
    plan: str
    monthly_credits: int | None
    time_zone: str
    commercial: bool | None = None  # its sends' default; None: the plan's default


@dataclass(frozen=True, slots=True)
class Message:
    """A snapshot of one sent message as the rules see it."""

    id: int
    external_id: str
    recipient: str
    recipient_profile_url: str | None
    recipient_state: str | None
    open_profile: bool
    channel: str
    seat: str | None
    batch: str | None
    subject: str
    body: str
    sent_at: datetime
    sent_from: str
    commercial: bool | None
    push: str
    opened_at: datetime | None
    replied_at: datetime | None
    forwarded_at: datetime | None
    status: str
    edited_at: datetime | None
    recalled_at: datetime | None
    version: int
    commercial_review: bool | None = None  # a reviewer's audited correction


@dataclass(frozen=True, slots=True)
class Revision:
    """An earlier text of a message, kept when it was replaced."""

    message_id: int
    number: int
    subject: str
    body: str
    replaced_at: datetime
    actor: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One entry of the audit log, as stored."""

    seq: int
    at: datetime
    actor: str
    action: str
    message_id: int | None
    batch: str | None
    from_status: str | None
    to_status: str | None
    from_version: int | None
    reason: str | None
    details: dict[str, object]
    prev_hash: str
    hash: str
    wall_at: datetime | None = None  # when it was written by the wall clock (None: before that was recorded)
