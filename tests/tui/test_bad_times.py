"""The cockpit starts, and shows details, over rows with impossible times written behind its back
(flagged, never a crash); a send up to a day ahead carries the same warning as ``show``."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from cockpit.clock import FixedClock
from cockpit.domain.window import FUTURE_SEND_WARNING, UNREADABLE_TIME_WARNING
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from cockpit.tui.screens.details import DetailsScreen
from tests.conftest import NOW, make_send
from tests.tui.conftest import make_app
from tests.tui.helpers import SIZE, goto, press, ready, screen_text

BAD = ("9999-12-31T23:59:59.999999Z", "2026-11-28 15:00:00", "garbage", "3000-01-01T00:00:00.000000Z")


async def test_the_screen_and_details_survive_impossible_times(
    tmp_path: Path, policy: Policy, clock: FixedClock
) -> None:
    path = tmp_path / "bad.sqlite3"
    repo = Repository.open(path)
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    bad = [cockpit.actions.add_send(make_send(3, recipient=f"Bad {i}")) for i in range(len(BAD))]
    future = cockpit.actions.add_send(make_send(recipient="Fay Future", sent_at=NOW + timedelta(hours=2)))
    conn = sqlite3.connect(path)
    with conn:
        for message_id, value in zip(bad, BAD, strict=True):
            conn.execute("UPDATE message SET sent_at = ? WHERE id = ?", (value, message_id))
    conn.close()
    app = make_app(cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert text.count("⚠ bad time") == len(BAD)
        assert "60:00 ⚠ future" in text
        for message_id in [*bad, future]:
            goto(pilot, message_id)
            await press(pilot, "enter")
            assert isinstance(app.screen, DetailsScreen)
            shown = " ".join(screen_text(app).split())
            warning = FUTURE_SEND_WARNING if message_id == future else UNREADABLE_TIME_WARNING
            assert " ".join(warning.split())[:40] in shown, message_id
            await press(pilot, "escape")
    repo.close()
