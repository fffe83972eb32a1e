"""Writing a command's results: lines and JSON to standard output, notes to standard error.

Every write to standard output goes through here, so a failed write (a full disk, a device error)
ends the command with a clear message and exit 1 instead of a silently cut file, and text carrying
data reaches a terminal without any control or invisible character it could act on. Written to a
file or a pipe, the data stays exact.
"""

from __future__ import annotations

import io
import os
import sys
from typing import Any

from cockpit.errors import OutputFailed
from cockpit.text import terminal_safe


def _failed(exc: OSError) -> OutputFailed:
    reason = exc.strerror or type(exc).__name__
    return OutputFailed(f"cannot write standard output ({reason}); what was written is incomplete")


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _write_all(text: str) -> int:
    """Write ``text`` to standard output's descriptor until all of it is written: a file system may
    accept only part of a write (a nearly full disk), which a buffered stream would not report."""
    stream = sys.stdout
    try:
        fd = stream.fileno()
    except (AttributeError, ValueError, OSError):  # a stream with no descriptor (a test's capture)
        return stream.write(text)
    stream.flush()
    data = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    while data:
        data = data[os.write(fd, data) :]
    return len(text)


def write_stdout(text: str) -> None:
    """``text`` on standard output, made safe when it is a terminal; a failed write raises
    :class:`OutputFailed` (a closed pipe stays a :class:`BrokenPipeError`)."""
    if _is_terminal():
        text = terminal_safe(text)
    try:
        _write_all(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _failed(exc) from None


def flush_stdout() -> None:
    """Push out what standard output still buffers; a failure raises :class:`OutputFailed`."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _failed(exc) from None
    except ValueError:  # already closed: nothing left to write
        pass


class StdoutFile(io.TextIOBase):
    """Standard output as a file for a renderer that writes its own styling (Rich): its writes and
    flushes are checked like :func:`write_stdout`'s, its text passes unchanged."""

    def write(self, text: str) -> int:
        try:
            return _write_all(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _failed(exc) from None

    def flush(self) -> None:
        flush_stdout()

    def isatty(self) -> bool:
        return _is_terminal()

    def fileno(self) -> int:
        return sys.stdout.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(sys.stdout, "encoding", None) or "utf-8"


def out(line: str = "") -> None:
    """One line on standard output."""
    write_stdout(line + "\n")


def note(line: str) -> None:
    """One line on standard error."""
    sys.stderr.write(line + "\n")


def print_json(data: Any) -> None:
    """``data`` as the command's JSON on standard output."""
    from cockpit.services.export import json_text

    write_stdout(json_text(data))


def emit(text: str, out_path: str | None) -> None:
    """``text`` (CSV, JSON, Markdown) to ``out_path`` (atomic, 0600), or standard output when it is
    None or ``-``."""
    if out_path is None or out_path == "-":
        write_stdout(text)
        return
    from cockpit.services.export import write_output

    write_output(text, out_path)
