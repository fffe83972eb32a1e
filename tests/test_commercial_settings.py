"""Whether a message is commercial: the send > a reviewer's correction is final > batch > seat > guess."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cockpit import cli
from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import make_send

PITCH = "Hi Priya,\n\nWe cut cloud bills 30% for teams like yours. Worth 15 minutes next week?\n\nTheo"
QUIET = "Hi Priya,\n\nThanks for the chat at the meetup yesterday. Talk soon.\n\nTheo"

pytestmark = pytest.mark.all_backends


def _cockpit(repo: Repository, clock: FixedClock, policy: Policy) -> Cockpit:
    return Cockpit(repo=repo, clock=clock, policy=policy, actor="alice")


def _judged(cockpit: Cockpit, message_id: int) -> tuple[bool, str, tuple[str, ...]]:
    message = cockpit.repo.message(message_id)
    assert message is not None
    a = cockpit.assessed([message])[0].assessment
    return a.commercial, a.commercial_source, a.commercial_reasons


def test_a_guess_says_it_is_a_guess_with_its_reasons(
    actions: Actions, repo: Repository, clock: FixedClock, policy: Policy
) -> None:
    message_id = actions.add_send(make_send(body=PITCH))
    commercial, source, reasons = _judged(_cockpit(repo, clock, policy), message_id)
    assert (commercial, source) == (True, "guessed")
    assert "claims results for customers" in reasons


def test_a_sales_navigator_seat_sends_commercial_mail_by_default(
    actions: Actions, repo: Repository, clock: FixedClock, policy: Policy
) -> None:
    actions.add_seat("theo", "sales_navigator_core")
    actions.add_seat("dana", "recruiter")
    sales = actions.add_send(make_send(body=QUIET, seat="theo"))
    hiring = actions.add_send(make_send(body=QUIET, seat="dana", recipient="Ana Silva"))
    cockpit = _cockpit(repo, clock, policy)
    assert _judged(cockpit, sales)[:2] == (True, "seat")
    assert _judged(cockpit, hiring)[:2] == (False, "guessed")


def test_the_seat_flag_overrides_its_plan_and_the_send_overrides_the_seat(
    actions: Actions, repo: Repository, clock: FixedClock, policy: Policy
) -> None:
    actions.add_seat("theo", "sales_navigator_core", commercial=False)
    actions.add_seat("maya", "premium_business", commercial=True)
    quiet = actions.add_send(make_send(body=PITCH, seat="theo"))
    loud = actions.add_send(make_send(body=QUIET, seat="maya", recipient="Ana Silva"))
    flagged = actions.add_send(make_send(body=QUIET, seat="theo", commercial=True, recipient="Li Wei"))
    cockpit = _cockpit(repo, clock, policy)
    assert _judged(cockpit, quiet)[:2] == (False, "seat")
    assert _judged(cockpit, loud)[:2] == (True, "seat")
    assert _judged(cockpit, flagged)[:2] == (True, "message")
    assert repo.seat("maya") is not None and repo.seat("maya").commercial is True  # type: ignore[union-attr]
    assert repo.audit()[1].details["commercial"] is True


def test_the_batch_setting_beats_the_seat_and_is_audited(
    actions: Actions, repo: Repository, clock: FixedClock, policy: Policy
) -> None:
    actions.add_seat("dana", "recruiter")
    message_id = actions.add_send(make_send(body=QUIET, seat="dana", batch="q4-outbound"))
    actions.set_batch_commercial("q4-outbound", True)
    cockpit = _cockpit(repo, clock, policy)
    assert _judged(cockpit, message_id)[:2] == (True, "batch")
    entry = repo.audit()[-1]
    assert (entry.action, entry.batch, entry.details) == ("batch", "q4-outbound", {"commercial": True})
    actions.set_batch_commercial("q4-outbound", None)
    assert _judged(cockpit, message_id)[:2] == (False, "guessed")
    assert verify_audit(repo).ok


def test_a_reviewers_correction_wins_and_is_one_audited_version(
    actions: Actions, repo: Repository, clock: FixedClock, policy: Policy
) -> None:
    actions.add_seat("theo", "sales_navigator_core")
    message_id = actions.add_send(make_send(body=PITCH, seat="theo", batch="b", commercial=True))
    actions.set_batch_commercial("b", True)
    seq = actions.review_commercial(message_id, False, reason="a reply to her own question")
    message = repo.message(message_id)
    assert message is not None and (message.version, message.commercial_review) == (2, False)
    assert _judged(_cockpit(repo, clock, policy), message_id)[:2] == (False, "review")
    entry = repo.audit()[seq - 1]
    assert (entry.action, entry.reason, entry.from_version, entry.details) == (
        "commercial", "a reply to her own question", 1, {"commercial": False},
    )  # fmt: skip
    assert verify_audit(repo).ok


def test_a_correction_needs_a_reason(actions: Actions) -> None:
    message_id = actions.add_send(make_send(body=PITCH))
    with pytest.raises(Exception, match="reason"):
        actions.review_commercial(message_id, False, reason="  ")


def test_verify_catches_settings_changed_behind_the_logs_back(
    actions: Actions, repo: Repository, db_path: Path, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("edits the SQLite file by hand")
    actions.add_seat("theo", "sales_navigator_core")
    message_id = actions.add_send(make_send(body=PITCH, batch="b"))
    actions.set_batch_commercial("b", True)
    actions.review_commercial(message_id, True, reason="a pitch")
    assert verify_audit(repo).ok
    for statement, needle in (
        ("UPDATE seat SET commercial = 0", "seat 'theo'"),
        ("UPDATE batch_setting SET commercial = 0", "batch 'b'"),
        ("UPDATE message SET commercial_review = 0", f"message {message_id}"),
    ):
        conn = sqlite3.connect(db_path)
        with conn:
            saved = conn.execute(statement.split(" SET ")[0].replace("UPDATE", "SELECT * FROM")).fetchall()
            conn.execute(statement)
        conn.close()
        result = verify_audit(repo)
        assert not result.ok and any(needle in p for p in result.problems), result.problems
        conn = sqlite3.connect(db_path)
        with conn:
            table = statement.split()[1]
            column = statement.split()[3]
            names = [d[1] for d in conn.execute(f"PRAGMA table_info({table})")]
            key = names[0]
            for row in saved:
                conn.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {key} = ?",
                    (row[names.index(column)], row[0]),
                )
        conn.close()
        assert verify_audit(repo).ok


def test_an_older_database_gains_the_new_columns_on_open(db_path: Path, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("builds an old SQLite file by hand")
    Repository.open(db_path).close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("ALTER TABLE seat DROP COLUMN commercial")
        conn.execute("ALTER TABLE message DROP COLUMN commercial_review")
        conn.execute("DROP TABLE batch_setting")
        conn.execute("DROP TABLE alembic_version")  # written before schema revisions were recorded
        conn.execute(
            "INSERT INTO seat (name, plan, time_zone, created_at) VALUES ('old', 'recruiter', 'UTC', "
            "'2026-01-01T00:00:00.000000Z')"
        )
    conn.close()
    repo = Repository.open(db_path)
    seat = repo.seat("old")
    assert seat is not None and seat.commercial is None
    assert repo.batch_settings() == {}
    repo.close()


def test_the_command_line_sets_and_shows_it(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    base = ["--db", db, "--now", "2026-11-28T15:00:00Z", "--actor", "alice"]
    assert cli.main([*base, "seat", "add", "theo", "--plan", "premium_business", "--commercial"]) == 0
    assert (
        cli.main([*base, "add", "--to", "Priya Raman", "--body", QUIET, "--seat", "theo", "--batch", "b"])
        == 0
    )
    assert cli.main([*base, "batch", "set", "b", "--not-commercial"]) == 0
    assert cli.main([*base, "commercial", "1", "--yes", "--reason", "pricing in the attachment"]) == 0
    assert cli.main([*base, "audit", "verify"]) == 0
    actions = [e.action for e in Repository.open(db).audit()]
    assert actions == ["seat", "add", "batch", "commercial"]


def test_show_says_guessed_with_its_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite3")
    base = ["--db", db, "--now", "2026-11-28T15:00:00Z"]
    assert cli.main([*base, "add", "--to", "Priya Raman", "--body", PITCH]) == 0
    capsys.readouterr()
    assert cli.main([*base, "show", "1"]) == 0
    assert "commercial: guessed (" in capsys.readouterr().out
    assert cli.main([*base, "show", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["commercial"], data["commercial_source"]) == (True, "guessed")
    assert "asks for a sales call" in data["commercial_reasons"]
