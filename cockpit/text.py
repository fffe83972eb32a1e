"""The one safe-text function: message text is data, never markup or terminal control.

Every subject, body, name and imported field passes through :func:`safe_text` before it reaches a
widget, a notification or an error message. Control characters (C0, DEL, C1 with ESC sequences such
as OSC 8/52 and CSI), bidirectional overrides and invisible formatting characters are replaced by
visible tokens, so the terminal never receives a byte sequence chosen by the data. Markup is not a
concern here: the presentation layer renders the result literally (``textual.content.Content``).
"""

from __future__ import annotations

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_DEL_PICTURE = "\u2421"

_NAMED_INVISIBLES = {
    0x061C: "ALM",
    0x200B: "ZWSP",
    0x200C: "ZWNJ",
    0x200D: "ZWJ",
    0x200E: "LRM",
    0x200F: "RLM",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2060: "WJ",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
    0xFEFF: "BOM",
}


# Every other format character (Unicode category Cf) is invisible or rearranges text: soft hyphen,
# invisible operators, deprecated bidi formatting, interlinear annotations, tag characters ...
_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891),
    (0x08E2, 0x08E2), (0x180E, 0x180E), (0x2061, 0x2064), (0x206A, 0x206F), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
_SURROGATES = range(0xD800, 0xE000)


def _token(code: int) -> str:
    name = _NAMED_INVISIBLES.get(code)
    return f"\u27e8{name}\u27e9" if name else f"\u27e8U+{code:04X}\u27e9"


def _build_table(multiline: bool) -> dict[int, str]:
    table: dict[int, str] = dict(_C0_PICTURES)
    table[0x7F] = _DEL_PICTURE
    for code in range(0x80, 0xA0):
        table[code] = _token(code)
    for code in _NAMED_INVISIBLES:
        table[code] = _token(code)
    for first, last in _FORMAT_RANGES:
        for code in range(first, last + 1):
            table[code] = _token(code)
    for code in _SURROGATES:  # lone surrogates cannot reach a terminal; show which one it was
        table[code] = _token(code)
    for code in (0x2028, 0x2029):
        table[code] = "\n" if multiline else " "
    table[0x09] = "    " if multiline else " "
    if multiline:
        table[0x0A] = "\n"
        table[0x0D] = ""  # CRLF becomes LF; a lone CR disappears rather than rewinding the line
    else:
        table[0x0A] = " \u23ce "
        table[0x0D] = ""
    return table


_SINGLE_LINE = _build_table(multiline=False)
_MULTI_LINE = _build_table(multiline=True)

#: Every character :func:`safe_text` replaces (controls, invisibles, bidi, tags, surrogates), except
#: tab, line feed and carriage return: the characters no data may send raw to a terminal.
UNSAFE_CODES: frozenset[int] = frozenset(_MULTI_LINE) - {0x09, 0x0A, 0x0D}

_KEEP_LAYOUT = {code: _MULTI_LINE[code] for code in UNSAFE_CODES}


def safe_text(value: object, *, multiline: bool = False, limit: int | None = None) -> str:
    """Return ``value`` as text that is safe to show on a terminal, exactly as typed otherwise.

    Args:
        value: any value; ``None`` becomes an empty string.
        multiline: keep line breaks (bodies); otherwise they show as a visible return mark.
        limit: cut to at most this many characters, ending with an ellipsis.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if limit is not None and len(text) > limit * 4:
        text = text[: limit * 4]
    text = text.translate(_MULTI_LINE if multiline else _SINGLE_LINE)
    # Lone surrogates cannot be encoded for the terminal (the tables replace them with tokens).
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "\u2026"
    return text


def terminal_safe(text: str) -> str:
    """``text`` (a whole CSV or listing) with its layout kept but nothing a terminal would act on.

    Tabs stay, line ends become line feeds, a lone carriage return disappears rather than rewinding
    the line, and every other control, bidi, invisible or tag character becomes the visible token
    :func:`safe_text` shows.
    """
    text = text.replace("\r\n", "\n").translate(_KEEP_LAYOUT).replace("\r", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text
