"""Template groups: the messages of one batch whose text is the same once per-recipient parts are set
aside.

A message's *template key* is a short digest of its subject and body after these steps, each simple
enough to explain to the person triaging a batch:

1. the opening greeting is dropped: a greeting word and whatever follows it up to the first comma,
   colon, semicolon, exclamation mark, dash or line end within 60 characters ("Hi Dana,",
   "Hello Dr. Smith -", "Hi {{first_name}},", "Hey there!");
2. unfilled placeholders ({{first_name}}, [Name], ...: the scanner's placeholder rule) are masked;
3. capitalised words equal to a part of the recipient's name, or to a nickname form of one (Bob for
   Robert: the scanner's nickname tables), and words of the recipient's profile address are masked,
   so are runs of masked words ("Dana Smith" is one mask);
4. weekday names, times and dates ("Tuesday", "3pm", "10:30", "12/05", "Dec 7th") are masked;
5. case and whitespace are folded.

Company names and other fields filled in per recipient are not recognised unless they appear in
the recipient's name or profile address: such messages fall into groups of their own.

A *group* is a template key within one batch (:func:`group_key`): a message without a batch is in no
group, and a group of one is not shown as a group.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from cockpit.domain.scanner.greeting import opening_greeting_end
from cockpit.domain.scanner.nicknames import nickname_forms
from cockpit.domain.scanner.placeholder import find_placeholders
from cockpit.domain.scanner.textutil import fold

MASK = "\x00"
"""What a per-recipient part becomes in the normalised text."""
KEY_LENGTH = 12
"""Hex digits of a template or group key."""

_GREETING_TAIL = re.compile(r"[^\n,:;!—–]{0,60}?(?:[,:;!—–\n]|[ \t]+-+(?=\s|$)|$)")
_WORD = re.compile(r"[^\W\d_]+")
_SHOUTED = re.compile(r"\b[A-Z]{2,}\b")
_CAPITALISED = re.compile(r"\b[^\W\d_a-z](?=[^\W\d_]*[a-z])[^\W\d_]*")  # "Dana", "Acme"; not "ADV", "I"
_TITLES = frozenset("dr mr mrs ms mx miss prof sir jr sr ii iii iv phd md mba esq".split())
_PROFILE_SLUG = re.compile(r"/in/([^/?#\s]+)", re.IGNORECASE)
_MASK_RUN = re.compile(MASK + r"(?:[ \t\-'’]*" + MASK + r")+")
_DIGIT = re.compile(r"\d")
_MONTHS = r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\x00)"  # or a masked word
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b")
_WHEN = re.compile(
    r"(?<!\w)(?=[\djfmasond\x00])(?:\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)"  # 3pm, 10:30 am
    r"|\d{1,2}:\d{2}\b"  # 14:30
    r"|\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?\b|\d{4}-\d{2}-\d{2}\b|\d{1,2}\.\d{1,2}\.\d{2,4}\b"
    # 12/05, 12-05-2026, 2026-12-05, 5.12.2026
    r"|" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?\b"  # dec 7th
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + ")",  # 7 december, 7th of dec
)


@lru_cache(maxsize=4096)
def recipient_names(recipient: str, profile_url: str | None = None) -> frozenset[str]:
    """The folded words that name the recipient: their name's parts (titles left out) and the words
    of their profile address ("linkedin.com/in/dana-smith-4a" gives dana and smith)."""
    words = {fold(w) for w in _WORD.findall(recipient)}
    if profile_url:
        slug = _PROFILE_SLUG.search(profile_url)
        if slug:
            words |= {fold(w) for w in _WORD.findall(slug.group(1)) if len(w) >= 3}
    return frozenset(w for w in words if len(w) >= 2 and w not in _TITLES)


def _shouted_name(word: str, names: frozenset[str]) -> bool:
    """Whether a word in capitals is one of ``names`` or a nickname form of one ("BOB" for Robert)."""
    folded = fold(word)
    return folded in names or not nickname_forms(folded).isdisjoint(names)


def _recipient_spans(text: str, names: frozenset[str]) -> list[tuple[int, int]]:
    """Where ``text`` names the recipient in lower case ("dana") or in capitals ("DANA", "BOB")."""
    hits = set(names.intersection(_WORD.findall(text.casefold())))
    hits.update(w.casefold() for w in _SHOUTED.findall(text) if _shouted_name(w, names))
    if not hits:
        return []
    return [m.span() for m in _WORD.finditer(text) if m.group().casefold() in hits]


def _drop_greeting(body: str) -> str:
    text = body.lstrip()
    end = opening_greeting_end(text)
    if end is None:
        return text
    tail = _GREETING_TAIL.match(text, end)
    return text[tail.end() if tail else end :].lstrip()


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            continue
        parts.append(text[position:start])
        parts.append(MASK)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _normalise(text: str, names: frozenset[str]) -> str:
    masked = _mask_spans(text, [(s.start, s.end) for s in find_placeholders(text)])
    masked = _CAPITALISED.sub(MASK, masked)
    if names:
        masked = _mask_spans(masked, _recipient_spans(masked, names))
    folded = masked.casefold()
    if _DIGIT.search(folded):
        folded = _WHEN.sub("<when>", folded)
    if "day" in folded:
        folded = _WEEKDAY.sub("<when>", folded)
    return " ".join(_MASK_RUN.sub(MASK, folded).split())


def normalised_text(subject: str, body: str, recipient: str, profile_url: str | None = None) -> str:
    """The subject and body with every per-recipient part set aside (see the module's steps)."""
    names = recipient_names(recipient, profile_url)
    return _normalise(subject, names) + "\n" + _normalise(_drop_greeting(body), names)


def template_key(subject: str, body: str, recipient: str, profile_url: str | None = None) -> str:
    """A short stable digest of the message's template (:func:`normalised_text`)."""
    text = normalised_text(subject, body, recipient, profile_url)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=KEY_LENGTH // 2).hexdigest()


def group_key(batch: str | None, template: str) -> str | None:
    """The key of the template group of a message of ``batch`` with template key ``template``
    (None without a batch: groups exist within a batch only)."""
    if not batch or not template:
        return None
    data = f"{batch}\x1f{template}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=KEY_LENGTH // 2).hexdigest()
