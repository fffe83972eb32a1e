"""Exports for spreadsheets and files: formula-safe CSV cells and atomic private writes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cockpit.errors import BadInput
from cockpit.paths import write_private_atomic

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will never evaluate: risky leading characters get a ``'`` prefix."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)  # a number is data a spreadsheet may compute with, never a formula
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV (RFC 4180, CRLF) with every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue()


def write_output(text: str, out: str | None) -> None:
    """Write ``text`` to ``out`` atomically with mode 0600, or to standard output when ``out`` is None."""
    if out is None or out == "-":
        import sys

        sys.stdout.write(text)
        return
    path = Path(out)
    if path.is_dir():
        raise BadInput(f"--out {out}: is a folder; name a file")
    try:
        write_private_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise BadInput(f"--out {out}: cannot write it ({exc.strerror})") from None
