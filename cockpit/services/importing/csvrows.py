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
from collections.abc import Iterator

_SURROGATE = re.compile("[\udc80-\udcff]")


def _explain(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text or "EOF" in text:
        return "unterminated quote: the quoted field that starts on this row never ends"
    if "expected after" in text:
        return "stray quote: a quoted field must end with a quote followed by a comma or the line end"
    return f"unreadable CSV ({text})"


def csv_rows(text: str) -> Iterator[tuple[int, list[str], str | None]]:
    """Every non-blank record of ``text``: ``(line it starts on, fields, error)`` (lines 1-based)."""
    limit = max(len(text) + 1, csv.field_size_limit())
    csv.field_size_limit(limit)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = previous + 1
            previous = reader.line_num
            yield start, [], _explain(exc)
            continue
        start = previous + 1
        previous = reader.line_num
        if len(fields) < 2 and (not fields or not fields[0].strip()):
            continue  # a blank line is not a row
        yield start, fields, None


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
