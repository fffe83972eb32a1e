"""Seeing other cockpits' writes as they commit.

PostgreSQL: every write transaction that appends to the audit log also sends a notification on
:data:`CHANNEL` (delivered at commit, never before; its payload carries the audit sequence number
only, never message text), and a watch holds one dedicated connection that listens for them.
SQLite: a watch holds one dedicated connection and polls ``PRAGMA data_version``, which changes when
another connection commits. Either watch raises :class:`WatchLost` when its connection is gone; the
caller reconnects and catches up by the audit sequence.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, text

CHANNEL = "cockpit_changes"
"""The PostgreSQL notification channel of audit appends."""
SQLITE_STEP = 0.1
"""Seconds between two looks at SQLite's ``data_version`` (a read of one page header)."""
WATCH_APPLICATION = "recall-cockpit watch"
"""The ``application_name`` of a PostgreSQL watch's connection (what ``pg_stat_activity`` shows)."""
KEEPALIVE = 10.0
"""Seconds of silence after which a PostgreSQL watch checks that its connection still answers."""


class WatchLost(Exception):
    """The watch's connection is gone (or could not be opened): reconnect, then catch up."""


class ChangeWatch(Protocol):
    """A dedicated connection that notices commits made by other connections."""

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds; whether anything was committed meanwhile.

        Raises:
            WatchLost: the connection is gone.
        """
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


def change_payload(seq: int) -> str:
    """The notification payload of an append that reached audit sequence ``seq``: ids only."""
    return json.dumps({"seq": int(seq)}, separators=(",", ":"))


def announce_append(conn: Connection, seq: int) -> None:
    """Tell every listening cockpit, when this transaction commits, that the audit log reached
    ``seq`` (PostgreSQL; SQLite's watchers see the commit itself)."""
    if conn.dialect.name == "postgresql":
        payload = {"channel": CHANNEL, "payload": change_payload(seq)}
        conn.execute(text("SELECT pg_notify(:channel, :payload)"), payload)


def open_watch(engine: Engine) -> ChangeWatch:
    """A watch on ``engine``'s database with its own connection.

    Raises:
        WatchLost: the connection cannot be opened.
    """
    if engine.dialect.name == "postgresql":
        return PostgresWatch(engine)
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return QuietWatch()  # no other connection can write to it
    return SqliteWatch(database)


class QuietWatch:
    """A database nobody else can write to (in memory): nothing ever changes behind our back."""

    def wait(self, timeout: float) -> bool:
        time.sleep(timeout)
        return False

    def close(self) -> None:
        return None


class SqliteWatch:
    """Polls ``PRAGMA data_version`` on a connection of its own (outside any transaction)."""

    def __init__(self, path: str) -> None:
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._version = self._read()
        except sqlite3.Error as exc:
            raise WatchLost(f"{type(exc).__name__}: {exc}") from None

    def _read(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            try:
                version = self._read()
            except sqlite3.Error as exc:
                raise WatchLost(f"{type(exc).__name__}: {exc}") from None
            if version != self._version:
                self._version = version
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(SQLITE_STEP, left))

    def close(self) -> None:
        self._conn.close()


def _connect_arguments(engine: Engine) -> dict[str, Any]:
    url = engine.url
    arguments: dict[str, Any] = dict(url.translate_connect_args(username="user", database="dbname"))
    arguments.update({key: value for key, value in url.query.items() if isinstance(value, str)})
    arguments.setdefault("application_name", WATCH_APPLICATION)
    return arguments


class PostgresWatch:
    """``LISTEN`` on :data:`CHANNEL` on a connection of its own (autocommit, outside the pool)."""

    def __init__(self, engine: Engine) -> None:
        import psycopg

        self._errors: tuple[type[Exception], ...] = (psycopg.Error, OSError)
        try:
            self._conn = psycopg.connect(**_connect_arguments(engine), autocommit=True)
            self._conn.execute(f"LISTEN {CHANNEL}")
        except self._errors as exc:
            raise WatchLost(type(exc).__name__) from None
        self._quiet_since = time.monotonic()
        self.last_payload = ""
        """The newest payload received (for tests: it must carry ids only)."""

    def wait(self, timeout: float) -> bool:
        seen = False
        try:
            for notify in self._conn.notifies(timeout=timeout, stop_after=1):
                self.last_payload = notify.payload
                seen = True
            if seen:  # take what else already arrived, so a burst is one change
                for notify in self._conn.notifies(timeout=0, stop_after=1000):
                    self.last_payload = notify.payload
            now = time.monotonic()
            if seen:
                self._quiet_since = now
            elif now - self._quiet_since >= KEEPALIVE:
                self._conn.execute("SELECT 1")
                self._quiet_since = now
        except self._errors as exc:
            raise WatchLost(type(exc).__name__) from None
        if self._conn.closed:
            raise WatchLost("connection closed")
        return seen

    def backend_pid(self) -> int:
        """The server process of this watch's connection."""
        return int(self._conn.info.backend_pid)

    def close(self) -> None:
        with contextlib.suppress(*self._errors):
            self._conn.close()
