"""One writer at a time, so the audit chain stays one linear chain however many cockpits write.

SQLite takes its write lock with ``BEGIN IMMEDIATE`` (see :mod:`cockpit.store.engine`). PostgreSQL
takes a transaction-level advisory lock first thing in every write transaction, before anything is
read, and releases it at commit or rollback. Reads take no lock on either engine.

A write that cannot have the lock (SQLite busy past the timeout, or a write that asked not to wait)
raises :class:`~cockpit.errors.DatabaseBusy`. A transaction the server aborted to resolve a race
(PostgreSQL serialization failure or deadlock) is run again, a bounded number of times, by
:func:`retry_transient`.
"""

from __future__ import annotations

import functools
import random
import sqlite3
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from cockpit.errors import DatabaseBusy

WRITE_LOCK_KEY = 0x636F6377  # PostgreSQL advisory lock of every write transaction
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock detected
ATTEMPTS = 5
"""How many times a transaction aborted by a serialization failure or deadlock is run in all."""

_retries = [0]

P = ParamSpec("P")
R = TypeVar("R")


def take_write_lock(conn: Connection, wait: bool = True) -> None:
    """On PostgreSQL, take the write lock for the rest of ``conn``'s transaction (SQLite's
    ``BEGIN IMMEDIATE`` holds it already).

    Raises:
        DatabaseBusy: ``wait`` is false and another transaction holds it.
    """
    if conn.dialect.name != "postgresql":
        return
    if wait:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
        return
    if not conn.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY}).scalar():
        raise DatabaseBusy("the database is busy with another writer; nothing was changed")


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked/busy" (the lock was not had in time)."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(orig, "sqlite_errorcode", None)
    return isinstance(orig, sqlite3.Error) and code is not None and code & 0xFF in (5, 6)


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` aborted a transaction that can simply be run again (40001, 40P01)."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return getattr(orig, "sqlstate", None) in TRANSIENT_SQLSTATES


def transient_retries() -> int:
    """How many transactions this process ran again after a serialization failure or deadlock."""
    return _retries[0]


def retry_transient(action: Callable[P, R]) -> Callable[P, R]:
    """Run ``action`` (one whole transaction) again when the server aborted it as a serialization
    failure or deadlock, up to :data:`ATTEMPTS` times in all, after a short random pause.

    Raises:
        DatabaseBusy: it was aborted every time (nothing was changed).
    """

    @functools.wraps(action)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return action(*args, **kwargs)
            except DBAPIError as exc:
                if not is_transient(exc):
                    raise
                if attempt == ATTEMPTS:
                    raise DatabaseBusy(
                        f"the database aborted this change {ATTEMPTS} times to resolve a race with other "
                        "writers; nothing was changed, try again"
                    ) from None
                _retries[0] += 1
                time.sleep(random.uniform(0.005, 0.02) * attempt)
        raise AssertionError("unreachable")

    return run
