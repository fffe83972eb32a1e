"""The command line's newer promises: option values starting with ``-``, a missing database is
reported and never created, ``--tz`` for human-readable times, and ISO 8601 for ``--ago``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cockpit import cli
from cockpit.cli.parser import build_parser

NOW_ISO = "2026-11-28T15:00:00Z"
MISSING = "no database at {}; `cockpit demo` or `cockpit import` creates one"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "c.sqlite3"
    for subject, ago in (("Hello", "10m"), ("Later", "2h")):
        code, _, err = run(
            capsys, "--db", str(path), "--now", NOW_ISO, "add", "--to", "Ann", "--subject", subject,
            "--body", "Hi", "--ago", ago, "--batch", "b1",
        )  # fmt: skip
        assert code == 0, err
    return path


# -- option values that start with "-" -----------------------------------------------------------


def test_a_filter_starting_with_a_dash_is_its_value(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", str(db), "--now", NOW_ISO, "recall", "1")[0] == 0
    code, out, err = run(
        capsys, "--db", str(db), "--now", NOW_ISO, "list", "--json", "--filter", "-status:recalled"
    )
    assert code == 0, err
    assert [m["id"] for m in json.loads(out)] == [2]


def test_values_starting_with_a_dash_for_text_options(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--db", str(db), "--now", NOW_ISO, "add", "--to", "-Bo", "--subject", "--- urgent",
        "--body", "-5 degrees", "--ago", "1m",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "--db", str(db), "--now", NOW_ISO, "show", out.strip(), "--json")
    shown = json.loads(out)
    assert (shown["recipient"], shown["subject"], shown["body"]) == ("-Bo", "--- urgent", "-5 degrees")
    code, out, err = run(capsys, "--db", str(db), "--now", NOW_ISO, "recall", "1", "--reason", "-typo")
    assert code == 0, err


def test_a_prefix_of_an_option_takes_a_dash_value_too() -> None:
    args = build_parser().parse_args(["list", "--filt", "-status:recalled"])
    assert args.filter == "-status:recalled"
    args = build_parser().parse_args(["--db", "-odd.db", "list"])
    assert args.db == "-odd.db"


def test_an_option_name_after_an_option_is_not_taken_as_its_value(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "recall", "--reason", "--batch", "b1")
    assert code == 2 and "--reason" in err


def test_a_negative_ago_is_bad_input_not_usage(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--db", str(db), "--now", NOW_ISO, "add", "--to", "X", "--body", "b", "--ago", "-5m"
    )
    assert (code, out) == (1, "")
    assert "--ago '-5m'" in err and len(err.splitlines()) == 1


# -- a database that does not exist ---------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["list"], ["list", "--json"], ["show", "1"], ["report"], ["report", "--json"],
        ["incident", "--batch", "b1"], ["audit"], ["audit", "verify"], ["seat"], ["seat", "list"],
        ["recall", "1"], ["edit", "1", "--body", "x"], ["revert", "1", "--reason", "r"],
        ["observe", "1", "--opened"], [], ["db", "status"], ["db", "upgrade"],
    ],
)  # fmt: skip
def test_reading_a_mistyped_database_says_so_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    typo = tmp_path / "sub" / "typo.db"
    code, out, err = run(capsys, "--db", str(typo), "--now", NOW_ISO, *command)
    assert (code, out) == (1, "")
    assert err == f"cockpit: {MISSING.format(typo)}\n"
    assert not typo.exists() and not typo.parent.exists()


def test_cockpit_db_naming_a_missing_file_is_reported_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typo = tmp_path / "typo.db"
    monkeypatch.setenv("COCKPIT_DB", str(typo))
    code, _, err = run(capsys, "list")
    assert code == 1 and MISSING.format(typo) in err
    assert not typo.exists()


def test_writing_commands_create_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "new" / "fresh.db"
    code, _, err = run(capsys, "--db", str(target), "seat", "add", "sam", "--plan", "recruiter")
    assert code == 0, err
    assert target.exists()
    assert run(capsys, "--db", str(target), "seat")[0] == 0


def test_recall_without_ids_or_batch_is_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "recall", "--reason", "oops")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "at least one message id or --batch" in err


# -- the user's time zone ---------------------------------------------------------------------------


def test_tz_shows_local_times_in_text_and_keeps_json_utc(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--db", str(db), "--now", NOW_ISO, "--tz", "America/Chicago")
    code, out, err = run(capsys, *base, "show", "1")
    assert code == 0, err
    # the clock runs from --now in each command, so "10" may be "9" by a few milliseconds
    assert re.search(r"  Sent:      2026-11-28 08:50 CST \((10|9) minutes ago\) from desktop", out)
    assert re.search(r"Deadline:  2026-11-28 09:50 CST, closes in (50|49) minutes  \(open, ", out)
    code, out, _ = run(capsys, *base, "show", "2")
    assert "closed 1 hour ago" in out
    code, out, _ = run(capsys, *base, "audit")
    assert "2026-11-28 09:00:0" in out and " CST  " in out
    code, out, _ = run(capsys, *base, "report")
    assert "2026-11-28 09:00:00 CST" in out
    code, out, _ = run(capsys, *base, "list", "--json")
    sent_at = json.loads(out)[0]["sent_at"]
    assert sent_at.startswith("2026-11-28T14:50:") and sent_at.endswith("Z")


def test_tz_environment_variable_and_unknown_zone(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    code, out, _ = run(capsys, "--db", str(db), "--now", NOW_ISO, "show", "1")
    assert code == 0 and "2026-11-28 20:20 IST" in out
    code, out, err = run(capsys, "--db", str(db), "--now", NOW_ISO, "--tz", "Mars/Olympus", "list")
    assert (code, out) == (1, "")
    assert "'Mars/Olympus'" in err and "unknown time zone" in err


# -- ISO 8601 for --ago and --sent-at --------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "sent_at"),
    [
        ("--ago", "PT5M", "2026-11-28T14:55:00Z"),
        ("--ago", "P1DT2H", "2026-11-27T13:00:00Z"),
        ("--ago", "1h30m", "2026-11-28T13:30:00Z"),
        ("--ago", "90s", "2026-11-28T14:58:30Z"),
        ("--sent-at", "20261128T1000-0500", "2026-11-28T15:00:00Z"),
        ("--sent-at", "2026-W48-6T14:00Z", "2026-11-28T14:00:00Z"),
        ("--sent-at", "2026-11-28T14:00:00+05:30", "2026-11-28T08:30:00Z"),
    ],
)
def test_send_times_in_every_accepted_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, sent_at: str
) -> None:
    db = tmp_path / "t.db"
    fixed = ("--db", str(db), "--now", NOW_ISO)
    code, out, err = run(capsys, *fixed, "add", "--to", "X", "--body", "b", option, value)
    assert code == 0, err
    code, out, _ = run(capsys, *fixed, "list", "--json")
    assert json.loads(out)[0]["sent_at"][:17] == sent_at[:17]


@pytest.mark.parametrize(
    ("option", "value", "needle"),
    [
        ("--ago", "P1M", "years and months"),
        ("--ago", "PT", "ISO 8601 duration"),
        ("--ago", "P5X", "ISO 8601 duration"),
        ("--ago", "P99999999999D", "too long"),
        ("--sent-at", "2026-11-28T10:00", "offset"),
        ("--sent-at", "20261128T1000", "offset"),
        ("--sent-at", "2026-11-28", "not a date and time"),
        ("--sent-at", "soon", "--sent-at"),
    ],
)
def test_bad_send_times_are_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, needle: str
) -> None:
    db = tmp_path / "t.db"
    code, out, err = run(
        capsys, "--db", str(db), "--now", NOW_ISO, "add", "--to", "X", "--body", "b", option, value
    )
    assert (code, out) == (1, ""), err
    assert needle in err and len(err.splitlines()) == 1


def test_list_sort_choices_are_the_live_models_sorts() -> None:
    from cockpit.cli.parser import SORTS
    from cockpit.live.view import SORT_NAMES

    assert SORTS == SORT_NAMES


def test_list_orders_as_the_cockpit_does(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "--now", NOW_ISO, "list", "--json", "--sort", "newest")
    assert code == 0
    sent = [item["sent_at"] for item in json.loads(out)]
    assert sent == sorted(sent, reverse=True)
    code, out, _ = run(capsys, "--db", str(db), "--now", NOW_ISO, "list", "--json")
    assert code == 0
    items = json.loads(out)
    live = [i for i in items if i["phase"] in ("open", "urgent", "critical") and i["status"] != "recalled"]
    assert items[: len(live)] == live  # open windows first, as on the screen


def test_show_gives_a_sponsored_message_its_remedy_in_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.sqlite3"
    code, out, _ = run(
        capsys, "--db", str(db), "--now", NOW_ISO, "add", "--to", "Ann", "--body", "ADV: rates",
        "--channel", "sponsored", "--ago", "3m",
    )  # fmt: skip
    assert code == 0
    code, text, _ = run(capsys, "--db", str(db), "--now", NOW_ISO, "show", out.strip())
    assert code == 0
    assert "Deadline:  none: Sponsored messages have no recall: pause the campaign" in text
    data = json.loads(run(capsys, "--db", str(db), "--now", NOW_ISO, "show", out.strip(), "--json")[1])
    assert (data["phase"], data["deadline"], data["seconds_left"]) == ("none", None, None)
