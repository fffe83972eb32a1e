"""The time zone a person reads times in: a named IANA zone, else ``TZ``, else the system's zone.

Pure standard library, so the command line and the screen both use it without loading Textual.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cockpit.errors import BadInput

_LOCALTIME = Path("/etc/localtime")


def named_zone(name: str, option: str = "--tz") -> ZoneInfo:
    """The IANA zone ``name``.

    Raises:
        BadInput: no such zone (the message names it).
    """
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise BadInput(
            f"{option} {name!r}: unknown time zone (use an IANA name such as America/Chicago)"
        ) from None


def _zone_from_env() -> tzinfo | None:
    raw = os.environ.get("TZ", "").strip().removeprefix(":")
    if not raw:
        return None
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None  # a POSIX rule such as EST5EDT: the C library already applies it below


def _system_zone() -> tzinfo:
    if "TZ" not in os.environ:
        try:
            key = str(_LOCALTIME.resolve()).partition("/zoneinfo/")[2]
            if key:
                return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


def user_zone(name: str | None = None) -> tzinfo:
    """The zone times are shown in: ``name`` when given, else ``TZ``, else the system's zone.

    Raises:
        BadInput: ``name`` is not a known zone.
    """
    if name:
        return named_zone(name)
    return _zone_from_env() or _system_zone()


def zone_label(value: datetime) -> str:
    """The abbreviation of an aware ``value``'s zone (``CST``), or its offset (``+05:30``)."""
    name = value.tzname()
    if name:
        return name
    offset = value.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def local_text(value: datetime, zone: tzinfo, seconds: bool = False) -> str:
    """``2026-11-28 09:04 CST``: ``value`` in ``zone`` with the zone's abbreviation or offset."""
    local = value.astimezone(zone)
    text = f"{local:%Y-%m-%d %H:%M:%S}" if seconds else f"{local:%Y-%m-%d %H:%M}"
    return f"{text} {zone_label(local)}".rstrip()
