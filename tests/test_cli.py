"""The ``cockpit`` command line: output, exit codes, and nothing written on bad input."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from cockpit import cli
from cockpit.clock import FixedClock, parse_instant
from cockpit.policy import load_policy
from cockpit.services.actions import Actions
from cockpit.store.repository import Repository
from tests.conftest import NOW, make_send

NOW_ISO = "2026-11-28T15:00:00Z"
REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
AUDIT_FIELDS = {
    "seq", "at", "actor", "action", "message_id", "batch", "from_status", "to_status", "reason",
    "details", "prev_hash", "hash",
}  # fmt: skip
MESSAGE_FIELDS = {
    "id", "external_id", "recipient", "recipient_state", "subject", "channel", "seat", "batch",
    "sent_at", "deadline", "seconds_left", "phase", "status", "credit", "leaks", "risks",
    "exposure_usd",
}  # fmt: skip


class Runner:
    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, now: str | None = NOW_ISO, db: bool = True) -> tuple[int, str, str]:
        argv = (["--db", str(self.db)] if db else []) + (["--now", now] if now else [])
        argv += ["--actor", "alice"] if "--actor" not in args else []
        try:
            code = cli.main([*argv, *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err

    def add(self, *extra: str, now: str = NOW_ISO) -> int:
        code, out, err = self("add", "--to", "Priya Raman", "--subject", "Hello", *extra, now=now)
        assert code == 0, err
        return int(out)


def snapshot(db: Path) -> dict[str, list[Any]]:
    conn = sqlite3.connect(db)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("message", "revision", "audit_entry", "audit_head", "seat")
        }
    finally:
        conn.close()


def test_add_prints_the_id_alone(run: Runner) -> None:
    code, out, err = run("add", "--to", "Priya Raman", "--body", "Hi Priya")
    assert (code, out, err) == (0, "1\n", "")
    code, out, _ = run("add", "--to", "Jason", "--body", "Hi Jason", "--ago", "5m", "--batch", "b1")
    assert (code, out) == (0, "2\n")


def test_add_body_from_file_and_stdin(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    body = tmp_path / "body.txt"
    body.write_text("Hi Priya,\nfrom a file [/]\n", encoding="utf-8")
    assert run.add("--body-file", str(body)) == 1
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO("from stdin"))
    assert run.add("--body-file", "-") == 2
    repo = Repository.open(db)
    try:
        assert [m.body for m in repo.messages()] == ["Hi Priya,\nfrom a file [/]\n", "from stdin"]
    finally:
        repo.close()


def test_seat_add(run: Runner, db: Path) -> None:
    code, out, _ = run("seat", "add", "dana", "--plan", "recruiter", "--tz", "America/Chicago")
    assert code == 0
    assert "dana" in out and "recruiter" in out
    assert run.add("--body", "hi", "--seat", "dana") == 1
    code, _, err = run("seat", "add", "dana", "--plan", "recruiter")
    assert code == 1 and "already exists" in err
    before = snapshot(db)
    code, _, err = run("seat", "add", "eve", "--plan", "recruiter", "--tz", "Mars/Base")
    assert code == 1 and "time zone" in err
    code, _, err = run("seat", "add", "eve", "--plan", "gold")
    assert code == 2 and "gold" in err
    assert snapshot(db) == before


def test_add_recall_then_verify(run: Runner) -> None:
    message_id = run.add("--body", "Hi Priya", "--ago", "5m")
    code, out, err = run("recall", str(message_id), "--reason", "wrong name")
    assert (code, err) == (0, "")
    assert "marked recalled" in out
    code, out, err = run("audit", "verify", now=None)
    assert (code, err) == (0, "")
    assert "audit log OK: 2 entries" in out


def test_recall_61_minutes_after_the_send_exits_3_and_writes_nothing(run: Runner, db: Path) -> None:
    message_id = run.add("--body", "Hi Priya", "--ago", "61m")
    before = snapshot(db)
    code, out, err = run("recall", str(message_id))
    assert code == 3
    assert out == ""
    assert "window closed" in err and len(err.strip().splitlines()) == 1
    assert snapshot(db) == before


def test_recalling_twice_names_who_and_when(run: Runner, db: Path) -> None:
    message_id = run.add("--body", "Hi Priya")
    assert run("recall", str(message_id))[0] == 0
    before = snapshot(db)
    code, _, err = run("--actor", "bob", "recall", str(message_id))
    assert code == 3
    assert "already recalled by alice at 2026-11-28T15:00:0" in err
    assert snapshot(db) == before


def test_bulk_recall_reports_recalled_and_skipped(run: Runner) -> None:
    fresh = [run.add("--body", f"Hi {i}", "--batch", "spring", "--ago", "5m") for i in range(2)]
    late = run.add("--body", "late", "--batch", "spring", "--ago", "2h")
    sponsored = run.add("--body", "ad", "--batch", "spring", "--channel", "sponsored")
    code, out, _ = run("recall", "--batch", "spring")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "recalled 2 of 4"
    skipped = {line.split(":")[0].strip(): line for line in lines[1:-1]}
    assert set(skipped) == {f"skipped {late}", f"skipped {sponsored}"}
    assert lines[-1].startswith("the 2 marks were recorded now (")
    assert "as one bulk mark, all at one time, not when each message was deleted in LinkedIn" in lines[-1]
    assert "window closed" in skipped[f"skipped {late}"]
    assert "cannot be recalled" in skipped[f"skipped {sponsored}"]
    assert fresh == [1, 2]


def test_bulk_recall_with_nothing_recallable_exits_3(run: Runner, db: Path) -> None:
    late = run.add("--body", "late", "--ago", "2h")
    sponsored = run.add("--body", "ad", "--channel", "sponsored")
    before = snapshot(db)
    code, out, err = run("recall", str(late), str(sponsored), "404")
    assert code == 3
    assert out.splitlines()[0] == "recalled 0 of 3"
    assert f"skipped {late}:" in out and f"skipped {sponsored}:" in out
    assert "skipped 404: no message with id 404" in out
    assert "nothing" in err
    assert snapshot(db) == before


def test_edit_and_revert(run: Runner, tmp_path: Path, db: Path) -> None:
    message_id = run.add("--body", "Hi Jason")
    new = tmp_path / "new.txt"
    new.write_text("Hi Priya", encoding="utf-8")
    code, out, _ = run("edit", str(message_id), "--body-file", str(new), "--reason", "name")
    assert code == 0 and "revision 1" in out
    code, _, err = run("revert", str(message_id))
    assert code == 2 and "--reason" in err
    code, out, _ = run("revert", str(message_id), "--reason", "wrong message")
    assert code == 0 and "now sent" in out
    repo = Repository.open(db)
    try:
        message = repo.message(message_id)
        assert message is not None and message.body == "Hi Jason"
    finally:
        repo.close()


def test_observe(run: Runner, db: Path) -> None:
    message_id = run.add("--body", "Hi", "--ago", "30m")
    code, out, _ = run("observe", str(message_id), "--replied", "--at", "2026-11-28T14:45:00Z")
    assert code == 0 and "replied" in out
    before = snapshot(db)
    code, _, err = run("observe", str(message_id), "--opened", "--at", "2026-11-28T14:00:00Z")
    assert code == 1 and "before the send" in err
    code, _, err = run("observe", str(message_id), "--replied")
    assert code == 3 and "already recorded" in err
    code, _, _ = run("observe", str(message_id))
    assert code == 2
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--now", "yesterday", "add", "--to", "X", "--body", "b"], 1, "--now"),
        (["--now", "2026-11-28T15:00:00", "list"], 1, "offset"),
        (["add", "--to", "X", "--body", "b", "--sent-at", "2026-13-01T00:00:00Z"], 1, "--sent-at"),
        (["add", "--to", "X", "--body", "b", "--sent-at", "2026-11-28T14:00:00"], 1, "offset"),
        (["add", "--to", "X", "--body", "b", "--ago", "5 parsecs"], 1, "--ago"),
        (["add", "--to", "X", "--body", "b", "--state", "Narnia"], 1, "recipient_state"),
        (["add", "--to", "X"], 1, "body"),
        (["add", "--to", "X", "--body", " "], 1, "body"),
        (["add", "--to", "X", "--body-file", "/no/such/file"], 1, "no such file"),
        (["add", "--to", "X", "--body", "b", "--channel", "fax"], 2, "fax"),
        (["add", "--body", "b"], 2, "--to"),
        (["recall", "99"], 1, "no message with id 99"),
        (["recall", "abc"], 2, "abc"),
        (["recall", "0"], 2, "positive"),
        (["recall"], 2, "at least one"),
        (["recall", "--batch", "nope"], 1, "nope"),
        (["show", "99"], 1, "no message with id 99"),
        (["edit", "99", "--body", "x"], 1, "no message with id 99"),
        (["observe", "99", "--opened"], 1, "no message with id 99"),
        (["observe", "1", "--opened", "--at", "soon"], 1, "--at"),
        (["bogus-command"], 2, "bogus"),
        # out-of-range values are refused with a reason, never an "internal error"
        (["add", "--to", "X", "--body", "b", "--ago", "99999999999h"], 1, "--ago"),
        (["add", "--to", "X", "--body", "b", "--ago", "999999999h"], 1, "--ago"),
        (["add", "--to", "X", "--body", "b", "--sent-at", "0001-01-01T00:00:00+05:00"], 1, "range"),
        (["add", "--to", "X", "--body", "b", "--sent-at", "9999-12-31T23:59:59-05:00"], 1, "range"),
        (["observe", "1", "--opened", "--at", "0001-01-01T00:00:00+05:00"], 1, "range"),
        (["recall", "99999999999999999999999"], 2, "too large"),
        (["show", "99999999999999999999"], 2, "too large"),
        (["seat", "add", "x", "--plan", "recruiter", "--credits", "9" * 25], 1, "--credits"),
    ],
)
def test_bad_arguments_exit_1_or_2_with_one_line_and_write_nothing(
    run: Runner, db: Path, args: list[str], code: int, needle: str
) -> None:
    run.add("--body", "already here")
    before = snapshot(db)
    actual, out, err = run(*args, now=None if "--now" in args else NOW_ISO)
    assert actual == code, err
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err
    assert snapshot(db) == before


def test_now_starts_the_clock_at_that_instant(run: Runner, db: Path) -> None:
    run.add("--body", "hello", now="2026-03-08T06:59:30-05:00")
    repo = Repository.open(db)
    try:
        [message] = repo.messages()
        start = parse_instant("2026-03-08T11:59:30Z")
        assert timedelta(0) <= message.sent_at - start < timedelta(minutes=5)
        [entry] = repo.audit()
        assert timedelta(0) <= entry.at - start < timedelta(minutes=5)
    finally:
        repo.close()


def test_cockpit_db_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "from-env" / "env.sqlite3"
    monkeypatch.setenv("COCKPIT_DB", str(target))
    assert cli.main(["--now", NOW_ISO, "add", "--to", "X", "--body", "b"]) == 0
    assert capsys.readouterr().out == "1\n"
    assert target.exists()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    # --db wins over the environment
    other = tmp_path / "other.sqlite3"
    assert cli.main(["--db", str(other), "--now", NOW_ISO, "add", "--to", "Y", "--body", "c"]) == 0
    assert capsys.readouterr().out == "1\n"


def test_actor_is_recorded(run: Runner) -> None:
    message_id = run.add("--body", "hi")
    run("--actor", "carol", "recall", str(message_id))
    code, out, _ = run("audit", "--json")
    assert code == 0
    entries = json.loads(out)
    assert [(e["action"], e["actor"]) for e in entries] == [("add", "alice"), ("recall", "carol")]


def test_audit_json_shape(run: Runner) -> None:
    message_id = run.add("--body", "hi", "--batch", "b1")
    run("recall", str(message_id), "--reason", "typo")
    code, out, _ = run("audit", "--json")
    assert code == 0
    entries = json.loads(out)
    assert [e["seq"] for e in entries] == [1, 2]
    for entry in entries:
        assert set(entry) >= AUDIT_FIELDS
        assert entry["at"].endswith("Z")
        assert isinstance(entry["details"], dict)
        assert len(entry["hash"]) == 64
    recall = entries[1]
    assert (recall["action"], recall["message_id"], recall["batch"]) == ("recall", 1, "b1")
    assert (recall["from_status"], recall["to_status"], recall["reason"]) == ("sent", "recalled", "typo")
    assert recall["prev_hash"] == entries[0]["hash"]


def test_audit_csv_out_is_private_and_formula_safe(run: Runner, tmp_path: Path) -> None:
    message_id = run.add("--body", "hi")
    run("recall", str(message_id), "--reason", '=HYPERLINK("http://evil")')
    out_file = tmp_path / "exports" / "audit.csv"
    code, out, _ = run("audit", "--csv", "--out", str(out_file))
    assert (code, out) == (0, "")
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    with out_file.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert set(rows[0]) >= AUDIT_FIELDS
    assert rows[1]["reason"] == '\'=HYPERLINK("http://evil")'
    assert [row["action"] for row in rows] == ["add", "recall"]


def test_list_and_show_json_fields(run: Runner) -> None:
    message_id = run.add("--body", "Hi Priya", "--ago", "10m", "--state", "TX")
    code, out, err = run("list", "--json")
    assert code == 0, err
    [item] = json.loads(out)
    assert set(item) >= MESSAGE_FIELDS
    assert item["id"] == message_id
    assert item["sent_at"].endswith("Z") and item["deadline"].endswith("Z")
    assert parse_instant(item["deadline"]) - parse_instant(item["sent_at"]) == timedelta(minutes=60)
    assert 49 * 60 <= item["seconds_left"] <= 50 * 60 + 1
    assert (item["phase"], item["status"], item["recipient_state"]) == ("open", "sent", "TX")
    assert set(item["credit"]) >= {"state", "refund_deadline"}
    assert item["credit"]["state"] == "consumed"
    assert isinstance(item["leaks"], list) and isinstance(item["risks"], list)
    for leak in item["leaks"]:
        assert {"code", "detail", "until"} <= set(leak)
    for risk in item["risks"]:
        assert {
            "code",
            "severity",
            "evidence",
            "start",
            "end",
            "in_preview",
            "statute",
            "penalty_usd",
        } <= set(risk)
    code, out, _ = run("show", str(message_id), "--json")
    assert code == 0
    shown = json.loads(out)
    assert MESSAGE_FIELDS | {"body", "revisions", "audit"} <= set(shown)
    assert shown["body"] == "Hi Priya"
    assert [e["action"] for e in shown["audit"]] == ["add"]


def test_list_text_and_show_text(run: Runner) -> None:
    run.add("--body", "Hi [/] \x1b[31m", "--ago", "10m")
    code, out, _ = run("list")
    assert code == 0 and "Priya Raman" in out
    code, out, _ = run("show", "1")
    assert code == 0
    assert "\x1b" not in out


def test_first_command_on_an_empty_database(run: Runner, db: Path) -> None:
    db.touch(mode=0o600)  # an empty file is an empty SQLite database
    code, out, _ = run("audit", "verify")
    assert code == 0 and "0 entries" in out


def subprocess_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COCKPIT_")}
    env["HOME"] = str(tmp_path)
    return env


def test_console_script_and_python_m(tmp_path: Path) -> None:
    db = tmp_path / "sub.sqlite3"
    env = subprocess_env(tmp_path)
    script = VENV_BIN / "cockpit"
    added = subprocess.run(
        [str(script), "--db", str(db), "--now", NOW_ISO, "add", "--to", "P", "--body", "hi"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert (added.returncode, added.stdout) == (0, "1\n"), added.stderr
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    repo = Repository.open(db)
    late = Actions(repo, FixedClock(NOW), load_policy(), "alice").add_send(make_send(61))
    repo.close()
    recalled = subprocess.run(
        [sys.executable, "-m", "cockpit", "--db", str(db), "--now", NOW_ISO, "recall", "1", str(late)],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert recalled.returncode == 0, recalled.stderr
    assert recalled.stdout.splitlines()[0] == "recalled 1 of 2"
    assert f"skipped {late}: the 60-minute window closed" in recalled.stdout
    verified = subprocess.run(
        [str(script), "--db", str(db), "audit", "verify"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    assert "3 entries" in verified.stdout


def test_add_refuses_text_that_is_not_utf8_and_writes_nothing(tmp_path, capsys) -> None:
    from cockpit.cli import main

    db = tmp_path / "u.sqlite3"
    body = b"Hi \x9b31m".decode("utf-8", "surrogateescape")  # how Python receives a raw byte in argv
    assert main(["--db", str(db), "add", "--to", "Ann", "--body", body]) == 1
    err = capsys.readouterr().err
    assert "body: not valid UTF-8" in err
    assert main(["--db", str(db), "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_demo_fresh_rebuilds_only_the_default_demo_database(tmp_path, capsys, monkeypatch) -> None:
    from cockpit import paths
    from cockpit.cli import main

    demo = tmp_path / "data" / "demo.sqlite3"
    monkeypatch.setattr(paths, "demo_db_path", lambda: demo)
    monkeypatch.delenv("COCKPIT_DB", raising=False)
    assert main(["--now", "2026-11-28T15:00:00Z", "demo", "--no-tui"]) == 0
    assert main(["--db", str(demo), "--now", "2026-11-28T16:00:00Z", "demo", "--fresh", "--no-tui"]) == 1
    assert "never deletes" in capsys.readouterr().err
    assert main(["--now", "2026-11-28T16:00:00Z", "demo", "--fresh", "--no-tui"]) == 0
    out = capsys.readouterr().out
    assert "demo: 60 recruiter sends" in out


def test_demo_no_tui_prints_the_incident_command_that_works(tmp_path, capsys, monkeypatch) -> None:
    import shlex

    from cockpit.cli import main

    db = tmp_path / "demo day.sqlite3"
    assert main(["--db", str(db), "--now", "2026-11-28T15:00:00Z", "demo", "--no-tui"]) == 0
    out = capsys.readouterr().out
    command = f"cockpit --db {shlex.quote(str(db))} incident --batch q4-pricing-blast"
    assert command in out.splitlines()[-1]
    monkeypatch.chdir(tmp_path)
    assert main(shlex.split(command)[1:]) == 0
    assert "q4-pricing-blast" in capsys.readouterr().out
