"""Validating a stretch of a sends file column by column, at C speed, for files with nothing wrong.

:func:`convert_columns` gives the same import rows as :func:`~cockpit.services.importing.sendsrow.
convert_row` would, row by row, or ``None`` as soon as any value is not in its plainest valid form
(an offset other than UTC, a mixed-case channel, a value too long, a missing field...). The caller
then reads the stretch row by row, which normalises what it can and names every problem with its
line. A test holds the two paths equal.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from datetime import datetime

from cockpit.clock import EARLIEST_NOW
from cockpit.domain.model import SENT_FROM, US_STATES
from cockpit.services.importing.sendsrow import (
    BATCH,
    BODY,
    BOOLS,
    CHANNEL,
    COMMERCIAL,
    EXTERNAL_ID,
    OPEN_PROFILE,
    PROFILE_URL,
    PUSH,
    RECIPIENT,
    SEAT,
    SENT_AT,
    SENT_FROM_,
    SHORT_LIMITS,
    STATE,
    SUBJECT,
    RowContext,
    derived_key,
)
from cockpit.services.new_send import MAX_BODY, MAX_RECIPIENT, MAX_SUBJECT
from cockpit.store.import_rows import ImportRow
from cockpit.store.instant_text import WHOLE_SECONDS_UTC, encode_instant

Column = Sequence[object]

_TEXT = frozenset({str})
_WHOLE_SECOND_UTC = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:Z|[+-]00:00)"
)
_FLAG_TYPES = frozenset({str, bool, int, type(None)})  # what a JSON flag may be
_FLAG_NOT_NULL: dict[object, int] = {raw: 1 if value else 0 for raw, value in BOOLS.items()} | {
    True: 1,
    False: 0,
    None: 0,
}
_FLAG_NULLABLE: dict[object, int | None] = {
    raw: None if value is None else (1 if value else 0) for raw, value in BOOLS.items()
} | {True: 1, False: 0, None: None}
_PUSH = frozenset({"yes", "no", "unknown"})
_SENT_FROM = frozenset(SENT_FROM)
_STATES = frozenset(US_STATES)


_EARLIEST = encode_instant(EARLIEST_NOW)  # sends before it are refused (LinkedIn started in 2003)


def _longest(column: Column) -> int:
    return max(map(len, column), default=0)  # type: ignore[arg-type]


def _choices(column: Column | None, n: int, allowed: frozenset[str], default: str) -> list[str] | None:
    """The column when every value is allowed as written ('' meaning the default), else ``None``."""
    if column is None:
        return [default] * n
    values = set(column)
    if not values <= allowed | {""}:
        return None
    if "" in values:
        return [value or default for value in column]  # type: ignore[misc]
    return list(column)  # type: ignore[arg-type]


def _stripped_or_none(column: Column | None, n: int) -> list[str | None]:
    if column is None:
        return [None] * n
    return [value.strip() or None for value in column]  # type: ignore[attr-defined]


def convert_columns(columns: Sequence[Column | None], n: int, ctx: RowContext) -> list[ImportRow] | None:
    """Import rows for ``n`` rows given as columns (in ``COLUMNS`` order, ``None`` for an absent
    column, ``''`` for an empty value), or ``None`` when any value needs the row-by-row path."""
    try:
        return _convert(columns, n, ctx)
    except (TypeError, ValueError, AttributeError, KeyError):
        return None  # a value of an unexpected type or form: the row-by-row path names it


def _convert(columns: Sequence[Column | None], n: int, ctx: RowContext) -> list[ImportRow] | None:
    if ctx.default_seat is not None and ctx.default_seat not in ctx.seats:
        return None  # an unregistered default seat: the row-by-row path names it
    for position, column in enumerate(columns):
        if column is None:
            continue
        allowed = _FLAG_TYPES if position in (OPEN_PROFILE, COMMERCIAL) else _TEXT
        if not set(map(type, column)) <= allowed:
            return None
    sent, recipients, bodies = columns[SENT_AT], columns[RECIPIENT], columns[BODY]
    if sent is None or recipients is None or bodies is None:
        return None

    if not all(map(_WHOLE_SECOND_UTC.fullmatch, sent)):  # type: ignore[arg-type]
        return None  # another offset, fractions of a second, no offset, spaces...
    deque(map(datetime.fromisoformat, sent), maxlen=0)  # type: ignore[arg-type]  # a real date and time?
    sent_text = [f"{text[:10]}T{text[11:19]}{WHOLE_SECONDS_UTC}" for text in sent]  # type: ignore[index]
    if max(sent_text) > encode_instant(ctx.latest) or min(sent_text) < _EARLIEST:
        return None  # the row-by-row path names the row

    recipient = list(map(str.strip, recipients))  # type: ignore[arg-type]
    if not all(recipient) or _longest(recipient) > MAX_RECIPIENT:
        return None
    if not all(bodies) or _longest(bodies) > MAX_BODY or any(map(str.isspace, bodies)):  # type: ignore[arg-type]
        return None
    subjects = columns[SUBJECT]
    if subjects is None:
        subjects = [""] * n
    elif _longest(subjects) > MAX_SUBJECT:
        return None
    for position, limit in SHORT_LIMITS:
        column = columns[position]
        if column is not None and _longest(column) > limit:
            return None

    channel = _choices(columns[CHANNEL], n, ctx.channels, "inmail")
    sent_from = _choices(columns[SENT_FROM_], n, _SENT_FROM, "desktop")
    push = _choices(columns[PUSH], n, _PUSH, "unknown")
    if channel is None or sent_from is None or push is None:
        return None
    states = columns[STATE]
    state: list[str | None]
    if states is None:
        state = [None] * n
    elif set(states) <= _STATES | {""}:
        state = [value or None for value in states]  # type: ignore[misc]
    else:
        return None
    seats = columns[SEAT]
    seat: list[str | None]
    if seats is None:
        seat = [ctx.default_seat] * n
    else:
        named = list(map(str.strip, seats))  # type: ignore[arg-type]
        if not set(named) <= ctx.seats | {""}:
            return None
        seat = [value or ctx.default_seat for value in named]
    flags = columns[OPEN_PROFILE]
    open_profile = [0] * n if flags is None else list(map(_FLAG_NOT_NULL.__getitem__, flags))
    flags = columns[COMMERCIAL]
    commercial = [None] * n if flags is None else list(map(_FLAG_NULLABLE.__getitem__, flags))

    keys = columns[EXTERNAL_ID]
    external_id = [""] * n if keys is None else list(map(str.strip, keys))  # type: ignore[arg-type]
    if not all(external_id):
        for i, key in enumerate(external_id):
            if not key:
                external_id[i] = derived_key(recipient[i], sent_text[i], subjects[i], bodies[i])  # type: ignore[arg-type]
    return list(
        zip(
            external_id,
            recipient,
            _stripped_or_none(columns[PROFILE_URL], n),
            state,
            open_profile,
            channel,
            seat,
            _stripped_or_none(columns[BATCH], n),
            subjects,
            bodies,
            sent_text,
            sent_from,
            commercial,
            push,
            strict=False,
        )
    )
