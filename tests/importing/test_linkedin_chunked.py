"""LinkedIn exports read in groups of records: a group read column by column gives what reading it row
by row gives, whatever the group sizes; the owner is the whole file's most frequent sender even when
its first records suggest someone else; a send's response is found wherever it is in the file; the
forked reader gives what reading in-process gives; every problem names the line its row starts on."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import cycle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

import cockpit.services.importing.linkedin as linkedin
import cockpit.services.importing.readers as readers
from cockpit.clock import FixedClock
from cockpit.policy import load_policy
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.linkedin import _ExportReader
from cockpit.services.importing.service import ImportReport, import_file
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW
from tests.importing.conftest import Forks, state

pytestmark = pytest.mark.all_backends

SMALL = (2, 3)  # FIRST_CHUNK_ROWS, CHUNK_ROWS: a group boundary every few records
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the forked reader exists only on Linux")
POLICY = load_policy()

HEADERS = {
    "2021": [
        "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "DATE", "SUBJECT",
        "CONTENT", "FOLDER",
    ],
    "2023": [
        "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
        "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
    ],
    "2024": [
        "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
        "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
        "IS CONVERSATION DRAFT", "ATTACHMENTS",
    ],
}  # fmt: skip


# --- invented people and their messages ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Person:
    name: str
    slug: str

    @property
    def url(self) -> str:
        return f"https://www.linkedin.com/in/example-{self.slug}"

    @property
    def first(self) -> str:
        return self.name.split()[0]


MARA = Person("Mara Quist", "mara-quist")  # whose export it is
OLU = Person("Olu Benedek", "olu-benedek")
TEO = Person("Teodor Vance", "teodor-vance")
ILSE = Person("Ilse Marrow", "ilse-marrow")
KAITO = Person("Kaito Brenning", "kaito-brenning")
WREN = Person("Wren Castellano", "wren-castellano")
JOSE = Person("JosÃ© Ferraz", "jose-ferraz")  # "José Ferraz" as UTF-8 read as Windows-1252
CONTACTS = [OLU, TEO, ILSE, KAITO, JOSE]
MARA_KEY = "linkedin.com/in/example-mara-quist"  # her profile URL in its comparable form

BASE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def at(minutes: int) -> str:
    """A LinkedIn date ``minutes`` after 2026-11-02 09:00 UTC."""
    return f"{BASE + timedelta(minutes=minutes):%Y-%m-%d %H:%M:%S} UTC"


@dataclasses.dataclass(frozen=True)
class Row:
    """One record of an export; ``content`` line breaks become the file's own."""

    conversation: str
    sender: Person
    to: tuple[Person, ...]
    date: str
    content: str
    subject: str = ""
    folder: str = "INBOX"
    draft: str = "No"
    to_names: str | None = None  # TO as written, when it is not the recipients' names

    def values(self, header: list[str], newline: str) -> list[str]:
        value = {
            "CONVERSATION ID": self.conversation,
            "CONVERSATION TITLE": " and ".join(sorted(p.name for p in (self.sender, *self.to))),
            "FROM": self.sender.name,
            "SENDER PROFILE URL": self.sender.url,
            "TO": ", ".join(p.name for p in self.to) if self.to_names is None else self.to_names,
            "RECIPIENT PROFILE URLS": ";".join(p.url for p in self.to),
            "DATE": self.date,
            "SUBJECT": self.subject,
            "CONTENT": self.content.replace("\n", newline),
            "FOLDER": self.folder,
            "IS MESSAGE DRAFT": self.draft,
            "IS CONVERSATION DRAFT": "No",
            "ATTACHMENTS": "",
        }
        return [value[name] for name in header]


def send(contact: Person, date: str, content: str, **changes: Any) -> Row:
    return Row(f"conv-{contact.slug}", MARA, (contact,), date, content, **changes)


def answer(contact: Person, date: str, content: str, **changes: Any) -> Row:
    return Row(f"conv-{contact.slug}", contact, (MARA,), date, content, **changes)


def export(rows: Sequence[Row | str], header: str = "2024", newline: str = "\n") -> str:
    """The export's text; a ``str`` row is written as it is (its ``\\n`` become ``newline``)."""
    names = HEADERS[header]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(names)
    for row in rows:
        if isinstance(row, str):
            buffer.write(row.replace("\n", newline) + newline)
        else:
            writer.writerow(row.values(names, newline))
    return buffer.getvalue()


def start_lines(rows: Sequence[Row | str], header: str = "2024", newline: str = "\n") -> list[int]:
    """The physical line each row starts on (the header is line 1)."""
    lines: list[int] = []
    line = 2
    for row in rows:
        lines.append(line)
        line += export([row], header, newline).count("\n") - 1
    return lines


