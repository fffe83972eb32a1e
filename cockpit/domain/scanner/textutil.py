"""Small text helpers shared by the rules: accent folding and sentence bounds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from cockpit.domain.scanner.values import Span

_SENTENCE_END = re.compile(r"[.!?;\n]")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents ("José" -> "jose", "Straße" -> "strasse")."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def sentence_around(text: str, start: int, end: int) -> Span:
    """The bounds of the sentence (or line) that contains ``text[start:end]``."""
    left = start
    while left > 0 and not _SENTENCE_END.match(text, left - 1):
        left -= 1
    match = _SENTENCE_END.search(text, end)
    right = match.start() if match else len(text)
    return Span(left, right)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
