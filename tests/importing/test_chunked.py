"""Sends files read in blocks: the column-by-column check agrees with the row-by-row one, the block
size and the text's pieces change nothing a user sees, and the forked reader gives what reading the
file in-process gives (falling back to that when the reading process fails)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, reject, settings
from hypothesis import strategies as st

import cockpit.services.importing.aside as aside
import cockpit.services.importing.csvrows as csvrows
import cockpit.services.importing.readers as readers
import cockpit.services.importing.sendsfile as sendsfile
from cockpit.clock import FixedClock
from cockpit.policy import Policy, load_policy
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.csvrows import CsvBlocks, csv_rows
from cockpit.services.importing.model import Chunk
from cockpit.services.importing.sendscolumns import convert_columns
from cockpit.services.importing.sendsrow import COLUMNS, REQUIRED, RowContext, convert_row
from cockpit.services.importing.service import ImportReport, import_file
from cockpit.services.importing.transaction import ImportWriter
from cockpit.store.repository import Repository
from tests.conftest import NOW
from tests.importing.conftest import Forks, assert_reaped, state

pytestmark = pytest.mark.all_backends

CHANNELS = frozenset(load_policy().channels)
SEATS = frozenset({"dana", "sam"})
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the forked reader exists only on Linux")


# --- 1. the column-by-column check gives what the row-by-row check gives -----------------------------

# Values the column-by-column check may accept (some in forms the row-by-row check normalises) ...
PLAIN: dict[str, list[Any]] = {
    "sent_at": [
        "2026-11-28T14:00:00Z",
        "2025-01-01T00:00:00Z",
        "2026-11-29T15:00:00Z",  # the latest time accepted: a day after now
        "2026-11-28T14:00:00+00:00",
        "2026-11-28T14:00:00-00:00",
        "2026-11-28 14:00:00Z",
    ],
    "recipient": [
        "Ines Varga",
        "Tomas Lindqvist",
        " Ines Varga ",
        "\tNoor Haddad\n",
        "r" * 200,
        " " + "r" * 200,
    ],
    "subject": ["", "Staff Engineer role", " padded ", "s" * 1_000],
    "body": ["Hi Ines", "Hi Tomas,\n\nopen to a call?", "Hello\r\nagain", " Hi ", "b" * 100_000],
    "channel": ["", "inmail", "message", "connection_note", "sponsored"],
    "seat": ["", "dana", "sam", " dana "],
    "batch": ["", "q4-outreach", " q4 ", "   ", "b" * 200],
    "recipient_profile_url": [
        "",
        "https://www.linkedin.com/in/example-ines-varga",
        " https://www.linkedin.com/in/example-ines-varga ",
        "   ",
    ],
    "recipient_state": ["", "NY", "CA"],
    "open_profile": ["", "true", "false", "yes", "no", "1", "0", "True", "FALSE", True, False, 0, 1, None],
    "commercial": ["", "true", "false", "Yes", "No", "1", "0", "TRUE", True, False, 0, 1, None],
    "sent_from": ["", "desktop", "mobile", "recruiter", "sales_navigator"],
    "push": ["", "yes", "no", "unknown"],
    "external_id": ["", "k1", "k2", "k3", " k1 ", "k1 ", "   ", "k" * 200],
}
# ... and values it must leave to the row-by-row check.
_FLAGS: list[Any] = [" yes", "Y", "t", "maybe", "TRUE ", "-1", 2, 1.0]
TRICKY: dict[str, list[Any]] = {
    "sent_at": [
        "2026-11-28T16:00:00+02:00",
        "2026-11-28T09:00:00-05:00",
        "2026-11-28T14:00:00.250Z",
        "2026-11-28T14:00:00.000Z",
        "2026-W48-6T15:00:00Z",
        " 2026-11-28T14:00:00Z ",
        "2026-11-28T14:00:00",
        "2026-11-28T14:00Z",
        "20261128T140000Z",
        "2026-11-29T15:00:01Z",
        "2026-11-30T14:00:00Z",
        "2026-02-30T10:00:00Z",
        "0000-01-01T00:00:00Z",
        "2026-11-28t14:00:00z",
        "yesterday",
        "",
        "   ",
    ],
    "recipient": ["", "   ", "r" * 201, " " + "r" * 201],
    "subject": ["s" * 1_001],
    "body": ["", " ", "\n", "\r\n", "b" * 100_001],
    "channel": ["InMail", " message ", "MESSAGE", "Connection_Note", "email", "fax", "  "],
    "seat": ["Dana", "ghost", "   ", "d" * 201],
    "batch": ["b" * 201],
    "recipient_profile_url": ["u" * 2_001],
    "recipient_state": ["ny", " NY", "Ca", "ZZ", "  ", "N"],
    "open_profile": _FLAGS,
    "commercial": _FLAGS,
    "sent_from": ["Mobile", " desktop", "DESKTOP", "Sales_Navigator", "tablet", "  "],
    "push": ["YES", "Unknown ", " no", "sometimes", "  "],
    "external_id": ["k" * 201, " " + "k" * 200],
}
OFFSETS = [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]


def _formatted(value: datetime, style: int) -> str:
    if style == 0:
        return value.isoformat()
    if style == 1:
        return value.isoformat(sep=" ")
    if style == 2:
        return value.isoformat(timespec="seconds")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


generated_sent_at = st.builds(
    _formatted,
    st.datetimes(
        min_value=datetime(2024, 1, 1),
        max_value=datetime(2026, 11, 30, 23),
        timezones=st.sampled_from(OFFSETS),
    ),
    st.integers(0, 3),
)


near_the_limit = st.builds(
    _formatted,
    st.integers(-3, 3).map(lambda seconds: NOW + timedelta(days=1, seconds=seconds)),
    st.integers(0, 3),
)


def _field(column: str, tricky: bool, text_only: bool = False) -> st.SearchStrategy[Any]:
    plain: st.SearchStrategy[Any] = st.sampled_from(
        [v for v in PLAIN[column] if isinstance(v, str) or not text_only]
    )
    if column == "sent_at":
        plain = st.one_of(plain, generated_sent_at, near_the_limit)
    if not tricky:
        return plain
    odd = st.sampled_from([v for v in TRICKY[column] if isinstance(v, str) or not text_only])
    return st.one_of(plain, odd, st.text(max_size=6))


@st.composite
def blocks_of_rows(draw: st.DrawFn) -> tuple[list[list[Any]], list[bool], str | None]:
    """1 to 8 rows (values in ``COLUMNS`` order), which columns the file has, and the default seat.

    A few columns draw from tricky values as well as plain ones, so that whole blocks are sometimes
    plain enough for the column-by-column check and sometimes not.
    """
    n = draw(st.integers(1, 8))
    tricky = draw(st.sets(st.sampled_from(COLUMNS), max_size=3))
    present = [c in REQUIRED or draw(st.booleans()) for c in COLUMNS]
    rows = [[draw(_field(c, c in tricky)) for c in COLUMNS] for _ in range(n)]
    default_seat = draw(st.sampled_from([None, None, "dana", "ghost"]))
    return rows, present, default_seat


@settings(max_examples=200, deadline=None)
@given(blocks_of_rows())
def test_column_path_gives_what_the_row_path_gives(
    drawn: tuple[list[list[Any]], list[bool], str | None],
) -> None:
    rows, present, default_seat = drawn
    ctx = RowContext(CHANNELS, SEATS, default_seat, NOW)
    columns = [tuple(row[i] for row in rows) if present[i] else None for i in range(len(COLUMNS))]
    converted = convert_columns(columns, len(rows), ctx)
    event("column path" if converted is not None else "row path")
    if converted is None:
        return
    expected = [
        convert_row([value if present[i] else None for i, value in enumerate(row)], ctx, False)
        for row in rows
    ]
    assert not any(isinstance(row, list) for row in expected), expected
    assert converted == expected


def test_a_block_of_plain_values_is_checked_column_by_column() -> None:
    rows = [
        [
            "2026-11-28T14:00:00Z",
            "Ines Varga",
            "Staff Engineer role",
            "Hi Ines,\n\nopen to a call?",
            "inmail",
            "dana",
            "q4-outreach",
            "https://www.linkedin.com/in/example-ines-varga",
            "NY",
            "true",
            "0",
            "mobile",
            "yes",
            "k1",
        ],
        ["2026-11-28T14:05:00Z", "Tomas Lindqvist", "", "Hi Tomas", "", "", "", "", "", "", "", "", "", ""],
    ]
    ctx = RowContext(CHANNELS, SEATS, None, NOW)
    columns = [tuple(row[i] for row in rows) for i in range(len(COLUMNS))]
    converted = convert_columns(columns, len(rows), ctx)
    assert isinstance(converted, list)
    assert converted == [convert_row(list(row), ctx, False) for row in rows]
    assert converted[0][:2] == ("k1", "Ines Varga")
    assert converted[1][0].startswith("sha256:")


# --- helpers: fresh databases and everything an import leaves behind ------------------------------


@pytest.fixture
def fresh(tmp_path: Path, clock: FixedClock, policy: Policy) -> Iterator[Callable[[], Cockpit]]:
    """Make cockpits, each on a new, empty SQLite file."""
    repos: list[Repository] = []

    def make() -> Cockpit:
        repo = Repository.open(tmp_path / f"fresh-{len(repos)}.sqlite3")
        repos.append(repo)
        return Cockpit(repo=repo, clock=clock, policy=policy, actor="alice")

    yield make
    for repo in repos:
        repo.close()


def snapshot(report: ImportReport, cockpit: Cockpit) -> dict[str, Any]:
    """What an import reports and stores (every message field, every audit entry)."""
    result = report.result
    return {
        "problems": [str(p) for p in result.problems],
        "file_problem": None if result.file_problem is None else str(result.file_problem),
        "counts": (result.rows_read, result.valid, result.repeated, result.rejected, report.skipped),
        "written": report.written,
        "imported": None if report.outcome is None else report.outcome.imported,
        "duplicates": report.duplicates,
        "ids": None if report.outcome is None else (report.outcome.first_id, report.outcome.last_id),
        "messages": [dataclasses.astuple(m) for m in cockpit.repo.messages()],
        "audit": [(e.action, e.actor, e.at, e.message_id, e.details) for e in cockpit.repo.audit()],
    }


# --- 2. small blocks, small pieces: the same problems, counts and stored rows ----------------------

NAMES = [
    "Ines Varga", "Tomas Lindqvist", "Noor Haddad", "Oskar Brandt", "Mirela Costa",
    "Jun Takeda", "Aylin Demir", "Rafael Ortiz", "Hana Kovac", "Elif Sahin",
    "Bruno Maier", "Lina Petrov", "Kofi Mensah", "Sofia Reyes", "Arjun Mehta",
]  # fmt: skip
CSV_HEADER = "sent_at,recipient,subject,body,channel,external_id"
NEWLINES = {
    "LF": ("\n", "\n"),  # (between records, inside quoted bodies)
    "CRLF": ("\r\n", "\r\n"),
    "CR in bodies": ("\n", "\r"),
    "CR": ("\r", "\r"),
}
SMALL = (2, 3)  # FIRST_CHUNK_ROWS, CHUNK_ROWS: 15 records span six blocks


def record(i: int, **changes: str) -> str:
    """Record ``i`` (1-based) of the base file, as CSV text; bodies of records 1, 2 and 5 span lines."""
    fields = {
        "sent_at": f"2026-11-28T10:{i:02d}:00Z",
        "recipient": NAMES[i - 1],
        "subject": f"Role {i}",
        "body": f'"Hi {NAMES[i - 1].split()[0]},\n\nthree lines"' if i in (1, 2, 5) else f"Hi number {i}",
        "channel": "message" if i % 3 == 0 else "inmail",
        "external_id": f"ext-{i}" if i % 2 else "",  # even records get a key derived from the content
    }
    fields.update(changes)
    return ",".join(fields.values())


def base_records() -> list[str]:
    return [record(i) for i in range(1, len(NAMES) + 1)]


def encode(records: list[str], newline: str) -> str:
    between, inside = NEWLINES[newline]
    return between.join([CSV_HEADER, *(r.replace("\n", inside) for r in records)]) + between


def line_of(records: list[str], index: int) -> int:
    """The physical line record ``index`` (1-based) starts on: the header is line 1."""
    return 2 + sum(r.count("\n") + 1 for r in records[: index - 1])


def import_three_ways(
    fresh: Callable[[], Cockpit], path: Path, text: str, **options: Any
) -> tuple[dict[str, Any], Cockpit]:
    """Import ``text`` with the default blocks, with small blocks and with small blocks and small
    pieces of text, each into a new database; all three must agree. Returns the small-block one,
    with ``"by columns"``: for each block, whether its values passed the column-by-column check."""
    path.write_bytes(text.encode("utf-8"))
    results: list[dict[str, Any]] = []
    column_checks: list[list[bool]] = []
    cockpits: list[Cockpit] = []
    for sizes, piece in ((None, None), (SMALL, None), (SMALL, 16)):
        checks: list[bool] = []

        def spy(*args: Any, checks: list[bool] = checks) -> Any:
            converted = convert_columns(*args)
            checks.append(converted is not None)
            return converted

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sendsfile, "convert_columns", spy)
            if sizes is not None:
                patch.setattr(sendsfile, "FIRST_CHUNK_ROWS", sizes[0])
                patch.setattr(sendsfile, "CHUNK_ROWS", sizes[1])
            if piece is not None:
                patch.setattr(csvrows, "PIECE_CHARS", piece)
            cockpit = fresh()
            report = import_file(cockpit, str(path), read_aside=False, **options)
        results.append(snapshot(report, cockpit))
        column_checks.append(checks)
        cockpits.append(cockpit)
    assert results[1] == results[0]
    assert results[2] == results[0]
    assert len(column_checks[0]) <= 1 and len(column_checks[1]) >= 4  # one block against many
    return {**results[1], "by columns": column_checks[1]}, cockpits[1]


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_a_valid_file_in_small_blocks(fresh: Callable[[], Cockpit], tmp_path: Path, newline: str) -> None:
    records = base_records()
    result, cockpit = import_three_ways(fresh, tmp_path / "sends.csv", encode(records, newline))
    assert result["written"] and result["imported"] == 15 and result["problems"] == []
    messages = cockpit.repo.messages()
    assert [(m.id, m.recipient) for m in messages] == list(enumerate(NAMES, 1))
    inside = NEWLINES[newline][1]
    assert messages[0].body == f"Hi Ines,{inside}{inside}three lines"


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_bad_row_in_a_late_block_is_named_with_its_line_and_nothing_is_written(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    records = base_records()
    records[12] = record(13, channel="email")
    result, cockpit = import_three_ways(fresh, tmp_path / "sends.csv", encode(records, newline))
    assert line_of(records, 13) == 20
    assert result["problems"] == [
        "line 20: channel: 'email' is not one of connection_note, inmail, message, sponsored"
    ]
    assert not result["written"] and result["counts"] == (15, 14, 0, 1, 0)
    assert state(cockpit.repo) == (0, 0)


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_skip_invalid_keeps_the_file_order_across_blocks(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    records = base_records()
    records[12] = record(13, channel="email")
    records[3] = record(4, sent_at="2026-11-28T10:04:00")  # no offset, in the second block
    result, cockpit = import_three_ways(
        fresh, tmp_path / "sends.csv", encode(records, newline), skip_invalid=True
    )
    assert [p.split(":")[0] for p in result["problems"]] == ["line 9", "line 20"]
    assert result["imported"] == 13 and result["counts"] == (15, 13, 0, 2, 0)
    kept = [name for i, name in enumerate(NAMES, 1) if i not in (4, 13)]
    assert [(m.id, m.recipient) for m in cockpit.repo.messages()] == list(enumerate(kept, 1))
    (entry,) = cockpit.repo.audit()
    assert entry.details["rejected_lines"] == [9, 20]
    assert entry.details["id_ranges"] == [[1, 13]]


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_key_conflict_names_the_line_of_a_row_in_an_earlier_clean_block(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    records = base_records()
    records[11] = record(12, external_id="ext-3")  # first used by record 3, in the second block
    records[14] = record(15, external_id="ext-1")  # first used by record 1, in the first block
    result, _ = import_three_ways(fresh, tmp_path / "sends.csv", encode(records, newline))
    assert (line_of(records, 3), line_of(records, 12), line_of(records, 15)) == (8, 19, 22)
    assert result["by columns"][:2] == [True, True]  # records 1-2 and 3-5: lines found again when named
    assert result["problems"] == [
        "line 19: external_id: 'ext-3' is used on line 8 for a different send",
        "line 22: external_id: 'ext-1' is used on line 2 for a different send",
    ]
    assert not result["written"] and result["counts"] == (15, 13, 0, 2, 0)


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_key_conflict_with_a_first_row_read_row_by_row(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    records = base_records()
    records[3] = record(4, channel="Message")  # its block is read row by row
    records[4] = record(5, external_id="dup")
    records[13] = record(14, external_id="dup", body="Another text")
    result, _ = import_three_ways(fresh, tmp_path / "sends.csv", encode(records, newline), skip_invalid=True)
    assert (line_of(records, 5), line_of(records, 14)) == (10, 21)
    assert result["by columns"][:2] == [True, False]  # records 3-5 are read row by row
    assert result["problems"] == ["line 21: external_id: 'dup' is used on line 10 for a different send"]
    assert result["imported"] == 14


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_identical_rows_in_different_blocks_count_as_repeated(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    records = base_records()
    records[10] = records[3]  # record 4 again (a derived key)
    records[13] = records[6]  # record 7 again (external_id ext-7)
    records[14] = records[0]  # record 1 again (a body of three lines)
    result, cockpit = import_three_ways(fresh, tmp_path / "sends.csv", encode(records, newline))
    assert result["problems"] == []
    assert result["imported"] == 12 and result["duplicates"] == 3
    assert result["counts"] == (15, 12, 3, 0, 0)
    assert [m.recipient for m in cockpit.repo.messages()] == [
        name for i, name in enumerate(NAMES, 1) if i not in (11, 14, 15)
    ]


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_stray_quote_in_a_late_block_and_the_rows_after_it(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    records = base_records()
    records[11] = record(12, body='"Hi Lina,\nsee" you')  # the quote closes mid-field, on its 2nd line
    records[13] = record(14, channel="fax")
    records[14] = record(15, sent_at="2026-13-01T10:00:00Z")
    result, _ = import_three_ways(fresh, tmp_path / "sends.csv", encode(records, newline))
    assert (line_of(records, 12), line_of(records, 14), line_of(records, 15)) == (19, 22, 23)
    assert result["problems"] == [
        "line 19: stray quote: a quoted field must end with a quote followed by a comma or the line end",
        "line 22: channel: 'fax' is not one of connection_note, inmail, message, sponsored",
        "line 23: sent_at: '2026-13-01T10:00:00Z' is not an ISO 8601 date and time",
    ]
    assert not result["written"] and result["counts"] == (15, 12, 0, 3, 0)


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_stray_quote_with_skip_invalid_imports_the_rows_after_it(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    records = base_records()
    records[9] = record(10, recipient='Hana "K" Kovac"')  # not quoted from the start: kept as written
    records[11] = record(12, body='"Hi" Lina')
    records[12] = records[2]  # record 3 again, after the parse error
    result, cockpit = import_three_ways(
        fresh, tmp_path / "sends.csv", encode(records, newline), skip_invalid=True
    )
    assert [p.split(":")[0] for p in result["problems"]] == ["line 19"]
    assert result["imported"] == 13 and result["counts"] == (15, 13, 1, 1, 0)
    messages = cockpit.repo.messages()
    assert messages[9].recipient == 'Hana "K" Kovac"'
    assert [m.recipient for m in messages][-3:] == [NAMES[10], NAMES[13], NAMES[14]]


@pytest.mark.parametrize("newline", list(NEWLINES))
def test_unterminated_quote_in_a_late_block(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    records = base_records()
    records[10] = record(11, channel="email")
    records[12] = record(13, body='"Hi Kofi, never closed')
    result, _ = import_three_ways(fresh, tmp_path / "sends.csv", encode(records, newline))
    assert (line_of(records, 11), line_of(records, 13)) == (18, 20)
    assert result["problems"] == [
        "line 18: channel: 'email' is not one of connection_note, inmail, message, sponsored",
        "line 20: unterminated quote: the quoted field that starts on this row never ends",
    ]
    assert result["counts"] == (13, 11, 0, 2, 0)  # the open quote runs to the end of the file


def test_blank_lines_between_blocks(fresh: Callable[[], Cockpit], tmp_path: Path) -> None:
    records = base_records()
    records[6] = "\n" + records[6]  # a blank line before record 7
    records[12] = record(13, channel="email") + "\n   "  # and a line of spaces after record 13
    result, _ = import_three_ways(fresh, tmp_path / "sends.csv", encode(records, "LF"))
    assert line_of(records, 13) == 21
    assert result["problems"] == [
        "line 21: channel: 'email' is not one of connection_note, inmail, message, sponsored"
    ]
    assert result["counts"] == (15, 14, 0, 1, 0)


def jsonl_object(i: int, **changes: Any) -> str:
    """Object ``i`` (1-based) of the base JSONL file, on one line."""
    value: dict[str, Any] = {
        "sent_at": f"2026-11-28T11:{i:02d}:00Z",
        "recipient": NAMES[i - 1],
        "body": f"Hi {NAMES[i - 1].split()[0]},\nline two",
    }
    if i % 2:
        value["external_id"] = f"j-{i}"
    if i % 4 == 0:
        value["open_profile"] = True
    value.update(changes)
    return json.dumps(value)


def jsonl_file(objects: list[str], newline: str = "\n") -> str:
    """The objects a line each, with a blank line after the 2nd and a line of spaces after the 8th."""
    return newline.join([*objects[:2], "", *objects[2:8], "   ", *objects[8:]]) + newline


def jsonl_line(i: int) -> int:
    """The line object ``i`` is on in :func:`jsonl_file`."""
    return i + (i > 2) + (i > 8)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_jsonl_key_conflicts_across_chunks(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    objects = [jsonl_object(i) for i in range(1, 16)]
    objects[11] = jsonl_object(12, external_id="j-3")  # first used by object 3, in an earlier chunk
    objects[14] = jsonl_object(15, external_id="j-1")  # first used by object 1, in the first chunk
    result, _ = import_three_ways(fresh, tmp_path / "sends.jsonl", jsonl_file(objects, newline))
    assert [jsonl_line(i) for i in (1, 3, 12, 15)] == [1, 4, 14, 17]
    assert result["by columns"][:2] == [True, True]
    assert result["problems"] == [
        "line 14: external_id: 'j-3' is used on line 4 for a different send",
        "line 17: external_id: 'j-1' is used on line 1 for a different send",
    ]
    assert not result["written"] and result["counts"] == (15, 13, 0, 2, 0)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_jsonl_repeats_and_bad_lines_across_chunks(
    fresh: Callable[[], Cockpit], tmp_path: Path, newline: str
) -> None:
    objects = [jsonl_object(i) for i in range(1, 16)]
    objects[12] = objects[4]  # object 5 again (a derived key)
    objects[13] = objects[6]  # object 7 again (external_id j-7)
    objects[9] = jsonl_object(10, colour="red")
    objects[10] = '{"sent_at": "2026-11-28T11:11:00Z", "recipient": "Bruno Maier", "body": "x", "push": 1}'
    objects[11] = '{"sent_at": "2026-11-28T11:12:00Z", "recipient": "Lina Petrov", "body": "unterminated}'
    result, cockpit = import_three_ways(
        fresh, tmp_path / "sends.jsonl", jsonl_file(objects, newline), skip_invalid=True
    )
    assert [p[: p.index(":", 5)] for p in result["problems"]] == ["line 12", "line 13", "line 14"]
    assert result["problems"][:2] == [
        "line 12: unknown key 'colour'",
        "line 13: push: expected text, got int",
    ]
    assert result["counts"] == (15, 10, 2, 3, 0) and result["imported"] == 10
    assert [m.recipient for m in cockpit.repo.messages()] == [
        name for i, name in enumerate(NAMES, 1) if i not in (10, 11, 12, 13, 14)
    ]


# --- any file: the block size and the pieces change nothing that is read ----------------------------

CTX = RowContext(CHANNELS, SEATS, None, NOW)
BAD_CSV_LINES = ['2026-11-28T14:00:00Z,"Hi" there,x', "only one field", ",,", '"never closed,x,y']


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A sends CSV file: a random choice and order of columns, rows of plain and tricky values,
    identical repeats, blank lines and unreadable lines, with one kind of line break."""
    names = draw(st.permutations([c for c in COLUMNS if c in REQUIRED or draw(st.booleans())]))
    tricky = draw(st.sets(st.sampled_from(COLUMNS), max_size=2))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(names)
    written: list[list[str]] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["row"] * 6 + ["repeat", "blank", "bad"]))
        if kind == "repeat" and written:
            writer.writerow(draw(st.sampled_from(written)))
        elif kind == "blank":
            buffer.write(draw(st.sampled_from(["", "   "])) + newline)
        elif kind == "bad":
            buffer.write(draw(st.sampled_from(BAD_CSV_LINES)) + newline)
        else:
            row = [draw(_field(c, c in tricky, text_only=True)) for c in names]
            writer.writerow(row)
            written.append(row)
    return buffer.getvalue()


