"""Every view survives a row written behind the cockpit's back with an impossible time: far future,
year 9999, naive or garbage text. It is shown flagged, never a crash; the flag is the same
everywhere. A send up to a day ahead is shown with the same warning everywhere."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cockpit.domain.window import FUTURE_SEND_WARNING, UNREADABLE_TIME_WARNING
from tests.test_cli import Runner

BAD_TIMES = {
    "sent_at": [
        "9999-12-31T23:59:59.999999Z",  # year 9999: deadlines and retention overflow
        "3000-01-01T00:00:00.000000Z",  # far future
        "2026-11-28 15:00:00",  # naive text
        "garbage",
        "0001-01-01T00:00:00.000000Z",  # before any send
        12345,  # not text at all
    ],
    "recalled_at": ["nonsense"],
    "opened_at": ["9999-12-31T23:59:59.999999Z"],
}
READS = (
    ("list",), ("list", "--json"), ("list", "--csv"), ("report",), ("report", "--json"), ("plan",),
    ("plan", "--json"), ("incident", "--filter", "Person"), ("audit",), ("seat", "list"),
)  # fmt: skip


def bad_database(run: Runner, db: Path) -> dict[int, tuple[str, object]]:
    """A database whose messages each have one impossible time, written by raw SQL: id -> (column,
    value)."""
    assert run("seat", "add", "dana", "--plan", "recruiter")[0] == 0
    cases = [(column, value) for column, values in BAD_TIMES.items() for value in values]
    ids: dict[int, tuple[str, object]] = {}
    for index, case in enumerate(cases):
        ids[run.add("--body", f"Hi Person {index}", "--ago", "5m", "--seat", "dana")] = case
    conn = sqlite3.connect(db)
    with conn:
        for message_id, (column, value) in ids.items():
            extra = ", status = 'recalled'" if column == "recalled_at" else ""
            conn.execute(f"UPDATE message SET {column} = ?{extra} WHERE id = ?", (value, message_id))
    conn.close()
    return ids


def test_every_command_survives_impossible_times_and_flags_them(run: Runner, db: Path) -> None:
    ids = bad_database(run, db)
    for argv in READS:
        code, out, err = run(*argv)
        assert code == 0, (argv, err)
        assert "internal error" not in err, argv
    _, out, _ = run("list")
    flagged = [line for line in out.splitlines() if "⚠ bad time" in line]
    assert len(flagged) == len(ids)
    listed = {m["id"]: m for m in json.loads(run("list", "--json")[1])}
    for message_id, (column, _value) in ids.items():
        assert listed[message_id]["unreadable_times"] == [column]
        if column == "sent_at":
            assert listed[message_id]["phase"] == "closed"  # never offered for a recall
        code, out, err = run("show", str(message_id))
        assert code == 0, err
        assert f"⚠ Times:   {column}: {UNREADABLE_TIME_WARNING}" in out
        code, out, err = run("show", str(message_id), "--json")
        assert code == 0, err
        assert json.loads(out)["unreadable_times"] == [column]
    code, _, err = run("audit", "verify")
    assert code == 1 and "unreadable time" in err  # named by verify, not a crash


def test_a_send_up_to_a_day_ahead_is_flagged_in_list_and_show(run: Runner) -> None:
    message_id = run.add("--body", "Hi Priya", "--sent-at", "2026-11-29T09:00:00Z")
    _, out, _ = run("list")
    assert "60:00 ⚠ future" in out
    _, out, _ = run("show", str(message_id))
    assert f"[{FUTURE_SEND_WARNING}]" in out
    code, _, err = run("add", "--to", "Priya Raman", "--body", "Hi", "--sent-at", "2026-11-29T15:00:01Z")
    assert code == 1 and "more than a day in the future" in err
    code, _, err = run("add", "--to", "Priya Raman", "--body", "Hi", "--sent-at", "2000-01-01T00:00:00Z")
    assert code == 1 and "before 2003, when LinkedIn started" in err


@pytest.mark.parametrize(
    ("sent_at", "problem"),
    [
        ("2026-11-29T15:00:01Z", "more than a day in the future"),
        ("9999-12-31T23:59:59Z", "more than a day in the future"),
        ("2002-12-31T23:59:59Z", "before 2003"),
    ],
)
def test_an_import_row_out_of_range_is_refused_with_its_line(
    run: Runner, tmp_path: Path, sent_at: str, problem: str
) -> None:
    sends = tmp_path / "sends.csv"
    sends.write_text(
        f"sent_at,recipient,body\n2026-11-28T14:50:00Z,Ann Lee,Hi Ann\n{sent_at},Bo Chen,Hi Bo\n",
        encoding="utf-8",
    )
    code, out, err = run("import", str(sends))
    assert code == 1
    assert "line 3" in out + err and problem in out + err
