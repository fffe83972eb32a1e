"""The fast matcher: triggers never hide a match, and lower-casing equals re.IGNORECASE."""

from __future__ import annotations

import importlib
import re

import pytest

from cockpit.domain.scanner.matching import Caseless, Phrases, lowered, word_starts
from tests.scanner.corpus_loader import load_corpus

MODULES = ("accusation", "address", "biometric", "commercial", "confidential", "credentials")
MODULES += ("disregard", "optout")
EXTRA = [
    "Friedrichstraße 123, 10117 Berlin",
    "apikey=9f8Kq2LmZx7Rt4Wv1Yb6Nc3Pd8Hs5Jg0",
    "İSTANBUL ofisimiz: Straße 5, 12345 Köln. DO NOT FORWARD. PASSWORD: Xy7788aa",
    "Anti-fraud team; he's a con artist; free-trial; limited-time offer",
    "Se désinscrire: répondez STOP. Désabonnement possible.",
]


def _patterns() -> list[tuple[str, Caseless]]:
    found: list[tuple[str, Caseless]] = []
    for module_name in MODULES:
        module = importlib.import_module(f"cockpit.domain.scanner.{module_name}")
        for name, value in vars(module).items():
            if isinstance(value, Phrases):
                found.extend((f"{module_name}.{name}[{i}]", p) for i, p in enumerate(value.patterns))
            elif isinstance(value, Caseless):
                found.append((f"{module_name}.{name}", value))
    return [(name, p) for name, p in found if p.pattern]


PADDING = "We met at the summit and talked about hiring plans for next year. " * 5


def _texts() -> list[str]:
    texts = [f"{e.message.subject}\n\n{e.message.body}" for e in load_corpus()] + EXTRA
    # Padded copies are long enough to be searched in windows around their triggers.
    padded = [f"{PADDING}\n{t}\n{PADDING}" for t in texts]
    doubled = [f"{t}\n{PADDING}\n{t}" for t in texts]
    return texts + padded + doubled + [t.upper() for t in texts] + [t.title() for t in padded]


PATTERNS = _patterns()
TEXTS = _texts()


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_triggers_never_hide_a_match(name: str, pattern: Caseless) -> None:
    reference = re.compile(pattern.pattern, pattern.flags | re.IGNORECASE)
    for text in TEXTS:
        expected = [(m.start(), m.end()) for m in reference.finditer(text)]
        got = [(m.start(), m.end()) for m in pattern.finditer(text)]
        assert got == expected, f"{name} on {text[:60]!r}"


def test_phrases_search_all_patterns() -> None:
    phrases = Phrases(("alpha", r"\balpha\b"), ("*-beta", r"x-beta"), ("", r"\bgamma\b"))
    assert [m.group() for m in phrases.finditer("GAMMA then Alpha then X-BETA")] == [
        "gamma",
        "alpha",
        "x-beta",
    ]
    assert not phrases.search("nothing here")
    assert phrases.triggered("alphabet soup") == [0, 2]


def test_word_starts_and_lowered_are_remembered_per_text() -> None:
    text = "Hello World, naïve café"
    assert lowered(text) == "hello world, naïve café"
    assert word_starts(text) == frozenset({"hel", "wor", "naï", "caf"})
    assert word_starts(text) is word_starts(text)


def test_length_changing_lowercase_falls_back() -> None:
    pattern = Caseless(r"\bistanbul\b", "istanbul")
    text = "Office in İSTANBUL"  # "İ".lower() is two characters
    assert len(text.lower()) != len(text)
    assert [text[m.start() : m.end()] for m in pattern.finditer(text)] == re.findall(
        r"\bistanbul\b", text, re.IGNORECASE
    )