@st.composite
def jsonl_texts(draw: st.DrawFn) -> str:
    """A JSONL sends file: objects of plain and tricky values (some keys absent), identical repeats,
    blank lines and lines that are not objects of known keys."""
    tricky = draw(st.sets(st.sampled_from(COLUMNS), max_size=2))
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["object"] * 6 + ["repeat", "blank", "bad"]))
        if kind == "repeat" and lines:
            lines.append(draw(st.sampled_from(lines)))
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", "  "])))
        elif kind == "bad":
            lines.append(draw(st.sampled_from(['{"sent_at": ', "[1, 2]", '{"colour": "red"}', "7", "null"])))
        else:
            value = {c: draw(_field(c, c in tricky)) for c in COLUMNS if c in REQUIRED or draw(st.booleans())}
            if draw(st.booleans()) and "external_id" in value:
                value["external_id"] = draw(st.sampled_from([7, 8]))
            lines.append(json.dumps(value))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


def read_with(
    reader: Callable[[str, RowContext, bool], Iterator[Chunk]],
    text: str,
    sizes: tuple[int, int] | None,
    piece: int | None,
) -> dict[str, Any]:
    """Everything the chunks of ``text`` carry, put together, read with the given block sizes."""
    with pytest.MonkeyPatch.context() as patch:
        if sizes is not None:
            patch.setattr(sendsfile, "FIRST_CHUNK_ROWS", sizes[0])
            patch.setattr(sendsfile, "CHUNK_ROWS", sizes[1])
        if piece is not None:
            patch.setattr(csvrows, "PIECE_CHARS", piece)
        chunks = list(reader(text, CTX, False))
    return gathered(chunks)


