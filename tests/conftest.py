"""Shared fixtures: a fixed clock, the bundled policy, real SQLite files in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.policy import Policy, load_policy
from cockpit.services.actions import Actions
from cockpit.services.new_send import NewSend
from cockpit.store.repository import Repository

NOW = datetime(2026, 11, 28, 15, 0, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cockpit.sqlite3"


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repository]:
    repository = Repository.open(db_path)
    yield repository
    repository.close()


@pytest.fixture
def actions(repo: Repository, clock: FixedClock, policy: Policy) -> Actions:
    return Actions(repo, clock, policy, actor="alice")


def make_send(minutes_ago: float = 5, **overrides: object) -> NewSend:
    """A plausible send made ``minutes_ago`` before NOW."""
    values: dict[str, object] = {
        "recipient": "Priya Raman",
        "subject": "Senior Backend Engineer at Northwind",
        "body": "Hi Priya,\n\nYour work on event streaming stood out. Open to a call?\n\nDana",
        "sent_at": NOW - timedelta(minutes=minutes_ago),
    }
    values.update(overrides)
    return NewSend(**values)  # type: ignore[arg-type]
