"""The audit chain's links and hashes, checked entry by entry; for a long log on SQLite, in a helper
process while ``audit verify`` replays the log in its own.

Each entry is checked on its own (its sequence number, the hash it links to, its hash recomputed),
so the check needs nothing from the replay and runs beside it: on a two-core machine that halves
the time of verifying a million entries. Only the standard library and the audit chain's own
modules are imported here, so the helper starts in a fraction of a second.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import lru_cache
from typing import Any

from cockpit.clock import iso_z
from cockpit.store.audit_chain import GENESIS_HASH, canonical_details, fields_hash
from cockpit.store.convert import load_details, repeated_key
from cockpit.store.instant_text import decode_instant, encode_instant

AUDIT_COLUMNS = (
    "seq", "at", "actor", "action", "message_id", "batch", "from_status", "to_status", "from_version",
    "reason", "details", "prev_hash", "hash", "wall_at",
)  # fmt: skip
AuditRow = tuple[Any, ...]  # the columns in AUDIT_COLUMNS order, ``at`` as read from the database
Instant = tuple[datetime, str]  # an entry's time, and its text as the chain hashes it
TimeOf = Callable[[AuditRow], Instant]
FETCH_ROWS = 10_000
HELPER_MIN_ENTRIES = 100_000  # below this, starting a process costs more than it saves


class UnreadableTime(Exception):
    """A stored time that does not decode (hand-edited): of entry ``seq``, or of message ``message_id``."""

    def __init__(self, value: object, seq: int | None = None, message_id: int | None = None) -> None:
        super().__init__(seq, message_id)
        self.value, self.seq, self.message_id = value, seq, message_id

    def problem(self) -> str:
        """The problem in words."""
        if self.seq is not None:
            return f"entry {self.seq} has an unreadable time {self.value!r} (the entry was edited)"
        return f"message {self.message_id} has an unreadable time {self.value!r} (edited)"


def sqlite_audit_rows(
    raw: sqlite3.Connection, max_seq: int | None = None
) -> tuple[Iterator[AuditRow], TimeOf]:
    """The audit log of an SQLite database, oldest first (up to ``max_seq``), a batch of rows at a
    time, and how to read an entry's time (each distinct time decoded once; ``UnreadableTime`` for
    one that does not decode)."""
    where = "" if max_seq is None else f" WHERE seq <= {int(max_seq)}"
    cursor = raw.execute(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_entry{where} ORDER BY seq")

    def batches() -> Iterator[AuditRow]:
        while batch := cursor.fetchmany(FETCH_ROWS):
            yield from batch

    @lru_cache(maxsize=4)  # the entries of one transaction share their time
    def decoded(value: object) -> Instant | None:
        try:
            at = decode_instant(str(value))
        except ValueError:
            return None
        return at, encode_instant(at)

    def time_of(row: AuditRow) -> Instant:
        found = decoded(row[1])
        if found is None:
            raise UnreadableTime(row[1], seq=row[0])
        return found

    return batches(), time_of


def describe(row: AuditRow, at: datetime) -> str:
    """An entry named for a problem: its number, action, message, actor and time."""
    seq, _at, actor, action, message_id = row[:5]
    target = f" of message {message_id}" if message_id is not None else ""
    return f"entry {seq} ({action}{target} by {actor} at {iso_z(at)})"


def link_problem(row: AuditRow, at: Instant, prev_hash: str, expected_seq: int) -> tuple[int, str] | None:
    """What is wrong with this entry's place in the chain, if anything: ``(seq, problem)``."""
    seq = row[0]
    if seq != expected_seq:
        if seq > expected_seq:
            missing = (
                f"entry {expected_seq} is missing"
                if seq == expected_seq + 1
                else f"entries {expected_seq}-{seq - 1} are missing"
            )
            return seq, f"sequence gap before entry {seq}: {missing} (deleted?)"
        return seq, f"entry {seq} is out of order"
    if row[11] != prev_hash:
        return seq, (
            f"{describe(row, at[0])} does not link to the entry before it "
            "(an entry was deleted, inserted or reordered)"
        )
    details = row[10]
    matched = _row_hash(row, prev_hash, at[1], details) == row[12]
    repeated = repeated_key(details)  # readers would disagree on its value: never written so
    if repeated is not None:
        return seq, (
            f"{describe(row, at[0])} names the key {repeated!r} twice in its details, which the "
            "cockpit never writes (the entry was edited)"
        )
    if matched or _row_hash(row, prev_hash, at[1], canonical_details(load_details(details))) == row[12]:
        return None  # canonical as written, or not
    return seq, f"{describe(row, at[0])} does not match its hash (the entry was edited)"