def gathered(chunks: list[Chunk]) -> dict[str, Any]:
    """Everything ``chunks`` carry, put together (what two ways of reading a file must agree on)."""
    return {
        "rows": [row for chunk in chunks for row in chunk.rows],
        "problems": [str(p) for chunk in chunks for p in chunk.problems],
        "rejected": sorted(line for chunk in chunks for line in chunk.rejected_lines),
        "file_problem": [str(c.file_problem) for c in chunks if c.file_problem is not None],
        "rows_read": sum(chunk.rows_read for chunk in chunks),
        "repeated": sum(chunk.repeated for chunk in chunks),
    }


@settings(max_examples=100, deadline=None)
@given(csv_texts())
def test_block_size_and_pieces_change_nothing_read_from_a_csv_file(text: str) -> None:
    whole = read_with(sendsfile.iter_sends_csv, text, None, None)
    event("problems" if whole["problems"] else "no problems")
    for sizes, piece in [((1, 1), None), ((2, 3), 9), ((1, 2), 1)]:
        assert read_with(sendsfile.iter_sends_csv, text, sizes, piece) == whole


@settings(max_examples=100, deadline=None)
@given(jsonl_texts())
def test_chunk_size_changes_nothing_read_from_a_jsonl_file(text: str) -> None:
    whole = read_with(sendsfile.iter_sends_jsonl, text, None, None)
    event("problems" if whole["problems"] else "no problems")
    for sizes in [(1, 1), (2, 3), (3, 2)]:
        assert read_with(sendsfile.iter_sends_jsonl, text, sizes, None) == whole


