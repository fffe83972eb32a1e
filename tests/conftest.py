"""Shared fixtures: a fixed clock, the bundled policy, real SQLite files in tmp_path."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from cockpit.clock import FixedClock
from cockpit.policy import Policy, load_policy
from cockpit.services.actions import Actions
from cockpit.services.new_send import NewSend
from cockpit.store.repository import Repository

if TYPE_CHECKING:
    from tests.test_cli import Runner

NOW = datetime(2026, 11, 28, 15, 0, 0, tzinfo=UTC)

# Speed is measured in bench/, never by a test: no per-example deadline on a busy machine.
settings.register_profile("cockpit", deadline=None)
settings.load_profile("cockpit")


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """The command line sets the process umask to 0o077; every test gets its own back."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.fixture(autouse=True)
def drill_databases(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite's clocks are fixed, not the real one: every database a test creates with
    ``Repository.open`` is a drill (as ``--now`` makes one), unless the test says ``drill=False``."""
    opener = Repository.open.__func__  # type: ignore[attr-defined]

    def open_drill(
        cls: type[Repository], target: str | os.PathLike[str], *, drill: bool = True, **options: Any
    ) -> Repository:
        return opener(cls, target, drill=drill, **options)  # type: ignore[no-any-return]

    monkeypatch.setattr(Repository, "open", classmethod(open_drill))


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cockpit.sqlite3"


POSTGRES_ADMIN_URL = os.environ.get("COCKPIT_TEST_POSTGRES")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked ``all_backends`` run their tests of a database (``repo``, ``database_url``) on
    SQLite and on PostgreSQL."""
    if "database_url" in metafunc.fixturenames and metafunc.definition.get_closest_marker("all_backends"):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """An admin URL of a PostgreSQL server for the session: ``COCKPIT_TEST_POSTGRES``, else a
    throwaway server started here (see :mod:`tests.postgres_server`). Without one the PostgreSQL
    tests skip, except in CI (``CI=true``), where that is a failure."""
    if POSTGRES_ADMIN_URL:
        yield POSTGRES_ADMIN_URL
        return
    from tests.postgres_server import ServerUnavailable, throwaway_postgres

    try:
        server = throwaway_postgres()
        url = server.__enter__()
    except ServerUnavailable as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs PostgreSQL: {exc}")
        pytest.skip(f"{exc} (or set COCKPIT_TEST_POSTGRES to an admin URL)")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of ``admin_url`` for one test (dropped
    afterwards); yields its URL."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"cockpit_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def database_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where the test's database lives: a SQLite path, or a new PostgreSQL database's URL."""
    if backend == "postgresql":
        with postgres_database(request.getfixturevalue("postgres_admin_url")) as url:
            yield url
        return
    yield str(db_path)


@pytest.fixture
def repo(database_url: str) -> Iterator[Repository]:
    repository = Repository.open(database_url)
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


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The database path a command-line test gives with ``--db``."""
    return tmp_path / "cockpit.sqlite3"


@pytest.fixture
def run(db: Path, capsys: pytest.CaptureFixture[str]) -> Runner:
    """Runs ``cockpit`` commands on ``db`` at a fixed ``--now`` (see :class:`tests.test_cli.Runner`)."""
    from tests.test_cli import Runner

    return Runner(db, capsys)
