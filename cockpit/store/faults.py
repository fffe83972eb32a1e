"""Faults of the database's environment, named for a person: what happened and what to do.

A full disk, a read-only file or mount, a lock held too long, a damaged file, a file that is not a
database, a server that cannot be reached: the database library reports each as a generic error
whose text may quote SQL. :func:`database_fault` turns the ones it knows into one sentence naming the
cause and the remedy (never the SQL, never message text).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

from cockpit.store.engine import BUSY_TIMEOUT_MS

_SQLITE_FAULTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("file is not a database",),
        "{db} is not a cockpit database (not an SQLite file): check --db or COCKPIT_DB",
    ),
    (
        ("database disk image is malformed", "malformed database schema"),
        "{db} is damaged (SQLite reports it malformed): nothing was written; restore it from a "
        "backup, or copy what is readable with `sqlite3 FILE .recover`",
    ),
    (
        ("database is locked", "database table is locked", "database schema is locked"),
        "{db} is locked: another program held it for more than "
        f"{BUSY_TIMEOUT_MS // 1000} s; nothing was written; try again when it has finished",
    ),
    (
        ("attempt to write a readonly database", "readonly database"),
        "{db} is read-only (its file, its folder or the disk is mounted read-only): nothing was "
        "written; reading commands still work; give write access to change it",
    ),
    (
        ("database or disk is full",),
        "the disk holding {db} is full: nothing was written; free some space and try again",
    ),
    (
        ("disk i/o error",),
        "reading or writing {db} failed with a disk error: nothing was written; check the disk",
    ),
    (
        ("unable to open database file",),
        "cannot open {db}: its folder is missing or not writable, or the file cannot be read",
    ),
)


def _reason(exc: BaseException) -> tuple[BaseException, str]:
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    return original, str(original).lower()


def database_fault(exc: BaseException, location: str) -> str | None:
    """One sentence naming the environment fault behind ``exc`` for the database at ``location``
    (its path or URL, password hidden), or None when ``exc`` is not one."""
    original, reason = _reason(exc)
    if isinstance(original, sqlite3.Error):
        for needles, sentence in _SQLITE_FAULTS:
            if any(needle in reason for needle in needles):
                return sentence.format(db=location)
        return None
    if type(original).__module__.startswith("psycopg"):
        if "connection refused" in reason or "could not connect" in reason or "connection failed" in reason:
            return (
                f"cannot reach the PostgreSQL server of {location}: is it running, and is the address right?"
            )
        if "password authentication failed" in reason or "authentication" in reason:
            return f"PostgreSQL refused the user or password of {location}"
        if "does not exist" in reason and "database" in reason:
            return f"the PostgreSQL database of {location} does not exist: create it (README, For a team)"
        if "terminating connection" in reason or "server closed the connection" in reason:
            return (
                f"the PostgreSQL server of {location} closed the connection: nothing was written; try again"
            )
        if "read-only transaction" in reason:
            return f"the PostgreSQL database of {location} is read-only here: nothing was written"
        if "no space left" in reason or "disk full" in reason:
            return f"the PostgreSQL server of {location} is out of disk space: nothing was written"
    return None
