"""Fast case-insensitive phrase matching: lower-cased text, word-prefix triggers, then regex.

Two measured facts shape this module (600-character messages, CPython 3.11):

* ``re.IGNORECASE`` made the large multilingual alternations about ten times slower, so every
  pattern is written in lower case and run on ``text.lower()``.
* Most rules do not apply to most messages, so each pattern names *triggers*: words one of
  which every match must contain. A trigger that starts with letters is the start of a word:
  its first three letters are looked up in the set of the text's word starts (one C-level set
  intersection per rule), then the letters are looked for in the text; any other
  trigger ("$", "://", "k_live_"), or one written with a leading "*" ("*straße", for word
  endings), is a plain substring test. A pattern whose triggers are all absent cannot match and
  is not run.
"""

from __future__ import annotations

import operator
import re
import string

from cockpit.domain.scanner.values import Span

_KEY = 3
# Characters that separate words for the trigger index (letters are kept, in any script).
_SEPARATOR_CHARS = string.punctuation + string.digits + "“”‘’«»‹›–—…¿¡·•"
_SEPARATORS = str.maketrans(dict.fromkeys(_SEPARATOR_CHARS, " "))
_WORD_CHARS = r"[^\s" + "".join(re.escape(c) for c in _SEPARATOR_CHARS) + "]"
# The first (up to) three characters of each word: quicker than ``translate`` on non-ASCII text.
_WORD_HEADS = re.compile(rf"(?<!{_WORD_CHARS}){_WORD_CHARS}{{1,{_KEY}}}")
_LEADING_LETTERS = re.compile(r"[^\W\d_]+")
_FIRST_LETTERS = operator.itemgetter(slice(0, _KEY))

# The last text seen, its lower-cased form and word starts: every rule asks about the same
# text in turn. Each reader takes the tuple once, so threads scanning at once stay correct.
_LAST: tuple[str, str, frozenset[str] | None] = ("", "", None)


def lowered(text: str) -> str:
    """``text.lower()``, remembered for the last text."""
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    low = text.lower()
    _LAST = (text, low, None)
    return low


def word_starts(text: str) -> frozenset[str]:
    """The first three letters of every lower-cased word of ``text`` (remembered)."""
    global _LAST
    last = _LAST
    if last[0] is text and last[2] is not None:
        return last[2]
    low = last[1] if last[0] is text else text.lower()
    if low.isascii():
        starts = frozenset(map(_FIRST_LETTERS, set(low.translate(_SEPARATORS).split())))
    else:
        starts = frozenset(_WORD_HEADS.findall(low))
    _LAST = (text, low, starts)
    return starts


# Long texts are searched only around their triggers: a match starts at most _BEFORE characters
# before the trigger it contains; windows reach _AFTER characters past it (a match cut short
# by a window is matched again on the whole text). Shorter texts are scanned whole.
_BEFORE = 100
_AFTER = 140
_WINDOWED_FROM = 2 * (_BEFORE + _AFTER)

Needle = tuple[str, str]  # (first three letters, the word start to look for)


def _split_triggers(triggers: str) -> tuple[tuple[Needle, ...], tuple[str, ...]]:
    """Word-start needles and plain substrings for "|"-separated ``triggers``."""
    needles: list[Needle] = []
    raw: list[str] = []
    for trigger in triggers.lower().split("|"):
        if not trigger:
            continue
        if trigger.startswith("*"):  # "*straße": a plain substring, also inside words
            raw.append(trigger[1:])
            continue
        letters = _LEADING_LETTERS.match(trigger.strip())
        if letters and len(letters.group()) >= _KEY:
            needles.append((letters.group()[:_KEY], letters.group()))
        else:
            raw.append(trigger)
    return tuple(dict.fromkeys(needles)), tuple(raw)


