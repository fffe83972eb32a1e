"""Set-based bulk writes for imports: one ``executemany`` per chunk of rows, no per-row objects or
SELECTs.

An import row is a plain tuple laid out as :data:`~cockpit.store.import_rows.IMPORT_FIELDS`, already
in stored form (:mod:`cockpit.store.import_rows`). On SQLite the tuples go straight to the driver and
keys are looked up in one statement through ``json_each``; other databases use portable statements.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update

from cockpit.store.import_rows import (
    IMPORT_FIELDS,
    ImportRow,
)
from cockpit.store.instant_text import decode_instant, encode_instant
from cockpit.store.judgements import forget
from cockpit.store.repository import WriteTx
from cockpit.store.tables import message_link_table, message_table

MAX_LITERAL = 200  # characters: longer shared values are bound as usual
IMPORT_CACHE_KIB = 64 * 1024  # keeps the indexes' pages in memory during a large insert


def _sqlite(tx: WriteTx) -> bool:
    return tx.conn.dialect.name == "sqlite"


def _postgresql(tx: WriteTx) -> bool:
    return tx.conn.dialect.name == "postgresql"


_COPY_COLUMNS = ("id", *IMPORT_FIELDS, "status", "version", "created_at")


def _copy_import_rows(tx: WriteTx, rows: Sequence[ImportRow], first: int) -> None:
    """PostgreSQL: stream the rows with ``COPY`` (psycopg 3), ids ``first`` onwards, inside the write
    transaction. Stored instants are ISO 8601 UTC text, which ``timestamptz`` reads as is; flags are
    0/1, which ``boolean`` reads."""
    raw = tx.conn.connection.driver_connection
    assert raw is not None
    created = encode_instant(tx.at)
    with raw.cursor() as cursor, cursor.copy(f"COPY message ({', '.join(_COPY_COLUMNS)}) FROM STDIN") as copy:
        for offset, row in enumerate(rows):
            copy.write_row((first + offset, *row, "sent", 1, created))


def existing_keys(tx: WriteTx, keys: Sequence[str]) -> set[str]:
    """The ``external_id`` values among ``keys`` that are already stored."""
    if not keys:
        return set()
    if not _sqlite(tx):
        return tx.existing_external_ids(keys)
    rows = tx.conn.exec_driver_sql(
        "SELECT external_id FROM message WHERE external_id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(keys)),),
    )
    return {str(row[0]) for row in rows}


def table_is_empty(tx: WriteTx) -> bool:
    """Whether the message table has no rows (then no key needs looking up)."""
    return tx.conn.execute(select(message_table.c.id).limit(1)).first() is None


@contextmanager
def large_write(tx: WriteTx) -> Iterator[None]:
    """A larger SQLite page cache for the duration of a large insert (its indexes stay in memory)."""
    if not _sqlite(tx):
        yield
        return
    raw = tx.conn.connection.driver_connection
    assert raw is not None
    previous = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(previous)}")


def drop_message_indexes(tx: WriteTx) -> list[str]:
    """On SQLite, drop the message table's secondary indexes (not the unique ones, which keep keys
    unique while rows go in) and return the statements that make them again: built once from all
    the rows, at the end of a large insert into an empty table, they cost far less than kept up row
    by row. Inside the write transaction, so a rollback brings them back. Elsewhere: nothing."""
    if not _sqlite(tx):
        return []
    raw = tx.conn.connection.driver_connection
    assert raw is not None
    rows = raw.execute(
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = 'message' AND sql IS NOT NULL"
    ).fetchall()
    statements = []
    for name, sql in rows:
        if sql.lstrip().upper().startswith("CREATE UNIQUE"):
            continue
        raw.execute(f'DROP INDEX "{name}"')
        statements.append(str(sql))
    return statements


def create_indexes(tx: WriteTx, statements: Sequence[str]) -> None:
    """Make again the indexes :func:`drop_message_indexes` dropped."""
    if not statements:
        return
    raw = tx.conn.connection.driver_connection
    assert raw is not None
    for statement in statements:
        raw.execute(statement)


def next_message_id(tx: WriteTx) -> int:
    """The id the next inserted message gets (one past the largest)."""
    return int(tx.conn.execute(select(func.coalesce(func.max(message_table.c.id), 0))).scalar_one()) + 1


def _sql_literal(value: object) -> str | None:
    """``value`` as an SQLite literal, for a value every row of an insert shares (else ``None``)."""
    if value is None:
        return "NULL"
    if type(value) is int:
        return str(value)
    if type(value) is str and len(value) <= MAX_LITERAL and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


def _sqlite_insert(rows: Sequence[ImportRow], created: str) -> tuple[str, Sequence[ImportRow]]:
    """The INSERT for ``rows`` and the values to bind: a column every row has the same short value
    in is written into the statement (binding fewer values per row is most of the saving)."""
    literals: dict[int, str] = {}
    if len(rows) > 1:
        first_row, last_row = rows[0], rows[-1]
        for position in range(len(IMPORT_FIELDS)):
            if first_row[position] != last_row[position]:
                continue  # not shared: most columns are told at once
            column = list(map(itemgetter(position), rows))
            if column.count(column[0]) == len(column):
                literal = _sql_literal(column[0])
                if literal is not None:
                    literals[position] = literal
    bound = [position for position in range(len(IMPORT_FIELDS)) if position not in literals]
    names = [IMPORT_FIELDS[p] for p in bound] + [IMPORT_FIELDS[p] for p in literals]
    placeholders = ["?"] * len(bound) + list(literals.values())
    statement = (
        f"INSERT INTO message ({', '.join(names)}, status, version, created_at) "
        f"VALUES ({', '.join(placeholders)}, 'sent', 1, '{created}')"
    )  # created: digits, '-', ':', '.', 'T', 'Z' only
    if not literals:
        return statement, rows
    if len(bound) == 1:
        return statement, [(row[bound[0]],) for row in rows]
    return statement, list(map(itemgetter(*bound), rows))


def insert_import_rows(tx: WriteTx, rows: Sequence[ImportRow], first: int) -> tuple[int, int] | None:
    """Insert ``rows`` in order as ids ``first`` onwards (``first`` is :func:`next_message_id`, or one
    past the previous chunk's last); returns ``(first, last)``. On SQLite the ids are assigned by the
    database inside the write transaction, which holds the write lock; the caller checks once, at
    the end, that they came out consecutive."""
    if not rows:
        return None
    last = first + len(rows) - 1
    if _postgresql(tx):
        _copy_import_rows(tx, rows, first)
        tx.sync_id_sequence()
        return first, last
    if not _sqlite(tx):
        prepared = []
        for offset, row in enumerate(rows):
            values: dict[str, Any] = dict(zip(IMPORT_FIELDS, row, strict=True))
            values["sent_at"] = decode_instant(values["sent_at"])
            for name in ("open_profile", "commercial"):
                if values[name] is not None:
                    values[name] = bool(values[name])
            prepared.append(
                {**values, "id": first + offset, "status": "sent", "version": 1, "created_at": tx.at}
            )
        tx.conn.execute(insert(message_table), prepared)
        tx.sync_id_sequence()
        return first, last
    statement, bound_rows = _sqlite_insert(rows, encode_instant(tx.at))
    raw = tx.conn.connection.driver_connection
    assert raw is not None
    raw.executemany(statement, bound_rows)
    return first, last


def record_replies(tx: WriteTx, replies: Sequence[tuple[int, str]]) -> None:
    """Set ``replied_at`` (stored text) on messages of this transaction that have none yet, raising
    their version as an observation does; every one must apply, or the transaction is aborted."""
    if not replies:
        return
    forget(tx.conn, [mid for mid, _text in replies])  # a new version: judged again
    if _sqlite(tx):
        raw = tx.conn.connection.driver_connection
        assert raw is not None
        before = raw.total_changes
        raw.executemany(
            "UPDATE message SET replied_at = ?, version = version + 1 WHERE id = ? AND replied_at IS NULL",
            [(text, mid) for mid, text in replies],
        )
        if raw.total_changes - before != len(replies):
            raise RuntimeError("a response could not be recorded on its message; nothing was imported")
        return
    table = message_table
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.replied_at.is_(None))
        .values(replied_at=bindparam("b_replied"), version=table.c.version + 1)
    )
    result = tx.conn.execute(
        statement, [{"b_id": mid, "b_replied": decode_instant(text)} for mid, text in replies]
    )
    if result.rowcount != len(replies):
        raise RuntimeError("a response could not be recorded on its message; nothing was imported")


def record_channels(tx: WriteTx, channels: Sequence[tuple[int, str]]) -> None:
    """Set the channel of messages this transaction inserted (an import that learnt a send's kind
    from the rest of the file); every one must apply, or the transaction is aborted."""
    if not channels:
        return
    forget(tx.conn, [mid for mid, _channel in channels])  # the channel is part of a judgement
    table = message_table
    statement = update(table).where(table.c.id == bindparam("b_id")).values(channel=bindparam("b_channel"))
    result = tx.conn.execute(statement, [{"b_id": mid, "b_channel": channel} for mid, channel in channels])
    if result.rowcount != len(channels):
        raise RuntimeError("a channel could not be recorded on its message; nothing was imported")


def reply_targets(tx: WriteTx, keys: Sequence[str]) -> list[dict[str, Any]]:
    """Stored messages with these keys, or linked to them (``external_id`` is then the linked key):
    ``id, external_id, status, version, sent_at, replied_at, batch``."""
    if not keys:
        return []
    m, link = message_table, message_link_table
    columns = (m.c.id, m.c.status, m.c.version, m.c.sent_at, m.c.replied_at, m.c.batch)
    found: list[dict[str, Any]] = []
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        found.extend(
            dict(row)
            for row in tx.conn.execute(
                select(*columns, m.c.external_id).where(m.c.external_id.in_(chunk))
            ).mappings()
        )
        found.extend(
            dict(row)
            for row in tx.conn.execute(
                select(*columns, link.c.external_id)
                .join(link, link.c.message_id == m.c.id)
                .where(link.c.external_id.in_(chunk))
            ).mappings()
        )
    return found
