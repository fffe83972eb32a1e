"""Messages' content as their fingerprints cover it, read back from the database in stored form
(instants as :mod:`~cockpit.store.instant_text` text): the same reading for the entries that record
a fingerprint and for ``audit verify`` that compares it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, null, select

from cockpit.domain.content import CONTENT_FIELDS
from cockpit.store.instant_text import encode_instant
from cockpit.store.tables import message_table, revision_table

ContentRow = tuple[Any, ...]
"""The :data:`~cockpit.domain.content.CONTENT_FIELDS`, then ``id``, ``edited_at``, ``recalled_at``."""

_COLUMNS = (*CONTENT_FIELDS, "id", "edited_at", "recalled_at")
ID, EDITED_AT, RECALLED_AT = len(CONTENT_FIELDS), len(CONTENT_FIELDS) + 1, len(CONTENT_FIELDS) + 2
_TIMES = (CONTENT_FIELDS.index("sent_at"), EDITED_AT, RECALLED_AT)
_FETCH = 5_000


def _stored(value: object) -> object:
    return encode_instant(value) if isinstance(value, datetime) else value


def content_rows(
    conn: Connection, first: int | None = None, last: int | None = None, times_only: bool = False
) -> Iterator[ContentRow]:
    """Every message's content row by id (``first``..``last`` only, when given); on SQLite the
    stored text as it is, a time that was edited included. ``times_only``: the content fields are
    left out (``None``), for a log with no fingerprint to compare."""
    where = "" if first is None or last is None else f" WHERE id BETWEEN {int(first)} AND {int(last)}"
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        assert raw is not None
        columns = ["NULL"] * len(CONTENT_FIELDS) + list(_COLUMNS[ID:]) if times_only else _COLUMNS
        cursor = raw.execute(f"SELECT {', '.join(columns)} FROM message{where} ORDER BY id")
        while rows := cursor.fetchmany(_FETCH):
            yield from rows
        return
    m = message_table
    if times_only:
        statement = select(*(null() for _ in CONTENT_FIELDS), *(m.c[name] for name in _COLUMNS[ID:]))
    else:
        statement = select(*(m.c[name] for name in _COLUMNS))
    statement = statement.order_by(m.c.id)
    if first is not None and last is not None:
        statement = statement.where(m.c.id.between(first, last))
    for row in conn.execute(statement):
        values = list(row)
        for index in _TIMES:
            values[index] = _stored(values[index])
        yield tuple(values)


def revision_texts(conn: Connection) -> Iterator[tuple[int, int, str, str]]:
    """Every kept revision: ``(message_id, number, subject, body)`` by message and number."""
    r = revision_table
    statement = select(r.c.message_id, r.c.number, r.c.subject, r.c.body).order_by(r.c.message_id, r.c.number)
    for row in conn.execute(statement):
        yield int(row[0]), int(row[1]), str(row[2]), str(row[3])
