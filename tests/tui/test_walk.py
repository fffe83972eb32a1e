"""The guided walk: the plan of the selection, one message at a time, each mark at its own time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from cockpit.clock import FixedClock
from cockpit.domain.model import Status
from cockpit.services.cockpit import Cockpit
from cockpit.tui.app import CockpitApp
from cockpit.tui.dialogs import ConfirmDialog, EditDialog
from cockpit.tui.screens.walk import WalkScreen
from tests.tui.conftest import make_app, other_writer
from tests.tui.helpers import SIZE, main_screen, press, ready, screen_text, settle

BATCH = "q4-pricing-blast"


async def _until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Wait (up to 15 s) until ``done()`` holds; the caller asserts it."""
    for _ in range(750):
        if done():
            return
        await pilot.pause(0.02)


async def _walk(pilot: Pilot[None], app: CockpitApp, term: str = f"batch:{BATCH}") -> WalkScreen:
    """Filter the table with ``term``, press ``p`` and wait for the first plan."""
    screen = await ready(pilot)
    await press(pilot, "slash")
    await pilot.press(*term, "enter")
    await settle(pilot)
    await press(pilot, "p")
    walk = app.screen
    assert isinstance(walk, WalkScreen), type(walk)
    await _until(pilot, lambda: walk.triage is not None)
    assert screen is main_screen(app) and walk.triage is not None
    return walk


def _next_id(walk: WalkScreen) -> int:
    """The message the walk shows next."""
    assert walk.triage is not None
    return walk.triage.plan.steps[0].job.message_id


async def test_p_opens_the_plan_of_the_shown_batch_and_enter_marks_the_next_one_now(
    demo: Cockpit, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path)
    clock = demo.clock
    assert isinstance(clock, FixedClock)
    async with app.run_test(size=SIZE) as pilot:
        walk = await _walk(pilot, app)
        first = _next_id(walk)
        text = screen_text(app)
        assert "Guided walk" in text and f"batch {BATCH}" in text and "NEXT" in text
        assert "pace 30 s a recall (policy default)" in text
        clock.advance(25)
        await press(pilot, "enter")
        await settle(pilot)
        message = demo.repo.message(first)
        assert message is not None and message.status == Status.RECALLED
        assert message.recalled_at == clock.now()
        entry = demo.repo.audit(first)[-1]
        assert entry.action == "recall" and entry.details == {"via": "walk"}
        assert walk.progress.saved == {first: clock.now()}
        assert _next_id(walk) != first
        second = _next_id(walk)
        await press(pilot, "k")
        assert _next_id(walk) not in (first, second)
        pace = walk.pace
        assert pace is not None
        await press(pilot, "plus")
        assert walk.pace is not None and walk.pace.seconds == pace.seconds + 5
        assert walk.pace.source == "given"
        await press(pilot, "escape")
        assert not isinstance(app.screen, WalkScreen)


async def test_a_recruiter_seat_is_confirmed_once_for_the_whole_walk(demo: Cockpit, tmp_path: Path) -> None:
    seats = {s.name: s.plan for s in demo.repo.seats()}
    recruiter = next((name for name, plan in seats.items() if demo.policy.plans[plan].recruiter), None)
    assert recruiter is not None
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        walk = await _walk(pilot, app, f"seat:{recruiter}")
        assert walk.triage is not None and walk.triage.plan.steps
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "confirm once for this walk" in screen_text(app)
        await press(pilot, "y")
        await settle(pilot)
        assert len(walk.progress.saved) == 1
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, WalkScreen)
        assert len(walk.progress.saved) == 2
        assert "Recruiter two-step confirmed once for this walk" in " ".join(screen_text(app).split())


async def test_the_walk_plans_again_when_someone_else_marks_the_next_message(
    demo: Cockpit, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        walk = await _walk(pilot, app)
        first = _next_id(walk)
        clock = demo.clock
        assert isinstance(clock, FixedClock)
        other = other_writer(Path(str(demo.repo.engine.url.database)), clock, demo.policy)
        other.recall_one(first)
        await _until(pilot, lambda: _next_id(walk) != first)
        assert _next_id(walk) != first
        assert first not in walk.progress.saved
        assert "recalled elsewhere 1" in screen_text(app)


async def test_skipping_and_ending_the_walk_leave_the_messages_as_they_were(
    demo: Cockpit, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        walk = await _walk(pilot, app)
        first = _next_id(walk)
        await press(pilot, "k")
        assert walk.progress.passed == {first}
        await press(pilot, "escape")
        message = demo.repo.message(first)
        assert message is not None and message.status == Status.SENT


async def test_the_next_message_says_what_to_do_and_g_on_details_walks_its_template_group(
    demo: Cockpit, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        walk = await _walk(pilot, app)
        await settle(pilot)
        await pilot.pause(0.1)
        words = " ".join(screen_text(app).split())
        assert "Do recall:" in words and "Group template group" in words
        await press(pilot, "escape")
        screen = main_screen(app)
        first = screen.table.current_row()
        assert first is not None
        message_id = screen.model.facts(first).message_id
        await press(pilot, "enter")
        await _until(pilot, lambda: "Template group:" in screen_text(app))
        await press(pilot, "g")
        group_walk = app.screen
        assert isinstance(group_walk, WalkScreen) and group_walk is not walk
        assert "template group" in group_walk.selection.title
        assert message_id in group_walk.selection.message_ids


async def test_e_counts_an_edit_once_saved_and_a_cancelled_form_puts_the_message_back(
    demo: Cockpit, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        walk = await _walk(pilot, app)
        first = _next_id(walk)
        await press(pilot, "e")
        assert isinstance(app.screen, EditDialog)
        await press(pilot, "escape")
        assert app.screen is walk
        await _until(pilot, lambda: _next_id(walk) == first)
        assert _next_id(walk) == first and not walk.progress.edited
        await press(pilot, "e")
        app.screen.query_one("#edit-body", TextArea).text = "Hi there,\n\nCorrected text.\n\nSam"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        await _until(pilot, lambda: walk._edited() == 1)
        assert walk._edited() == 1 and _next_id(walk) != first
        message = demo.repo.message(first)
        assert message is not None and message.status == Status.EDITED


async def test_with_marked_rows_the_walk_plans_the_marked_ones_only(demo: Cockpit, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "space", "down", "space")
        marked = set(screen.table.marks)
        assert len(marked) == 2
        await press(pilot, "p")
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert set(walk.selection.message_ids) == marked
        assert walk.selection.title.startswith("the marked messages (2 messages)")
