"""Exports: formula-safe CSV cells (``list --csv``, ``audit --csv``) and atomic 0600 writes."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.services.export import csv_text, neutralise_cell, write_output
from tests.conftest import NOW

RISKY = ["=1+2", "+1 555 0100", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("value", RISKY)
def test_risky_cells_are_neutralised(value: str) -> None:
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Priya", "Priya"),
        ("a=b", "a=b"),
        (None, ""),
        (True, "true"),
        (False, "false"),
        (-5, "-5"),
        (2.5, "2.5"),
        ("", ""),
    ],
)
def test_ordinary_cells_are_left_alone(value: object, expected: str) -> None:
    assert neutralise_cell(value) == expected


def test_csv_text_neutralises_every_cell_and_round_trips() -> None:
    text = csv_text(["a", "b"], [["=1+2", 'say "hi",\nthen go'], ["@x", -3]])
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["a", "b"], ["'=1+2", 'say "hi",\nthen go'], ["'@x", "-3"]]


def test_write_output_is_atomic_and_private(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    os.chmod(target, 0o644)
    write_output("new text", str(target))
    assert target.read_text() == "new text"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary file left


def test_write_output_to_a_folder_is_bad_input(tmp_path: Path) -> None:
    from cockpit.errors import BadInput

    with pytest.raises(BadInput, match="is a folder"):
        write_output("x", str(tmp_path))


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    from cockpit.errors import BadInput

    with pytest.raises(BadInput, match="cannot write it"):
        write_output("new", str(target))
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def _cockpit(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--now", NOW.isoformat(), "--actor", "alice", *args])


def test_list_csv_and_audit_csv_json_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    for subject in RISKY:
        assert (
            _cockpit(db, "add", "--to", "Priya Raman", f"--subject={subject}", "--body", "Hi", "--ago", "5m")
            == 0
        )
    assert _cockpit(db, "recall", "1", "--reason==cmd|' /C calc'!A0") == 0
    capsys.readouterr()

    out = tmp_path / "list.csv"
    assert _cockpit(db, "list", "--csv", "--out", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode(), newline="")))
    rows.sort(key=lambda r: int(r["id"]))  # listed in the cockpit's triage order
    assert [r["subject"] for r in rows] == ["'" + s for s in RISKY]
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))

    audit_csv = tmp_path / "audit.csv"
    assert _cockpit(db, "audit", "--csv", "--out", str(audit_csv)) == 0
    assert stat.S_IMODE(audit_csv.stat().st_mode) == 0o600
    audit_rows = list(csv.DictReader(io.StringIO(audit_csv.read_bytes().decode(), newline="")))
    assert audit_rows[-1]["reason"] == "'=cmd|' /C calc'!A0"

    audit_json = tmp_path / "audit.json"
    assert _cockpit(db, "audit", "--json", "--out", str(audit_json)) == 0
    assert stat.S_IMODE(audit_json.stat().st_mode) == 0o600
    entries = json.loads(audit_json.read_text())
    assert entries[-1]["reason"] == "=cmd|' /C calc'!A0"  # JSON keeps the data as it is
    assert [e["seq"] for e in entries] == list(range(1, len(RISKY) + 2))


def test_json_text_escapes_terminal_controls_and_round_trips() -> None:
    import json

    from cockpit.services.export import json_text

    hostile = "Q3 [/] \x1b[2J \x9b31m \u202egnp.exe \u200d é"
    text = json_text({"subject": hostile})
    for raw in ("\x1b", "\x9b", "\u202e", "\u200d"):
        assert raw not in text
    assert "é" in text
    assert json.loads(text) == {"subject": hostile}
