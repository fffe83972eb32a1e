"""A read-only look at a SQLite database with the standard library alone, for work that can start
before the database library is loaded (reading an import file). Never writes, never creates."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def seat_names(target: str) -> frozenset[str] | None:
    """The registered seats of the SQLite database at path ``target``; empty when the database or
    its seat table does not exist yet; ``None`` when it cannot be read this way (a URL, a file that
    is not a database, a lock)."""
    if "://" in target:
        return None
    path = Path(target).expanduser()
    if not path.exists():
        return frozenset()
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return None
    try:
        found = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seat'"
        ).fetchone()
        if found is None:
            return frozenset()
        return frozenset(str(row[0]) for row in connection.execute("SELECT name FROM seat"))
    except sqlite3.Error:
        return None
    finally:
        connection.close()
