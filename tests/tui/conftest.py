"""Fixtures for the cockpit screen: small and demo databases in tmp_path, a fixed clock, the app."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.services.cockpit import Cockpit
from cockpit.services.demo import build_demo
from cockpit.store.repository import Repository
from cockpit.tui.app import CockpitApp, create_app
from tests.conftest import NOW, make_send

ZONE = "America/Chicago"


def _body(first: str) -> str:
    return f"Hi {first},\n\nYour work on event streaming stood out. Open to a call?\n\nDana"


@dataclass
class Small:
    """A small day with one message of each kind, by name."""

    cockpit: Cockpit
    ids: dict[str, int]
    db_path: str  # a SQLite file's path, or a PostgreSQL database's URL (modules marked all_backends)


@pytest.fixture
def small(database_url: str, policy: Policy, clock: FixedClock) -> Iterator[Small]:
    repo = Repository.open(database_url)
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    actions = cockpit.actions
    actions.add_seat("sam", "sales_navigator_core", time_zone="America/New_York", commercial=False)
    actions.add_seat("dana", "recruiter", time_zone="America/Chicago")
    ids = {
        "open": actions.add_send(
            make_send(8, recipient="Olive Open", subject="Quick question", body=_body("Olive"), seat="sam")
        ),
        "recruiter": actions.add_send(
            make_send(
                20, recipient="Rita Recruit", subject="Role at Northwind", body=_body("Rita"), seat="dana"
            )
        ),
        "risky": actions.add_send(
            make_send(
                57,
                recipient="Sam Ssn",
                subject="Paperwork",
                body="Hi Sam, I have your SSN as 512-44-3821; please confirm.\n\nDana",
                seat="dana",
            )
        ),
        "closed": actions.add_send(
            make_send(90, recipient="Cole Closed", subject="Old news", body=_body("Cole"), seat="sam")
        ),
        "sponsored": actions.add_send(
            make_send(
                10,
                recipient="Ada Advert",
                subject="ADV: holiday rates",
                body=_body("Ada"),
                channel="sponsored",
                seat="sam",
            )
        ),
        "placeholder": actions.add_send(
            make_send(
                30, recipient="Pat Holder", subject="Hello", body="Hi [First Name], quick one?", seat="sam"
            )
        ),
    }
    ids["recalled"] = actions.add_send(
        make_send(40, recipient="Rae Recalled", subject="Oops", body=_body("Rae"), seat="sam")
    )
    actions.recall_one(ids["recalled"])
    yield Small(cockpit, ids, database_url)
    repo.close()


@pytest.fixture
def demo(tmp_path: Path, policy: Policy, clock: FixedClock) -> Iterator[Cockpit]:
    repo = Repository.open(tmp_path / "demo.sqlite3")
    repo.wall = FixedClock(NOW)  # the hashes on screen (snapshots) do not depend on the day it runs
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    build_demo(cockpit)
    yield cockpit
    repo.close()


def make_app(cockpit: Cockpit, tmp_path: Path, **options: Any) -> CockpitApp:
    """The app as the command line builds it, with test settings (zone, config dir, in-thread scan)."""
    options.setdefault("zone", ZONE)
    options.setdefault("config_dir", tmp_path / "config")
    options.setdefault("assess_in_process", False)
    return create_app(cockpit, **options)


def other_writer(db_path: str | Path, clock: FixedClock, policy: Policy, actor: str = "bob") -> Actions:
    """Actions of another process on the same database file."""
    return Actions(Repository.open(db_path), clock, policy, actor)
