"""Changes written by another process appear without a restart; the scan can run in a child process."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.model import Observation
from cockpit.policy import Policy
from tests.conftest import make_send
from tests.tui.conftest import Small, make_app, other_writer
from tests.tui.helpers import SIZE, main_screen, ready, screen_text, settle

pytestmark = pytest.mark.all_backends  # the screen on SQLite and on PostgreSQL


async def _poll(pilot) -> None:  # type: ignore[no-untyped-def]
    main_screen(pilot.app).poll_now()
    await settle(pilot)


async def test_outside_add_recall_and_comment_appear(
    small: Small, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        bob = other_writer(small.db_path, clock, policy, "bob")
        new_id = bob.add_send(
            make_send(2, recipient="Nina New", subject="Fresh", body="Hi Nina, hello.", seat="sam")
        )
        bob.recall_one(small.ids["open"])
        bob.comment(small.ids["closed"], "seen")
        await _poll(pilot)
        columns = screen.model.table.columns
        row = columns.row_of(new_id)
        assert row is not None and row in screen.model.table.view.rows
        assert columns.status[columns.row_of(small.ids["open"])] == "recalled"  # type: ignore[index]
        assert columns.notes.get(small.ids["closed"]) == (1, False)
        text = screen_text(app)
        assert "Nina New" in text and "8 messages" in text
        bob.repo.close()


async def test_outside_change_appears_within_two_seconds_by_itself(
    small: Small, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        bob = other_writer(small.db_path, clock, policy, "bob")
        bob.observe(small.ids["placeholder"], Observation.REPLIED)
        await pilot.pause(2.0)  # the screen polls once a second
        await settle(pilot)
        row = screen.model.table.columns.row_of(small.ids["placeholder"])
        assert row is not None and screen.model.table.columns.version[row] == 2
        bob.repo.close()


async def test_outside_seat_and_new_sends_update_credits(
    small: Small, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        bob = other_writer(small.db_path, clock, policy, "bob")
        bob.add_seat("lee", "premium_career", time_zone="UTC")
        bob.add_send(make_send(1, recipient="Lee Two", body="Hi Lee, hi.", seat="lee"))
        await _poll(pilot)
        assert "lee 4/5" in screen_text(app)
        bob.repo.close()


async def test_scan_in_a_child_process(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path, assess_in_process=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot, timeout=60)
        assert screen.feed._assessor is not None and screen.feed._assessor.in_process
        row = screen.model.table.columns.row_of(small.ids["risky"])
        assert row is not None and [c for c, _ in screen.model.table.columns.risks[row].codes] == ["SSN"]


async def test_a_batch_made_commercial_elsewhere_is_judged_again(
    small: Small, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        bob = other_writer(small.db_path, clock, policy, "bob")
        new_id = bob.add_send(
            make_send(2, recipient="Nina New", subject="Hello", body="Hi Nina, quick hello.", seat="dana",
                      batch="spring")
        )  # fmt: skip
        await _poll(pilot)
        await _until_judged(pilot, screen, new_id)
        row = screen.model.row_of(new_id)
        assert row is not None and "NO_OPT_OUT" not in _codes(screen, row)
        bob.set_batch_commercial("spring", True)
        await _poll(pilot)
        await _until_judged(pilot, screen, new_id)
        assert {"NO_OPT_OUT", "NO_POSTAL_ADDRESS"} <= _codes(screen, row)
        bob.repo.close()


def _codes(screen, row: int) -> set[str]:  # type: ignore[no-untyped-def]
    return {code for code, _rank in screen.model.facts(row).risks.codes}


async def _until_judged(pilot, screen, message_id: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        row = screen.model.row_of(message_id)
        if row is not None and screen.model.facts(row).assessed:
            return
        await pilot.pause(0.05)
    raise AssertionError("the message was not judged")