# --- 3. the forked reader gives what reading in-process gives ------------------------------------


@dataclasses.dataclass(frozen=True)
class AsideCase:
    name: str  # the file's name
    data: bytes
    skip_invalid: bool
    written: bool
    problems: bool


def aside_cases() -> dict[str, AsideCase]:
    valid = base_records()
    bad = base_records()
    bad[12] = record(13, channel="email")
    bad[11] = record(12, external_id="ext-3")
    bad[14] = record(15, body='"Hi" Arjun')
    undecodable = encode(base_records(), "LF").encode("utf-8").replace(b"Noor", b"N\xf6or")
    jsonl_objects = [jsonl_object(i) for i in range(1, 16)]
    bad_objects = list(jsonl_objects)
    bad_objects[6] = jsonl_object(7, bodi="x")
    bad_objects[11] = jsonl_object(12, external_id="j-3")
    bad_objects[13] = jsonl_objects[2]
    header_problem = encode(valid, "LF").replace("external_id", "externalid", 1)

    def utf8(text: str) -> bytes:
        return text.encode("utf-8")

    return {
        "valid csv": AsideCase("sends.csv", utf8(encode(valid, "CRLF")), False, True, False),
        "csv with problems": AsideCase("sends.csv", utf8(encode(bad, "LF")), False, False, True),
        "csv with problems, skip invalid": AsideCase(
            "sends.csv", utf8(encode(bad, "CR in bodies")), True, True, True
        ),
        "csv with an undecodable byte, skip invalid": AsideCase("sends.csv", undecodable, True, True, True),
        "csv with a header problem": AsideCase("sends.csv", utf8(header_problem), False, False, False),
        "valid jsonl": AsideCase("sends.jsonl", utf8(jsonl_file(jsonl_objects)), False, True, False),
        "jsonl with problems, skip invalid": AsideCase(
            "sends.jsonl", utf8(jsonl_file(bad_objects, "\r\n")), True, True, True
        ),
    }


