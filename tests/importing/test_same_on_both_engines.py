"""An import writes the same messages and the same audit entries on either engine (PostgreSQL streams
its rows with COPY, SQLite binds them straight to the driver)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.service import import_file
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW
from tests.importing.conftest import FIXTURES, ME

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_import import generate_rows, write_csv

pytestmark = pytest.mark.all_backends

ROWS = 2_500  # more than one chunk


def _imported(repo: Repository, clock: FixedClock, policy: Policy, files: list[tuple[Path, str]]) -> Any:
    """Import ``files`` in order; returns the messages and audit entries without their ids' storage."""
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="alice")
    for path, fmt in files:
        report = import_file(cockpit, str(path), fmt=fmt, me=ME if fmt == "linkedin" else None)
        assert report.written, report.result.problems[:3]
    assert verify_audit(repo).ok
    entries = [
        (e.seq, e.actor, e.action, e.message_id, e.batch, e.from_status, e.to_status, e.details, e.hash)
        for e in repo.audit()
    ]
    return repo.messages(), entries


def test_the_same_files_give_the_same_database(
    repo: Repository, clock: FixedClock, policy: Policy, tmp_path: Path, backend: str
) -> None:
    sends = tmp_path / "sends.csv"
    write_csv(generate_rows(ROWS), sends)
    files = [(sends, "csv"), (FIXTURES / "linkedin_2024.csv", "linkedin"), (sends, "csv")]  # and a re-import
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement.lstrip()[:20].upper())

    repo.wall = FixedClock(NOW)  # entries compared across databases: one wall clock
    event.listen(repo.engine, "before_cursor_execute", record)
    try:
        here = _imported(repo, clock, policy, files)
    finally:
        event.remove(repo.engine, "before_cursor_execute", record)
    if backend == "postgresql":
        assert not any(s.startswith("INSERT INTO MESSAGE") for s in statements)  # the rows went by COPY
    reference = Repository.open(tmp_path / "reference.sqlite3")
    reference.wall = FixedClock(NOW)
    try:
        expected = _imported(reference, clock, policy, files)
    finally:
        reference.close()
    assert len(here[0]) >= ROWS
    assert here == expected
