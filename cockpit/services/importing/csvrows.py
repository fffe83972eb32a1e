"""CSV rows with the physical line each starts on, strict quoting and no hidden size limit.

Python's ``csv`` lets a UTF-8 BOM stick to the first header name, lets an unterminated quote swallow
the rest of the file unless ``strict=True``, raises on fields over 131,072 characters and lets NUL
bytes through (DESIGN section 9). Here the BOM is gone before parsing, quoting is strict, the size
limit is lifted (each column's own limit is checked by the caller, with its line) and NUL bytes and
undecodable bytes are reported per row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice, repeat, takewhile
from typing import Any

from cockpit.services.importing.pieces import PIECE_BYTES, TextPieces

_SURROGATE = re.compile("[\udc80-\udcff]")


def _explain(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text or "EOF" in text:
        return "unterminated quote: the quoted field that starts on this row never ends"
    if "expected after" in text:
        return "stray quote: a quoted field must end with a quote followed by a comma or the line end"
    return f"unreadable CSV ({text})"


def _blank(fields: list[str]) -> bool:
    """Whether a record is a blank line (not a row)."""
    return len(fields) < 2 and (not fields or not fields[0].strip())


FIELD_LIMIT = 2**31 - 1  # characters: no hidden limit (each column's own limit is checked by the caller)


def _reader(lines: Iterable[str]) -> Any:
    csv.field_size_limit(max(FIELD_LIMIT, csv.field_size_limit()))
    return csv.reader(lines, strict=True)


def csv_rows(text: str, first_line: int = 1) -> Iterator[tuple[int, list[str], str | None]]:
    """Every non-blank record of ``text``: ``(line it starts on, fields, error)``.

    ``first_line`` is the number of ``text``'s first line (when ``text`` is a stretch of a file).
    """
    return csv_rows_of_lines(io.StringIO(text, newline=""), first_line)


def csv_rows_of_lines(
    lines: Iterable[str], first_line: int = 1
) -> Iterator[tuple[int, list[str], str | None]]:
    """:func:`csv_rows` of a text given as its physical lines (each with its line ending)."""
    reader = _reader(lines)
    previous = first_line - 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = previous + 1
            previous = first_line - 1 + reader.line_num
            yield start, [], _explain(exc)
            continue
        start = previous + 1
        previous = first_line - 1 + reader.line_num
        if _blank(fields):
            continue
        yield start, fields, None


PIECE_CHARS = PIECE_BYTES  # a text in memory is handed to the parser a piece at a time


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive records of a CSV text, on lines ``first_line`` to ``last_line``."""

    first_line: int
    last_line: int
    records: list[list[str]]


def _line_count(text: str, start: int, end: int) -> int:
    """How many lines ``io.StringIO(text[start:end], newline="")`` yields."""
    if start >= end:
        return 0
    breaks = text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    return breaks + (0 if text[end - 1] in "\r\n" else 1)


class CsvBlocks:
    """A CSV text read ``size`` records at a time at C speed, without per-record line numbers.

    Blocks end on record boundaries, so :meth:`rows` can read a block again with exact line numbers
    when one of its records needs reporting. A parse error ends the fast reading: :meth:`next_block`
    then returns ``None`` and :meth:`rest` gives the remaining records (from the start of the block
    that failed) one at a time, with their lines and errors. The text reaches the parser in pieces
    cut after a line feed (:class:`~cockpit.services.importing.pieces.TextPieces`: from memory, or
    from the file a piece at a time), which yields the same lines as reading it whole.
    """

    def __init__(self, text: str | TextPieces) -> None:
        self.pieces = text if isinstance(text, TextPieces) else TextPieces.of_text(text, size=PIECE_CHARS)
        self._reader = _reader(chain.from_iterable(io.StringIO(p, newline="") for p in self.pieces))
        self._lines = 0  # physical lines consumed so far
        self._lines_through: list[int] = []  # lines in the pieces up to and including each, as needed
        self.failed = False

    def header(self) -> tuple[int, list[str]] | None:
        """The first non-blank record and its line, or ``None`` for an empty text.

        Raises:
            csv.Error: the header cannot be parsed.
        """
        for fields in self._reader:
            line = self._lines + 1
            self._lines = self._reader.line_num
            if _blank(fields):
                continue
            return line, fields
        return None

    def next_block(self, size: int) -> Block | None:
        """The next ``size`` records (fewer at the end); ``None`` at the end or after a parse error."""
        if self.failed:
            return None
        first_line = self._lines + 1
        try:
            records = list(islice(self._reader, size))
        except csv.Error:
            self.failed = True
            return None
        if not records:
            return None
        self._lines = self._reader.line_num
        return Block(first_line, self._lines, records)

    @property
    def lines_read(self) -> int:
        """The physical lines the parser has consumed so far."""
        return self._lines

    def _locate(self, line: int) -> tuple[int, int] | None:
        """The piece line ``line`` (1-based) is in and how many lines come before that piece;
        ``None`` past the last line."""
        before = 0
        index = 0
        while self.pieces.found(index):
            if index == len(self._lines_through):
                piece = self.pieces.piece(index)
                self._lines_through.append(before + _line_count(piece, 0, len(piece)))
            if line <= self._lines_through[index]:
                return index, before
            before = self._lines_through[index]
            index += 1
        return None

    def offset_of_line(self, line: int) -> int:
        """Where line ``line`` (1-based) starts in the text (its length, past the last line)."""
        found = self._locate(line)
        if found is None:
            return sum(map(self.pieces.length, range(len(self.pieces))))
        index, before = found
        offset = sum(map(self.pieces.length, range(index)))
        skipped = io.StringIO(self.pieces.piece(index), newline="")
        for _, text in zip(range(line - before - 1), skipped, strict=False):
            offset += len(text)
        return offset

    def lines_between(self, first: int, end: int | None = None) -> Iterator[str]:
        """The physical lines ``first`` to ``end - 1`` (to the end of the text when ``end`` is
        ``None``), each with its line ending."""
        found = self._locate(first)
        if found is None:
            return
        index, before = found
        number = before + 1
        while self.pieces.found(index):
            for text in io.StringIO(self.pieces.piece(index), newline=""):
                if end is not None and number >= end:
                    return
                if number >= first:
                    yield text
                number += 1
            index += 1

    def rows(self, block: Block) -> Iterator[tuple[int, list[str], str | None]]:
        """A block's records again, each with the line it starts on (see :func:`csv_rows`)."""
        return csv_rows_of_lines(self.lines_between(block.first_line, block.last_line + 1), block.first_line)

    def rows_between(self, first: int, last: int) -> Iterator[tuple[int, list[str], str | None]]:
        """The records that start on lines ``first`` (where a record starts) to ``last``, each with
        the line it starts on."""
        return takewhile(lambda row: row[0] <= last, csv_rows_of_lines(self.lines_between(first), first))

    def rest(self) -> Iterator[tuple[int, list[str], str | None]]:
        """The records after the last good block, one at a time (after a parse error)."""
        return csv_rows_of_lines(self.lines_between(self._lines + 1), self._lines + 1)


