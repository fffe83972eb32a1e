"""Writing a command's results: lines and JSON to standard output, notes to standard error."""

from __future__ import annotations

import sys
from typing import Any


def out(line: str = "") -> None:
    """One line on standard output."""
    sys.stdout.write(line + "\n")


def note(line: str) -> None:
    """One line on standard error."""
    sys.stderr.write(line + "\n")


def print_json(data: Any) -> None:
    """``data`` as the command's JSON on standard output."""
    from cockpit.services.export import json_text

    sys.stdout.write(json_text(data))
