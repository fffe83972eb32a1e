"""Column types. ``UTCDateTime`` keeps instants exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


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


class UTCDateTime(TypeDecorator[datetime]):
    """An aware instant stored as UTC.

    SQLite drops the offset of ``DateTime(timezone=True)``; here it is stored as fixed-width UTC text
    (so it sorts and compares correctly). PostgreSQL uses ``timestamptz``. Naive values are refused.
    """

    impl = String(27)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(DateTime(timezone=True))
        return dialect.type_descriptor(String(27))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "postgresql":
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
            return value.astimezone(UTC)
        return encode_instant(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.astimezone(UTC)
        return decode_instant(str(value))
