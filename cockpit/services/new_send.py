"""Validation of a new send (from ``cockpit add``, the quick-log form or an import row)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from cockpit.clock import EARLIEST_NOW, iso_z, parse_instant
from cockpit.domain.model import SENT_FROM, US_STATES, Push
from cockpit.errors import BadInput
from cockpit.policy import Policy

MAX_RECIPIENT = 200
MAX_SUBJECT = 1_000
MAX_BODY = 100_000
MAX_FUTURE = timedelta(hours=24)

_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$", re.I)


def parse_ago(text: str) -> timedelta:
    """Parse ``90s``, ``5m``, ``1h30m``, a bare number of minutes, or an ISO 8601 duration
    (``PT5M``, ``P1DT2H``).

    Raises:
        BadInput: the text is not such a duration.
    """
    raw = text.strip()
    if raw.isdigit():
        return timedelta(minutes=int(raw))
    if raw[:1] in ("P", "p"):
        return _iso_duration(text, raw.upper())
    match = _DURATION.match(raw)
    if not raw or not match or not any(match.groups()):
        raise BadInput(f"--ago {text!r}: expected a duration such as 90s, 5m, 1h30m or PT5M")
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    try:
        return timedelta(hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:
        raise BadInput(f"--ago {text!r}: too long") from None


def _iso_duration(text: str, raw: str) -> timedelta:
    import pendulum

    problem = f"--ago {text!r}: not an ISO 8601 duration such as PT5M or P1DT2H"
    if not any(c.isdigit() for c in raw):
        raise BadInput(problem)
    try:
        parsed = pendulum.parse(raw, exact=True)
    except OverflowError:
        raise BadInput(f"--ago {text!r}: too long") from None
    except ValueError:
        raise BadInput(problem) from None
    if not isinstance(parsed, pendulum.Duration):
        raise BadInput(problem)
    if parsed.years or parsed.months:
        raise BadInput(f"--ago {text!r}: years and months have no fixed length; give days (P30D)")
    try:
        return timedelta(days=parsed.days, seconds=parsed.seconds, microseconds=parsed.microseconds)
    except OverflowError:
        raise BadInput(f"--ago {text!r}: too long") from None


def parse_sent_at(text: str, option: str = "--sent-at") -> datetime:
    """An ISO 8601 instant with an offset or ``Z`` (any form pendulum reads, such as
    ``20261128T1000+0530`` or ``2026-W48-6T10:00Z``), as aware UTC.

    Raises:
        BadInput: not an instant, without an offset, or out of range.
    """
    try:
        return parse_instant(text)
    except ValueError as exc:
        first = exc
    import pendulum

    try:
        parsed = pendulum.parse(text.strip(), exact=True, tz=None)
    except (ValueError, OverflowError):
        raise BadInput(f"{option} {text!r}: {first}") from None
    if not isinstance(parsed, datetime):
        raise BadInput(
            f"{option} {text!r}: not a date and time (ISO 8601 with an offset, e.g. 2026-11-28T09:04-06:00)"
        )
    offset = parsed.utcoffset()
    if offset is None:
        raise BadInput(f"{option} {text!r}: {first}")
    plain = datetime(*parsed.timetuple()[:6], parsed.microsecond, tzinfo=timezone(offset))
    try:
        return plain.astimezone(UTC)
    except (OverflowError, ValueError, OSError):
        raise BadInput(f"{option} {text!r}: {first}") from None


@dataclass(frozen=True, slots=True)
class NewSend:
    """One send to log, before validation."""

    recipient: str
    body: str
    sent_at: datetime
    subject: str = ""
    channel: str = "inmail"
    seat: str | None = None
    batch: str | None = None
    recipient_profile_url: str | None = None
    recipient_state: str | None = None
    open_profile: bool = False
    commercial: bool | None = None
    sent_from: str = "desktop"
    push: str = Push.UNKNOWN.value
    external_id: str | None = None


def derived_external_id(recipient: str, sent_at: datetime, subject: str, body: str) -> str:
    """A stable key for a send that has none: a re-import of the same send finds it."""
    digest = hashlib.sha256(
        "\x1f".join([recipient.strip().casefold(), iso_z(sent_at), subject, body]).encode()
    ).hexdigest()
    return f"sha256:{digest[:32]}"


def validate_send(send: NewSend, policy: Policy, now: datetime) -> dict[str, Any]:
    """Check ``send`` and return the column values to store.

    Raises:
        BadInput: naming the field and the problem.
    """
    recipient = send.recipient.strip()
    if not recipient:
        raise BadInput("recipient: required")
    if len(recipient) > MAX_RECIPIENT:
        raise BadInput(f"recipient: longer than {MAX_RECIPIENT} characters")
    if not send.body.strip():
        raise BadInput("body: required (the text that was sent)")
    if len(send.body) > MAX_BODY:
        raise BadInput(f"body: longer than {MAX_BODY:,} characters")
    if len(send.subject) > MAX_SUBJECT:
        raise BadInput(f"subject: longer than {MAX_SUBJECT:,} characters")
    texts = (
        ("recipient", recipient),
        ("subject", send.subject),
        ("body", send.body),
        ("batch", send.batch or ""),
        ("recipient_profile_url", send.recipient_profile_url or ""),
        ("external_id", send.external_id or ""),
    )
    for name, value in texts:
        if "\x00" in value:
            raise BadInput(f"{name}: contains a NUL byte")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadInput(
                f"{name}: not valid UTF-8 at character {exc.start + 1}; save or type it as UTF-8"
            ) from None
    if send.channel not in policy.channels:
        raise BadInput(f"channel: {send.channel!r} is not one of {', '.join(policy.channels)}")
    if send.sent_from not in SENT_FROM:
        raise BadInput(f"sent_from: {send.sent_from!r} is not one of {', '.join(SENT_FROM)}")
    if send.push not in {p.value for p in Push}:
        raise BadInput(f"push: {send.push!r} is not one of yes, no, unknown")
    if send.sent_at.tzinfo is None:
        raise BadInput("sent_at: needs a UTC offset")
    if send.sent_at - now > MAX_FUTURE:
        raise BadInput(f"sent_at: {iso_z(send.sent_at)} is more than a day in the future")
    if send.sent_at < EARLIEST_NOW:
        raise BadInput(f"sent_at: {iso_z(send.sent_at)} is before 2003, when LinkedIn started")
    state = send.recipient_state.strip().upper() if send.recipient_state else None
    if state is not None and state not in US_STATES:
        raise BadInput(f"recipient_state: {send.recipient_state!r} is not a two-letter US state")
    external_id = (send.external_id or "").strip() or derived_external_id(
        recipient, send.sent_at, send.subject, send.body
    )
    return {
        "external_id": external_id,
        "recipient": recipient,
        "recipient_profile_url": (send.recipient_profile_url or "").strip() or None,
        "recipient_state": state,
        "open_profile": bool(send.open_profile),
        "channel": send.channel,
        "seat": send.seat,
        "batch": (send.batch or "").strip() or None,
        "subject": send.subject,
        "body": send.body,
        "sent_at": send.sent_at,
        "sent_from": send.sent_from,
        "commercial": send.commercial,
        "push": send.push,
        "status": "sent",
    }
