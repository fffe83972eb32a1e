"""Hostile text in every place that shows data: shown literally, neutralised, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import NewAudit, Repository
from cockpit.tui.dialogs import ConfirmDialog, EditDialog
from tests.conftest import NOW, make_send
from tests.tui.conftest import make_app, other_writer
from tests.tui.helpers import (
    SIZE,
    goto,
    main_screen,
    notifications,
    press,
    ready,
    screen_text,
    settle,
    terminal_output,
)

SUBJECT = "Q3 pricing [/] [bold]x [$10] C:\\new\\table \x1b[2J"
BODY = (
    "Hi Mallory, [bold]x [/] [$10] back\\slash \x1b[2J cleared? "
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1b]52;c;ZXZpbA==\x07 \x9b31m red? "
    "\u202eevil\u202c zero\u200djoin. SSN 512-44-3821.\n\nDana"
)
RECIPIENT = "[red]Mallory[/red] \x1b[31m\u202e"
ACTOR = "[/]bob\x1b]52;c;ZXZpbA==\x07"
RAW = ("\x1b[2J", "\x1b]8;;", "\x1b]52;", "\x9b", "\u202e", "\u200d", "\x07")


def _check(text: str, output: str) -> None:
    for raw in RAW:
        assert raw not in text, repr(raw)
        assert raw not in output, repr(raw)
    assert "\x1b" not in text


def _insert_big(repo: Repository, seat: str) -> int:
    body = ("[/] " * 250_000)[:1_000_000]
    with repo.write("importer", NOW) as tx:
        values = {
            "external_id": "big-1",
            "recipient": "Big [/] Body",
            "recipient_profile_url": None,
            "recipient_state": None,
            "open_profile": False,
            "channel": "inmail",
            "seat": seat,
            "batch": None,
            "subject": "big [/]",
            "body": body,
            "sent_at": NOW,
            "sent_from": "desktop",
            "commercial": None,
            "push": "unknown",
            "status": "sent",
        }
        message_id = tx.insert_message(values)
        tx.append_audit([NewAudit(action="add", message_id=message_id, to_status="sent")])
    return message_id


@pytest.fixture
def hostile(tmp_path: Path, policy: Policy, clock: FixedClock) -> Cockpit:
    repo = Repository.open(tmp_path / "hostile.sqlite3")
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    seat = "[/]seat\x1b[2J"
    cockpit.actions.add_seat(seat, "sales_navigator_core")
    cockpit.actions.add_send(
        make_send(57, recipient=RECIPIENT, subject=SUBJECT, body=BODY, seat=seat, batch="[b]batch\u202e")
    )
    cockpit.actions.add_send(make_send(20, recipient=RECIPIENT, subject=SUBJECT, body=BODY, seat=seat))
    _insert_big(repo, seat)
    return cockpit


async def test_hostile_text_everywhere(
    hostile: Cockpit, tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    app = make_app(hostile, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        # the table, the summary (seat name) and the alert for the SSN message closing soon
        text = screen_text(app)
        _check(text, terminal_output(app))
        assert "Q3 pricing [/] [bold]x [$10] C…" in text  # cut to the column (the batch column takes some)
        assert "[red]Mallory[/red…" in text
        assert "[b]batch⟨RLO⟩" in text  # the batch column
        assert "credits left [/]seat␛[2J 47/50" in text
        alert = [n for n in notifications(app) if n.startswith("Closing soon:")]
        assert alert and "[red]Mallory[/red]" in alert[0]
        for note in notifications(app):
            assert not any(raw in note for raw in RAW)

        # details of the hostile message: body with spans, preview, history
        goto(pilot, 1)
        await press(pilot, "enter")
        await settle(pilot)
        text = screen_text(app)
        _check(text, terminal_output(app))
        assert "[bold]x [/] [$10] back\\slash ␛[2J" in text
        assert "Q3 pricing [/] [bold]x [$10] C:\\new\\table ␛[2J" in text
        assert "[red]Mallory[/red] ␛[31m⟨RLO⟩" in text
        assert "⟨RLO⟩evil⟨PDF⟩ zero⟨ZWJ⟩join" in text
        assert "␛]52;c;ZXZpbA==␇" in text
        await press(pilot, "escape")

        # the 1 MB body: details show the first part, literally
        goto(pilot, 3)
        await press(pilot, "enter")
        await settle(pilot)
        text = screen_text(app)
        _check(text, terminal_output(app))
        assert (
            "[/] [/] [/]" in text
            and "more characters not shown" in screen.app.screen.query_one("#details-content").render().plain
        )
        await press(pilot, "escape")

        # a confirmation that quotes recipient and subject
        goto(pilot, 2)
        await press(pilot, "r")
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        _check(text, terminal_output(app))
        assert "[red]Mallory[/red]" in text and "Q3 pricing [/]" in text
        await press(pilot, "n")

        # the edit form holds the neutralised body
        await press(pilot, "e")
        assert isinstance(app.screen, EditDialog)
        text = screen_text(app)
        _check(text, terminal_output(app))
        assert "control or invisible characters" in text
        await press(pilot, "escape")

        # a conflict names a hostile actor: shown literally
        screen.poll_now = lambda: None  # type: ignore[method-assign]
        bob = other_writer(tmp_path / "hostile.sqlite3", clock, policy, ACTOR)
        bob.comment(2, "[/] note \x1b[2J")
        bob.recall_one(2, reason="[bold]because\x1b]8;;x\x1b\\")
        await press(pilot, "r", "y", "enter")
        conflict = [
            n for n in notifications(app) if "changed since you saw it" in n or "already recalled" in n
        ]
        assert conflict and "[/]bob␛]52;c;ZXZpbA==␇" in conflict[0]
        del screen.poll_now

        # bulk confirmation listing skipped messages
        screen.poll_now()
        await settle(pilot)
        await press(pilot, "A", "r")
        text = screen_text(app)
        _check(text, terminal_output(app))
        assert "will be skipped" in text and "[red]Mallory[/red]" in text
        await press(pilot, "escape", "escape")

        # the audit log shows actors, reasons and batches literally
        await press(pilot, "a")
        await settle(pilot)
        text = screen_text(app)
        _check(text, terminal_output(app))
        assert "[/]bob␛]52" in text and "[bold]because␛]8;;x␛\\" in text
        bob.repo.close()


async def test_a_crash_shows_no_message_text_and_no_locals(
    hostile: Cockpit, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    app = make_app(hostile, tmp_path)

    def explode() -> None:
        secret_body = "SSN 512-44-3821"
        raise ValueError(f"boom {secret_body}")

    with pytest.raises(ValueError):
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            main_screen(app).action_sort = explode  # type: ignore[method-assign]
            await pilot.press("s")
            await pilot.pause()
    shown = capfd.readouterr().err
    assert "internal error (ValueError)" in shown
    assert "512-44-3821" not in shown and "secret_body" not in shown
