"""Helpers for the import tests: a cockpit on a real SQLite file, the command line, the counts."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
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
def cli(database_url: str, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``cockpit --db DB --now NOW ARGS...`` on the test's database and capture its output."""

    def run(*args: str, now: str = NOW.isoformat()) -> CliResult:
        capsys.readouterr()
        code = main(["--db", database_url, "--now", now, "--actor", "alice", *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def state(repo: Repository) -> tuple[int, int]:
    """``(messages, audit entries)``: what an import that fails must leave unchanged."""
    return repo.message_count(), len(repo.audit())


@dataclass
class Forks:
    """The processes forked during a test, and how each ended (as ``os.waitpid`` reported it)."""

    started: list[int] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Forks:
    """Record every process forked during the test, and how each ended."""
    seen = Forks()
    real_fork, real_waitpid = os.fork, os.waitpid

    def fork() -> int:
        pid = real_fork()
        if pid:
            seen.started.append(pid)
        return pid

    def waitpid(pid: int, options: int) -> tuple[int, int]:
        done, status = real_waitpid(pid, options)
        if done in seen.started:
            seen.statuses[done] = status
        return done, status

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setattr(os, "waitpid", waitpid)
    return seen


def assert_reaped(forks: Forks) -> None:
    """Every forked process has ended and been waited for (none is left running or a zombie)."""
    for pid in forks.started:
        assert pid in forks.statuses
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
