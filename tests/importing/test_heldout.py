"""Held-out LinkedIn exports, written with their expected figures before the importer was run on them
(``heldout/EXPECTED.md``): the figures a reviewer derived from the rules alone, asserted as printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cockpit.cli import main

HELDOUT = Path(__file__).parent / "heldout"
NOW = "2026-12-01T12:00:00Z"


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "--now", NOW, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, *extra: str) -> tuple[Path, str]:
    db = tmp_path / f"{name}.sqlite3"
    assert _run(capsys, db, "seat", "add", "rep", "--plan", "sales_navigator_core")[0] == 0
    code, out, err = _run(capsys, db, "import", str(HELDOUT / name), "--seat", "rep", *extra)
    assert code == 0, err
    return db, out + err


def _figures(summary: str) -> dict[str, str]:
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"^  (\w+)\s+(.*)$", summary, re.M)}


def _verified(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = _run(capsys, db, "audit", "verify")
    assert code == 0 and "audit log OK" in out


@pytest.mark.parametrize(
    "extra",
    [(), ("--me", "https://www.linkedin.com/in/luc%C3%ADa-ortega-n%C3%BA%C3%B1ez/")],
    ids=["owner found", "--me as a browser copies it"],
)
def test_a_sales_reps_2024_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: tuple[str, ...]
) -> None:
    db, summary = _import(capsys, tmp_path, "a_sales_rep_2024_messages.csv", *extra)
    figures = _figures(summary)
    assert figures["rows"].endswith("49 = imported 24 + duplicates 0 + skipped 25 + rejected 0")
    assert figures["skipped"] == "draft 1, received 22, system 2"
    assert figures["sends"] == "24 in the file: InMails 7, first messages 2, replies 7, follow-ups 8"
    assert "9 cost a credit (InMails and 2 unanswered follow-ups to them)" in summary
    assert figures["deleted"].startswith("1 send to a since-deleted member")
    assert figures["attachments"].startswith("1 attachment-only send")
    assert figures["notices"].startswith("2 sends answered")
    assert figures["responses"].startswith("14 sends have a response")
    assert figures["windows"].startswith("5 of 24 arrived with the recall window still open")
    assert "mojibake" not in figures
    listed = json.loads(_run(capsys, db, "list", "--json")[1])
    assert sorted(m["channel"] for m in listed).count("inmail") == 9
    report = json.loads(_run(capsys, db, "report", "--json")[1])
    (rep,) = report["credits"]
    assert (rep["consumed"], rep["refunded"], rep["free"]) == (9, 6, 15)
    assert report["by_phase"] == {"open": 3, "urgent": 2, "critical": 0, "closed": 19, "none": 0}
    _verified(capsys, db)
    code, out, _ = _run(capsys, db, "import", str(HELDOUT / "a_sales_rep_2024_messages.csv"), "--seat", "rep")
    assert code == 0 and "0 new messages" in out


def test_a_2018_export_with_direction(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db, summary = _import(capsys, tmp_path, "b_recruiter_2018_direction.csv")
    figures = _figures(summary)
    assert figures["rows"].endswith("10 = imported 6 + duplicates 0 + skipped 4 + rejected 0")
    assert figures["skipped"] == "received 4"
    assert figures["sends"] == "6 in the file: InMails 2, first messages 1, replies 1, follow-ups 2"
    assert "3 cost a credit" in summary
    assert figures["responses"].startswith("3 sends have a response")
    listed = json.loads(_run(capsys, db, "list", "--json")[1])
    assert [m["credit"]["state"] for m in listed].count("refunded") == 3
    _verified(capsys, db)


def test_a_2020_export_without_profile_urls(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db, summary = _import(capsys, tmp_path, "c_exporter_2020_no_urls.csv", "--me-name", "Tereza Nováková")
    figures = _figures(summary)
    assert figures["rows"].endswith("10 = imported 6 + duplicates 0 + skipped 4 + rejected 0")
    assert figures["sends"] == "6 in the file: InMails 3, first messages 1, replies 1, follow-ups 1"
    assert figures["deleted"].startswith("1 send")
    assert figures["notices"].startswith("1 send")
    assert figures["responses"].startswith("2 sends have a response")
    _verified(capsys, db)
    wrong = tmp_path / "wrong.sqlite3"
    assert _run(capsys, wrong, "seat", "add", "rep", "--plan", "sales_navigator_core")[0] == 0
    code, _, err = _run(
        capsys, wrong, "import", str(HELDOUT / "c_exporter_2020_no_urls.csv"), "--me-name", "Someone Else"
    )
    assert code == 1 and "before 2021" in err