def mixed_rows() -> list[Row]:
    """A valid export in time order: Mara's sends (some InMails, some over several lines), answers
    and accepted requests, a draft, a group conversation someone leaves, mojibake names, a padded
    recipient name and identical rows repeated."""
    rows: list[Row] = []
    for i in range(30):
        contact = CONTACTS[i % len(CONTACTS)]
        content = f"Hi {contact.first},\nrole {i} is open.\nInterested?" if i % 7 == 3 else f"Hi, role {i}"
        rows.append(send(contact, at(60 * i), content, subject=f"Role {i}" if i % 3 == 0 else ""))
        if i % 4 == 1:
            rows.append(answer(contact, at(60 * i + 20), f"Tell me more about {i}"))
        if i % 10 == 2:
            rows.append(answer(contact, at(60 * i + 5), "Message request accepted"))
        if i == 8:
            rows.append(send(WREN, at(60 * i + 1), "Hi Wren, still drafting", folder="DRAFTS", draft="Yes"))
        if i == 12:
            group = (OLU, TEO)
            rows.append(Row("conv-guild", MARA, group, at(60 * i + 2), "Slides are in the folder."))
            rows.append(
                Row("conv-guild", TEO, (MARA, OLU), at(60 * i + 3), f"{TEO.name} left the conversation")
            )
            rows.append(Row("conv-guild", OLU, (MARA,), at(60 * i + 4), "Thanks Mara!"))
        if i == 17:
            rows.append(send(OLU, at(60 * i + 2), "Ping", to_names="Olu  Benedek"))
    repeated = [rows[5], rows[10], rows[8]]  # a send over three lines, a send, an answer
    rows.insert(20, repeated[0])
    rows.extend(repeated[1:])
    return rows


def problem_rows() -> list[Row]:
    """:func:`mixed_rows` with a bad DATE on a send and on an answer, a send dated two days ahead,
    a send without text and a subject that is too long."""
    rows = mixed_rows()
    rows[6] = dataclasses.replace(rows[6], date="2026-13-01 10:00:00 UTC")
    rows.insert(15, answer(TEO, "yesterday", "See you then"))
    rows.insert(25, send(ILSE, "2026-11-30 15:00:00 UTC", "Hi Ilse, from the future"))
    rows.insert(30, send(KAITO, at(3_000), "   "))
    rows.append(send(TEO, at(3_100), "Hi Teo", subject="s" * 1_001))
    return rows


# --- databases and everything an import leaves behind ----------------------------------------------


@contextmanager
def databases(directory: Path, clock: FixedClock | None = None) -> Iterator[Callable[[], Cockpit]]:
    """Make cockpits, each on a new, empty SQLite file in ``directory`` (its wall clock fixed too)."""
    repos: list[Repository] = []

    def make() -> Cockpit:
        repo = Repository.open(directory / f"fresh-{len(repos)}.sqlite3")
        repo.wall = FixedClock(NOW)  # entries compared across databases: one wall clock
        repos.append(repo)
        return Cockpit(repo=repo, clock=clock or FixedClock(NOW), policy=POLICY, actor="alice")

    try:
        yield make
    finally:
        for repo in repos:
            repo.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Callable[[], Cockpit]]:
    with databases(tmp_path) as make:
        yield make


def snapshot(report: ImportReport, cockpit: Cockpit) -> dict[str, Any]:
    """What an import reports and stores: problems, counts, sender, notes, every message field and
    every audit entry."""
    result, outcome = report.result, report.outcome
    return {
        "problems": [str(p) for p in result.problems],
        "file_problem": None if result.file_problem is None else str(result.file_problem),
        "counts": (
            result.rows_read,
            result.valid,
            result.repeated,
            result.rejected,
            sorted(result.skipped.items()),
        ),
        "sender": (result.sender, result.sender_guessed, result.owner_was_wrong),
        "notes": result.notes,
        "channels": sorted(result.channels.items()),
        "mojibake": (result.repaired, result.unrepaired),
        "newest": result.newest_sent,
        "replies": sorted(result.replies.items()),
        "outcome": None if outcome is None else dataclasses.asdict(outcome),
        "messages": [dataclasses.asdict(m) for m in cockpit.repo.messages()],
        "audit": [dataclasses.asdict(e) for e in cockpit.repo.audit()],
    }


def bodies(cockpit: Cockpit) -> list[str]:
    return [m.body for m in cockpit.repo.messages()]


# --- 1. column by column or row by row, large groups or small: the same outcome ---------------------


def import_four_ways(directory: Path, text: str, **options: Any) -> tuple[dict[str, Any], list[bool]]:
    """Import ``text`` with the default groups and with small ones, each read as usual and read row
    by row only, each into a new database; all four must agree. Returns the outcome and, for the
    usual reading in small groups, whether each group was read column by column."""
    path = directory / "messages.csv"
    path.write_bytes(text.encode("utf-8"))
    outcomes: list[dict[str, Any]] = []
    column_reads: list[bool] = []
    real = _ExportReader.by_columns
    with databases(directory) as make:
        for sizes in (None, SMALL):
            for row_by_row in (False, True):
                checks: list[bool] = []

                def by_columns(
                    reader: _ExportReader,
                    *args: Any,
                    checks: list[bool] = checks,
                    only_rows: bool = row_by_row,
                ) -> bool:
                    read = False if only_rows else real(reader, *args)
                    checks.append(read)
                    return read

                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(_ExportReader, "by_columns", by_columns)
                    if sizes is not None:
                        patch.setattr(linkedin, "FIRST_CHUNK_ROWS", sizes[0])
                        patch.setattr(linkedin, "CHUNK_ROWS", sizes[1])
                    cockpit = make()
                    report = import_file(cockpit, str(path), read_aside=False, **options)
                outcomes.append(snapshot(report, cockpit))
                if sizes is not None and not row_by_row:
                    column_reads = checks
    for other in outcomes[1:]:
        assert other == outcomes[0]
    return outcomes[0], column_reads