class Caseless:
    """A case-insensitive pattern run on lower-cased text, only when a trigger is present.

    Offsets of matches are exact; groups hold lower-cased text. When lower-casing changes the
    length (as for "İ"), the ``re.IGNORECASE`` form runs on the original text instead.
    ``triggers`` is "|"-separated; an empty string runs the pattern on every text. ``gate``, if
    given, is a cheaper pattern that every match contains: without a gate match, none is looked for.
    """

    __slots__ = ("_fast", "_slow", "flags", "gate", "needles", "pattern", "raw", "whole")

    def __init__(self, pattern: str, triggers: str, flags: int = 0, gate: str = "") -> None:
        self.pattern = pattern
        self.flags = flags
        self.needles, self.raw = _split_triggers(triggers)
        self._fast = re.compile(pattern, flags)
        self._slow: re.Pattern[str] | None = None
        self.gate = re.compile(gate, flags) if gate else None
        # A trigger of one or two letters ("i", "we") is everywhere: windows would cover the text
        # and finding them all would cost more than one pass over it.
        self.whole = self.always or any(len(r) <= 2 for r in self.raw)
        # A trigger of one or two letters ("i", "we") is everywhere: windows would cover the text.
        self.whole = self.always or any(len(r) <= 2 for r in self.raw)

    def _gated_out(self, low: str) -> bool:
        """Whether the gate rules out a match in the lower-cased ``low``."""
        return self.gate is not None and self.gate.search(low) is None

    @property
    def always(self) -> bool:
        """Whether the pattern has no triggers (runs on every text)."""
        return not self.needles and not self.raw

    def triggered(self, text: str) -> bool:
        """Whether one of the triggers is in ``text`` (so the pattern may match)."""
        low = lowered(text)
        if len(low) != len(text):
            return True  # lower-casing changed the length ("İ"): no trusted index, just run
        if self.always or any(r in low for r in self.raw):
            return not self._gated_out(low)
        starts = word_starts(text) if self.needles else frozenset()
        found = any(key in starts and needle in low for key, needle in self.needles)
        return found and not self._gated_out(low)

    def _subject(self, text: str) -> tuple[re.Pattern[str], str]:
        low = lowered(text)
        if len(low) == len(text):
            return self._fast, low
        if self._slow is None:
            self._slow = re.compile(self.pattern, self.flags | re.IGNORECASE)
        return self._slow, text

    def _windows(self, text: str, low: str) -> list[tuple[int, int]]:
        """Merged stretches of ``low`` around each occurrence of a present trigger."""
        starts = word_starts(text)
        needles = [needle for key, needle in self.needles if key in starts] + list(self.raw)
        positions: list[int] = []
        for needle in needles:
            at = low.find(needle)
            while at >= 0:
                positions.append(at)
                at = low.find(needle, at + 1)
        windows: list[tuple[int, int]] = []
        for at in sorted(positions):
            start, end = max(0, at - _BEFORE), min(len(low), at + _AFTER)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((start, end))
        return windows

    def _matches(self, text: str, *, first: bool) -> list[re.Match[str]]:
        pattern, subject = self._subject(text)
        if self.whole or pattern is not self._fast or len(subject) < _WINDOWED_FROM:
            if first:
                found = pattern.search(subject)
                return [] if found is None else [found]
            return list(pattern.finditer(subject))
        # Long text: look only near the triggers. A window's end can cut a match short, so each
        # hit is matched again on the whole text from the same start.
        matches: list[re.Match[str]] = []
        last_end = -1
        for start, end in self._windows(text, subject):
            for hit in pattern.finditer(subject, start, end):
                full = pattern.match(subject, hit.start())
                if full is None or full.start() < last_end:
                    continue
                matches.append(full)
                if first:
                    return matches
                last_end = max(full.end(), full.start() + 1)
        return matches

    def finditer(self, text: str, *, checked: bool = False) -> list[re.Match[str]]:
        """Every match in ``text`` (``checked``: the caller already saw a trigger)."""
        if not checked and not self.triggered(text):
            return []
        return self._matches(text, first=False)

    def search(self, text: str, *, checked: bool = False) -> re.Match[str] | None:
        """The first match in ``text``, or ``None``."""
        if not checked and not self.triggered(text):
            return None
        found = self._matches(text, first=True)
        return found[0] if found else None

    def spans(self, text: str) -> list[Span]:
        """Every match in ``text`` as a span."""
        return [Span(m.start(), m.end()) for m in self.finditer(text)]


class Phrases:
    """Several :class:`Caseless` patterns, each with its own triggers, searched as one.

    The word-prefix triggers of all patterns are checked with one set intersection; only the
    patterns with a trigger present run.
    """

    __slots__ = ("_always", "_by_key", "_keys", "_raw", "patterns")

    def __init__(self, *entries: tuple[str, str] | tuple[str, str, str], flags: int = 0) -> None:
        """Build from ``(triggers, pattern)`` pairs, or ``(triggers, pattern, gate)``."""
        self.patterns = tuple(Caseless(entry[1], entry[0], flags, *entry[2:]) for entry in entries)
        by_key: dict[str, list[tuple[str, int]]] = {}
        for index, p in enumerate(self.patterns):
            for key, needle in p.needles:
                by_key.setdefault(key, []).append((needle, index))
        self._by_key = by_key
        self._keys = frozenset(by_key)
        self._raw = tuple((r, i) for i, p in enumerate(self.patterns) for r in p.raw)
        self._always = frozenset(i for i, p in enumerate(self.patterns) if p.always)

    def _candidates(self, text: str) -> list[Caseless]:
        low = lowered(text)
        if len(low) != len(text):
            return list(self.patterns)  # lower-casing changed the length ("İ"): run them all
        hits = self._keys.intersection(word_starts(text))
        if not hits and not self._raw and not self._always:
            return []
        chosen = set(self._always)
        by_key = self._by_key
        for key in hits:
            for needle, index in by_key[key]:
                if index not in chosen and needle in low:
                    chosen.add(index)
        for raw, index in self._raw:
            if index not in chosen and raw in low:
                chosen.add(index)
        if not chosen:
            return []
        patterns = self.patterns
        return [patterns[index] for index in sorted(chosen) if not patterns[index]._gated_out(low)]

    def triggered(self, text: str) -> list[int]:
        """Indexes of the patterns with a trigger in ``text``."""
        return [self.patterns.index(p) for p in self._candidates(text)]

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Every match of every pattern, ordered by position."""
        found = [m for p in self._candidates(text) for m in p.finditer(text, checked=True)]
        found.sort(key=lambda m: (m.start(), -m.end()))
        return found

    def search(self, text: str) -> bool:
        """Whether any pattern matches."""
        return any(p.search(text, checked=True) is not None for p in self._candidates(text))

    def matching(self, text: str) -> list[Caseless]:
        """The patterns that match ``text``, in the order they were given."""
        return [p for p in self._candidates(text) if p.search(text, checked=True) is not None]

    def spans(self, text: str) -> list[Span]:
        """Every match as a span, ordered by position."""
        return sorted(Span(m.start(), m.end()) for m in self.finditer(text))
