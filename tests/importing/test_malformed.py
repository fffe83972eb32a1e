"""Malformed files: every problem named with the line its row starts on, and nothing written.

The base file has a multi-line body (lines 3-5) before the bad row, so a line number that counted
records instead of physical lines would be wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.service import import_file
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.importing.conftest import FIXTURES, ME, CliResult, state

pytestmark = pytest.mark.all_backends

HEADER = b"sent_at,recipient,subject,body,channel"
GOOD_2 = b"2026-11-28T14:00:00Z,Priya Raman,Role,Hi Priya,inmail"
GOOD_3 = b'2026-11-28T14:01:00Z,Sam Okafor,Role,"Hi Sam,\n\nthree lines",inmail'
GOOD_7 = b"2026-11-28T14:03:00Z,Lee Park,Role,Hi Lee,message"
BAD_ROWS: dict[str, tuple[bytes, str]] = {
    "bad date": (
        b"2026-13-45T10:00:00Z,Ana Lima,Role,Hi Ana,inmail",
        "sent_at: '2026-13-45T10:00:00Z' is not an ISO 8601 date and time",
    ),
    "no offset": (
        b"2026-11-28T10:00:00,Ana Lima,Role,Hi Ana,inmail",
        "sent_at: '2026-11-28T10:00:00' has no UTC offset",
    ),
    "missing required field": (b"2026-11-28T14:02:00Z,,Role,Hi Ana,inmail", "recipient: required"),
    "missing body": (b"2026-11-28T14:02:00Z,Ana Lima,Role,   ,inmail", "body: required"),
    "unterminated quote": (
        b'2026-11-28T14:02:00Z,Ana Lima,Role,"Hi Ana, never closed,inmail',
        "unterminated quote",
    ),
    "stray quote": (b'2026-11-28T14:02:00Z,Ana Lima,Role,"Hi" Ana,inmail', "stray quote"),
    "over-long field": (
        b"2026-11-28T14:02:00Z,Ana Lima,Role," + b"x" * 200_000 + b",inmail",
        "body: longer than 100,000 characters (200,000)",
    ),
    "over-long subject": (
        b"2026-11-28T14:02:00Z,Ana Lima," + b"s" * 1_001 + b",Hi,inmail",
        "subject: longer than 1,000 characters",
    ),
    "NUL byte": (b"2026-11-28T14:02:00Z,Ana Lima,Role,Hi \x00Ana,inmail", "body: contains a NUL byte"),
    "unknown channel": (b"2026-11-28T14:02:00Z,Ana Lima,Role,Hi Ana,email", "channel: 'email' is not one of"),
    "bad encoding": (
        b"2026-11-28T14:02:00Z,Ana L\xe9ma,Role,Hi Ana,inmail",
        "recipient: not valid UTF-8 (byte 0xE9)",
    ),
    "too many fields": (
        b"2026-11-28T14:02:00Z,Lima, Ana,Role,Hi Ana,inmail",
        "6 fields but the header has 5",
    ),
    "future": (
        b"2026-11-30T14:02:00Z,Ana Lima,Role,Hi Ana,inmail",
        "sent_at: '2026-11-30T14:02:00Z' is more than a day in the future",
    ),
}


def build(bad: bytes, newline: bytes) -> bytes:
    lines = [HEADER, GOOD_2, GOOD_3.replace(b"\n", newline), bad, GOOD_7]
    return newline.join(lines) + newline


@pytest.fixture
def seeded(cockpit: Cockpit, tmp_path: Path) -> tuple[int, int]:
    """One earlier import, so 'nothing written' is checked against non-zero counts."""
    earlier = tmp_path / "earlier.csv"
    earlier.write_bytes(HEADER + b"\n2026-11-28T13:00:00Z,Kai Chen,Earlier,Hi Kai,inmail\n")
    import_file(cockpit, str(earlier))
    return state(cockpit.repo)


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_bad_row_is_named_with_its_line_and_nothing_is_written(
    cli: Callable[..., CliResult],
    repo: Repository,
    seeded: tuple[int, int],
    tmp_path: Path,
    case: str,
    newline: bytes,
) -> None:
    bad, problem = BAD_ROWS[case]
    path = tmp_path / "sends.csv"
    path.write_bytes(build(bad, newline))
    result = cli("import", str(path))
    assert result.code == 1, result.err
    assert result.out == ""
    assert f"line 6: {problem}" in result.err
    assert "nothing was imported" in result.err
    assert "--skip-invalid" in result.err
    assert state(repo) == seeded
    assert "\x00" not in result.err and "\x1b" not in result.err


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_skip_invalid_imports_the_rest_and_lists_the_rejected(
    cli: Callable[..., CliResult], repo: Repository, seeded: tuple[int, int], tmp_path: Path, case: str
) -> None:
    bad, problem = BAD_ROWS[case]
    path = tmp_path / "sends.csv"
    path.write_bytes(build(bad, b"\n"))
    result = cli("import", str(path), "--skip-invalid")
    assert result.code == 0, result.err
    swallowed = case == "unterminated quote"  # the open quote runs to the end of the file
    imported = 2 if swallowed else 3
    read = 3 if swallowed else 4
    assert f"rows read   {read} = imported {imported} + duplicates 0 + skipped 0 + rejected 1" in result.out
    assert f"line 6: {problem}" in result.out
    assert state(repo) == (seeded[0] + imported, seeded[1] + 1)
    entry = repo.audit()[-1]
    assert entry.details["rejected_lines"] == [6]
    assert entry.details["counts"]["rejected"] == 1  # type: ignore[index]
    assert verify_audit(repo).ok


def test_every_problem_is_listed_not_just_the_first(cockpit: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "sends.csv"
    path.write_bytes(
        HEADER
        + b"\n2026-11-28T14:02:00Z,,Role,Hi,fax"  # two problems on line 2
        + b"\n"
        + GOOD_2
        + b"\nyesterday,Ana,Role,Hi,inmail\n"
    )
    report = import_file(cockpit, str(path))
    assert not report.written
    assert [str(p) for p in report.result.problems] == [
        "line 2: recipient: required",
        "line 2: channel: 'fax' is not one of connection_note, inmail, message, sponsored",
        "line 4: sent_at: 'yesterday' is not an ISO 8601 date and time",
    ]
    assert report.result.rejected == 2


def test_all_rows_invalid_with_skip_invalid_writes_nothing(
    cli: Callable[..., CliResult], repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "sends.csv"
    path.write_bytes(HEADER + b"\nnot-a-date,A,S,B,inmail\n")
    result = cli("import", str(path), "--skip-invalid")
    assert result.code == 1
    assert "line 2: sent_at" in result.err
    assert state(repo) == (0, 0)


def test_linkedin_bad_date_and_unterminated_quote(cockpit: Cockpit, tmp_path: Path) -> None:
    text = (FIXTURES / "linkedin_2021.csv").read_text()
    text = text.replace("2021-03-03 16:05:30 UTC", "03/03/2021 4:05 PM")
    path = tmp_path / "messages.csv"
    path.write_text(text)
    report = import_file(cockpit, str(path), me=ME)
    assert [str(p) for p in report.result.problems] == [
        "line 4: DATE: '03/03/2021 4:05 PM' is not a date like 2023-06-11 15:33:58 UTC"
    ]
    assert not report.written and state(cockpit.repo) == (0, 0)
    path.write_text(text.replace(",Thanks for connecting!,", ',"Thanks for connecting!,'))
    report = import_file(cockpit, str(path), me=ME)
    assert "line 4: unterminated quote" in [
        str(p)[: len("line 4: unterminated quote")] for p in report.result.problems
    ]


def test_jsonl_bad_line(cockpit: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "sends.jsonl"
    path.write_text(
        '{"sent_at": "2026-11-28T14:00:00Z", "recipient": "A", "body": "x"}\n'
        '{"sent_at": "2026-11-28T14:00:00Z", "recipient": "B", "body": "unterminated}\n'
        '{"sent_at": "2026-11-28T14:00:00Z", "recipient": "C", "body": "z", "channel": "email"}\n'
    )
    report = import_file(cockpit, str(path))
    problems = [str(p) for p in report.result.problems]
    assert problems[0].startswith("line 2: not valid JSON (Unterminated string")
    assert problems[1].startswith("line 3: channel: 'email' is not one of")
    assert state(cockpit.repo) == (0, 0)


def test_empty_and_unknown_files(cli: Callable[..., CliResult], repo: Repository, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert cli("import", str(empty)).code == 1
    other = tmp_path / "other.csv"
    other.write_text("name,email\nA,a@example.com\n")
    result = cli("import", str(other))
    assert result.code == 1 and "cannot tell the format" in result.err
    missing = cli("import", str(tmp_path / "missing.csv"))
    assert missing.code == 1 and "no such file" in missing.err
    assert state(repo) == (0, 0)


def test_utf16_with_bom_is_read(cockpit: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "sends.csv"
    path.write_bytes("sent_at,recipient,body\n2026-11-28T14:00:00Z,José,Hola\n".encode("utf-16"))
    report = import_file(cockpit, str(path))
    assert report.written and cockpit.repo.messages()[0].recipient == "José"