@linux_only
@pytest.mark.parametrize("case", list(aside_cases()))
@pytest.mark.parametrize("sizes", [None, SMALL], ids=["default blocks", "small blocks"])
def test_forked_reader_gives_what_in_process_reading_gives(
    fresh: Callable[[], Cockpit],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forks: Forks,
    case: str,
    sizes: tuple[int, int] | None,
) -> None:
    given_case = aside_cases()[case]
    if sizes is not None:
        monkeypatch.setattr(sendsfile, "FIRST_CHUNK_ROWS", sizes[0])
        monkeypatch.setattr(sendsfile, "CHUNK_ROWS", sizes[1])
    path = tmp_path / given_case.name
    path.write_bytes(given_case.data)
    outcomes = []
    for cockpit, read_aside in ((fresh(), False), (fresh(), True)):
        steps: list[tuple[str, int]] = []

        def note(what: str, count: int, steps: list[tuple[str, int]] = steps) -> None:
            steps.append((what, count))

        report = import_file(
            cockpit,
            str(path),
            skip_invalid=given_case.skip_invalid,
            read_aside=read_aside,
            progress=note,
        )
        outcomes.append((snapshot(report, cockpit), steps))
        assert len(forks.started) == int(read_aside)
    assert_reaped(forks)
    assert outcomes[1] == outcomes[0]
    forked = outcomes[1][0]
    assert forked["written"] == given_case.written
    assert bool(forked["problems"]) == given_case.problems
    assert (forked["file_problem"] is not None) == (case == "csv with a header problem")


