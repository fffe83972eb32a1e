"""Sends files (DESIGN section 4): CSV with a header row, or JSONL with one object a line.

Both are read in chunks of validated rows, in file order, so a large file can be written while the
rest is still being read. A chunk with nothing wrong is checked column by column
(:mod:`~cockpit.services.importing.sendscolumns`); any other chunk row by row
(:func:`~cockpit.services.importing.sendsrow.convert_row`), which names every problem with the line
its row starts on.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

from cockpit.services.importing import csvrows
from cockpit.services.importing.csvrows import (
    CsvBlocks,
    bad_bytes_in,
    read_header,
    record_groups,
    row_problems,
)
from cockpit.services.importing.model import Chunk, Problem, shown
from cockpit.services.importing.pieces import TextPieces
from cockpit.services.importing.sendscolumns import convert_columns
from cockpit.services.importing.sendsrow import (
    COLUMNS,
    KNOWN_COLUMNS,
    RowContext,
    convert_row,
    header_problems,
    suggest_column,
    text_type_problems,
)
from cockpit.store.import_rows import ImportRow

CHUNK_ROWS = 1_024  # about 450 KB of rows: two fit in the pipe to the writing process
FIRST_CHUNK_ROWS = 256  # a small first chunk: writing can start sooner
_TEXT_TYPES = frozenset({str, type(None)})
_TEXT_ONLY = frozenset({str})
_SURROGATE = re.compile("[\ud800-\udfff]")


Kept = dict[str, tuple[ImportRow, int]]  # key -> the row kept with it and its line


class _Collector:
    """Puts converted rows into chunks, folding repeats of the same send within the file.

    Only the keys seen are kept, each with the stretch (chunk) its row was kept in, not the rows:
    when a later row repeats a key, the earlier row and its line are found by reading that stretch
    again (``reread``: the rows it kept, read row by row, with their lines). ``current`` holds the
    rows the stretch being read has kept row by row so far.
    """

    def __init__(self, reread: Callable[[int], Kept]) -> None:
        self.seen: dict[str, int] = {}
        self.stretch = 0
        self.current: Kept = {}
        self._reread = reread
        self._cache: dict[int, Kept] = {}

    def next_stretch(self) -> None:
        """Start the next stretch."""
        self.stretch += 1
        self.current = {}

    def _earlier(self, key: str) -> tuple[ImportRow, int]:
        stretch = self.seen[key]
        if stretch == self.stretch:
            return self.current[key]
        kept = self._cache.get(stretch)
        if kept is None:
            if len(self._cache) >= 4:
                self._cache.pop(next(iter(self._cache)))
            kept = self._cache[stretch] = self._reread(stretch)
        return kept[key]

    def add(self, chunk: Chunk, line: int, converted: ImportRow | list[str]) -> None:
        """One row read row by row: kept, counted as a repeat, or rejected with its problems."""
        if isinstance(converted, list):
            chunk.reject(line, converted)
            return
        key = converted[0]
        if key in self.seen:
            earlier, first = self._earlier(key)
            if earlier[1:] == converted[1:]:
                chunk.repeated += 1
                return
            chunk.reject(line, [f"external_id: {shown(key)} is used on line {first} for a different send"])
            return
        self.seen[key] = self.stretch
        self.current[key] = (converted, line)
        chunk.rows.append(converted)

    def add_all(self, chunk: Chunk, rows: list[ImportRow]) -> bool:
        """Rows checked column by column, kept when no key repeats; False (nothing kept) otherwise."""
        keys = [row[0] for row in rows]
        if len(set(keys)) != len(keys) or not self.seen.keys().isdisjoint(keys):
            return False
        self.seen.update(dict.fromkeys(keys, self.stretch))
        chunk.rows.extend(rows)
        return True


def iter_sends_csv(text: str | TextPieces, ctx: RowContext, has_bad_bytes: bool = False) -> Iterator[Chunk]:
    """Read and validate a CSV sends file, a chunk at a time (a header problem is a chunk's
    ``file_problem``, and ends the reading). ``text``: the whole text, or its pieces (then whether
    it has undecodable bytes or NUL characters is learnt as they are read)."""
    pieces = (
        text if isinstance(text, TextPieces) else TextPieces.of_text(text, has_bad_bytes, csvrows.PIECE_CHARS)
    )
    blocks = CsvBlocks(pieces)
    header_line, header_fields, why = read_header(blocks)
    if header_fields is None:
        yield Chunk(file_problem=Problem(header_line, why))
        return
    names = [name.strip().lower() for name in header_fields]
    problems = header_problems(names)
    if problems:
        yield Chunk(file_problem=Problem(header_line, "; ".join(problems)))
        return
    by_column = [names.index(c) if c in names else -1 for c in COLUMNS]
    width = len(names)

    def values(fields: list[str]) -> list[Any]:
        return [fields[p] if p >= 0 else None for p in by_column]

    stretches: list[tuple[int, int]] = [(0, 0)]  # the lines of each stretch (numbered from 1)

    def reread(stretch: int) -> Kept:
        first, last = stretches[stretch]
        scratch = _Collector(lambda _stretch: {})
        for line, fields, error in blocks.rows_between(first, last):
            if not row_problems(error, fields, names, pieces.bad_bytes, pieces.nul):
                scratch.add(Chunk(), line, convert_row(values(fields), ctx, False))
        return scratch.current

    collector = _Collector(reread)
    for group in record_groups(blocks, FIRST_CHUNK_ROWS, CHUNK_ROWS):
        collector.next_stretch()
        stretches.append((group.first_line, group.last_line))
        records = group.records
        chunk = Chunk(rows_read=len(records))
        check_bytes, check_nul = pieces.bad_bytes, pieces.nul  # the pieces holding the group are read
        if not (check_bytes or check_nul) and group.errors is None and set(map(len, records)) == {width}:
            transposed = list(zip(*records, strict=True))
            rows = convert_columns([transposed[p] if p >= 0 else None for p in by_column], len(records), ctx)
            if rows is not None and collector.add_all(chunk, rows):
                yield chunk.finish(group.last_line)
                continue
        for line, fields, error in group.rows():  # row by row: every problem named with its line
            problems = row_problems(error, fields, names, check_bytes, check_nul)
            if problems:
                chunk.reject(line, problems)
            else:
                collector.add(chunk, line, convert_row(values(fields), ctx, False))
        yield chunk.finish(group.last_line)


def _jsonl_row(
    chunk: Chunk, collector: _Collector, ctx: RowContext, line: int, raw: str, check: bool
) -> None:
    """Read one JSONL line row by row into ``chunk``."""
    if check:
        byte = bad_bytes_in(raw)
        if byte is not None:
            chunk.reject(line, [f"not valid UTF-8 (byte {byte}); save the file as UTF-8"])
            return
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        chunk.reject(line, [f"not valid JSON ({exc.msg} at column {exc.colno})"])
        return
    if value.__class__ is not dict:
        chunk.reject(line, [f"expected a JSON object, got {type(value).__name__}"])
        return
    if not value.keys() <= KNOWN_COLUMNS:
        chunk.reject(line, [f"unknown key {k!r}{suggest_column(k)}" for k in value if k not in KNOWN_COLUMNS])
        return
    values = list(map(value.get, COLUMNS))
    if not set(map(type, values)) <= _TEXT_TYPES:
        problems = text_type_problems(values)
        if problems:
            chunk.reject(line, problems)
            return
    problems = surrogate_problems(values)
    if problems:
        chunk.reject(line, problems)
        return
    collector.add(chunk, line, convert_row(values, ctx, check))


def surrogate_problems(values: list[Any]) -> list[str]:
    """Text values holding half of a character: a JSON ``\\uD800``-``\\uDFFF`` escape without its
    pair, which cannot be stored as text."""
    problems = []
    for position, value in enumerate(values):
        if value.__class__ is str:
            found = _SURROGATE.search(value)
            if found is not None:
                problems.append(
                    f"{COLUMNS[position]}: \\u{ord(found.group()):04x} is half of a character "
                    "(an unpaired surrogate escape)"
                )
    return problems


_DECODER = json.JSONDecoder()
_scan_value = getattr(_DECODER, "scan_once", None)  # json's C scanner: one value at an index


def _json_objects(raws: list[str]) -> list[Any]:
    """Each line parsed as one JSON value (through the C scanner when every line is exactly one
    value with no surrounding space, else ``json.loads`` line by line).

    Raises:
        json.JSONDecodeError, StopIteration: a line is not JSON.
    """
    if _scan_value is not None:
        scanned = list(map(_scan_value, raws, repeat(0)))
        if list(map(itemgetter(1), scanned)) == list(map(len, raws)):
            return list(map(itemgetter(0), scanned))
    return list(map(json.loads, raws))


def _jsonl_columns(raws: list[str], n: int, escapes: bool) -> list[list[Any]] | None:
    """The lines' objects as columns (``''`` where a key is absent), or ``None`` if any line is not
    a JSON object of known keys, or (when the file has ``\\uD...`` escapes) holds half a character."""
    try:
        objects = _json_objects(raws)
    except (json.JSONDecodeError, StopIteration):
        return None
    if set(map(type, objects)) != {dict} or not set().union(*objects) <= KNOWN_COLUMNS:
        return None
    columns = [list(map(dict.get, objects, repeat(c, n), repeat("", n))) for c in COLUMNS]
    for column in columns:
        if None in column:  # JSON null: read as an empty value, as the row-by-row path does
            column[:] = [value if value is not None else "" for value in column]
    if escapes:
        for column in columns:
            if set(map(type, column)) <= _TEXT_ONLY and _SURROGATE.search("".join(column)):
                return None  # the row-by-row path names it
    return columns


def _jsonl_stretches(pieces: TextPieces, starts: list[int]) -> Iterator[tuple[int, list[str]]]:
    """``(number of the first line, lines)``: each stretch of lines to read as a chunk (the first
    small: it is ready soonest). ``starts`` gets the number of each piece's first line."""
    size = FIRST_CHUNK_ROWS
    part: list[str] = []
    first = number = 1
    for text in pieces:
        starts.append(number)
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        number += len(lines)
        position = 0
        while position < len(lines):
            taken = lines[position : position + size - len(part)]
            part.extend(taken)
            position += len(taken)
            if len(part) == size:
                yield first, part
                first += size
                part = []
                size = CHUNK_ROWS
    if part:
        yield first, part


