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
from cockpit.text import UNSAFE_CODES

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _json_escape(code: int) -> str:
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    offset = code - 0x10000  # beyond the first plane JSON spells a surrogate pair
    return f"\\u{0xD800 + (offset >> 10):04x}\\u{0xDC00 + (offset & 0x3FF):04x}"


_UNSAFE_FOR_TERMINAL = {code: _json_escape(code) for code in UNSAFE_CODES}


def json_text(data: Any) -> str:
    """Indented JSON, UTF-8 kept, with every control, bidi and invisible character escaped.

    ``json`` already escapes C0 controls; C1 controls, bidi overrides, tag characters and other
    invisible ones would otherwise reach a terminal raw. Escaping them inside strings keeps the JSON
    valid and the data exact.
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


def write_output(text: str, out: str) -> None:
    """Write ``text`` to the file ``out`` atomically with mode 0600."""
    path = Path(out)
    if path.is_dir():
        raise BadInput(f"--out {out}: is a folder; name a file")
    try:
        write_private_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise BadInput(f"--out {out}: cannot write it ({exc.strerror})") from None
