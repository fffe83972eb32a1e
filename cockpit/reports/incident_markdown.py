"""Markdown that message text cannot break: every value from the data is escaped here.

Text first passes :func:`cockpit.text.safe_text` (control, escape and bidi characters become visible
tokens), then every character Markdown could read as syntax is backslash-escaped: pipes cannot split
a table cell, backticks cannot open code, ``#`` cannot start a heading, ``<`` cannot open HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cockpit.text import safe_text

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~!{}])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])")


def md(value: object, limit: int | None = None) -> str:
    """One line of literal text, safe anywhere in Markdown (paragraph, list item, table cell)."""
    text = safe_text(value, limit=limit)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    stripped = text.lstrip()
    if stripped[:1] in ("+", "-", "=") and stripped:
        text = text[: len(text) - len(stripped)] + "\\" + stripped
    text = _LIST_NUMBER.sub(r"\1\\\2", text)
    return text.strip() or "\u2014"


def md_quote(value: object) -> str:
    """Multi-line literal text as a Markdown block quote (line breaks kept)."""
    lines = safe_text(value, multiline=True).split("\n")
    quoted: list[str] = []
    for line in lines:
        if not line.strip():
            quoted.append(">")
            continue
        body = md(line.rstrip())
        indent = len(line) - len(line.lstrip(" "))
        quoted.append("> " + "\u00a0" * indent + body + "  ")
    return "\n".join(quoted).rstrip()


def code(value: str) -> str:
    """A value we generated (hash, timestamp, code) as inline code; backticks are never in it."""
    return f"`{value.replace('`', '')}`"


def table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    """A GitHub-flavoured Markdown table; cells must already be escaped."""
    marks = [("---:" if align[i : i + 1] == "r" else "---") for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines.extend("| " + " | ".join(cells) + " |" for cells in rows)
    return lines


def money(amount: int) -> str:
    """``$21,235,200``."""
    return f"${amount:,}"
