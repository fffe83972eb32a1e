"""The screen announces alerts that matter with a notification and the terminal bell (unless quiet)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cockpit import cli
from cockpit.clock import FixedClock
from cockpit.tui.app import CockpitApp
from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, notifications, ready


@pytest.fixture
def bells(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rung: list[int] = []
    monkeypatch.setattr(CockpitApp, "bell", lambda self: rung.append(1))
    return rung


def _alerts(app: CockpitApp) -> list[str]:
    return [n for n in notifications(app) if n.startswith(("Closing soon:", "Closed unrecalled:"))]


async def test_a_risky_window_rings_once_entering_critical_and_once_closing(
    small: Small, tmp_path: Path, clock: FixedClock, bells: list[int]
) -> None:
    clock.advance(-5 * 60)  # the SSN message has 8 minutes left when the app starts
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert _alerts(app) == [] and bells == []
        clock.advance(3 * 60 + 1)
        screen.live_tick()
        await pilot.pause()
        assert len(_alerts(app)) == 1 and len(bells) == 1
        clock.advance(5 * 60)  # the window closes unrecalled
        screen.live_tick()
        await pilot.pause()
        closed = [n for n in _alerts(app) if n.startswith("Closed unrecalled:")]
        assert len(closed) == 1 and len(bells) == 2
        assert f"#{small.ids['risky']} to Sam Ssn" in closed[0] and "before it was recalled" in closed[0]
        assert "512-44-3821" not in closed[0]
        clock.advance(60)
        screen.live_tick()
        await pilot.pause()
        assert len(_alerts(app)) == 2 and len(bells) == 2  # each kind once per message


async def test_quiet_shows_the_notification_without_the_bell(
    small: Small, tmp_path: Path, clock: FixedClock, bells: list[int]
) -> None:
    clock.advance(-5 * 60)
    app = make_app(small.cockpit, tmp_path, quiet=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        clock.advance(9 * 60)
        screen.live_tick()
        await pilot.pause()
        assert [n.split(":")[0] for n in _alerts(app)] == ["Closed unrecalled"]
        assert bells == []


@pytest.mark.parametrize(("argv", "quiet"), [([], False), (["--quiet"], True)])
def test_quiet_switch_reaches_the_screen(
    small: Small, monkeypatch: pytest.MonkeyPatch, argv: list[str], quiet: bool
) -> None:
    made: list[dict[str, Any]] = []

    class _Stub:
        return_code = 0

        def run(self) -> None:
            return None

    def fake_create_app(_cockpit: object, **options: Any) -> _Stub:
        made.append(options)
        return _Stub()

    monkeypatch.setattr("cockpit.tui.app.create_app", fake_create_app)
    assert cli.main(["--db", str(small.db_path), "--now", "2026-11-28T15:00:00Z", *argv]) == 0
    assert made[0]["quiet"] is quiet