@linux_only
def test_a_large_file_is_read_aside_by_default(
    fresh: Callable[[], Cockpit], tmp_path: Path, forks: Forks
) -> None:
    records = [record(i, body="x" * 90_000) for i in range(1, 13)]
    records[7] = record(8, body='"' + "y\n" * 45_000 + '"')
    text = encode(records, "LF")
    assert len(text) >= aside.MIN_TEXT
    path = tmp_path / "large.csv"
    path.write_bytes(text.encode("utf-8"))
    here, there = fresh(), fresh()
    in_process = snapshot(import_file(here, str(path), read_aside=False), here)
    assert forks.started == []
    automatic = snapshot(import_file(there, str(path)), there)
    assert len(forks.started) == 1
    assert_reaped(forks)
    assert automatic == in_process
    assert automatic["imported"] == 12


# --- 4. a failing reading process: the file is read again in-process -------------------------------


@linux_only
@pytest.mark.parametrize("how", ["raises", "exits", "is killed"])
@pytest.mark.parametrize("after", [0, 3])
def test_a_failing_reader_falls_back_to_reading_in_process(
    fresh: Callable[[], Cockpit],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forks: Forks,
    how: str,
    after: int,
) -> None:
    monkeypatch.setattr(sendsfile, "FIRST_CHUNK_ROWS", SMALL[0])
    monkeypatch.setattr(sendsfile, "CHUNK_ROWS", SMALL[1])
    parent = os.getpid()
    real_reader = sendsfile.iter_sends_csv

    def reader(*args: Any) -> Iterator[Any]:
        for index, chunk in enumerate(real_reader(*args)):
            if os.getpid() != parent and index == after:
                if how == "raises":
                    raise RuntimeError("the reading process broke")
                if how == "exits":
                    os._exit(3)
                os.kill(os.getpid(), signal.SIGKILL)
            yield chunk

    monkeypatch.setattr(readers, "iter_sends_csv", reader)
    path = tmp_path / "sends.csv"
    path.write_bytes(encode(base_records(), "LF").encode("utf-8"))
    here, there = fresh(), fresh()
    fell_back = import_file(there, str(path), read_aside=True)
    assert len(forks.started) == 1
    assert_reaped(forks)
    status = forks.statuses[forks.started[0]]
    if how == "exits":
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3
    elif how == "is killed":
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    else:  # it reports the failure and exits, unless it is stopped first
        assert (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1) or os.WIFSIGNALED(status)
    assert fell_back.written and fell_back.outcome is not None
    assert (fell_back.outcome.imported, fell_back.outcome.first_id, fell_back.outcome.last_id) == (15, 1, 15)
    assert [e.action for e in there.repo.audit()] == ["import"]
    in_process = snapshot(import_file(here, str(path), read_aside=False), here)
    assert snapshot(fell_back, there) == in_process


