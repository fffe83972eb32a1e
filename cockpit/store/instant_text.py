"""Instants as the store writes them: fixed-width, sortable UTC text (``2026-11-28T10:48:00.000000Z``).

Plain functions with no database library, so code that only reads files can use them.
"""

from __future__ import annotations

from datetime import UTC, datetime


def encode_instant(value: datetime) -> str:
    """Fixed-width, sortable UTC text: ``2026-11-28T10:48:00.000000Z``."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
    utc = value if value.tzinfo is UTC else value.astimezone(UTC)
    # isoformat pads the year to four digits (strftime's %Y does not before 1000), so the text
    # is fixed-width, sorts chronologically and decodes.
    return utc.isoformat(timespec="microseconds")[:26] + "Z"


WHOLE_SECONDS_UTC = ".000000Z"  # what follows ``YYYY-MM-DDTHH:MM:SS`` in a stored whole-second instant


def iso_z_of_stored(text: str) -> str:
    """:func:`cockpit.clock.iso_z` of an instant given as its stored text (without parsing it)."""
    return text[:19] + "Z" if text.endswith(WHOLE_SECONDS_UTC) else text


def decode_instant(text: str) -> datetime:
    """The aware UTC instant written by :func:`encode_instant`.

    Raises:
        ValueError: ``text`` is not exactly in that fixed-width form.
    """
    if len(text) != 27 or text[10] != "T" or text[19] != "." or text[26] != "Z" or text[4] != "-":
        raise ValueError(f"not a stored UTC instant: {text!r}")
    return datetime.fromisoformat(text[:26]).replace(tzinfo=UTC)
