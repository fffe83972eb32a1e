"""The main screen: what it shows, its order, its live countdowns and its notifications."""

from __future__ import annotations

from pathlib import Path

from cockpit.clock import FixedClock
from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, notifications, ready, screen_text


async def test_default_order_puts_risky_open_windows_first(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        ids = [screen.model.table.columns.ids[row] for row in screen.model.table.view.rows]
        i = small.ids
        assert ids == [
            i["risky"],  # open window, critical risk
            i["placeholder"],  # open window, high risk
            i["recruiter"],  # open windows by least time left
            i["open"],
            i["sponsored"],  # the rest, newest first (a sponsored message has no recall)
            i["recalled"],
            i["closed"],
        ]


async def test_rows_show_countdown_status_recipient_and_badges(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "03:00" in text and "Sam Ssn" in text and "SSN" in text
        risky = next(line for line in text.splitlines() if "Sam Ssn" in line)
        assert risky.lstrip().startswith("03:00")  # the countdown is the left-most column
        assert "recalled 09:00" in text  # recalled at 15:00 UTC, shown in Chicago time
        assert "closed" in next(line for line in text.splitlines() if "Cole Closed" in line)
        assert "no recall" in next(line for line in text.splitlines() if "Ada Advert" in line)
        assert "PLACEHOLDER" in next(line for line in text.splitlines() if "Pat Holder" in line)
        assert "push" in risky


async def test_summary_bar_counts_credits_exposure(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "09:00:00 CST" in text  # the clock, in the user's zone
        assert "3 open" in text and "0 urgent" in text and "1 critical" in text and "1 closed" in text
        assert "6 sent" in text and "1 recalled" in text
        assert "⚠ 1 close within 5 min" in text
        assert "dana 150/150" not in text  # recruiter sends spent credits
        assert "credits left" in text and "sam " in text
        assert "max exposure" in text
        assert "assessing risks" not in text


async def test_tick_moves_countdowns_and_closes_windows(
    small: Small, tmp_path: Path, clock: FixedClock
) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        risky = small.ids["risky"]
        clock.advance(61)
        screen.live_tick()
        await pilot.pause()
        text = screen_text(app)
        assert "01:59" in text
        clock.advance(120)
        screen.live_tick()
        await pilot.pause()
        columns = screen.model.table.columns
        order = [columns.ids[row] for row in screen.model.table.view.rows]
        assert order.index(risky) > order.index(small.ids["open"])  # closed: out of the open group
        assert "2 closed" in screen_text(app)  # the risky one joined the closed (recalled excluded)


async def test_timer_ticks_on_its_own(small: Small, tmp_path: Path, clock: FixedClock) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        clock.advance(30)
        await pilot.pause(1.3)  # the one-second interval redraws from the clock
        assert "02:30" in screen_text(app)


async def test_high_risk_entering_last_five_minutes_is_announced(
    small: Small, tmp_path: Path, clock: FixedClock
) -> None:
    clock.advance(-5 * 60)  # the SSN message has 8 minutes left when the app starts
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert not any(n.startswith("Closing soon:") for n in notifications(app))
        clock.advance(3 * 60 + 1)
        screen.live_tick()
        await pilot.pause()
        alerts = [n for n in notifications(app) if n.startswith("Closing soon:")]
        assert len(alerts) == 1
        assert f"#{small.ids['risky']}" in alerts[0] and "SSN" in alerts[0]
        assert "the recall window closes in 4 minutes" in alerts[0]  # in words
        assert "512-44-3821" not in alerts[0]  # never the body text
        clock.advance(30)
        screen.live_tick()
        await pilot.pause()
        assert len([n for n in notifications(app) if n.startswith("Closing soon:")]) == 1  # once only


async def test_a_batch_closing_together_is_announced_once(
    demo: object, tmp_path: Path, clock: FixedClock
) -> None:
    app = make_app(demo, tmp_path)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot, timeout=60)
        before = len(notifications(app))
        clock.advance(55 * 60)  # the bad batch's windows reach their last minutes together
        screen.live_tick()
        await pilot.pause()
        alerts = [n for n in notifications(app)[before:] if n.startswith("Closing soon:")]
        assert len(alerts) == 1
        assert "messages with high or critical risks have under 5 minutes left" in alerts[0]
        assert "more" in alerts[0]


async def test_demo_data_loads_and_is_sorted(demo: object, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert len(screen.model.table.columns) == 465
        text = screen_text(app)
        assert "465 messages" in text
        first = screen.model.table.view.rows[0]
        assert screen.model.table.columns.risks[first].top >= 3
