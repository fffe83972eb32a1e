"""Converters from stored rows to domain values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cockpit.clock import sane_instant
from cockpit.domain.model import AuditRecord, Message, Revision, Seat


def _flag(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _sane(value: datetime | None) -> datetime | None:
    return None if value is None else sane_instant(value)


def to_message(row: Mapping[Any, Any]) -> Message:
    """A domain ``Message`` from a row mapping of the message table (a time outside the years a send
    can be recalled in is read as ``UNREADABLE_INSTANT``)."""
    return Message(
        id=row["id"],
        external_id=row["external_id"],
        recipient=row["recipient"],
        recipient_profile_url=row["recipient_profile_url"],
        recipient_state=row["recipient_state"],
        open_profile=bool(row["open_profile"]),
        channel=row["channel"],
        seat=row["seat"],
        batch=row["batch"],
        subject=row["subject"],
        body=row["body"],
        sent_at=sane_instant(row["sent_at"]),
        sent_from=row["sent_from"],
        commercial=None if row["commercial"] is None else bool(row["commercial"]),
        commercial_review=_flag(row.get("commercial_review")),
        push=row["push"],
        opened_at=_sane(row["opened_at"]),
        replied_at=_sane(row["replied_at"]),
        forwarded_at=_sane(row["forwarded_at"]),
        status=row["status"],
        edited_at=_sane(row["edited_at"]),
        recalled_at=_sane(row["recalled_at"]),
        version=row["version"],
    )


def to_seat(row: Mapping[Any, Any]) -> Seat:
    """A domain ``Seat`` from a row mapping of the seat table."""
    return Seat(
        name=row["name"],
        plan=row["plan"],
        monthly_credits=row["monthly_credits"],
        time_zone=row["time_zone"],
        commercial=_flag(row.get("commercial")),
    )


def to_revision(row: Mapping[Any, Any]) -> Revision:
    """A domain ``Revision`` from a row mapping of the revision table."""
    return Revision(
        message_id=row["message_id"],
        number=row["number"],
        subject=row["subject"],
        body=row["body"],
        replaced_at=row["replaced_at"],
        actor=row["actor"],
        reason=row["reason"],
    )


class RepeatedKey(ValueError):
    """A JSON object names one key twice: readers disagree on which value counts."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} is repeated")
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise RepeatedKey(key)
        found[key] = value
    return found


def repeated_key(text: str | None) -> str | None:
    """The first key an audit entry's stored ``details`` names twice (the cockpit never writes one),
    or None."""
    if not text or text.count(":") < 2:  # every key is followed by a colon: two keys at least
        return None
    try:
        json.loads(text, object_pairs_hook=_unique_keys)
    except RepeatedKey as exc:
        return exc.key
    except ValueError:
        return None
    return None


def load_details(text: str | None) -> dict[str, object]:
    """An audit entry's stored ``details`` as a dict (unreadable text, or text naming a key twice, is
    kept under ``unreadable``)."""
    try:
        details = json.loads(text, object_pairs_hook=_unique_keys) if text else {}
    except ValueError:
        return {"unreadable": text}
    return details if isinstance(details, dict) else {"value": details}


def to_audit(row: Mapping[Any, Any]) -> AuditRecord:
    """A domain ``AuditRecord`` from a row mapping of the audit table."""
    details = load_details(row["details"])
    return AuditRecord(
        seq=row["seq"],
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        message_id=row["message_id"],
        batch=row["batch"],
        from_status=row["from_status"],
        to_status=row["to_status"],
        from_version=row["from_version"],
        reason=row["reason"],
        details=details,
        prev_hash=row["prev_hash"],
        hash=row["hash"],
        wall_at=row.get("wall_at"),
    )
