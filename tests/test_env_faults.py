"""Faults of the environment: each gets a message naming the cause and what to do, exit 1, and
nothing written; ``audit verify`` checks the file's structure; the screen exits non-zero on a crash."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import DatabaseError, OperationalError

from cockpit.cli import screen
from cockpit.store import engine
from cockpit.store.faults import database_fault
from tests.test_cli import Runner


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def day(run: Runner, db: Path) -> Path:
    """A database of a few messages, its log checkpointed into the main file."""
    for index in range(5):
        run.add("--body", f"Hello number {index}", "--batch", "spring")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


def _damage_index(db: Path, index: str = "ix_message_batch") -> None:
    """Overwrite the header of one index's root page: the table stays readable."""
    conn = sqlite3.connect(db)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with db.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0a\x00\x00\x00\x05" + b"\xff" * 40)


def test_a_file_that_is_not_a_database_is_named_and_left_alone(run: Runner, db: Path) -> None:
    db.write_text("name,email\nPriya,priya@example.com\n")
    before = _digest(db)
    for args in (("list",), ("comment", "1", "hello"), ("audit", "verify"), ("report", "--json")):
        code, out, err = run(*args)
        assert code == 1 and out == ""
        assert "is not a cockpit database (not an SQLite file)" in err and "internal error" not in err
    assert _digest(db) == before


def test_a_damaged_file_is_named_with_what_to_do(run: Runner, day: Path) -> None:
    with day.open("r+b") as handle:  # the schema's page: nothing can be read
        handle.seek(100)
        handle.write(b"\xff" * 400)
    code, out, err = run("list")
    assert code == 1 and out == ""
    assert "is damaged" in err and "restore it from a backup" in err and "internal error" not in err


def test_audit_verify_checks_the_files_structure(run: Runner, day: Path) -> None:
    assert run("audit", "verify")[0] == 0
    _damage_index(day)
    code, out, _ = run("list")
    assert code == 0 and "Priya Raman" in out  # an index's damage: reads that avoid it still work
    code, _, err = run("audit", "verify")
    assert code == 1
    assert "damaged" in err and "restore it from a backup" in err  # by the check, or a read first


def test_a_lock_held_beyond_the_timeout_is_named_and_reads_go_on(
    run: Runner, day: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setitem(engine._EXPECTED_PRAGMAS, "busy_timeout", 200)
    holder = sqlite3.connect(day, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        before = run("audit", "--json")[1]
        code, out, err = run("comment", "1", "while locked")
        assert code == 4 and out == ""  # a conflict with another writer: trying again may succeed
        assert "the database is busy" in err and "nothing was changed" in err
        code, out, _ = run("list")
        assert code == 0 and "Priya" in out  # a read does not wait behind the writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run("audit", "--json")[1] == before


def _read_only_copy(source: Path, tmp_path: Path) -> Path | None:
    """``source`` on a read-only bind mount (as root), or a 0400 copy (as a user); None if neither."""
    folder = tmp_path / "ro-source"
    folder.mkdir()
    shutil.copy(source, folder / source.name)
    mount = tmp_path / "ro"
    mount.mkdir()
    if os.geteuid() != 0:
        (folder / source.name).chmod(0o400)
        folder.chmod(0o500)
        return folder / source.name
    if shutil.which("mount") is None:
        return None
    try:
        subprocess.run(["mount", "--bind", str(folder), str(mount)], check=True, capture_output=True)
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError):
        subprocess.run(["umount", str(mount)], capture_output=True)
        return None
    return mount / source.name


def test_a_read_only_database_is_read_and_named_for_writes(run: Runner, day: Path, tmp_path: Path) -> None:
    target = _read_only_copy(day, tmp_path)
    if target is None:
        pytest.skip("no read-only mount available here")
    try:
        runner = Runner(target, run.capsys)
        before = sorted(p.name for p in target.parent.iterdir())
        code, out, err = runner("comment", "1", "hello")
        assert code == 1 and out == ""
        assert "is read-only" in err and "nothing was written" in err, err
        code, out, err = runner("list")
        assert code == 0 and "Priya Raman" in out, err
        code, out, err = runner("audit", "verify")
        assert code == 0 and "audit log OK" in out, err
        assert runner("report", "--json")[0] == 0
        assert sorted(p.name for p in target.parent.iterdir()) == before  # no sidecar files left
    finally:
        if target.parent.name == "ro":
            subprocess.run(["umount", "-l", str(target.parent)], capture_output=True)


def _sqlite_error(text: str, kind: type[sqlite3.Error] = sqlite3.OperationalError) -> DatabaseError:
    wrapper = OperationalError if kind is sqlite3.OperationalError else DatabaseError
    return wrapper("SELECT secret FROM message", {}, kind(text))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("database is locked", "is locked"),
        ("attempt to write a readonly database", "is read-only"),
        ("database or disk is full", "is full"),
        ("disk I/O error", "disk error"),
        ("unable to open database file", "cannot open"),
    ],
)
def test_each_sqlite_fault_has_its_sentence_without_sql(text: str, words: str) -> None:
    found = database_fault(_sqlite_error(text), "/data/team.sqlite3")
    assert found is not None and words in found and "/data/team.sqlite3" in found
    assert "SELECT" not in found


def test_other_errors_are_not_called_faults() -> None:
    assert database_fault(_sqlite_error("no such column: x"), "db") is None
    assert database_fault(ValueError("database is locked"), "db") is None


class _CrashedApp:
    return_code = 1

    def run(self) -> None:
        pass


def test_a_screen_that_closed_on_an_error_exits_non_zero() -> None:
    app: Any = _CrashedApp()
    assert screen._run(app) == 1
    app.return_code = None
    assert screen._run(app) == 0
