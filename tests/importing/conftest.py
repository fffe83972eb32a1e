"""Helpers for the import tests: a cockpit on a real SQLite file, the command line, the counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from tests.conftest import NOW

FIXTURES = Path(__file__).parent / "fixtures"
ME = "https://www.linkedin.com/in/example-dana-whitfield"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cockpit(repo: Repository, clock: FixedClock, policy: Policy) -> Cockpit:
    return Cockpit(repo=repo, clock=clock, policy=policy, actor="alice")


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``cockpit --db DB --now NOW ARGS...`` and capture its output."""

    def run(*args: str, now: str = NOW.isoformat()) -> CliResult:
        capsys.readouterr()
        code = main(["--db", str(db_path), "--now", now, "--actor", "alice", *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def state(repo: Repository) -> tuple[int, int]:
    """``(messages, audit entries)``: what an import that fails must leave unchanged."""
    return repo.message_count(), len(repo.audit())
