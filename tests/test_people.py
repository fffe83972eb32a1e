"""People: who logged and marked each message, one person's work (``report --actor``, ``actor:``),
and names that would not show as typed refused."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import REPO_ROOT, Runner, snapshot


def _add(run: Runner, actor: str, to: str, *extra: str) -> int:
    code, out, err = run("--actor", actor, "add", "--to", to, "--body", f"Hi {to}", "--ago", "3m", *extra)
    assert code == 0, err
    return int(out)


def _team(run: Runner) -> dict[str, int]:
    """Dana logs two sends and Bob one; Bob recalls one of Dana's, Dana comments on Bob's."""
    ids = {
        "dana_1": _add(run, "dana", "Priya Raman"),
        "dana_2": _add(run, "dana", "Lee Park"),
        "bob_1": _add(run, "bob", "Ana Lima"),
    }
    assert run("--actor", "bob", "recall", str(ids["dana_2"]), "--reason", "wrong role")[0] == 0
    assert run("--actor", "dana", "comment", str(ids["bob_1"]), "looks fine")[0] == 0
    return ids


def test_report_by_actor_covers_what_they_logged_and_marked(run: Runner) -> None:
    ids = _team(run)
    code, out, err = run("report", "--json", "--actor", "BOB")
    assert code == 0, err
    report = json.loads(out)
    assert report["messages"] == 2  # the one Bob logged and the one he recalled
    assert report["by_status"]["recalled"] == 1
    assert report["actor"] == {
        "name": "BOB",
        "names": ["bob"],
        "logged": 1,
        "marked": {"recall": 1, "edit": 0, "revert": 0},
        "messages": 2,
        "entries": {"add": 1, "recall": 1},
        "first": report["actor"]["first"],
        "last": report["actor"]["last"],
    }
    code, out, _ = run("report", "--json", "--actor", "dana")
    dana = json.loads(out)
    assert dana["messages"] == 2 and dana["actor"]["entries"] == {"add": 2, "comment": 1}
    code, out, _ = run("list", "--csv", "--filter", "actor:bob")
    listed = {int(line.split(",")[0]) for line in out.splitlines()[1:]}
    assert listed == {ids["dana_2"], ids["bob_1"]}
    code, out, _ = run("list", "--csv", "--filter", "-actor:bob")
    assert {int(line.split(",")[0]) for line in out.splitlines()[1:]} == {ids["dana_1"]}
    code, out, _ = run("--tz", "UTC", "report", "--actor", "bob")
    assert code == 0 and "Work of bob" in out and "add 1, recall 1" in out
    code, out, _ = run("report", "--actor", "nobody")
    assert code == 0 and "no audit entry" in out and "0 messages" in out


def test_report_by_actor_counts_an_import_as_logged_by_its_actor(run: Runner) -> None:
    code, _, err = run("--actor", "carol", "import", str(REPO_ROOT / "data/samples/sends.csv"))
    assert code == 0, err
    code, out, _ = run("report", "--json", "--actor", "carol")
    report = json.loads(out)
    assert report["actor"]["logged"] == report["messages"] > 0
    code, out, _ = run("--tz", "UTC", "show", "1")
    assert "Logged:    imported by carol at 2026-11-28 15:00 UTC from sends.csv" in out


def test_show_names_who_marked_and_when(run: Runner) -> None:
    ids = _team(run)
    _, out, _ = run("--tz", "UTC", "show", str(ids["dana_2"]))
    assert "Logged:    added by dana at 2026-11-28 15:00 UTC" in out
    assert "Status:    recalled (version 2); marked recalled by bob at 2026-11-28 15:00 UTC" in out
    assert run("--actor", "carol", "revert", str(ids["dana_2"]), "--reason", "not deleted")[0] == 0
    _code, out, _ = run("--tz", "UTC", "show", str(ids["dana_2"]))
    assert "Status:    sent (version 3); mark reverted by carol at 2026-11-28 15:00 UTC" in out
    body = Path(run.db).with_name("body.txt")
    body.write_text("Hi Lee, the right role this time.")
    assert run("--actor", "dana", "edit", str(ids["dana_2"]), "--body-file", str(body))[0] == 0
    _, out, _ = run("--tz", "UTC", "show", str(ids["dana_2"]))
    assert "Status:    edited (version 4); marked edited by dana at 2026-11-28 15:00 UTC" in out


def test_a_conflict_names_who_won_and_when(run: Runner) -> None:
    ids = _team(run)
    code, _, err = run("--actor", "dana", "recall", str(ids["dana_2"]))
    assert code == 3 and "already recalled by bob at 2026-11-28T15:00:00" in err


def test_actor_names_with_control_characters_are_refused(run: Runner, db: Path) -> None:
    _add(run, "dana", "Priya Raman")
    before = snapshot(db)
    for name in ("ev\x1b[2Jil", "bob\u202e", "a\nb", "  "):
        code, _, err = run("--actor", name, "recall", "1")
        assert code == 1 and "--actor" in err and "\x1b" not in err
        code, _, err = run("report", "--actor", name)
        assert code == 1 and "report --actor" in err
    assert snapshot(db) == before
