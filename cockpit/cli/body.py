"""Reading a message text from ``--body``, a file, or standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from cockpit.cli.options import BodyOptions
from cockpit.errors import BadInput


def read_body(text: BodyOptions) -> str:
    """The text given by ``--body`` or ``--body-file`` (``-``: standard input).

    Raises:
        BadInput: both or neither given, or the file cannot be read as UTF-8 text.
    """
    if text.body is not None and text.body_file is not None:
        raise BadInput("give --body or --body-file, not both")
    if text.body is not None:
        return text.body
    name = text.body_file
    if name is None:
        raise BadInput("the body is required: --body TEXT or --body-file FILE (- for standard input)")
    try:
        if name == "-":
            return sys.stdin.read()
        return Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"--body-file {name}: no such file") from None
    except UnicodeDecodeError as exc:
        raise BadInput(f"--body-file {name}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise BadInput(f"--body-file {name}: {exc.strerror}") from None
