"""A review session on the screen: reasons offered again within a batch, escalations resolved or
withdrawn from the details screen, next/previous flagged, the empty cockpit and the legend."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from cockpit.tui.dialogs import ChoiceDialog, TextPrompt
from cockpit.tui.screens.details import DetailsScreen
from cockpit.tui.screens.main import MainScreen
from tests.conftest import make_send
from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, goto, notifications, press, ready, screen_text, settle


async def test_the_next_recall_in_a_batch_offers_the_last_reason(small: Small, tmp_path: Path) -> None:
    actions = small.cockpit.actions
    first, second = (
        actions.add_send(make_send(6 + n, recipient=f"Bo {n}", batch="spring", seat="sam")) for n in range(2)
    )
    other = actions.add_send(make_send(9, recipient="Cy Other", batch="autumn", seat="sam"))
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, first)
        await press(pilot, "r", "y")
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value == ""
        await pilot.press(*"wrong price list")
        await press(pilot, "enter")
        goto(pilot, second)
        await press(pilot, "r", "y")
        assert app.screen.query_one(Input).value == "wrong price list"  # typed once for the batch
        assert "The last reason given in batch spring is offered." in screen_text(app)
        await press(pilot, "enter")
        goto(pilot, other)
        await press(pilot, "r", "y")
        assert app.screen.query_one(Input).value == ""  # another batch: nothing offered
        await press(pilot, "escape")  # cancelling the reason marks nothing
    repo = small.cockpit.repo
    assert [repo.audit(mid)[-1].reason for mid in (first, second)] == ["wrong price list"] * 2
    assert all(repo.audit(mid)[-1].details == {} for mid in (first, second))
    assert repo.message(other).status == "sent"  # type: ignore[union-attr]


async def test_resolve_or_withdraw_an_escalation_on_the_details_screen(small: Small, tmp_path: Path) -> None:
    message_id = small.ids["risky"]
    small.cockpit.actions.escalate(message_id, "SSN sent to the wrong person?")
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, message_id)
        await press(pilot, "enter")
        await settle(pilot)
        details = app.screen
        assert isinstance(details, DetailsScreen)
        text = screen_text(app)
        assert "Escalated for counsel by dana" in text and "SSN sent to the wrong person?" in text
        assert details.check_action("settle_escalation", ()) is True
        await press(pilot, "X")
        assert isinstance(app.screen, ChoiceDialog)
        await press(pilot, "enter")  # the first choice: resolve
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"counsel: no breach")
        await press(pilot, "enter")
        assert any("escalation resolved" in n for n in notifications(app))
        await pilot.pause(1.2)  # the details screen notices the note and reloads
        await settle(pilot)
        assert "Escalation resolved by dana" in screen_text(app)
        assert details.check_action("settle_escalation", ()) is None  # nothing open: disabled
        await press(pilot, "X")
        assert app.screen is details
    entry = small.cockpit.repo.audit(message_id)[-1]
    assert (entry.action, entry.details["escalation"], entry.reason) == (
        "escalate",
        "resolved",
        "counsel: no breach",
    )


async def _walk_flagged(pilot: Pilot[None], screen: MainScreen, start: int, key: str) -> list[int]:
    """The messages ``key`` stops at from ``start`` until it moves no more."""
    goto(pilot, start)
    seen: list[int] = []
    while True:
        await press(pilot, key)
        current = screen.table.current_id()
        if current is None or current in seen or current == start:
            return seen
        seen.append(current)


async def test_next_flagged_skips_what_is_resolved(small: Small, tmp_path: Path) -> None:
    actions = small.cockpit.actions
    actions.escalate(small.ids["open"], "tone")  # no risk, but escalated: flagged
    actions.escalate(small.ids["closed"], "old")
    actions.withdraw_escalation(small.ids["closed"], "raised in error")  # withdrawn: not flagged
    recalled_risky = actions.add_send(
        make_send(35, recipient="Rex Risky", body="Hi Rex, your SSN is 512-44-3821.", seat="sam")
    )
    actions.recall_one(recalled_risky)  # risky, but out of the inbox: not flagged
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "s")  # newest first: open, sponsored, recruiter, placeholder, Rex, ...
        order = screen.model.shown_ids()
        i = small.ids
        assert order[0] == i["open"] and order[-1] == i["closed"] and recalled_risky in order
        down = await _walk_flagged(pilot, screen, order[0], "right_square_bracket")
        assert down == [i["sponsored"], i["placeholder"], i["risky"]]
        assert any("no unresolved flagged message below" in n for n in notifications(app))
        up = await _walk_flagged(pilot, screen, order[-1], "left_square_bracket")
        assert up == [i["risky"], i["placeholder"], i["sponsored"], i["open"]]


async def test_an_empty_cockpit_says_how_to_get_messages_in(
    tmp_path: Path, policy: Policy, clock: FixedClock
) -> None:
    repo = Repository.open(tmp_path / "empty.sqlite3")
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    app = make_app(cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        text = screen_text(app)
        assert "No messages yet." in text
        assert "cockpit import FILE" in text and "cockpit demo" in text
        assert "log a message you just sent" in text
        assert not screen.table.display
        cockpit.actions.add_send(make_send(2))
        screen.poll_now()
        await pilot.pause(0.3)
        await settle(pilot)
        assert "No messages yet." not in screen_text(app)
        assert screen.table.display
    repo.close()


async def test_help_has_a_legend_of_the_table_symbols(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "question_mark")
        body = app.screen.query_one("#help-body Static").render()
        text = body.plain if hasattr(body, "plain") else str(body)
        assert "Symbols in the table" in text
        for symbol in ("⚑", "✎", "●"):
            assert symbol in text
        assert "cost no credit: an open profile" in text
        assert "Next flagged" in text and "escalated and not resolved" in text
