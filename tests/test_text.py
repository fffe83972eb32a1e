"""safe_text: message text is data, never markup or terminal control."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.text import safe_text

FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs"}  # controls, invisible formatting, lone surrogates


def assert_terminal_safe(text: str, multiline: bool = False) -> None:
    for char in text:
        if multiline and char == "\n":
            continue
        assert unicodedata.category(char) not in FORBIDDEN_CATEGORIES, f"U+{ord(char):04X} in {text!r}"
    text.encode("utf-8")  # never raises: nothing the terminal cannot take


@pytest.mark.parametrize(
    "markup",
    ["[/]", "[bold]red[/bold]", "[$10]", "[/", "price: [$variable] \\[escaped\\]", "C:\\Users\\x", "\\"],
)
def test_markup_and_backslashes_are_unchanged(markup: str) -> None:
    assert safe_text(markup) == markup
    assert safe_text(markup, multiline=True) == markup


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("\x1b", "\u241b"),  # ESC as its control picture
        ("\x1b[2J\x1b[H", "\u241b[2J\u241b[H"),  # CSI clear screen, cursor home
        ("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", None),  # OSC 8 hyperlink
        ("\x1b]52;c;aGVsbG8=\x07", None),  # OSC 52 clipboard write
        ("\x9b31m", "\u27e8U+009B\u27e931m"),  # C1 CSI
        ("\x9d52;c;x\x9c", None),  # C1 OSC ... ST
        ("\x7f", "\u2421"),  # DEL
        ("\u202eevil\u202c", "\u27e8RLO\u27e9evil\u27e8PDF\u27e9"),  # bidi override
        ("\u2066x\u2069", "\u27e8LRI\u27e9x\u27e8PDI\u27e9"),
        ("a\u200db", "a\u27e8ZWJ\u27e9b"),  # zero-width joiner
        ("\ufeffHi", "\u27e8BOM\u27e9Hi"),  # byte order mark
        ("a\ud800b", "a\u27e8U+D800\u27e9b"),  # lone surrogate
        ("x\udfffy", "x\u27e8U+DFFF\u27e9y"),
        ("tag\U000e0041\U000e0042", "tag\u27e8U+E0041\u27e9\u27e8U+E0042\u27e9"),  # ASCII smuggling
        ("soft\u00adhyphen", "soft\u27e8U+00AD\u27e9hyphen"),
        ("bell\x07bs\x08cr\r", "bell\u2407bs\u2408cr"),
    ],
)
def test_hostile_sequences_become_visible_tokens(hostile: str, shown: str | None) -> None:
    for multiline in (False, True):
        result = safe_text(hostile, multiline=multiline)
        assert_terminal_safe(result, multiline)
        assert "\x1b" not in result and "\x9b" not in result and "\x9d" not in result
        if shown is not None and "\r" not in hostile:
            assert result == shown
    if shown is not None and "\r" in hostile:
        assert safe_text(hostile) == shown


@pytest.mark.parametrize("code", [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])
def test_every_c0_c1_and_del_is_visible(code: int) -> None:
    result = safe_text(f"a{chr(code)}b")
    assert_terminal_safe(result)
    assert result.startswith("a") and result.endswith("b")
    if code not in (0x0D,):  # a carriage return is dropped, never shown as a rewind
        assert len(result) > 2


def test_line_breaks() -> None:
    assert safe_text("one\ntwo") == "one \u23ce two"
    assert safe_text("one\r\ntwo\u2028three", multiline=True) == "one\ntwo\nthree"
    assert safe_text("a\tb") == "a b"
    assert safe_text("a\tb", multiline=True) == "a    b"


def test_limit_truncates_with_an_ellipsis() -> None:
    assert safe_text("abcdefgh", limit=5) == "abcd\u2026"
    assert safe_text("abcde", limit=5) == "abcde"
    assert safe_text("x" * 10_000, limit=40) == "x" * 39 + "\u2026"
    result = safe_text("\x1b" * 100, limit=10)
    assert len(result) == 10 and result.endswith("\u2026")
    assert_terminal_safe(result)


def test_non_text_values() -> None:
    assert safe_text(None) == ""
    assert safe_text(42) == "42"
    assert safe_text(ValueError("bad \x1b[31m")) == "bad \u241b[31m"


def test_ordinary_text_is_unchanged() -> None:
    text = "Hi Priya, l'équipe 東京 — 50% off [ADV] 👩\u200d💻 done"
    assert safe_text(text) == text.replace("\u200d", "\u27e8ZWJ\u27e9")
    assert safe_text("Zoë Ñúñez-O'Brien") == "Zoë Ñúñez-O'Brien"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.characters(codec=None, exclude_categories=())),
    multiline=st.booleans(),
    limit=st.none() | st.integers(min_value=1, max_value=50),
)
def test_any_text_is_terminal_safe(text: str, multiline: bool, limit: int | None) -> None:
    result = safe_text(text, multiline=multiline, limit=limit)
    assert_terminal_safe(result, multiline)
    if limit is not None:
        assert len(result) <= limit
    if not multiline:
        assert "\n" not in result


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_printable_ascii_passes_through(text: str) -> None:
    assert safe_text(text) == text
