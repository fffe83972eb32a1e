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
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

from cockpit.services.importing.csvrows import (
    CsvBlocks,
    RecordGroup,
    bad_bytes_in,
    read_header,
    record_groups,
    row_problems,
)
from cockpit.services.importing.model import Chunk, Problem, shown
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


class _Collector:
    """Puts converted rows into chunks, folding repeats of the same send within the file.

    ``lines`` holds the line of each kept row read row by row; the line of a row checked column by
    column is found again (``find_line``) only if a later row needs to name it.
    """

    def __init__(self, find_line: Callable[[str], int]) -> None:
        self.seen: dict[str, ImportRow] = {}
        self.lines: dict[str, int] = {}
        self.find_line = find_line

    def add(self, chunk: Chunk, line: int, converted: ImportRow | list[str]) -> None:
        """One row read row by row: kept, counted as a repeat, or rejected with its problems."""
        if isinstance(converted, list):
            chunk.reject(line, converted)
            return
        key = converted[0]
        earlier = self.seen.get(key)
        if earlier is not None:
            if earlier[1:] == converted[1:]:
                chunk.repeated += 1
                return
            first = self.lines.get(key) or self.find_line(key)
            chunk.reject(line, [f"external_id: {shown(key)} is used on line {first} for a different send"])
            return
        self.seen[key] = converted
        self.lines[key] = line
        chunk.rows.append(converted)

    def add_all(self, chunk: Chunk, rows: list[ImportRow]) -> bool:
        """Rows checked column by column, kept when no key repeats; False (nothing kept) otherwise."""
        keys = [row[0] for row in rows]
        if len(set(keys)) != len(keys) or not self.seen.keys().isdisjoint(keys):
            return False
        self.seen.update(zip(keys, rows, strict=True))
        chunk.rows.extend(rows)
        return True


def iter_sends_csv(text: str, ctx: RowContext, has_bad_bytes: bool) -> Iterator[Chunk]:
    """Read and validate a CSV sends file, a chunk at a time (a header problem is a chunk's
    ``file_problem``, and ends the reading)."""
    blocks = CsvBlocks(text)
    header_line, header_fields, why = read_header(blocks)
    if header_fields is None:
        yield Chunk(file_problem=Problem(header_line, why))
        return
    names = [name.strip().lower() for name in header_fields]
    problems = header_problems(names)
    if problems:
        yield Chunk(file_problem=Problem(header_line, "; ".join(problems)))
        return
    check_nul = "\x00" in text
    by_column = [names.index(c) if c in names else -1 for c in COLUMNS]
    width = len(names)

    def values(fields: list[str]) -> list[Any]:
        return [fields[p] if p >= 0 else None for p in by_column]

    by_columns_read: list[RecordGroup] = []  # groups whose rows' lines are not known yet

    def find_line(key: str) -> int:
        while key not in collector.lines and by_columns_read:
            for line, fields, _error in by_columns_read.pop(0).rows():
                converted = convert_row(values(fields), ctx, False)
                if not isinstance(converted, list):
                    collector.lines.setdefault(converted[0], line)
        return collector.lines.get(key, 0)

    collector = _Collector(find_line)
    by_columns = not (has_bad_bytes or check_nul)
    for group in record_groups(blocks, FIRST_CHUNK_ROWS, CHUNK_ROWS):
        records = group.records
        chunk = Chunk(rows_read=len(records))
        if by_columns and group.errors is None and set(map(len, records)) == {width}:
            transposed = list(zip(*records, strict=True))
            rows = convert_columns([transposed[p] if p >= 0 else None for p in by_column], len(records), ctx)
            if rows is not None and collector.add_all(chunk, rows):
                by_columns_read.append(group)
                yield chunk.finish(group.last_line)
                continue
        for line, fields, error in group.rows():  # row by row: every problem named with its line
            problems = row_problems(error, fields, names, has_bad_bytes, check_nul)
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
    if escapes:
        for column in columns:
            if set(map(type, column)) <= _TEXT_ONLY and _SURROGATE.search("".join(column)):
                return None  # the row-by-row path names it
    return columns


def _jsonl_stretches(text: str) -> Iterator[tuple[list[str], int, int]]:
    """``(lines, start, end)``: the text's lines (a list that grows: the first stretch is ready
    before the rest of the text is split) and each stretch of them to read as a chunk."""
    head = text.split("\n", FIRST_CHUNK_ROWS)
    lines = head[:FIRST_CHUNK_ROWS]
    yield lines, 0, len(lines)
    if len(head) > FIRST_CHUNK_ROWS:
        lines.extend(head[FIRST_CHUNK_ROWS].split("\n"))
        for start in range(FIRST_CHUNK_ROWS, len(lines), CHUNK_ROWS):
            yield lines, start, min(start + CHUNK_ROWS, len(lines))


def iter_sends_jsonl(text: str, ctx: RowContext, has_bad_bytes: bool) -> Iterator[Chunk]:
    """Read and validate a JSONL sends file (one JSON object a line; blank lines are ignored)."""
    by_columns_read: list[tuple[list[str], int, int]] = []  # chunks whose rows' lines are not known yet

    def find_line(key: str) -> int:
        while key not in collector.lines and by_columns_read:
            lines, start, end = by_columns_read.pop(0)
            scratch = Chunk()
            finder = _Collector(lambda _key: 0)
            for number, raw in enumerate(lines[start:end], start + 1):
                if raw and not raw.isspace():
                    _jsonl_row(scratch, finder, ctx, number, raw, has_bad_bytes)
            for found, line in finder.lines.items():
                collector.lines.setdefault(found, line)
        return collector.lines.get(key, 0)

    collector = _Collector(find_line)
    for lines, start, end in _jsonl_stretches(text):
        part = lines[start:end]
        joined = "\n".join(part)
        check = has_bad_bytes or "\x00" in joined or "\\u0000" in joined
        escapes = "\\ud" in joined or "\\uD" in joined  # perhaps a surrogate escape: check what it decodes to
        numbers: Sequence[int]
        if all(part) and not any(map(str.isspace, part)):
            raws, numbers = part, range(start + 1, end + 1)
        else:
            kept = [(n, raw) for n, raw in enumerate(part, start + 1) if raw and not raw.isspace()]
            raws, numbers = [raw for _, raw in kept], [n for n, _ in kept]
        chunk = Chunk(rows_read=len(raws))
        columns = None if check or not raws else _jsonl_columns(raws, len(raws), escapes)
        rows = None if columns is None else convert_columns(columns, len(raws), ctx)
        if rows is not None and collector.add_all(chunk, rows):
            by_columns_read.append((lines, start, end))
        else:
            chunk = Chunk(rows_read=len(raws))
            for number, raw in zip(numbers, raws, strict=True):
                _jsonl_row(chunk, collector, ctx, number, raw, check)
        yield chunk.finish(end)
