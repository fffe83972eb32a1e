"""The hostile corpus through every command that prints, on a real pseudo-terminal: no crash, no raw
control sequence, and in files and pipes the exact text, nothing silently dropped."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.policy import load_policy
from cockpit.services.actions import Actions
from cockpit.store.repository import Repository
from cockpit.text import UNSAFE_CODES
from tests.conftest import NOW
from tests.hostile.corpus import corpus_sends, hostile_strings
from tests.terminal import run_on_a_terminal

NOW_ISO = "2026-11-28T15:00:00Z"
STRINGS = hostile_strings()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One message per hostile string: as its subject, its body and (cut) its recipient, in batches
    named by it too; the worst ones also commented, recalled and edited."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.sqlite3"
    repo = Repository.open(db, drill=True)  # written at a fixed time: a drill database
    actions = Actions(repo, FixedClock(NOW), load_policy(), "[/]dana\u202e")
    ids = actions.add_sends(corpus_sends(STRINGS))
    for message_id, text in list(zip(ids, STRINGS, strict=True))[:60]:
        actions.comment(message_id, "note " + text)
    for message_id in ids[:60:3]:
        actions.recall_one(message_id, reason="oops " + STRINGS[message_id % len(STRINGS)])
    actions.edit(ids[1], "Hello again " + STRINGS[5], reason=STRINGS[7])
    repo.close()
    subprocess.run(_cockpit(db, "judge"), check=True, capture_output=True)  # no progress bar later
    yield db


def _cockpit(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cockpit", "--db", str(db), "--now", NOW_ISO, *args]


def _raw(seen: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in seen if ord(ch) in UNSAFE_CODES})


PRINTING = (
    ("list",),
    ("list", "--csv"),
    ("list", "--json"),
    ("list", "--filter", "risk:any"),
    ("show", "1"),
    ("show", "2", "--json"),
    ("show", "29"),
    ("audit",),
    ("audit", "--csv"),
    ("audit", "--json"),
    ("report",),
    ("report", "--json"),
    ("plan",),
    ("incident", "--filter", "risk:any"),
    ("seat", "list"),
)


@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_every_printing_command_shows_the_corpus_without_a_raw_sequence(
    corpus_db: Path, args: tuple[str, ...]
) -> None:
    code, seen = run_on_a_terminal(_cockpit(corpus_db, *args))
    text = seen.decode("utf-8")
    assert code == 0, text[-2000:]
    assert "internal error" not in text and "Traceback" not in text
    if args[0] == "report" and len(args) == 1:  # Rich's own styling; nothing from the data
        assert "\x1b]" not in text and _raw(text.replace("\x1b", "")) == []
        return
    assert _raw(text) == [], repr(text[max(0, text.find("\x1b") - 300) : text.find("\x1b") + 80])


def test_json_in_a_pipe_keeps_every_string_exactly(corpus_db: Path) -> None:
    done = subprocess.run(_cockpit(corpus_db, "list", "--json"), capture_output=True, check=True)
    assert _raw(done.stdout.decode("utf-8")) == []  # escaped inside the JSON strings
    subjects = {item["subject"] for item in json.loads(done.stdout)}
    assert subjects >= {text[:1000] for text in STRINGS if text not in (STRINGS[1],)}


def test_csv_to_a_file_keeps_every_string_exactly(corpus_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    subprocess.run(_cockpit(corpus_db, "list", "--csv", "--out", str(target)), check=True)
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8"), newline="")))
    assert len(rows) == len(STRINGS)
    kept = {row["subject"].removeprefix("'") for row in rows}
    assert kept >= {text[:1000] for text in STRINGS if text not in (STRINGS[1],)}


def test_a_nul_is_refused_with_the_field_named(tmp_path: Path) -> None:
    db, body = tmp_path / "nul.sqlite3", tmp_path / "body.txt"
    body.write_bytes(b"Hello\x00there")
    done = subprocess.run(
        _cockpit(db, "add", "--to", "Priya", "--subject", "x", "--body-file", str(body)),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "body: contains a NUL byte" in done.stderr
    assert (
        not db.exists()
        or "Priya" not in subprocess.run(_cockpit(db, "list"), capture_output=True, text=True).stdout
    )