def iter_sends_jsonl(text: str | TextPieces, ctx: RowContext, has_bad_bytes: bool = False) -> Iterator[Chunk]:
    """Read and validate a JSONL sends file (one JSON object a line; blank lines are ignored).
    ``text``: the whole text, or its pieces."""
    pieces = text if isinstance(text, TextPieces) else TextPieces.of_text(text, has_bad_bytes)
    starts: list[int] = []  # the number of each piece's first line
    stretches: list[tuple[int, int]] = [(0, 0)]  # the first line of each stretch and its line count

    def reread(stretch: int) -> Kept:
        first, count = stretches[stretch]
        index = bisect_right(starts, first) - 1
        lines = pieces.lines_from(index, first - starts[index])
        scratch = _Collector(lambda _stretch: {})
        for number, raw in zip(range(first, first + count), lines, strict=False):
            if raw and not raw.isspace():
                _jsonl_row(Chunk(), scratch, ctx, number, raw, pieces.bad_bytes)
        return scratch.current

    collector = _Collector(reread)
    for start, part in _jsonl_stretches(pieces, starts):
        collector.next_stretch()
        stretches.append((start, len(part)))
        end = start + len(part) - 1
        joined = "\n".join(part)
        escaped = "\\u" in joined  # one pass when there is no \u escape at all (the usual case)
        check = pieces.bad_bytes or "\x00" in joined or (escaped and "\\u0000" in joined)
        # perhaps a surrogate escape: check what it decodes to
        escapes = escaped and ("\\ud" in joined or "\\uD" in joined)
        numbers: Sequence[int]
        if all(part) and not any(map(str.isspace, part)):
            raws, numbers = part, range(start, end + 1)
        else:
            kept = [(n, raw) for n, raw in enumerate(part, start) if raw and not raw.isspace()]
            raws, numbers = [raw for _, raw in kept], [n for n, _ in kept]
        chunk = Chunk(rows_read=len(raws))
        columns = None if check or not raws else _jsonl_columns(raws, len(raws), escapes)
        rows = None if columns is None else convert_columns(columns, len(raws), ctx)
        if rows is None or not collector.add_all(chunk, rows):
            chunk = Chunk(rows_read=len(raws))
            for number, raw in zip(numbers, raws, strict=True):
                _jsonl_row(chunk, collector, ctx, number, raw, check)
        yield chunk.finish(end)
