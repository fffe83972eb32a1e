"""Exports for spreadsheets and files: formula-safe CSV cells and atomic private writes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cockpit.errors import BadInput
from cockpit.paths import write_private_atomic

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_UNSAFE_FOR_TERMINAL = {
    code: f"\\u{code:04x}"
    for code in [
        *range(0x7F, 0xA0),  # DEL and C1 controls (8-bit CSI, OSC ...)
        0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029,
        *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0xFEFF,
    ]
}  # fmt: skip


def json_text(data: Any) -> str:
    """Indented JSON, UTF-8 kept, with every control, bidi and invisible character escaped.

    ``json`` already escapes C0 controls; C1 controls and bidi overrides would otherwise reach a
    terminal raw. Escaping them inside strings keeps the JSON valid and the data exact.
    """
    return json.dumps(data, indent=2, ensure_ascii=False).translate(_UNSAFE_FOR_TERMINAL) + "\n"


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
