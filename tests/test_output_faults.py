"""Standard output under faults: a failed write is an error, not a cut file; data reaching a terminal
never carries a control sequence; JSON escapes every invisible character; actors are plain names."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.cli import output
from cockpit.errors import OutputFailed
from cockpit.services.export import json_text
from cockpit.store.convert import load_details, repeated_key
from cockpit.text import UNSAFE_CODES, terminal_safe
from tests.terminal import on_a_terminal as _on_a_terminal
from tests.test_cli import NOW_ISO, Runner

HOSTILE = (
    "\x1b]52;c;ZXZpbA==\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\x9b31m "
    "\u202egnp.exe \u200b\U000e0041\U000e0042 \x90dcs\x9c =SUM(A1)"
)
COMMANDS = (
    ("list", "--csv"),
    ("list",),
    ("list", "--json"),
    ("audit", "--csv"),
    ("audit", "--json"),
    ("audit",),
    ("report",),
    ("report", "--json"),
    ("show", "1"),
    ("show", "1", "--json"),
)


def _cockpit(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cockpit", "--db", str(db), "--now", NOW_ISO, *args]


@pytest.fixture
def hostile_db(run: Runner, db: Path) -> Path:
    """A database whose one message has a hostile subject, body and recipient."""
    code, _, err = run("add", "--to", "Mallory " + HOSTILE, "--subject", HOSTILE, "--body", "Hi " + HOSTILE)
    assert code == 0, err
    return db


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk_on_standard_output_is_an_error_naming_it(
    hostile_db: Path, args: tuple[str, ...]
) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(_cockpit(hostile_db, *args), stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert "cannot write standard output (No space left on device)" in done.stderr
    assert "internal error" not in done.stderr


def test_a_write_the_file_system_takes_only_in_part_is_finished_or_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    written = bytearray()
    calls = []

    def partial_write(fd: int, data: memoryview) -> int:
        calls.append(len(data))
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        piece = bytes(data[:1000])
        written.extend(piece)
        return len(piece)

    with open(tmp_path / "out.txt", "w") as target:  # a stream with a descriptor, as stdout
        monkeypatch.setattr(sys, "stdout", target)
        monkeypatch.setattr(os, "write", partial_write)
        output.write_stdout("x" * 2500)
        assert bytes(written) == b"x" * 2500 and calls == [2500, 1500, 500]
        with pytest.raises(OutputFailed, match="No space left on device"):
            output.write_stdout("y" * 5000)
        monkeypatch.undo()


def test_a_closed_pipe_stays_quiet(hostile_db: Path) -> None:
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    done = subprocess.run(_cockpit(hostile_db, "audit", "--csv"), stdout=reader.stdin, stderr=subprocess.PIPE)
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait()
    assert done.returncode == 0 and done.stderr == b""


def _raw_sequences(seen: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in seen if ord(ch) in UNSAFE_CODES})


@pytest.mark.parametrize("args", [a for a in COMMANDS if a != ("report",)], ids=" ".join)
def test_data_reaches_a_terminal_without_any_control_sequence(
    hostile_db: Path, args: tuple[str, ...]
) -> None:
    seen = _on_a_terminal(_cockpit(hostile_db, *args)).decode("utf-8")
    assert _raw_sequences(seen) == []
    assert seen.strip() and "cockpit:" not in seen
    if args[0] in ("list", "show"):
        assert "Mallory" in seen


def test_the_report_on_a_terminal_keeps_its_styling_but_no_data_sequence(hostile_db: Path) -> None:
    seen = _on_a_terminal(_cockpit(hostile_db, "report")).decode("utf-8")
    assert "\x1b]" not in seen and "\x9b" not in seen and "\u202e" not in seen and "\U000e0041" not in seen


def test_csv_to_a_file_keeps_the_exact_text_formula_safe(hostile_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "list.csv"
    with target.open("w") as handle:
        done = subprocess.run(_cockpit(hostile_db, "list", "--csv"), stdout=handle, stderr=subprocess.PIPE)
    assert done.returncode == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows[0]["subject"] == HOSTILE
    piped = subprocess.run(_cockpit(hostile_db, "list", "--csv"), capture_output=True)
    assert piped.stdout == target.read_bytes()  # exact text in a pipe, as in a file


def test_terminal_safe_keeps_the_layout_and_replaces_the_rest() -> None:
    assert terminal_safe("a,b\r\nc\td\n") == "a,b\nc\td\n"
    assert terminal_safe("over\rwrite") == "overwrite"
    shown = terminal_safe(HOSTILE)
    assert _raw_sequences(shown) == []
    assert "\u27e8RLO\u27e9" in shown and "\u27e8U+E0041\u27e9" in shown


def test_json_escapes_tag_and_other_invisible_characters_and_stays_exact() -> None:
    value = "tag\U000e0041 soft\u00ad c1\x85 bidi\u2067 lone\ud800"
    text = json_text({"v": value})
    assert _raw_sequences(text) == []
    assert "\\udb40\\udc41" in text and "\\u00ad" in text
    assert json.loads(text) == {"v": value}


@pytest.mark.parametrize(
    "name", ["eve\x1b]52;c;AAAA\x07", "eve\u202e", "eve\u200b", "eve\U000e0041", "eve\tx", "   ", "x" * 101]
)
def test_an_actor_with_control_or_invisible_characters_is_refused(run: Runner, db: Path, name: str) -> None:
    code, out, err = run("--actor", name, "add", "--to", "Priya", "--subject", "Hi", "--body", "Hello")
    assert code == 1 and out == ""
    assert "--actor" in err and "\x1b" not in err
    assert not db.exists()


def test_a_plain_actor_with_accents_is_kept(run: Runner) -> None:
    name = "Zoë O'Brien-Ng"
    code, _, err = run("--actor", name, "add", "--to", "Priya", "--subject", "Hi", "--body", "Hello")
    assert code == 0, err
    code, out, _ = run("audit", "--json")
    assert json.loads(out)[-1]["actor"] == name


def test_details_naming_a_key_twice_are_unreadable() -> None:
    assert repeated_key('{"reason":"a","reason":"b"}') == "reason"
    assert repeated_key('{"a":{"b":1,"b":2}}') == "b"
    assert repeated_key('{"a":1,"b":2}') is None and repeated_key("{}") is None
    assert load_details('{"a":1,"a":2}') == {"unreadable": '{"a":1,"a":2}'}
