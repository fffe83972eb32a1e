"""Alerts that matter, computed without a screen: a risky window entering its last minutes or
closing unrecalled is announced once per message and kind; the bell follows the user's preference."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cockpit.clock import FixedClock
from cockpit.errors import PolicyError
from cockpit.live.alerts import Alert, AlertKind, in_quiet_hours, rings_bell
from cockpit.live.loading import load_changes
from cockpit.live.model import LiveModel
from cockpit.policy import AlertsPolicy, Policy, default_policy_path, load_policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from tests.conftest import NOW, make_send

SSN_BODY = "Hi Sam, I have your SSN as 512-44-3821; please confirm.\n\nDana"
PLAIN_BODY = "Hi Sam,\n\nYour work on event streaming stood out. Open to a call?\n\nDana"
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def day(tmp_path: Path, policy: Policy, clock: FixedClock) -> Iterator[tuple[Cockpit, dict[str, int]]]:
    repo = Repository.open(tmp_path / "alerts.sqlite3")
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    add = cockpit.actions.add_send
    ids = {
        "risky": add(make_send(50, recipient="Sam Ssn", body=SSN_BODY)),  # 10 minutes left
        "plain": add(make_send(50, recipient="Sam Plain", body=PLAIN_BODY)),
        "recalled": add(make_send(50, recipient="Sam Recalled", body=SSN_BODY)),
        "edited": add(make_send(50, recipient="Sam Edited", body=SSN_BODY)),
    }
    cockpit.actions.recall_one(ids["recalled"])
    cockpit.actions.edit(ids["edited"], body=SSN_BODY + "\n(edited)")
    yield cockpit, ids
    repo.close()


def _kinds(alerts: list[Alert], ids: dict[str, int]) -> set[tuple[str, str]]:
    names = {v: k for k, v in ids.items()}
    return {(a.kind.value, names[a.message_id]) for a in alerts}


def test_risky_windows_are_announced_once_as_they_reach_critical_and_close(
    day: tuple[Cockpit, dict[str, int]], clock: FixedClock
) -> None:
    cockpit, ids = day
    model = LiveModel.read(cockpit)
    table = model.table
    assert table.tick(clock.now()).alerts == []  # nothing changes phase yet
    clock.advance(6 * 60)  # 4 minutes left: critical
    first = table.tick(clock.now()).alerts
    assert _kinds(first, ids) == {("critical", "risky"), ("critical", "edited")}
    clock.advance(30)
    assert table.tick(clock.now()).alerts == []  # not again
    clock.advance(4 * 60)  # the windows close
    closed = table.tick(clock.now()).alerts
    assert _kinds(closed, ids) == {("closed", "risky"), ("closed", "edited")}
    assert all(a.kind == AlertKind.CLOSED for a in closed)
    clock.advance(60)
    assert table.tick(clock.now()).alerts == []  # closed stays closed: never again


def test_a_window_that_closes_in_one_step_is_announced_as_closed_only(
    day: tuple[Cockpit, dict[str, int]], clock: FixedClock
) -> None:
    cockpit, ids = day
    table = LiveModel.read(cockpit).table
    clock.advance(15 * 60)  # asleep through the last minutes
    assert _kinds(table.tick(clock.now()).alerts, ids) == {("closed", "risky"), ("closed", "edited")}


def test_no_alert_for_a_message_recalled_before_its_window_closes(
    day: tuple[Cockpit, dict[str, int]], clock: FixedClock
) -> None:
    cockpit, ids = day
    table = LiveModel.read(cockpit).table
    cockpit.actions.recall_one(ids["risky"])
    table.apply_changes(load_changes(cockpit.repo, table.audit_seq, table.max_id), clock.now())  # the poll
    assert table.columns.status[table.columns.row_of(ids["risky"])] == "recalled"
    clock.advance(15 * 60)
    assert _kinds(table.tick(clock.now()).alerts, ids) == {("closed", "edited")}


def test_messages_first_seen_closed_or_critical_are_not_announced_by_the_clock(
    day: tuple[Cockpit, dict[str, int]], clock: FixedClock
) -> None:
    cockpit, _ids = day
    clock.advance(15 * 60)
    table = LiveModel.read(cockpit).table  # loaded after the windows closed
    clock.advance(60)
    assert table.tick(clock.now()).alerts == []


@pytest.mark.parametrize(
    ("local", "quiet"),
    [("21:59", False), ("22:00", True), ("23:30", True), ("03:00", True), ("06:59", True), ("07:00", False)],
)
def test_quiet_hours_span_midnight_in_the_users_zone(local: str, quiet: bool) -> None:
    prefs = AlertsPolicy(bell=True, quiet_start=time(22, 0), quiet_end=time(7, 0))
    hour, minute = map(int, local.split(":"))
    at = datetime(2026, 11, 28, hour, minute, tzinfo=CHICAGO)
    assert in_quiet_hours(at, CHICAGO, prefs) is quiet
    assert rings_bell(at, CHICAGO, prefs) is not quiet


def test_the_bell_follows_the_preference_and_quiet_switch() -> None:
    daytime = NOW  # 09:00 in Chicago
    assert rings_bell(daytime, CHICAGO, AlertsPolicy())
    assert not rings_bell(daytime, CHICAGO, AlertsPolicy(bell=False))
    assert not rings_bell(daytime, CHICAGO, AlertsPolicy(), quiet=True)
    same_hours = AlertsPolicy(quiet_start=time(9), quiet_end=time(9))
    assert rings_bell(daytime, CHICAGO, same_hours)  # an empty span is no quiet hours


def test_policy_alerts_table_is_read_and_checked(tmp_path: Path, policy: Policy) -> None:
    assert policy.alerts == AlertsPolicy(bell=True, quiet_start=time(22), quiet_end=time(7))
    bundled = default_policy_path().read_text(encoding="utf-8")
    start = bundled.index("[alerts]")
    end = bundled.index("[", bundled.index("quiet_hours", start))
    path = tmp_path / "p.toml"
    path.write_text(bundled[:start] + bundled[end:], encoding="utf-8")
    assert load_policy(path).alerts == AlertsPolicy()  # no table: a bell at any hour
    path.write_text(bundled.replace('quiet_hours = "22:00-07:00"', 'quiet_hours = ""'), encoding="utf-8")
    assert load_policy(path).alerts == AlertsPolicy()
    for bad in ('"10pm-7am"', '"22:00"', "22"):
        text = bundled.replace('quiet_hours = "22:00-07:00"', f"quiet_hours = {bad}")
        path.write_text(text, encoding="utf-8")
        with pytest.raises(PolicyError, match=r"alerts\.quiet_hours"):
            load_policy(path)
    path.write_text(bundled.replace("bell = true", 'bell = "yes"'), encoding="utf-8")
    with pytest.raises(PolicyError, match=r"alerts\.bell"):
        load_policy(path)
