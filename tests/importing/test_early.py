"""`cockpit import` starts reading a large file before it loads the database library."""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import cockpit.services.importing.early as early_module
from cockpit.policy import Policy
from cockpit.services.importing.aside import MIN_TEXT
from cockpit.services.importing.early import EarlyRead, start_reading
from cockpit.services.importing.sendsrow import COLUMNS
from cockpit.store.peek import seat_names
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW
from tests.importing.conftest import CliResult

pytestmark = pytest.mark.all_backends

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the reading process is forked (Linux)")
BODY = "Hi {name},\n\nThe platform team at Northwind Robotics is hiring; your background stood out. " * 4


def large_sends_file(path: Path, rows: int = 2_500, seat: str = "") -> Path:
    """A valid sends file of over a megabyte (every name invented)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for i in range(rows):
        name = f"Candidate {i:05d}"
        values = {
            "sent_at": f"2026-11-28T{8 + i % 6:02d}:{i % 60:02d}:{i % 57:02d}Z",
            "recipient": name,
            "body": BODY.format(name=name) + f"(ref {i})",
            "seat": seat,
            "external_id": f"tool-{i:06d}",
        }
        writer.writerow([values.get(column, "") for column in COLUMNS])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert path.stat().st_size > MIN_TEXT
    return path


def start(file: Path, database: Path | str, policy: Policy, seat: str | None = None) -> EarlyRead | None:
    return start_reading(
        str(file), fmt="auto", me=None, seat=seat, database=str(database), policy=policy, now=NOW
    )


# --- seat_names: the standard library's look at the database ---------------------------------------


def test_seat_names_of_a_database_not_made_yet_is_empty(tmp_path: Path) -> None:
    assert seat_names(str(tmp_path / "none.sqlite3")) == frozenset()
    assert not (tmp_path / "none.sqlite3").exists()  # never created


def test_seat_names_reads_the_registered_seats(tmp_path: Path) -> None:
    path = tmp_path / "cockpit.sqlite3"
    repo = Repository.open(path)
    repo.close()
    assert seat_names(str(path)) == frozenset()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO seat (name, plan, monthly_credits, time_zone, created_at) "
            "VALUES ('dana', 'recruiter', 30, 'UTC', '2026-11-28T10:00:00.000000Z')"
        )
    assert seat_names(str(path)) == frozenset({"dana"})


@pytest.mark.parametrize("kind", ["url", "folder", "not a database"])
def test_seat_names_is_none_when_it_cannot_look(tmp_path: Path, kind: str) -> None:
    target = {"url": "postgresql+psycopg://cockpit@localhost/cockpit", "folder": str(tmp_path)}.get(kind)
    if target is None:
        junk = tmp_path / "junk.sqlite3"
        junk.write_bytes(b"this is not a database" * 100)
        target = str(junk)
    assert seat_names(target) is None


# --- start_reading -----------------------------------------------------------------------------------


@linux_only
def test_a_large_file_starts_reading_at_once(tmp_path: Path, policy: Policy) -> None:
    early = start(large_sends_file(tmp_path / "sends.csv"), tmp_path / "cockpit.sqlite3", policy)
    assert early is not None
    try:
        assert early.kind == "csv" and early.seats == frozenset()
        assert sum(len(chunk.rows) for chunk in early.reader) == 2_500
    finally:
        early.close()


@pytest.mark.parametrize(
    "why", ["small file", "database URL", "unregistered seat", "missing file", "bad format"]
)
def test_no_early_reading_when_it_does_not_apply(tmp_path: Path, policy: Policy, why: str) -> None:
    file = tmp_path / "sends.csv"
    database: Path | str = tmp_path / "cockpit.sqlite3"
    seat = None
    if why == "small file":
        file.write_text("sent_at,recipient,body\n2026-11-28T14:00:00Z,Ana Lima,Hi Ana\n", encoding="utf-8")
    else:
        large_sends_file(file)
    if why == "database URL":
        database = "postgresql+psycopg://cockpit@localhost/cockpit"
    if why == "unregistered seat":
        seat = "nobody"
    if why == "missing file":
        file = tmp_path / "absent.csv"
    if why == "bad format":
        file.write_text("name,notes\n" + "x,y\n" * 300_000, encoding="utf-8")
    assert start(file, database, policy, seat) is None


# --- the command ---------------------------------------------------------------------------------------


@linux_only
def test_the_command_uses_the_early_reading_and_imports_every_row(
    tmp_path: Path,
    cli: Callable[..., CliResult],
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    backend: str,
) -> None:
    if backend != "sqlite":
        pytest.skip("the early reading is for SQLite files")
    started: list[EarlyRead | None] = []
    real = early_module.start_reading

    def spy(*args: object, **kwargs: object) -> EarlyRead | None:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        started.append(found)
        return found

    monkeypatch.setattr(early_module, "start_reading", spy)
    result = cli("import", str(large_sends_file(tmp_path / "sends.csv")))
    assert result.code == 0, result.err
    assert started and started[0] is not None
    assert "rows read   2,500 = imported 2,500 + duplicates 0" in result.out
    repo = Repository.open(db_path)
    try:
        assert repo.message_count() == 2_500
        assert [m.external_id for m in repo.messages()[:3]] == ["tool-000000", "tool-000001", "tool-000002"]
        assert verify_audit(repo).ok
    finally:
        repo.close()


@linux_only
def test_seats_that_changed_since_the_early_look_are_checked_again(
    tmp_path: Path,
    cli: Callable[..., CliResult],
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    backend: str,
) -> None:
    """The early reading checked seats against a stale list: it is dropped and the file read again."""
    if backend != "sqlite":
        pytest.skip("the early reading is for SQLite files")
    assert cli("seat", "add", "dana", "--plan", "recruiter").code == 0
    monkeypatch.setattr(early_module, "seat_names", lambda _target: frozenset({"dana", "gone"}))
    file = large_sends_file(tmp_path / "sends.csv", seat="dana")
    result = cli("import", str(file))
    assert result.code == 0, result.err
    assert "imported 2,500" in result.out
    repo = Repository.open(db_path)
    try:
        assert {m.seat for m in repo.messages()} == {"dana"}
    finally:
        repo.close()