def read_header(blocks: CsvBlocks) -> tuple[int, list[str] | None, str]:
    """The header record: ``(line, fields, "")``, or ``(line, None, why it cannot be read)``."""
    try:
        header = blocks.header()
    except csv.Error:
        line, _fields, error = next(csv_rows_of_lines(blocks.lines_between(1)))
        return line, None, f"header: {error}"
    if header is None:
        return 1, None, "the file is empty"
    return header[0], header[1], ""


@dataclass(slots=True)
class RecordGroup:
    """Consecutive non-blank records with their parse errors (``None`` for none); the line each
    starts on is known (after a parse error) or read again from the block when first asked for."""

    records: list[list[str]]
    errors: list[str | None] | None
    first_line: int  # where the group starts (a record starts there, or blank lines before one)
    last_line: int  # the last line of a block, or where the group's last record starts
    _blocks: CsvBlocks | None = None
    _block: Block | None = None
    _lines: list[int] | None = None

    def lines(self) -> list[int]:
        """The line each record starts on."""
        if self._lines is None:
            assert self._blocks is not None and self._block is not None
            self._lines = [line for line, _fields, _error in self._blocks.rows(self._block)]
        return self._lines

    def rows(self) -> Iterator[tuple[int, list[str], str | None]]:
        """Each record as :func:`csv_rows` gives it: ``(line it starts on, fields, error)``."""
        return zip(self.lines(), self.records, self.errors or repeat(None), strict=False)


def record_groups(blocks: CsvBlocks, first: int, size: int) -> Iterator[RecordGroup]:
    """The records after the header in groups (``first`` records, then ``size`` at a time)."""
    count = first
    while (block := blocks.next_block(count)) is not None:
        count = size
        records = block.records
        if min(map(len, records)) < 2:
            records = [fields for fields in records if not _blank(fields)]
        yield RecordGroup(records, None, block.first_line, block.last_line, blocks, block)
    if blocks.failed:
        rest = blocks.rest()
        while found := list(islice(rest, size)):
            lines, fields, errors = (list(column) for column in zip(*found, strict=True))
            yield RecordGroup(fields, errors, lines[0], lines[-1], _lines=lines)


def bad_bytes_in(value: str) -> str | None:
    """The first undecodable byte kept in ``value`` (as ``0xE9``), if any."""
    match = _SURROGATE.search(value)
    if match is None:
        return None
    return f"0x{ord(match.group()) - 0xDC00:02X}"


def row_problems(
    error: str | None, fields: list[str], names: list[str], check_bytes: bool, check_nul: bool
) -> list[str]:
    """Why a CSV row cannot be read at all: a parse error, the wrong number of fields, or NUL and
    undecodable bytes (checked only when the file has any). Empty when the row is readable."""
    if error:
        return [error]
    if len(fields) != len(names):
        return [f"{len(fields)} fields but the header has {len(names)} (a missing quote or comma?)"]
    if check_bytes or check_nul:
        return field_problems(names, fields, check_bytes, check_nul)
    return []


def field_problems(names: list[str], fields: list[str], check_bytes: bool, check_nul: bool) -> list[str]:
    """NUL bytes and undecodable bytes in a row's fields, by column name."""
    problems: list[str] = []
    for name, value in zip(names, fields, strict=False):
        if check_nul and "\x00" in value:
            problems.append(f"{name}: contains a NUL byte")
        if check_bytes:
            byte = bad_bytes_in(value)
            if byte is not None:
                problems.append(
                    f"{name}: not valid UTF-8 (byte {byte}); save the file as UTF-8 and import it again"
                )
    return problems
