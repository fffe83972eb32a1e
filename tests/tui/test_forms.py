"""The quick-log form (inline validation, "sent N minutes ago") and the audit log screen."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta
from pathlib import Path

from textual.widgets import Input, TextArea

from cockpit.tui.dialogs import TextPrompt
from cockpit.tui.dialogs.new_send import NewSendScreen, parse_sent
from cockpit.tui.screens.audit import AuditLog, AuditScreen
from tests.conftest import NOW
from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, notifications, press, ready, screen_text, settle


def test_parse_sent_accepts_minutes_ago_durations_and_instants() -> None:
    assert parse_sent("", NOW) == NOW
    assert parse_sent("5", NOW) == NOW - timedelta(minutes=5)
    assert parse_sent("1h30m", NOW) == NOW - timedelta(minutes=90)
    assert parse_sent("90s", NOW) == NOW - timedelta(seconds=90)
    assert parse_sent("2026-11-28T14:00:00Z", NOW) == NOW - timedelta(hours=1)


async def test_new_send_form_validates_inline_and_saves(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, NewSendScreen)
        await press(pilot, "ctrl+s")  # nothing filled in: the first problem shows at its field
        assert isinstance(app.screen, NewSendScreen)
        assert "required" in str(form.query_one("#e-recipient").render())
        form.query_one("#f-recipient", Input).value = "Nora Quick"
        await settle(pilot)
        form.query_one("#f-body", TextArea).text = "Hi Nora, following up."
        form.query_one("#f-sent", Input).value = "soon"
        await settle(pilot)
        assert "minutes ago" in str(form.query_one("#e-sent").render())
        form.query_one("#f-sent", Input).value = "7"
        form.query_one("#f-state", Input).value = "ZZ"
        await settle(pilot)
        assert "not a two-letter US state" in str(form.query_one("#e-state").render())
        form.query_one("#f-state", Input).value = "TX"
        await settle(pilot)
        assert str(form.query_one("#e-state").render()) == ""
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, NewSendScreen)
        added = [m for m in small.cockpit.repo.messages() if m.recipient == "Nora Quick"]
        assert len(added) == 1
        assert added[0].sent_at == NOW - timedelta(minutes=7)
        assert added[0].recipient_state == "TX" and added[0].seat == "dana"
        assert any("logged as message" in n for n in notifications(app))
        row = screen.model.table.columns.row_of(added[0].id)
        assert row is not None and row in screen.model.table.view.rows


async def test_new_send_can_be_cancelled(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        count = len(small.cockpit.repo.messages())
        await press(pilot, "n", "escape")
        assert len(small.cockpit.repo.messages()) == count


async def test_audit_log_screen_verifies_and_exports(small: Small, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr("cockpit.tui.screens.audit.user_documents_dir", lambda: documents)
    monkeypatch.chdir(tmp_path)
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, AuditScreen)
        await settle(pilot)
        text = screen_text(app)
        assert "✓ verified" in text and "chain intact" in text
        log = app.screen.query_one(AuditLog)
        assert len(log.lines) == len(small.cockpit.repo.audit())
        assert "recall" in text and "dana" in text
        await press(pilot, "x")
        offered = app.screen.query_one(Input).value
        assert offered.startswith(str(documents / "cockpit-audit-")) and offered.endswith(".json")
        app.screen.query_one(Input).value = "audit.json"
        await press(pilot, "enter")
        exported = documents / "audit.json"  # a bare name goes to the documents folder
        assert exported.exists() and not (tmp_path / "audit.json").exists()
        assert stat.S_IMODE(os.stat(exported).st_mode) == 0o600
        assert len(json.loads(exported.read_text())) == len(small.cockpit.repo.audit())
        await press(pilot, "x")
        app.screen.query_one(Input).value = "audit.csv"
        await press(pilot, "enter")
        assert (documents / "audit.csv").read_text().startswith("seq,at,actor")
        await press(pilot, "escape")
        assert not isinstance(app.screen, AuditScreen)


async def test_audit_export_keeps_what_was_typed_after_a_bad_path(  # type: ignore[no-untyped-def]
    small: Small, tmp_path: Path, monkeypatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "taken.json").write_text("earlier export")
    monkeypatch.setattr("cockpit.tui.screens.audit.user_documents_dir", lambda: documents)
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "a")
        await settle(pilot)
        mistyped = str(tmp_path / "no-such-folder" / "audit.json")
        await press(pilot, "x")
        app.screen.query_one(Input).value = mistyped
        await press(pilot, "enter")
        assert isinstance(app.screen, TextPrompt)  # asked again, with what was typed
        assert app.screen.query_one(Input).value == mistyped
        assert "there is no folder" in screen_text(app) and "nothing was written" in screen_text(app)
        assert not (tmp_path / "no-such-folder").exists()
        app.screen.query_one(Input).value = "taken.json"
        await press(pilot, "enter")
        assert "already exists" in screen_text(app)
        assert (documents / "taken.json").read_text() == "earlier export"
        app.screen.query_one(Input).value = "fresh.csv"
        await press(pilot, "enter")
        assert not isinstance(app.screen, TextPrompt)
        assert stat.S_IMODE(os.stat(documents / "fresh.csv").st_mode) == 0o600
        assert any("exported" in n and "fresh.csv" in n for n in notifications(app))


async def test_audit_log_screen_reports_a_broken_chain(small: Small, tmp_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(small.db_path)
    conn.execute("UPDATE audit_entry SET reason = 'forged' WHERE seq = 3")
    conn.commit()
    conn.close()
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "a")
        await settle(pilot)
        assert "verification FAILED" in screen_text(app)


async def test_new_send_form_on_an_empty_database_without_seats(repo, clock, policy, tmp_path: Path) -> None:
    from cockpit.services.cockpit import Cockpit

    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    app = make_app(cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, NewSendScreen)
        form.query_one("#f-recipient", Input).value = "Nora Quick"
        form.query_one("#f-body", TextArea).text = "Hi Nora, following up."
        form.query_one("#f-sent", Input).value = "2"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, NewSendScreen)
        added = repo.messages()
        assert [(m.recipient, m.seat) for m in added] == [("Nora Quick", None)]
