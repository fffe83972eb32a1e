"""Engines: SQLite with WAL, ``synchronous=FULL``, foreign keys, a busy timeout and ``BEGIN IMMEDIATE``
for writes only (checked on every connection; reads open a plain deferred ``BEGIN`` and never wait
for a writer); PostgreSQL through psycopg, where writes take the write lock of
:mod:`cockpit.store.write_lock` instead."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from cockpit.errors import BadInput
from cockpit.paths import ensure_private_file

BUSY_TIMEOUT_MS = 15_000
WRITE_OPTION = "cockpit_write"
NOWAIT_OPTION = "cockpit_nowait"
"""With :data:`WRITE_OPTION`: take the write lock only if it is free now (no busy timeout)."""

_EXPECTED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
}


def database_url(target: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a path (SQLite) or a URL given as is."""
    text = os.fspath(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _casefold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def _configure_sqlite(engine: Engine, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        # casefold(text): Python's full case folding, so a search in SQL matches as it does in memory
        dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not read_only:  # a read-only file keeps the journal it has; nothing is written
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            for name, expected in {**_EXPECTED_PRAGMAS, "busy_timeout": BUSY_TIMEOUT_MS}.items():
                if read_only and name in ("journal_mode", "synchronous"):
                    continue
                actual = cursor.execute(f"PRAGMA {name}").fetchone()[0]
                if str(actual).lower() != str(expected):
                    raise BadInput(
                        f"database setting {name} is {actual!r}, expected {expected!r} "
                        "(is the database on a file system that supports SQLite WAL?)"
                    )
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        if not options.get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN")
        elif options.get(NOWAIT_OPTION):
            conn.exec_driver_sql("PRAGMA busy_timeout = 0")
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            finally:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _writable(path: Path) -> bool:
    """Whether this process may write ``path`` and create files beside it (a read-only mount, a
    read-only file or folder: no)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _read_only_engine(url: str, path: Path) -> Engine:
    """An engine that only reads the SQLite file at ``path``, creating nothing beside it.

    Without a write-ahead log to read, the file is opened ``immutable`` (no shared-memory file is
    created, so none is left behind with the file's read-only mode to block a later writer); with
    one, read-only through it. Every write fails with SQLite's "readonly database".
    """
    wal = Path(f"{path}-wal")
    has_log = wal.exists() and wal.stat().st_size > 0
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("" if has_log else "&immutable=1")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine(url, creator=connect)
    _configure_sqlite(engine, read_only=True)
    return engine


def open_engine(target: str | os.PathLike[str]) -> Engine:
    """Open (and for SQLite, privately create) the database at ``target``.

    A path means SQLite: its folder is created 0700 and the file 0600; an existing file this process
    may not write (a read-only file, folder or mount) is opened for reading only. A URL is used as
    given.
    """
    url = database_url(target)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        if path.exists() and path.is_dir():
            raise BadInput(f"database path {path} is a directory")
        if path.is_file() and not _writable(path):
            return _read_only_engine(url, path)
        ensure_private_file(path)
        engine = create_engine(url)
        _configure_sqlite(engine)
        return engine
    if url.startswith("sqlite"):
        engine = create_engine(url)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)
