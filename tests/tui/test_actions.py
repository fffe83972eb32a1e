"""Every action key through the services, and every refusal with its notification."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from cockpit.clock import FixedClock
from cockpit.domain.model import Status
from cockpit.policy import Policy
from cockpit.tui.dialogs import ConfirmDialog, EditDialog, ObserveDialog, TextPrompt
from tests.tui.conftest import Small, make_app, other_writer
from tests.tui.helpers import SIZE, goto, notifications, press, ready, screen_text, settle

pytestmark = pytest.mark.all_backends  # the screen on SQLite and on PostgreSQL


def _status(small: Small, name: str) -> str:
    message = small.cockpit.repo.message(small.ids[name])
    assert message is not None
    return message.status


async def test_recall_asks_then_marks_recalled(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, small.ids["open"])
        await press(pilot, "r")
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "Recall message #1?" in text and "does NOT undo" in text and "never refunds" in text
        await press(pilot, "y")
        assert isinstance(app.screen, TextPrompt)  # the reason, optional
        assert "Reason for recalling #1 (optional)" in screen_text(app)
        assert _status(small, "open") == Status.SENT
        await pilot.press(*"wrong role")
        await press(pilot, "enter")
        assert _status(small, "open") == Status.RECALLED
        assert any("marked recalled" in n for n in notifications(app))
        entry = small.cockpit.repo.audit(small.ids["open"])[-1]
        assert (entry.action, entry.actor, entry.reason) == ("recall", "dana", "wrong role")
        assert entry.details == {}  # one message, marked when it was said to be deleted


async def test_recall_cancelled_with_n_or_escape_changes_nothing(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, small.ids["open"])
        await press(pilot, "r", "n")
        await press(pilot, "r", "escape")
        assert _status(small, "open") == Status.SENT
        assert not isinstance(app.screen, ConfirmDialog)


async def test_recall_with_enter_confirms(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, small.ids["placeholder"])
        await press(pilot, "r", "enter", "enter")  # confirm, then no reason
        assert _status(small, "placeholder") == Status.RECALLED
        assert small.cockpit.repo.audit(small.ids["placeholder"])[-1].reason is None


async def test_recruiter_seat_needs_a_second_confirmation(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, small.ids["recruiter"])
        await press(pilot, "r", "y")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Recruiter seat: confirm again" in screen_text(app)
        assert _status(small, "recruiter") == Status.SENT
        await press(pilot, "n")
        assert _status(small, "recruiter") == Status.SENT
        await press(pilot, "r", "y", "y", "enter")
        assert _status(small, "recruiter") == Status.RECALLED


async def test_refusals_are_notified(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for name, words in (
            ("closed", "window closed"),
            ("sponsored", "cannot be recalled; pause the campaign"),
            ("recalled", "already recalled"),
        ):
            goto(pilot, small.ids[name])
            await press(pilot, "r")
            assert not isinstance(app.screen, ConfirmDialog), name
            assert any(words in n for n in notifications(app)), (name, notifications(app))
        goto(pilot, small.ids["closed"])
        await press(pilot, "e")
        assert any("edit is no longer possible" in n for n in notifications(app))
        goto(pilot, small.ids["recalled"])
        await press(pilot, "e")
        assert any("a recalled message cannot be edited" in n for n in notifications(app))
    assert _status(small, "closed") == Status.SENT


async def test_conflict_from_a_stale_version_names_who_and_when(
    small: Small, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        goto(pilot, small.ids["open"])
        screen.poll_now = lambda: None  # type: ignore[method-assign]  # the screen has not seen it yet
        other_writer(small.db_path, clock, policy, "bob").observe(small.ids["open"], _opened())
        await press(pilot, "r", "y", "enter")
        conflict = [n for n in notifications(app) if "changed since you saw it" in n]
        assert conflict and "bob" in conflict[0]
    assert _status(small, "open") == Status.SENT


def _opened():  # type: ignore[no-untyped-def]
    from cockpit.domain.model import Observation

    return Observation.OPENED


async def test_edit_keeps_a_revision(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, small.ids["open"])
        await press(pilot, "e")
        assert isinstance(app.screen, EditDialog)
        area = app.screen.query_one("#edit-body", TextArea)
        area.text = "Hi Olive,\n\nCorrected text.\n\nDana"
        app.screen.query_one("#edit-reason", Input).value = "typo"
        await press(pilot, "ctrl+s")
        message = small.cockpit.repo.message(small.ids["open"])
        assert message is not None and message.status == Status.EDITED
        assert message.body.startswith("Hi Olive,\n\nCorrected")
        revisions = small.cockpit.repo.revisions(small.ids["open"])
        assert len(revisions) == 1 and "event streaming" in revisions[0].body
        assert any("revision 1" in n for n in notifications(app))


async def test_revert_asks_for_a_reason(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        goto(pilot, small.ids["open"])
        assert screen.check_action("revert", ()) is None  # nothing to revert: disabled
        goto(pilot, small.ids["recalled"])
        assert screen.check_action("revert", ()) is True
        await press(pilot, "u")
        assert isinstance(app.screen, TextPrompt)
        await press(pilot, "enter")  # empty: refused inline, dialog stays
        assert isinstance(app.screen, TextPrompt) and "required" in screen_text(app)
        await pilot.press(*"wrong row")
        await press(pilot, "enter")
        assert _status(small, "recalled") == Status.SENT
        entry = small.cockpit.repo.audit(small.ids["recalled"])[-1]
        assert (entry.action, entry.reason) == ("revert", "wrong row")


async def test_observe_records_an_opening(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        goto(pilot, small.ids["open"])
        await press(pilot, "o")
        assert isinstance(app.screen, ObserveDialog)
        await press(pilot, "2")
        message = small.cockpit.repo.message(small.ids["open"])
        assert message is not None and message.opened_at is not None
        row = screen.model.table.columns.row_of(small.ids["open"])
        assert row is not None and "OPENED" in screen.model.table.columns.leaks[row]
        await press(pilot, "o", "2")
        assert any("already recorded as opened" in n for n in notifications(app))


async def test_comment_and_escalate_are_audited_and_filterable(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        goto(pilot, small.ids["placeholder"])
        await press(pilot, "c")
        await pilot.press(*"check greeting")
        await press(pilot, "enter")
        goto(pilot, small.ids["risky"])
        await press(pilot, "x")
        await pilot.press(*"SSN sent")
        await press(pilot, "enter")
        actions = [e.action for e in small.cockpit.repo.audit()[-2:]]
        assert actions == ["comment", "escalate"]
        await press(pilot, "slash")
        await pilot.press(*"flag:escalated")
        await press(pilot, "enter")
        assert screen.model.shown_ids() == [small.ids["risky"]]
        await press(pilot, "slash", "ctrl+u")
        app.screen.query_one("#filter-input", Input).value = "flag:commented"
        await press(pilot, "enter")
        assert screen.model.shown_ids() == [small.ids["placeholder"]]
        assert "⚑" in screen_text(app) or "✎" in screen_text(app)


async def test_bulk_recall_lists_what_is_skipped_and_why(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        for name in ("open", "placeholder", "closed", "sponsored", "recalled"):
            goto(pilot, small.ids[name])
            await press(pilot, "space")
        assert len(screen.table.marks) == 5
        await press(pilot, "r")
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "Recall 2 of 5 marked messages?" in text
        assert "3 will be skipped" in text
        assert "window closed" in text and "pause the campaign" in text and "already recalled" in text
        body = app.screen.body_content.plain  # type: ignore[attr-defined]
        assert "This records the marks now, all at one time (09:00)" in body
        assert "not when each was deleted in LinkedIn" in body and "bulk mark of 2" in body
        await press(pilot, "y")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"deleted by hand")
        await press(pilot, "enter")
        assert _status(small, "open") == Status.RECALLED
        assert _status(small, "placeholder") == Status.RECALLED
        assert _status(small, "closed") == Status.SENT
        assert any("recalled 2 of 2" in n for n in notifications(app))
        recalls = [e for e in small.cockpit.repo.audit() if e.action == "recall"]
        assert len(recalls) == 3  # the fixture's and these two, one entry each
        assert [(e.details, e.reason) for e in recalls[1:]] == [({"bulk": 2}, "deleted by hand")] * 2


async def test_bulk_recall_with_a_recruiter_seat_asks_twice(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for name in ("open", "recruiter"):
            goto(pilot, small.ids[name])
            await press(pilot, "space")
        await press(pilot, "r", "y")
        assert "Recruiter seats: confirm again" in screen_text(app)
        await press(pilot, "y", "enter")
        assert _status(small, "recruiter") == Status.RECALLED
        assert _status(small, "open") == Status.RECALLED


async def test_bulk_recall_reports_a_conflict_from_another_writer(
    small: Small, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.poll_now = lambda: None  # type: ignore[method-assign]
        for name in ("open", "placeholder"):
            goto(pilot, small.ids[name])
            await press(pilot, "space")
        await press(pilot, "r")
        other_writer(small.db_path, clock, policy, "bob").recall_one(small.ids["open"])
        await press(pilot, "y", "enter")
        bulk = [n for n in notifications(app) if "Bulk recall" in n]
        assert bulk and "recalled 1 of 2" in bulk[0] and "bob" in bulk[0]


async def test_details_actions_work_from_the_details_screen(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, small.ids["open"])
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "r", "y", "enter")
        assert _status(small, "open") == Status.RECALLED
        await pilot.pause(1.2)  # the details screen notices the new version and reloads
        await settle(pilot)
        assert "status recalled (v2)" in screen_text(app)
