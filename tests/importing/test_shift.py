"""``import --shift-to-now``: a file's times moved by one offset so its newest send was 2 minutes ago."""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.service import import_file
from cockpit.store.verify import verify_audit
from tests.conftest import NOW
from tests.importing.conftest import CliResult

pytestmark = pytest.mark.all_backends

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FILE_NEWEST = datetime(2026, 11, 27, 14, 20, tzinfo=UTC)  # Tomás, the newest send in sends.csv


def test_sends_file_times_move_together(cockpit: Cockpit) -> None:
    report = import_file(cockpit, str(SAMPLES / "sends.csv"), shift_to_now=True)
    assert report.outcome is not None and report.outcome.imported == 4
    offset = NOW - timedelta(minutes=2) - FILE_NEWEST
    sent = {m.recipient: m.sent_at for m in cockpit.repo.messages()}
    assert sent["Tomás Ibarra"] == NOW - timedelta(minutes=2)
    assert sent["Priya Raman"] == datetime(2026, 11, 27, 14, 5, tzinfo=UTC) + offset  # the gaps are kept
    assert sent["Lena Hoffmann"] == datetime(2026, 11, 27, 14, 12, tzinfo=UTC) + offset
    assert report.outcome.open_windows == 4
    entry = cockpit.repo.audit()[-1]
    assert entry.details["shift"] == {
        "seconds": int(offset.total_seconds()),
        "newest_sent_in_file": "2026-11-27T14:20:00Z",
        "newest_sent_shifted": "2026-11-28T14:58:00Z",
    }
    assert verify_audit(cockpit.repo).ok
    again = import_file(cockpit, str(SAMPLES / "sends.csv"), shift_to_now=True)  # the keys are the file's
    assert again.outcome is not None and (again.outcome.imported, again.duplicates) == (0, 4)


def test_a_linkedin_export_is_shifted_with_its_responses(cockpit: Cockpit) -> None:
    report = import_file(cockpit, str(SAMPLES / "messages.csv"), shift_to_now=True)
    assert report.outcome is not None and report.outcome.imported == 3
    offset = NOW - timedelta(minutes=2) - datetime(2026, 11, 27, 14, 5, tzinfo=UTC)  # Priya, the newest
    by_name = {m.recipient: m for m in cockpit.repo.messages()}
    assert by_name["Priya Raman"].sent_at == NOW - timedelta(minutes=2)
    jose = by_name["José Alvarez"]
    assert jose.sent_at == datetime(2026, 11, 27, 13, 40, tzinfo=UTC) + offset
    assert jose.replied_at == datetime(2026, 11, 27, 13, 52, tzinfo=UTC) + offset  # accepted, 12 min later
    # Priya's reply came 26 minutes after her send: after now, once shifted, so it is not recorded.
    assert by_name["Priya Raman"].replied_at is None
    assert verify_audit(cockpit.repo).ok


def test_a_file_dated_in_the_future_is_shifted_back(cockpit: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "future.csv"
    path.write_text(
        "sent_at,recipient,body\n2027-03-01T10:00:00Z,Priya Raman,Hi\n2027-03-01T10:30:00Z,Sam Okafor,Hi\n",
        encoding="utf-8",
    )
    assert not import_file(cockpit, str(path)).written  # more than a day in the future: refused
    report = import_file(cockpit, str(path), shift_to_now=True)
    assert report.outcome is not None and report.outcome.imported == 2
    assert report.shift is not None and report.shift.offset < timedelta(0)
    assert sorted(m.sent_at for m in cockpit.repo.messages()) == [
        NOW - timedelta(minutes=32),
        NOW - timedelta(minutes=2),
    ]


def test_the_summary_says_how_far(cli: Callable[..., CliResult]) -> None:
    result = cli("import", str(SAMPLES / "sends.csv"), "--shift-to-now")
    assert result.code == 0, result.err
    assert (
        "  shifted     times shifted by 1 d 0 h so the newest send is 2 min ago "
        "(--shift-to-now; recorded in the audit entry)"
    ) in result.out
    assert "4 of 4 arrived with the recall window still open" in result.out
    listed = json.loads(cli("list", "--json").out)
    assert {m["phase"] for m in listed} == {"open"}
    assert min(m["seconds_left"] for m in listed) > 0


def _readme_block(marker: str) -> list[str]:
    """The command lines of the README's ``sh`` block that contains ``marker``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        if marker in block:
            return [line for line in block.splitlines() if line.strip()]
    raise AssertionError(f"no README block with {marker!r}")


def test_the_readme_example_shows_live_countdowns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink(ROOT / "data", tmp_path / "data")
    outputs = []
    for line in _readme_block("--shift-to-now"):
        argv = shlex.split(line, comments=True)
        assert argv[0] == "cockpit"
        capsys.readouterr()
        assert main(argv[1:]) == 0, line
        outputs.append(capsys.readouterr().out)
    listed = outputs[-1]
    assert "Priya Raman" in listed and "open" in listed and "closed" not in listed


def test_the_readme_import_examples_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink(ROOT / "data", tmp_path / "data")
    db = str(tmp_path / "readme.sqlite3")
    assert main(["--db", db, "seat", "add", "dana", "--plan", "recruiter"]) == 0
    for line in _readme_block("data/samples/sends.jsonl --skip-invalid"):
        argv = shlex.split(line, comments=True)
        assert main(["--db", db, *argv[1:]]) == 0, line
    out = capsys.readouterr().out
    assert "linked      1 row matched a send stored from another file" in out
    assert main(["--db", db, "audit", "verify"]) == 0
