"""People on the screen: ``actor:NAME`` shows one person's messages; details say who marked them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.policy import Policy
from tests.tui.conftest import Small, make_app, other_writer
from tests.tui.helpers import SIZE, goto, press, ready, screen_text, settle

pytestmark = pytest.mark.all_backends  # the screen on SQLite and on PostgreSQL


async def test_actor_filter_and_who_marked_in_the_details(
    small: Small, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    bob = other_writer(small.db_path, clock, policy, "bob")
    bob.recall_one(small.ids["open"], reason="wrong role")
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen._apply_filter("actor:Bob")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while screen.model.pending_for_filter():  # looked up in the audit log in the background
            assert loop.time() < deadline, "the actor's messages were never looked up"
            await pilot.pause(0.02)
        await settle(pilot)
        shown = [screen.model.facts(row).message_id for row in screen.model.table.view.rows]
        assert shown == [small.ids["open"]]
        assert "filter: actor:Bob  1 of 7 shown" in screen_text(app)
        goto(pilot, small.ids["open"])
        await press(pilot, "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Logged: added by dana at 2026-11-28 09:00 CST" in text
        assert "Last mark: marked recalled by bob at 2026-11-28 09:00 CST" in text
    bob.repo.close()