@linux_only
def test_an_error_while_writing_stops_the_reading_process(
    fresh: Callable[[], Cockpit], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: Forks
) -> None:
    monkeypatch.setattr(sendsfile, "FIRST_CHUNK_ROWS", SMALL[0])
    monkeypatch.setattr(sendsfile, "CHUNK_ROWS", SMALL[1])
    parent = os.getpid()
    real_reader = sendsfile.iter_sends_csv

    def slow_reader(*args: Any) -> Iterator[Any]:
        for index, chunk in enumerate(real_reader(*args)):
            if os.getpid() != parent and index == 2:
                time.sleep(30)  # still reading when the writer fails
            yield chunk

    calls: list[int] = []
    real_add = ImportWriter.add

    def add(self: Any, rows: Any) -> None:
        calls.append(len(rows))
        if len(calls) == 2:
            raise OSError("disk full")
        real_add(self, rows)

    monkeypatch.setattr(readers, "iter_sends_csv", slow_reader)
    monkeypatch.setattr(ImportWriter, "add", add)
    path = tmp_path / "sends.csv"
    path.write_bytes(encode(base_records(), "LF").encode("utf-8"))
    cockpit = fresh()
    started = time.monotonic()
    with pytest.raises(OSError, match="disk full"):
        import_file(cockpit, str(path), read_aside=True)
    assert time.monotonic() - started < 10
    assert len(forks.started) == 1
    assert_reaped(forks)
    status = forks.statuses[forks.started[0]]
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert state(cockpit.repo) == (0, 0)


