"""Sends files read a piece at a time from disk: the same rows, repeats and problems as reading the
whole text; repeats found by reading an earlier stretch again; an import into an empty table
builds its indexes once; the forked reader waits for a slow writer and still stops cleanly."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import cockpit.services.importing.aside as aside
import cockpit.services.importing.sendsfile as sendsfile
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.model import Chunk
from cockpit.services.importing.pieces import TextPieces
from cockpit.services.importing.sendsrow import RowContext
from cockpit.services.importing.service import import_file
from tests.importing.test_chunked import CTX, csv_texts, fresh, gathered, jsonl_texts, linux_only, read_with

pytestmark = pytest.mark.all_backends

__all__ = ["fresh"]  # the fixture, used by name


def _read_file(
    reader: Callable[[TextPieces, RowContext], Iterator[Chunk]], text: str, sizes: tuple[int, int], piece: int
) -> dict[str, Any]:
    """What :func:`read_with` gathers, read from a file on disk in pieces of ``piece`` bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sends"
        path.write_bytes(text.encode("utf-8"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sendsfile, "FIRST_CHUNK_ROWS", sizes[0])
            patch.setattr(sendsfile, "CHUNK_ROWS", sizes[1])
            chunks = list(reader(TextPieces.of_file(path, size=piece), CTX))
    return gathered(chunks)


@settings(max_examples=100, deadline=None)
@given(csv_texts())
def test_a_csv_file_read_in_pieces_from_disk_reads_as_the_whole_text(text: str) -> None:
    whole = read_with(sendsfile.iter_sends_csv, text, None, None)
    for sizes, piece in [((1, 1), 1), ((2, 3), 7), ((1, 2), 1 << 20)]:
        assert _read_file(sendsfile.iter_sends_csv, text, sizes, piece) == whole


@settings(max_examples=100, deadline=None)
@given(jsonl_texts())
def test_a_jsonl_file_read_in_pieces_from_disk_reads_as_the_whole_text(text: str) -> None:
    whole = read_with(sendsfile.iter_sends_jsonl, text, None, None)
    for sizes, piece in [((1, 1), 1), ((2, 3), 7), ((1, 2), 1 << 20)]:
        assert _read_file(sendsfile.iter_sends_jsonl, text, sizes, piece) == whole


@pytest.mark.parametrize("start", [0, 3])
@pytest.mark.parametrize("size", [1, 4, 100])
def test_pieces_of_a_file_are_its_text_cut_after_line_feeds(tmp_path: Path, start: int, size: int) -> None:
    text = "\ufeffab\ncd\r\n\néf\x00g\nlast"
    path = tmp_path / "text"
    path.write_bytes(text.encode("utf-8")[:-4] + b"l\xe9st")  # an undecodable byte in the last line
    pieces = TextPieces.of_file(path, start, size)
    read = list(pieces)
    expected = (text.encode("utf-8")[start:-4] + b"l\xe9st").decode("utf-8", "surrogateescape")
    assert "".join(read) == expected
    assert all(piece.endswith("\n") for piece in read[:-1])
    assert pieces.bad_bytes and pieces.nul
    assert [pieces.piece(i) for i in range(len(pieces))] == read  # read again from the file
    assert list(pieces.lines_from(0)) == expected.split("\n")
    in_memory = list(TextPieces.of_text(expected, size=size))  # cut by characters, not bytes
    assert "".join(in_memory) == expected and all(piece.endswith("\n") for piece in in_memory[:-1])


# --- repeats far apart, found again from the file ---------------------------------------------------


def _jsonl(i: int, **changes: object) -> str:
    value: dict[str, object] = {
        "sent_at": f"2026-11-28T10:{i % 60:02d}:00Z",
        "recipient": f"Person {i}",
        "subject": "Role",
        "body": f"Hi number {i}",
        "external_id": f"k-{i}",
    }
    value.update(changes)
    return json.dumps(value)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of two or three rows, pieces of a few lines: a 60-row file spans many of each."""
    monkeypatch.setattr(sendsfile, "FIRST_CHUNK_ROWS", 2)
    monkeypatch.setattr(sendsfile, "CHUNK_ROWS", 3)
    monkeypatch.setattr("cockpit.services.importing.pieces.PIECE_BYTES", 300)


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("read_aside", [False, pytest.param(True, marks=linux_only)])
def test_repeats_across_many_chunks_are_told_from_conflicts(
    fresh: Callable[[], Cockpit], tmp_path: Path, read_aside: bool
) -> None:
    lines = [_jsonl(i) for i in range(1, 61)]
    lines[40] = _jsonl(3)  # line 41: line 3 again, 13 chunks later (a boundary falls between)
    lines[41] = _jsonl(4)  # line 42: line 4 again
    lines[55] = _jsonl(56, external_id="k-1")  # line 56: the key of line 1, another send
    lines[58] = _jsonl(59, external_id="k-20")  # line 59: the key of line 20, another send
    path = tmp_path / "sends.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cockpit = fresh()
    report = import_file(cockpit, str(path), skip_invalid=True, read_aside=read_aside)
    assert [str(p) for p in report.result.problems] == [
        "line 56: external_id: 'k-1' is used on line 1 for a different send",
        "line 59: external_id: 'k-20' is used on line 20 for a different send",
    ]
    assert report.result.repeated == 2 and report.outcome is not None and report.outcome.imported == 56
    assert [m.external_id for m in cockpit.repo.messages()] == [
        f"k-{i}" for i in range(1, 61) if i not in (41, 42, 56, 59)
    ]


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("read_aside", [False, pytest.param(True, marks=linux_only)])
def test_a_bad_row_in_a_late_chunk_leaves_nothing_written(
    fresh: Callable[[], Cockpit], tmp_path: Path, read_aside: bool
) -> None:
    lines = [_jsonl(i) for i in range(1, 61)]
    lines[57] = _jsonl(58, channel="email")
    path = tmp_path / "sends.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cockpit = fresh()
    report = import_file(cockpit, str(path), read_aside=read_aside)
    assert not report.written
    assert [str(p)[:8] for p in report.result.problems] == ["line 58:"]
    assert cockpit.repo.message_count() == 0 and [e.action for e in cockpit.repo.audit()] == []
    assert _indexes(cockpit) == {"ix_message_batch", "ix_message_sent_at"}  # dropped, then rolled back


def _indexes(cockpit: Cockpit) -> set[str]:
    database = cockpit.repo.engine.url.database
    assert database is not None
    with sqlite3.connect(database) as raw:
        rows = raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'message' AND sql IS NOT NULL"
        )
        return {str(name) for (name,) in rows}


def test_an_import_into_an_empty_table_builds_its_indexes_at_the_end(
    fresh: Callable[[], Cockpit], tmp_path: Path
) -> None:
    path = tmp_path / "sends.jsonl"
    path.write_text("\n".join(_jsonl(i) for i in range(1, 30)) + "\n", encoding="utf-8")
    cockpit = fresh()
    before = _indexes(cockpit)
    assert import_file(cockpit, str(path)).written
    assert _indexes(cockpit) == before == {"ix_message_batch", "ix_message_sent_at"}
    database = cockpit.repo.engine.url.database
    assert database is not None
    with sqlite3.connect(database) as raw:
        plan = raw.execute("EXPLAIN QUERY PLAN SELECT id FROM message WHERE sent_at > '2026'").fetchall()
        assert "ix_message_sent_at" in str(plan)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# --- the forked reader and a slow writer ---------------------------------------------------------------


@linux_only
def test_the_reader_waits_for_a_slow_writer_and_stops_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aside, "QUEUED_CHUNKS", 2)

    def many() -> Iterator[Chunk]:
        for number in range(200):
            yield Chunk(rows_read=1, last_line=number + 1)

    with aside.AsideReader(many) as reader:
        received = iter(reader)
        assert next(received).last_line == 1
        assert reader._received.qsize() <= 2  # the rest waits in the pipe, not in this process
    # leaving closed the reader although its queue was full and the process still had chunks to send