VALID_EXPORTS = {
    "2024, LF, time order": ("2024", "\n", False),
    "2024, CRLF, newest first": ("2024", "\r\n", True),
    "2023, CRLF, time order": ("2023", "\r\n", False),
    "2021, LF, newest first": ("2021", "\n", True),
}


@pytest.mark.parametrize("name", list(VALID_EXPORTS))
def test_a_valid_export_reads_the_same_by_columns_and_by_rows(tmp_path: Path, name: str) -> None:
    header, newline, newest_first = VALID_EXPORTS[name]
    rows = mixed_rows()
    if newest_first:
        rows.reverse()
    outcome, column_reads = import_four_ways(tmp_path, export(rows, header, newline))
    assert True in column_reads and False in column_reads  # some groups each way
    assert outcome["problems"] == [] and outcome["file_problem"] is None
    assert outcome["sender"] == (MARA.url, True, False)
    assert outcome["counts"] == (49, 32, 2, 0, [("draft", 1), ("received", 10), ("system", 4)])
    messages = {m["body"]: m for m in outcome["messages"]}
    assert len(messages) == 32 and outcome["outcome"]["imported"] == 32
    assert [m["id"] for m in outcome["messages"]] == list(range(1, 33))
    assert messages[f"Hi José,{newline}role 24 is open.{newline}Interested?"]["recipient"] == "José Ferraz"
    assert not any("Ã" in m["recipient"] + m["body"] for m in messages.values())
    assert messages[f"Hi Ilse,{newline}role 17 is open.{newline}Interested?"]["recipient"] == "Ilse Marrow"
    assert messages["Ping"]["recipient"] == "Olu Benedek"  # the padded name, tidied
    guild = messages["Slides are in the folder."]
    assert (guild["recipient"], guild["channel"]) == ("Olu Benedek, Teodor Vance", "message")
    urls = None if header == "2021" else f"{OLU.url};{TEO.url}"
    assert guild["recipient_profile_url"] == urls
    assert messages["Hi, role 0"]["channel"] == "inmail"  # opens the conversation, with a subject
    assert messages["Hi, role 6"]["channel"] == "message"  # a follow-up after Teodor answered: free
    assert messages["Hi, role 7"]["channel"] == "message"
    answered = {body for body, m in messages.items() if m["replied_at"] is not None}
    assert len(answered) == 27
    assert messages["Hi, role 2"]["replied_at"] == datetime(2026, 11, 2, 11, 5, tzinfo=UTC)  # accepted
    assert messages["Hi, role 0"]["replied_at"] == datetime(2026, 11, 2, 14, 20, tzinfo=UTC)
    assert messages["Slides are in the folder."]["replied_at"] == datetime(2026, 11, 2, 21, 4, tzinfo=UTC)
    assert messages["Hi, role 26"]["replied_at"] is None and messages["Hi, role 28"]["replied_at"] is None
    assert [e["action"] for e in outcome["audit"]] == ["import"] + ["observe"] * 27
    assert outcome["outcome"]["responses_new"] == 27


@pytest.mark.parametrize("skip_invalid", [False, True], ids=["all or nothing", "skip invalid"])
def test_an_export_with_problems_reads_the_same_by_columns_and_by_rows(
    tmp_path: Path, skip_invalid: bool
) -> None:
    rows = problem_rows()
    lines = start_lines(rows)
    outcome, column_reads = import_four_ways(tmp_path, export(rows), skip_invalid=skip_invalid)
    assert True in column_reads and False in column_reads
    rejected = [lines[6], lines[15], lines[25], lines[-1]]
    assert outcome["problems"] == [
        f"line {rejected[0]}: DATE: '2026-13-01 10:00:00 UTC' is not a date like 2023-06-11 15:33:58 UTC",
        f"line {rejected[1]}: DATE: 'yesterday' is not a date like 2023-06-11 15:33:58 UTC",
        f"line {rejected[2]}: DATE: '2026-11-30 15:00:00 UTC' is more than a day in the future",
        f"line {rejected[3]}: SUBJECT: longer than 1,000 characters",
    ]
    assert outcome["counts"] == (
        53, 31, 2, 4, [("draft", 1), ("no text", 1), ("received", 10), ("system", 4)]
    )  # fmt: skip
    if skip_invalid:
        assert outcome["outcome"] is not None and outcome["outcome"]["imported"] == 31
        assert outcome["audit"][0]["details"]["rejected_lines"] == rejected
        assert len(outcome["messages"]) == 31
    else:
        assert outcome["outcome"] is None
        assert outcome["messages"] == [] and outcome["audit"] == []