def _row_hash(row: AuditRow, prev_hash: str, at: str, details: str) -> str:
    return fields_hash(
        prev_hash, row[0], at, row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], details,
        wall_text(row[13]),
    )  # fmt: skip


def wall_text(value: object) -> str | None:
    """An entry's wall-clock instant as the chain hashes it: the stored text (SQLite), or a server's
    instant encoded the same way; ``None`` for an entry written before it was recorded."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return encode_instant(value)
    return str(value)


class ChainCheck:
    """The chain checked one entry at a time, oldest first; ``problem`` is the first found."""

    def __init__(self) -> None:
        self.prev_hash = GENESIS_HASH
        self.entries = 0
        self.problem: tuple[int, str] | None = None

    def check(self, row: AuditRow, at: Instant) -> bool:
        """Check the next entry; True when it is the first with a problem."""
        self.entries += 1
        prev_hash = self.prev_hash
        self.prev_hash = row[12]
        if (
            row[0] == self.entries
            and row[11] == prev_hash
            and _row_hash(row, prev_hash, at[1], row[10]) == row[12]
        ):
            return False
        self.problem = link_problem(row, at, prev_hash, self.entries)  # or stored details not canonical
        return self.problem is not None


def first_problem(rows: Iterator[AuditRow], time_of: TimeOf) -> tuple[int, str] | None:
    """The chain's first problem, or ``None``."""
    chain = ChainCheck()
    for row in rows:
        if chain.check(row, time_of(row)):
            return chain.problem
    return None


class ChainHelper:
    """The chain of an SQLite database's log (up to ``max_seq``) checked in a helper process."""

    def __init__(self, path: str, max_seq: int) -> None:
        """Start the helper.

        Raises:
            OSError: it could not be started.
        """
        self._process = subprocess.Popen(
            [sys.executable, "-m", "cockpit.store.chain_check", path, str(max_seq), str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, sys.path))},
        )

    def result(self) -> tuple[int, str] | None:
        """Wait for the helper: the chain's first problem, or ``None``.

        Raises:
            RuntimeError: the helper failed (or met a time that does not decode): check here instead.
        """
        output, _ = self._process.communicate()
        if self._process.returncode != 0:
            raise RuntimeError("the chain check process failed")
        found = json.loads(output)
        if found == "unreadable":
            raise RuntimeError("the chain check process met an unreadable time")
        return None if found is None else (int(found[0]), str(found[1]))

    def stop(self) -> None:
        """Stop the helper if it is still running."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()


def main(argv: list[str]) -> int:
    """The helper (``argv[2]``: its parent's id): check the chain of the database at ``argv[0]`` up
    to entry ``argv[1]`` and print the first problem as JSON (``null`` for none, ``"unreadable"`` for
    a time that does not decode)."""
    from cockpit.orphans import exit_with_parent

    path, max_seq = argv[0], int(argv[1])
    exit_with_parent(int(argv[2]) if len(argv) > 2 else None)
    with sqlite3.connect(path) as raw:
        try:
            found: object = first_problem(*sqlite_audit_rows(raw, max_seq))
        except UnreadableTime:
            found = "unreadable"
    sys.stdout.write(json.dumps(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
