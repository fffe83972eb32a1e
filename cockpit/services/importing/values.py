"""Field converters shared by the readers: instants, booleans, states, profile URLs."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import unquote

_TRUE = frozenset({"true", "yes", "1", "y", "t"})
_FALSE = frozenset({"false", "no", "0", "n", "f"})


class ValueProblem(ValueError):
    """A value that cannot be converted; the message says why (without the column name)."""


def parse_bool(value: object) -> bool | None:
    """``true/false``, ``yes/no``, ``1/0`` (any case) or a JSON boolean; empty is ``None``.

    Raises:
        ValueProblem: anything else.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if not isinstance(value, str):
        raise ValueProblem(f"{value!r} is not true/false, yes/no or 1/0")
    text = value.strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"{value.strip()[:20]!r} is not true/false, yes/no or 1/0")


def parse_iso_instant(text: str) -> datetime:
    """ISO 8601 with an offset or ``Z``, as aware UTC.

    Raises:
        ValueProblem: not ISO 8601, or no offset.
    """
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueProblem(f"{raw[:40]!r} is not an ISO 8601 date and time") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueProblem(f"{raw[:40]!r} has no UTC offset (add Z or +HH:MM)")
    return value.astimezone(UTC)


def parse_linkedin_date(text: str) -> datetime:
    """LinkedIn's ``2023-06-11 15:33:58 UTC`` (also without ``UTC``, or ISO with an offset).

    Raises:
        ValueProblem: not such a date.
    """
    raw = text.strip()
    core = raw[:-4].rstrip() if raw.upper().endswith(" UTC") else raw
    try:
        value = datetime.fromisoformat(core)
    except ValueError:
        raise ValueProblem(f"{raw[:40]!r} is not a date like 2023-06-11 15:33:58 UTC") from None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # LinkedIn writes UTC
    return value.astimezone(UTC)


_COUNTRY_HOST = re.compile(r"[a-z]{2}\.linkedin\.com(?=/|$)")


def normalise_profile_url(url: str) -> str:
    """A LinkedIn profile URL in one comparable form: scheme, ``www.`` or a country host (``cz.``),
    case, trailing slash, query and percent-encoding (``s%C3%A1nchez`` is ``sánchez``) set aside."""
    text = url.strip()
    if "%" in text:
        text = unquote(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.lower()
    for prefix in ("https://", "http://"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    if text.startswith("www."):
        text = text[4:]
    elif _COUNTRY_HOST.match(text):
        text = text[3:]
    text = text.split("?", 1)[0].split("#", 1)[0]
    return text.rstrip("/")