KINDS = (
    "send", "send", "send", "inmail", "multi-line", "answer", "answer", "accepted", "draft", "system",
    "group", "mojibake", "padded name", "odd date", "bad date", "future date", "limit date", "empty",
    "repeat",
)  # fmt: skip


@st.composite
def exports(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """An export of up to 24 records of every kind, in any order, and the import's options."""
    header = draw(st.sampled_from(list(HEADERS)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    rows: list[Row | str] = []
    for _ in range(draw(st.integers(1, 24))):
        kind = draw(st.sampled_from(KINDS))
        contact = draw(st.sampled_from(CONTACTS))
        when = at(draw(st.integers(0, 3_000)))
        text = f"Hi {contact.first}, note {draw(st.integers(0, 3))}"
        if kind == "repeat" and rows:
            rows.append(draw(st.sampled_from(rows)))
        elif kind == "inmail":
            rows.append(send(contact, when, text, subject="A role for you"))
        elif kind == "multi-line":
            rows.append(send(contact, when, f"{text}\n\nline three"))
        elif kind == "answer":
            rows.append(answer(contact, when, f"Thanks, {draw(st.integers(0, 3))}"))
        elif kind == "accepted":
            notice = draw(st.sampled_from(["Message request accepted", "InMail declined"]))
            rows.append(answer(contact, when, notice))
        elif kind == "draft":
            rows.append(send(contact, when, text, folder="DRAFTS", draft="Yes"))
        elif kind == "system":
            rows.append(answer(contact, when, f"{contact.name} left the conversation"))
        elif kind == "group":
            rows.append(Row("conv-guild", MARA, (OLU, contact), when, text))
        elif kind == "mojibake":
            rows.append(draw(st.sampled_from([send(JOSE, when, "OlÃ¡ JosÃ©"), answer(JOSE, when, "Ã“timo")])))
        elif kind == "padded name":
            name = draw(st.sampled_from([" Olu", "Olu  B", "Olu\tB", "Olu B "]))
            rows.append(send(contact, when, text, to_names=name))
        elif kind in ("odd date", "bad date", "future date", "limit date"):
            date = {
                "odd date": ["2026-11-05 10:00:00", "2026-11-05T10:00:00+02:00", " 2026-11-05 10:00:00 UTC"],
                "bad date": ["2026-13-01 10:00:00 UTC", "2026-02-30 10:00:00 UTC", "yesterday", ""],
                "future date": ["2026-11-29 15:00:01 UTC", "2026-12-05 10:00:00 UTC"],
                "limit date": ["2026-11-29 15:00:00 UTC", "2026-11-28 15:30:00 UTC"],
            }[kind]
            maker = draw(st.sampled_from([send, send, answer]))
            rows.append(maker(contact, draw(st.sampled_from(date)), text))
        elif kind == "empty":
            rows.append(send(contact, when, draw(st.sampled_from(["", "  ", "\n"]))))
        else:
            rows.append(send(contact, when, text))
    options = {"me": draw(st.sampled_from([None, None, MARA.url])), "skip_invalid": draw(st.booleans())}
    return export(rows, header, newline), options


def tied_rows() -> list[Row]:
    """Mara and Olu each send three messages at the same instant, in an order where the first two
    records suggest Mara and the first seven Olu (his notice counts there); two of Mara's rows and
    one of Olu's repeat an earlier row exactly."""
    hello, thanks = send(OLU, at(0), "Hi Olu, note 0"), answer(OLU, at(0), "Thanks, 0")
    notice = answer(OLU, at(0), f"{OLU.name} left the conversation")
    return [hello, thanks, hello, hello, notice, thanks, answer(OLU, at(0), "Thanks, 1")]


@settings(max_examples=25, deadline=None)
@given(exports())
@example((export(tied_rows(), "2021"), {"me": None, "skip_invalid": False}))
def test_any_export_reads_the_same_by_columns_and_by_rows(drawn: tuple[str, dict[str, Any]]) -> None:
    text, options = drawn
    with tempfile.TemporaryDirectory() as directory:
        outcome, column_reads = import_four_ways(Path(directory), text, **options)
    event("some groups by columns" if any(column_reads) else "every group by rows")
    event("written" if outcome["outcome"] is not None else "not written")


# --- 2. the owner: the whole file's most frequent sender -----------------------------------------------


def owner_rows(sends: int = 400) -> list[Row]:
    """Newest first: 300 answers from Olu to Mara, then Mara's ``sends`` (one in five to Olu, each
    older than all of his answers)."""
    answers = [answer(OLU, at(10_000 - i), f"Answer {i} from Olu") for i in range(300)]
    mine = [
        send(contact, at(5_000 - 10 * i), f"Message {i} from Mara", subject="Role" if i % 2 else "")
        for i, contact in zip(range(sends), cycle(CONTACTS), strict=False)
    ]
    return answers + mine


@pytest.mark.parametrize("sizes", [None, SMALL], ids=["default groups", "small groups"])
@pytest.mark.parametrize("header", ["2021", "2024"])
def test_the_owner_is_the_most_frequent_sender_of_the_whole_file(
    fresh: Callable[[], Cockpit],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    header: str,
    sizes: tuple[int, int] | None,
) -> None:
    if sizes is not None:
        monkeypatch.setattr(linkedin, "FIRST_CHUNK_ROWS", sizes[0])
        monkeypatch.setattr(linkedin, "CHUNK_ROWS", sizes[1])
    path = tmp_path / "messages.csv"
    path.write_text(export(owner_rows(), header), encoding="utf-8")
    owners: list[str | None] = []
    real = linkedin.iter_linkedin

    def reader(text: str, **options: Any) -> Iterator[Any]:
        owners.append(options["owner"])
        return real(text, **options)

    monkeypatch.setattr(readers, "iter_linkedin", reader)
    guessed = fresh()
    report = import_file(guessed, str(path), read_aside=False)
    # Olu and Mara are on every one of the first records and Olu sent them: the file is read again
    assert owners == [None, MARA_KEY]
    result = report.result
    assert report.written and report.outcome is not None
    assert (result.sender, result.sender_guessed, result.file_problem) == (MARA.url, True, None)
    assert result.notes == [
        f"owner taken to be {MARA.url}, who is on every row of the file (as sender or recipient); "
        "pass --me PROFILE_URL to choose another"
    ]
    assert (report.outcome.imported, result.rows_read, dict(result.skipped)) == (400, 700, {"received": 300})
    assert sorted(bodies(guessed)) == sorted(f"Message {i} from Mara" for i in range(400))
    assert [m.id for m in guessed.repo.messages()] == list(range(1, 401))
    entries = guessed.repo.audit()
    assert [e.action for e in entries] == ["import"] + ["observe"] * 80  # every send to Olu is answered
    assert entries[0].details["sender_guessed"] is True
    assert entries[0].details["counts"] == {
        "rows": 700, "imported": 400, "duplicates": 0, "skipped": 300, "rejected": 0, "responses": 80
    }  # fmt: skip
    assert verify_audit(guessed.repo).ok

    chosen = fresh()
    by_me = import_file(chosen, str(path), me=MARA.url, read_aside=False)
    assert by_me.result.sender == MARA.url and not by_me.result.sender_guessed
    assert [dataclasses.astuple(m) for m in chosen.repo.messages()] == [
        dataclasses.astuple(m) for m in guessed.repo.messages()
    ]

    def observed(cockpit: Cockpit) -> list[tuple[Any, ...]]:
        return [(e.seq, e.action, e.message_id, e.from_version, e.details) for e in cockpit.repo.audit()[1:]]

    assert observed(chosen) == observed(guessed)


def test_a_tie_between_the_two_most_frequent_senders_does_not_matter_when_one_is_on_every_row(
    fresh: Callable[[], Cockpit], tmp_path: Path
) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(export(owner_rows(sends=300)), encoding="utf-8")
    cockpit = fresh()
    report = import_file(cockpit, str(path), read_aside=False)
    assert report.written and report.result.file_problem is None
    assert report.result.sender == MARA.url  # Olu sent as many, but is not on Mara's sends to others
    assert report.outcome is not None and report.outcome.imported == 300


def test_a_tie_reads_the_same_whatever_the_first_records_suggest(tmp_path: Path) -> None:
    text = export(tied_rows(), "2021")
    (tmp_path / "guessed").mkdir()
    outcome, _ = import_four_ways(tmp_path / "guessed", text)
    assert outcome["file_problem"] == (
        f"line 1: cannot tell whose export this is: {OLU.url} (3 sent), {MARA.url} (3 sent) are each "
        "on every row; name yours with --me PROFILE_URL"
    )
    assert outcome["counts"] == (7, 0, 0, 0, [("received", 6), ("system", 1)])  # nobody's sends
    assert (outcome["channels"], outcome["problems"], outcome["sender"]) == ([], [], (None, False, False))
    assert outcome["outcome"] is None and outcome["messages"] == [] and outcome["audit"] == []
    for person, counts in ((MARA, (7, 1, 2, 0)), (OLU, (7, 2, 1, 0))):  # exact repeats: duplicates
        directory = tmp_path / person.slug
        directory.mkdir()
        chosen, _ = import_four_ways(directory, text, me=person.url)
        assert chosen["counts"] == (*counts, [("received", 3), ("system", 1)])
        assert chosen["sender"] == (person.url, False, False)
        assert chosen["outcome"] is not None and chosen["outcome"]["imported"] == counts[1]


# --- 3. responses ----------------------------------------------------------------------------------


def answered_rows() -> list[Row]:
    """In time order: a send answered twice, an accepted request, a send answering an earlier
    question, an answer dated after now, and a send with only Mara's own notice after it."""
    return [
        send(OLU, "2026-11-20 09:00:00 UTC", "Hi Olu, open to a chat?", subject="Platform role"),
        answer(OLU, "2026-11-20 11:30:00 UTC", "Sure, Thursday?"),
        answer(ILSE, "2026-11-20 12:00:00 UTC", "Message request declined"),  # before Mara wrote
        answer(OLU, "2026-11-21 08:00:00 UTC", "Or Friday."),
        send(ILSE, "2026-11-21 10:00:00 UTC", "Hi Ilse, a quick question."),
        answer(ILSE, "2026-11-21 10:45:00 UTC", "Message request accepted"),
        answer(TEO, "2026-11-22 09:00:00 UTC", "Are you hiring?"),
        send(TEO, "2026-11-22 09:30:00 UTC", "Yes, see the description."),
        send(KAITO, "2026-11-23 12:00:00 UTC", "Hi Kaito, about the role."),
        send(KAITO, "2026-11-23 12:30:00 UTC", "Message request accepted"),  # Mara's own notice
        send(WREN, "2026-11-28 14:00:00 UTC", "Hi Wren, still interested?"),
        answer(WREN, "2026-11-28 15:30:00 UTC", "Yes!"),  # half an hour after now
    ]


def newest_first(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: row.date, reverse=True)


def replied(cockpit: Cockpit) -> dict[str, str | None]:
    return {
        m.body: None if m.replied_at is None else m.replied_at.isoformat() for m in cockpit.repo.messages()
    }


@pytest.mark.parametrize("sizes", [None, SMALL], ids=["default groups", "small groups"])
@pytest.mark.parametrize("order", ["oldest first", "newest first"])
def test_responses_are_found_before_or_after_their_send_in_the_file(
    fresh: Callable[[], Cockpit],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    order: str,
    sizes: tuple[int, int] | None,
) -> None:
    if sizes is not None:
        monkeypatch.setattr(linkedin, "FIRST_CHUNK_ROWS", sizes[0])
        monkeypatch.setattr(linkedin, "CHUNK_ROWS", sizes[1])
    rows = answered_rows() if order == "oldest first" else newest_first(answered_rows())
    path = tmp_path / "messages.csv"
    path.write_text(export(rows), encoding="utf-8")
    cockpit = fresh()
    report = import_file(cockpit, str(path), read_aside=False)
    assert report.outcome is not None and report.outcome.imported == 5
    assert report.outcome.responses_new == 2
    assert replied(cockpit) == {
        "Hi Olu, open to a chat?": "2026-11-20T11:30:00+00:00",  # the first answer after it
        "Hi Ilse, a quick question.": "2026-11-21T10:45:00+00:00",  # the request accepted
        "Yes, see the description.": None,  # Teodor wrote before it, not after
        "Hi Kaito, about the role.": None,  # only Mara's own notice follows
        "Hi Wren, still interested?": None,  # the answer is dated after now
    }
    ids = {m.body: m.id for m in cockpit.repo.messages()}
    entries = cockpit.repo.audit()
    assert [e.action for e in entries] == ["import", "observe", "observe"]
    assert sorted((e.message_id, e.from_version, e.details["at"]) for e in entries[1:]) == sorted(
        [
            (ids["Hi Olu, open to a chat?"], 1, "2026-11-20T11:30:00Z"),
            (ids["Hi Ilse, a quick question."], 1, "2026-11-21T10:45:00Z"),
        ]
    )
    assert all(e.details["observed"] == "replied" for e in entries[1:])
    assert [m.version for m in cockpit.repo.messages() if m.replied_at is not None] == [2, 2]
    assert verify_audit(cockpit.repo).ok


@pytest.mark.parametrize("sizes", [None, SMALL], ids=["default groups", "small groups"])
def test_a_later_export_records_a_response_to_a_stored_send_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sizes: tuple[int, int] | None
) -> None:
    if sizes is not None:
        monkeypatch.setattr(linkedin, "FIRST_CHUNK_ROWS", sizes[0])
        monkeypatch.setattr(linkedin, "CHUNK_ROWS", sizes[1])
    first, later = tmp_path / "first.csv", tmp_path / "later.csv"
    first.write_text(export(answered_rows()), encoding="utf-8")
    kaito = answer(KAITO, "2026-11-24 09:00:00 UTC", "Happy to talk.")
    later.write_text(export(newest_first([*answered_rows(), kaito])), encoding="utf-8")
    clock = FixedClock(NOW)
    with databases(tmp_path, clock) as make:
        cockpit = make()
        import_file(cockpit, str(first), read_aside=False)
        assert verify_audit(cockpit.repo).ok
        before = {m.id: m for m in cockpit.repo.messages()}
        entries = len(cockpit.repo.audit())

        report = import_file(cockpit, str(later), read_aside=False)
        assert report.outcome is not None
        assert (report.outcome.imported, report.duplicates) == (0, 5)
        assert (report.outcome.responses_new, report.outcome.responses_earlier) == (0, 1)
        target = next(m for m in before.values() if m.body == "Hi Kaito, about the role.")
        added = cockpit.repo.audit()[entries:]
        assert [(e.action, e.message_id) for e in added] == [("import", None), ("observe", target.id)]
        assert added[1].details == {"observed": "replied", "at": "2026-11-24T09:00:00Z"}
        assert added[1].from_version == 1
        after = {m.id: m for m in cockpit.repo.messages()}
        assert after[target.id].replied_at == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
        assert after[target.id].version == 2
        assert {i: m for i, m in after.items() if i != target.id} == {
            i: m for i, m in before.items() if i != target.id
        }
        assert verify_audit(cockpit.repo).ok

        entries = len(cockpit.repo.audit())
        again = import_file(cockpit, str(later), read_aside=False)
        assert again.outcome is not None
        assert (again.outcome.responses_new, again.outcome.responses_earlier) == (0, 0)
        assert [e.action for e in cockpit.repo.audit()[entries:]] == ["import"]
        counts = cockpit.repo.audit()[-1].details["counts"]
        assert isinstance(counts, dict) and (counts["responses"], counts["duplicates"]) == (0, 5)
        assert {m.id: m for m in cockpit.repo.messages()} == after
        assert verify_audit(cockpit.repo).ok

        # Once the clock has passed Wren's answer, a re-import records it.
        clock.advance(3_600)
        entries = len(cockpit.repo.audit())
        later_still = import_file(cockpit, str(later), read_aside=False)
        assert later_still.outcome is not None and later_still.outcome.responses_earlier == 1
        wren = next(m for m in cockpit.repo.messages() if m.body == "Hi Wren, still interested?")
        assert wren.replied_at == datetime(2026, 11, 28, 15, 30, tzinfo=UTC)
        assert [(e.action, e.message_id) for e in cockpit.repo.audit()[entries:]] == [
            ("import", None),
            ("observe", wren.id),
        ]
        assert verify_audit(cockpit.repo).ok


# --- 4. the forked reader gives what reading in-process gives ------------------------------------------


@dataclasses.dataclass(frozen=True)
class AsideCase:
    text: str
    skip_invalid: bool
    written: bool
    problems: bool
    readings: int  # how many times the file is read


ASIDE_CASES = {
    "valid export": AsideCase(export(mixed_rows(), "2024", "\r\n"), False, True, False, 1),
    "export with problems": AsideCase(export(problem_rows()), False, False, True, 1),
    "problems, skip invalid": AsideCase(export(problem_rows(), "2023"), True, True, True, 1),
    "first rows suggest another owner": AsideCase(export(owner_rows(), "2021"), False, True, False, 2),
}


@linux_only
@pytest.mark.parametrize("case", list(ASIDE_CASES))
@pytest.mark.parametrize("sizes", [None, SMALL], ids=["default groups", "small groups"])
def test_forked_reader_gives_what_in_process_reading_gives(
    fresh: Callable[[], Cockpit],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forks: Forks,
    case: str,
    sizes: tuple[int, int] | None,
) -> None:
    given_case = ASIDE_CASES[case]
    if sizes is not None:
        monkeypatch.setattr(linkedin, "FIRST_CHUNK_ROWS", sizes[0])
        monkeypatch.setattr(linkedin, "CHUNK_ROWS", sizes[1])
    path = tmp_path / "messages.csv"
    path.write_bytes(given_case.text.encode("utf-8"))
    outcomes = []
    for cockpit, read_aside in ((fresh(), False), (fresh(), True)):
        steps: list[tuple[str, int]] = []

        def note(what: str, count: int, steps: list[tuple[str, int]] = steps) -> None:
            steps.append((what, count))

        report = import_file(
            cockpit, str(path), skip_invalid=given_case.skip_invalid, read_aside=read_aside, progress=note
        )
        outcomes.append((snapshot(report, cockpit), steps))
    assert len(forks.started) == given_case.readings
    for pid in forks.started:
        assert pid in forks.statuses
        assert os.WIFEXITED(forks.statuses[pid]) and os.WEXITSTATUS(forks.statuses[pid]) == 0
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    assert outcomes[1] == outcomes[0]
    forked = outcomes[1][0]
    assert (forked["outcome"] is not None) == given_case.written
    assert bool(forked["problems"]) == given_case.problems
    assert forked["sender"] == (MARA.url, True, False)


# --- 5. problems name the line their row starts on; nothing is written ------------------------------


def lined_rows() -> list[Row | str]:
    """Sixteen valid records, the first four with texts over three lines."""
    rows: list[Row | str] = []
    for i in range(16):
        contact = CONTACTS[i % len(CONTACTS)]
        text = f"Hi {contact.first},\n\nnote {i}" if i < 4 else f"Hi {contact.first}, note {i}"
        rows.append(send(contact, at(30 * i), text) if i % 3 else answer(contact, at(30 * i), text))
    return rows


def raw(date: str, content: str, *, fields: int = 13) -> str:
    """A send to Olu written by hand, ``content`` exactly as it stands between two commas, with
    ``fields`` fields (the header has 13)."""
    values = [
        "conv-olu-benedek", "Mara Quist and Olu Benedek", "Mara Quist", MARA.url, "Olu Benedek", OLU.url,
        date, "", content, "INBOX", "No", "No", "",
    ]  # fmt: skip
    return ",".join(values[:fields] + ["spare"] * (fields - len(values)))


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_bad_date_in_a_late_group(
    fresh: Callable[[], Cockpit], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str
) -> None:
    monkeypatch.setattr(linkedin, "FIRST_CHUNK_ROWS", SMALL[0])
    monkeypatch.setattr(linkedin, "CHUNK_ROWS", SMALL[1])
    rows = lined_rows()
    rows[12] = send(KAITO, "2026-11-31 10:00:00 UTC", "Hi Kaito")
    rows[14] = answer(ILSE, "2026-11-05 25:00:00 UTC", "Thanks")
    lines = start_lines(rows, newline=newline)
    assert (lines[12], lines[14]) == (22, 24)
    path = tmp_path / "messages.csv"
    path.write_bytes(export(rows, newline=newline).encode("utf-8"))
    cockpit = fresh()
    report = import_file(cockpit, str(path), read_aside=False)
    assert [str(p) for p in report.result.problems] == [
        "line 22: DATE: '2026-11-31 10:00:00 UTC' is not a date like 2023-06-11 15:33:58 UTC",
        "line 24: DATE: '2026-11-05 25:00:00 UTC' is not a date like 2023-06-11 15:33:58 UTC",
    ]
    assert not report.written and state(cockpit.repo) == (0, 0)
    assert report.result.rejected_lines == {22, 24}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_stray_quote_in_a_late_group_and_the_rows_after_it(
    fresh: Callable[[], Cockpit], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str
) -> None:
    monkeypatch.setattr(linkedin, "FIRST_CHUNK_ROWS", SMALL[0])
    monkeypatch.setattr(linkedin, "CHUNK_ROWS", SMALL[1])
    rows = lined_rows()
    rows[10] = raw(at(300), '"Hi Olu,\nsee" you')  # the quote closes mid-field, on the row's 2nd line
    rows[13] = raw("2026-11-05 10:61:00 UTC", "Hi again")
    rows[15] = raw(at(450), "one field too few", fields=12)
    lines = start_lines(rows, newline=newline)
    assert (lines[10], lines[13], lines[15]) == (20, 24, 26)
    path = tmp_path / "messages.csv"
    path.write_bytes(export(rows, newline=newline).encode("utf-8"))
    cockpit = fresh()
    report = import_file(cockpit, str(path), read_aside=False)
    assert [str(p) for p in report.result.problems] == [
        "line 20: stray quote: a quoted field must end with a quote followed by a comma or the line end",
        "line 24: DATE: '2026-11-05 10:61:00 UTC' is not a date like 2023-06-11 15:33:58 UTC",
        "line 26: 12 fields but the header has 13 (a missing quote or comma?)",
    ]
    assert report.result.rows_read == 16 and report.result.rejected == 3
    assert not report.written and state(cockpit.repo) == (0, 0)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("fields", [14, 12], ids=["one field too many", "one field too few"])
def test_a_row_with_the_wrong_number_of_fields_in_a_late_group(
    fresh: Callable[[], Cockpit], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str, fields: int
) -> None:
    monkeypatch.setattr(linkedin, "FIRST_CHUNK_ROWS", SMALL[0])
    monkeypatch.setattr(linkedin, "CHUNK_ROWS", SMALL[1])
    rows = lined_rows()
    rows[11] = raw(at(400), '"Hi Olu,\nline two"', fields=fields)
    lines = start_lines(rows, newline=newline)
    assert lines[11] == 21
    path = tmp_path / "messages.csv"
    path.write_bytes(export(rows, newline=newline).encode("utf-8"))
    cockpit = fresh()
    report = import_file(cockpit, str(path), read_aside=False)
    assert [str(p) for p in report.result.problems] == [
        f"line 21: {fields} fields but the header has 13 (a missing quote or comma?)"
    ]
    assert not report.written and state(cockpit.repo) == (0, 0)


# --- an export with nobody's messages ------------------------------------------------------------------


@pytest.mark.parametrize("sizes", [None, SMALL], ids=["default groups", "small groups"])
def test_an_export_without_any_message_imports_nothing_and_counts_every_row(
    fresh: Callable[[], Cockpit],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sizes: tuple[int, int] | None,
) -> None:
    if sizes is not None:
        monkeypatch.setattr(linkedin, "FIRST_CHUNK_ROWS", sizes[0])
        monkeypatch.setattr(linkedin, "CHUNK_ROWS", sizes[1])
    rows = [
        send(WREN, at(10), "Hi Wren, still drafting", folder="DRAFTS", draft="Yes"),
        Row("conv-guild", OLU, (MARA,), at(20), f"{OLU.name} left the conversation"),
    ]
    path = tmp_path / "messages.csv"
    path.write_text(export(rows), encoding="utf-8")
    cockpit = fresh()
    report = import_file(cockpit, str(path))
    assert report.written and report.outcome is not None
    assert (report.outcome.imported, report.result.rows_read) == (0, 2)
    assert dict(report.result.skipped) == {"draft": 1, "system": 1}
    assert [e.action for e in cockpit.repo.audit()] == ["import"]
