"""The store: SQLite's pragmas on every connection, writes holding the write lock from their start
(``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), private files, schema."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, inspect

from cockpit.clock import FixedClock
from cockpit.domain.model import Seat
from cockpit.errors import BadInput
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.store.engine import BUSY_TIMEOUT_MS
from cockpit.store.repository import Repository
from tests.conftest import NOW, make_send

pytestmark = pytest.mark.all_backends

TABLES = {"seat", "message", "revision", "audit_entry", "audit_head"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def pragmas(conn: Any) -> dict[str, Any]:
    return {
        name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    }


EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS}


@pytest.fixture
def sqlite_only(backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite's own settings and locks")


@pytest.mark.usefixtures("sqlite_only")
def test_pragmas_on_a_fresh_connection(repo: Repository) -> None:
    repo.engine.dispose()  # nothing pooled: the next connection is brand new
    with repo.engine.connect() as conn:
        assert pragmas(conn) == EXPECTED
    assert BUSY_TIMEOUT_MS >= 1000


@pytest.mark.usefixtures("sqlite_only")
def test_pragmas_on_every_connection(repo: Repository) -> None:
    with repo.engine.connect() as first, repo.engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        assert pragmas(first) == EXPECTED
        assert pragmas(second) == EXPECTED
    reopened = Repository.open(repo.engine.url.database or "")
    try:
        with reopened.engine.connect() as conn:
            assert pragmas(conn) == EXPECTED
    finally:
        reopened.close()


def test_foreign_keys_are_enforced(repo: Repository, db_path: Path) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"), repo.write("alice", NOW) as tx:
        tx.insert_message(
            {
                "external_id": "x",
                "recipient": "R",
                "seat": "no-such-seat",
                "body": "b",
                "sent_at": NOW,
            }
        )
    assert repo.message_count() == 0


def test_writes_take_the_write_lock_first_and_reads_none(actions: Actions, repo: Repository) -> None:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement.strip().upper())

    event.listen(repo.engine, "before_cursor_execute", record)
    try:
        actions.add_send(make_send())
        writes = list(statements)
        statements.clear()
        repo.messages()
        reads = list(statements)
    finally:
        event.remove(repo.engine, "before_cursor_execute", record)
    if repo.dialect == "sqlite":
        assert writes[0] == "BEGIN IMMEDIATE"
        assert writes.count("BEGIN IMMEDIATE") == 1
        assert reads[0] == "BEGIN"  # reads stay deferred and never take the write lock
        return
    assert "PG_ADVISORY_XACT_LOCK" in writes[0]  # before anything is read
    assert sum("ADVISORY" in statement for statement in writes) == 1
    assert not any("ADVISORY" in statement or "FOR UPDATE" in statement for statement in reads)


@pytest.mark.usefixtures("sqlite_only")
def test_write_transaction_holds_the_write_lock_from_its_start(repo: Repository, db_path: Path) -> None:
    """A second writer cannot start while the first is open, even before it has written."""
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with repo.write("alice", NOW):
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            # readers are not blocked (WAL)
            assert other.execute("SELECT count(*) FROM message").fetchone() == (0,)
        other.execute("BEGIN IMMEDIATE")  # free again once the first committed
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_second_writer_waits_for_the_first_to_commit(repo: Repository) -> None:
    first_inside, release, second_done = threading.Event(), threading.Event(), threading.Event()
    seen: list[Seat | None] = []

    def first() -> None:
        with repo.write("alice", NOW) as tx:
            first_inside.set()
            release.wait(10)
            tx.insert_seat({"name": "dana", "plan": "recruiter", "time_zone": "UTC"})

    def second() -> None:
        with repo.write("bob", NOW) as tx:
            seen.append(tx.seat("dana"))
        second_done.set()

    one = threading.Thread(target=first)
    one.start()
    assert first_inside.wait(10)
    two = threading.Thread(target=second)
    two.start()
    # however long we wait, the second writer cannot get in while the first is open
    assert not second_done.wait(0.3)
    release.set()
    one.join(10)
    two.join(10)
    assert second_done.is_set()
    assert seen and seen[0] is not None  # it began after the first committed, and saw its write


def test_a_failed_write_rolls_back_state_and_audit_together(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    with pytest.raises(RuntimeError), repo.write("alice", NOW) as tx:
        tx.update_message(message_id, "sent", 1, {"status": "recalled", "recalled_at": NOW})
        tx.append_audit([])
        raise RuntimeError("crash between the update and the audit entry")
    message = repo.message(message_id)
    assert message is not None and message.status == "sent"
    assert len(repo.audit()) == 1


def test_directory_0700_and_file_0600(
    tmp_path: Path, umask_022: None, clock: FixedClock, policy: Policy
) -> None:
    db = tmp_path / "data" / "cockpit" / "cockpit.sqlite3"
    repo = Repository.open(db)
    try:
        Actions(repo, clock, policy, "alice").add_send(make_send())
        extras = sorted(p.name for p in db.parent.glob("cockpit.sqlite3-*"))
        assert extras == ["cockpit.sqlite3-shm", "cockpit.sqlite3-wal"]
        for name in extras:  # SQLite gives the WAL files the database's mode
            assert mode(db.parent / name) == 0o600, name
    finally:
        repo.close()
    assert mode(db.parent) == 0o700
    assert mode(db) == 0o600


def test_existing_directory_is_left_alone(tmp_path: Path, umask_022: None) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    repo = Repository.open(folder / "cockpit.sqlite3")
    repo.close()
    assert mode(folder) == 0o755
    assert mode(folder / "cockpit.sqlite3") == 0o600


def test_first_use_creates_the_schema(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    assert not db.exists()
    repo = Repository.open(db)
    try:
        assert set(inspect(repo.engine).get_table_names()) >= TABLES
        assert repo.message_count() == 0
        assert repo.audit() == []
        assert repo.audit_head() == (0, "")
    finally:
        repo.close()


def test_an_empty_existing_file_gets_the_schema(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    db.touch()
    repo = Repository.open(db)
    try:
        assert set(inspect(repo.engine).get_table_names()) >= TABLES
    finally:
        repo.close()


def test_reopening_keeps_the_data(tmp_path: Path, clock: FixedClock, policy: Policy) -> None:
    db = tmp_path / "keep.sqlite3"
    repo = Repository.open(db)
    Actions(repo, clock, policy, "alice").add_send(make_send())
    repo.close()
    again = Repository.open(db)
    try:
        assert again.message_count() == 1
        assert len(again.audit()) == 1
    finally:
        again.close()


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="directory"):
        Repository.open(tmp_path)
