"""Column types. ``UTCDateTime`` keeps instants exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from cockpit.clock import UNREADABLE_INSTANT
from cockpit.store.instant_text import decode_instant, encode_instant


class UTCDateTime(TypeDecorator[datetime]):
    """An aware instant stored as UTC.

    SQLite drops the offset of ``DateTime(timezone=True)``; here it is stored as fixed-width UTC text
    (so it sorts and compares correctly). PostgreSQL uses ``timestamptz``. Naive values are refused;
    stored text that does not decode (edited by hand) is read as ``UNREADABLE_INSTANT``.
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
        try:
            return decode_instant(str(value))
        except ValueError:  # edited in the database: read, flagged, never a crash
            return UNREADABLE_INSTANT
