"""Two cockpits open on one SQLite file: a mark made in one shows in the other as it commits."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, goto, press, ready, screen_text

pytestmark = pytest.mark.all_backends  # the screen on SQLite and on PostgreSQL


async def test_a_recall_in_one_cockpit_shows_in_the_other(
    small: Small, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    bob_repo = Repository.open(small.db_path)
    dana_app = make_app(small.cockpit, tmp_path)
    bob_app = make_app(Cockpit(bob_repo, clock, policy, "bob"), tmp_path / "bob")
    message_id = small.ids["open"]
    async with dana_app.run_test(size=SIZE) as dana, bob_app.run_test(size=SIZE) as bob:
        dana_screen = await ready(dana)
        dana_screen.feed.poll_routine = lambda: None  # type: ignore[method-assign]  # the watch alone
        await ready(bob)
        goto(bob, message_id)
        await press(bob, "r", "y", "enter")
        columns = dana_screen.model.table.columns
        row = columns.row_of(message_id)
        assert row is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while columns.status[row] != "recalled":
            assert loop.time() < deadline, "the other cockpit's recall never arrived"
            await dana.pause(0.02)
        assert dana_screen.feed.not_live_since is None
        assert "not live" not in screen_text(dana_app)
    bob_repo.close()


async def test_the_title_line_says_when_the_cockpit_is_not_live(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.feed._watch_event("lost")  # as the watch thread reports a lost connection
        await pilot.pause()
        assert "not live since 09:00, reconnecting" in screen_text(app)  # 15:00 UTC in Chicago
        screen.feed._watch_event("connected")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while screen.feed.not_live_since is not None:
            assert loop.time() < deadline, "the cockpit never caught up"
            await pilot.pause(0.02)
        await pilot.pause()
        assert "not live" not in screen_text(app)
