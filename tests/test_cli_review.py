"""``cockpit comment`` and ``cockpit escalate`` (raise, resolve, withdraw), and how ``show`` and
``audit`` tell a review session and a bulk mark."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import Runner, snapshot


def test_comment_and_escalate_on_the_command_line(run: Runner) -> None:
    message_id = run.add("--body", "Hi Priya, your SSN is 512-44-3821.", "--ago", "5m")
    code, out, _ = run("comment", str(message_id), "checked the recipient")
    assert (code, out.strip()) == (0, f"message {message_id}: comment saved (audit entry 2)")
    code, out, _ = run("escalate", str(message_id), "--reason", "SSN to the wrong person?")
    assert (code, out.strip()) == (0, f"message {message_id}: escalated for counsel (audit entry 3)")
    code, out, _ = run("show", str(message_id), "--json")
    escalation = json.loads(out)["escalation"]
    assert escalation.pop("at").startswith("2026-11-28T15:00:0")  # --now starts a running clock
    assert escalation == {
        "state": "raised",
        "open": True,
        "by": "alice",
        "reason": "SSN to the wrong person?",
        "seq": 3,
    }
    code, out, _ = run("--tz", "UTC", "show", str(message_id))
    assert (
        "  Escalation: raised (open) by alice at 2026-11-28 15:00 UTC: SSN to the wrong person? (entry 3)"
        in out
    )
    code, out, _ = run("escalate", str(message_id), "--resolve", "--reason", "counsel: no breach")
    assert (code, out.strip()) == (0, f"message {message_id}: escalation resolved (audit entry 4)")
    code, out, _ = run("show", str(message_id), "--json")
    assert json.loads(out)["escalation"]["state"] == "resolved"
    code, out, _ = run("--tz", "UTC", "audit")
    assert "escalation raised" in out and "escalation resolved" in out and "“counsel: no breach”" in out
    code, out, _ = run("list", "--filter", "flag:escalated")
    assert out.strip() == "no messages match the filter"


def test_settling_with_no_open_escalation_exits_3_and_changes_nothing(run: Runner, db: Path) -> None:
    message_id = run.add("--body", "Hi Priya", "--ago", "5m")
    before = snapshot(db)
    for flag in ("--resolve", "--withdraw"):
        code, out, err = run("escalate", str(message_id), flag, "--reason", "why")
        assert code == 3 and out == ""
        assert f"message {message_id} has no open escalation; nothing was changed" in err
    assert snapshot(db) == before
    run("escalate", str(message_id), "--reason", "look")
    assert run("escalate", str(message_id), "--withdraw", "--reason", "wrong message")[0] == 0
    code, _, err = run("escalate", str(message_id), "--withdraw", "--reason", "again")
    assert code == 3 and "the last one was withdrawn by alice" in err


def test_review_commands_bad_input_and_usage(run: Runner, db: Path) -> None:
    message_id = run.add("--body", "Hi Priya", "--ago", "5m")
    assert run("escalate", str(message_id))[0] == 2  # --reason is required
    assert run("escalate", str(message_id), "--resolve", "--withdraw", "--reason", "x")[0] == 2
    assert run("comment", str(message_id))[0] == 2  # the text is required
    code, _, err = run("comment", "404", "note")
    assert code == 1 and "no message with id 404" in err
    code, _, err = run("escalate", str(message_id), "--reason", "  ")
    assert code == 1 and "needs some text" in err
    code, _, err = run("--db", str(db.with_name("missing.sqlite3")), "comment", "1", "x", db=False)
    assert code == 1 and "no database at" in err


def test_show_and_audit_say_a_bulk_mark_is_not_when_each_was_deleted(run: Runner) -> None:
    ids = [run.add("--body", f"Hi {n}", "--batch", "spring", "--ago", "5m") for n in range(2)]
    single = run.add("--body", "Hi single", "--ago", "5m")
    assert run("recall", "--batch", "spring", "--reason", "deleted earlier")[0] == 0
    assert run("recall", str(single))[0] == 0
    code, out, _ = run("--tz", "UTC", "show", str(ids[0]))
    assert (
        "Status:    recalled (version 2); marked recalled by alice in a bulk mark of 2 "
        "at 2026-11-28 15:00 UTC "
        "(not when it was deleted in LinkedIn)" in out
    )
    assert "recall sent -> recalled (bulk mark of 2) (deleted earlier)" in out
    code, out, _ = run("--tz", "UTC", "show", str(single))
    assert "Status:    recalled (version 2); marked recalled by alice at 2026-11-28 15:00 UTC\n" in out
    assert "Logged:    added by alice at 2026-11-28 15:00 UTC" in out
    code, out, _ = run("--tz", "UTC", "audit")
    assert code == 0 and out.count("sent → recalled (bulk mark of 2)") == 2
