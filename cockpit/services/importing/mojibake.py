"""Repair of mojibake: UTF-8 text that was once decoded as Windows-1252 (``JosÃ©`` for ``José``).

A field is repaired only when the repair is unambiguous: every character maps back to one byte and
the bytes decode as strict UTF-8. Anything else (a field that mixes correct accents with mojibake,
or text that merely looks odd) is left exactly as it is.
"""

from __future__ import annotations

import re


def _reverse_cp1252() -> dict[str, int]:
    table: dict[str, int] = {}
    for byte in range(256):
        try:
            char = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            char = chr(byte)  # the five bytes cp1252 leaves undefined come through as C1 controls
        table[char] = byte
    return table


_TO_BYTE = _reverse_cp1252()
_CONTINUATION = "[" + re.escape("".join(sorted(ch for ch, b in _TO_BYTE.items() if 0x80 <= b <= 0xBF))) + "]"
# A whole UTF-8 sequence shown as cp1252: a lead byte (0xC2-0xDF, 0xE0-0xEF, 0xF0-0xF4, shown as
# Â..ß, à..ï, ð..ô) followed by as many continuation bytes as it announces. Correct text such as
# Czech "Tomáš" (á then š, where á would announce two) does not have that shape.
_SUSPECT = re.compile(
    f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
)


def looks_like_mojibake(text: str) -> bool:
    """Whether ``text`` contains the signature of UTF-8 read as Windows-1252."""
    return _SUSPECT.search(text) is not None


def repair_mojibake(text: str) -> tuple[str, str]:
    """Repair ``text`` when that is unambiguous.

    Returns:
        The (possibly) repaired text and what happened: ``"clean"`` (nothing to do), ``"repaired"``
        or ``"ambiguous"`` (looks like mojibake but cannot be undone safely; left unchanged).
    """
    if text.isascii() or not looks_like_mojibake(text):
        return text, "clean"
    current = text
    for _ in range(2):  # mojibake applied twice is seen in the wild; more is not repaired
        try:
            raw = bytes(_TO_BYTE[ch] if ord(ch) > 0x7F else ord(ch) for ch in current)
            current = raw.decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            return (text, "ambiguous") if current == text else (current, "repaired")
        if not looks_like_mojibake(current):
            return current, "repaired"
    return text, "ambiguous"
