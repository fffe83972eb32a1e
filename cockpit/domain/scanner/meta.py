"""Rules about how a message was sent: AFTER_HOURS, MOBILE_SEND and NO_RECALL_CHANNEL."""

from __future__ import annotations

from datetime import datetime, time
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_UTC = ZoneInfo("UTC")


@cache
def _zone(name: str | None) -> tuple[ZoneInfo, bool]:
    """The zone called ``name`` and whether it was found (UTC when absent or unknown)."""
    if not name:
        return _UTC, True
    try:
        return ZoneInfo(name), True
    except (ZoneInfoNotFoundError, ValueError):
        return _UTC, False


def in_quiet_hours(local: time, start: time, end: time) -> bool:
    """Whether wall-clock ``local`` falls in ``[start, end)``, wrapping midnight if needed."""
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def after_hours_explanation(sent_at: datetime, time_zone: str | None, start: time, end: time) -> str | None:
    """Why ``sent_at`` counts as after hours in the sender's zone, or ``None`` if it does not."""
    zone, known = _zone(time_zone)
    if sent_at.tzinfo is None:  # the contract is aware UTC; never guess the machine's zone
        sent_at = sent_at.replace(tzinfo=_UTC)
    local = sent_at.astimezone(zone)
    wall = time(local.hour, local.minute, local.second, local.microsecond)
    if not in_quiet_hours(wall, start, end):
        return None
    label = time_zone if known and time_zone else "UTC"
    note = "" if known else f" (unknown zone {time_zone!r}, UTC used)"
    return (
        f"sent at {local:%H:%M} {label}{note}, inside after-hours "
        f"{start:%H:%M}-{end:%H:%M}: a late send is misfire-prone"
    )


def mobile_explanation(sent_from: str) -> str | None:
    """Why a send from the mobile app is a risk, or ``None`` if it was not sent from mobile."""
    if sent_from != "mobile":
        return None
    return "sent from the mobile app: autocorrect can change names and words"


def no_recall_explanation(channel: str, label: str, recallable: bool) -> str | None:
    """Why a channel without member recall is a risk, or ``None`` for a recallable channel."""
    if recallable:
        return None
    return f"{label} ({channel}): it cannot be recalled; the only remedy is pausing the campaign"