# --- 5. lines and offsets in a text handed to the parser in pieces ----------------------------------


def line_starts(text: str) -> list[int]:
    """Where each line starts, as ``io.StringIO(text, newline="")`` splits them, then ``len(text)``."""
    starts = [0]
    for line in io.StringIO(text, newline=""):
        starts.append(starts[-1] + len(line))
    return starts


TEXTS = [
    "",
    "a",
    "a\n",
    "a\nb\nc",
    "a\r\nb\r\nc\r\n",
    "a\rb\rc\r",
    "\n\n\r\r\r\n\r\n",
    "one,two\r\nthree\rfour\nfive\r\r\nsix",
    'h1,h2\n"x\ry",1\r\n"p\r\nq",2\rlast',
    "long line without breaks " * 3 + "\r\n" + "tail " * 5,
]


@pytest.mark.parametrize("piece", [1, 5, 1 << 20])
@pytest.mark.parametrize("text", TEXTS)
def test_offset_of_line(monkeypatch: pytest.MonkeyPatch, text: str, piece: int) -> None:
    monkeypatch.setattr(csvrows, "PIECE_CHARS", piece)
    starts = line_starts(text)
    lines = range(1, len(starts) + 3)
    forwards = CsvBlocks(text)
    assert [forwards.offset_of_line(k) for k in lines] == [*starts, len(text), len(text)]
    backwards = CsvBlocks(text)
    assert [backwards.offset_of_line(k) for k in reversed(lines)] == [len(text), len(text), *starts[::-1]]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ,\r\n", max_size=80), st.integers(1, 8), st.data())
def test_offset_of_line_for_any_text(text: str, piece: int, data: st.DataObject) -> None:
    starts = line_starts(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvrows, "PIECE_CHARS", piece)
        blocks = CsvBlocks(text)
        order = data.draw(st.permutations(range(1, len(starts) + 2)))
        for k in order:
            assert blocks.offset_of_line(k) == (starts[k - 1] if k <= len(starts) else len(text))


def _blank(fields: list[str]) -> bool:
    return len(fields) < 2 and (not fields or not fields[0].strip())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab ,"\r\n', max_size=80), st.integers(1, 8), st.integers(1, 4))
def test_blocks_read_the_records_csv_rows_reads(text: str, piece: int, size: int) -> None:
    expected = list(csv_rows(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvrows, "PIECE_CHARS", piece)
        blocks = CsvBlocks(text)
        try:
            header = blocks.header()
        except csv.Error:
            reject()  # an unreadable header ends the reading before any block
        if header is None:
            assert expected == []
            return
        got: list[tuple[int, list[str], str | None]] = [(header[0], header[1], None)]
        while (block := blocks.next_block(size)) is not None:
            again = list(blocks.rows(block))
            assert [fields for _, fields, _ in again] == [r for r in block.records if not _blank(r)]
            assert all(error is None for _, _, error in again)
            assert all(block.first_line <= line <= block.last_line for line, _, _ in again)
            got.extend(again)
        if blocks.failed:
            got.extend(blocks.rest())
    assert got == expected


@linux_only
def test_no_process_to_be_had_reads_the_file_in_process(
    fresh: Callable[[], Cockpit], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    path = tmp_path / "sends.csv"
    path.write_bytes(encode(base_records(), "LF").encode("utf-8"))
    cockpit = fresh()
    report = import_file(cockpit, str(path), read_aside=True)
    assert report.written and report.outcome is not None and report.outcome.imported == 15


# --- JSON escapes that are not characters -----------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\ud800", "\\udce9", "\\udfff"])
def test_an_unpaired_surrogate_escape_is_a_row_problem(
    fresh: Callable[[], Cockpit], tmp_path: Path, escape: str
) -> None:
    good = jsonl_object(1)
    bad = '{"sent_at": "2026-11-28T11:02:00Z", "recipient": "Ines Varga", "body": "Hi ' + escape + ' there"}'
    path = tmp_path / "sends.jsonl"
    path.write_text(f"{good}\n{bad}\n", encoding="utf-8")
    cockpit = fresh()
    report = import_file(cockpit, str(path))
    assert not report.written
    assert [str(p) for p in report.result.problems] == [
        f"line 2: body: {escape} is half of a character (an unpaired surrogate escape)"
    ]
    assert state(cockpit.repo) == (0, 0)
    kept = import_file(cockpit, str(path), skip_invalid=True)
    assert kept.outcome is not None and kept.outcome.imported == 1


def test_an_escaped_surrogate_pair_is_one_character(fresh: Callable[[], Cockpit], tmp_path: Path) -> None:
    line = '{"sent_at": "2026-11-28T11:02:00Z", "recipient": "Ines Varga", "body": "Hi \\ud83d\\ude00"}'
    path = tmp_path / "sends.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    cockpit = fresh()
    report = import_file(cockpit, str(path))
    assert report.written
    (message,) = cockpit.repo.messages()
    assert message.body == "Hi \U0001f600"
