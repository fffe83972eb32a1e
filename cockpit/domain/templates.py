"""Template groups: the messages of one batch whose text is the same once per-recipient parts are set
aside.

A message's *template key* is a short digest of its subject and body after these steps, each simple
enough to explain to the person triaging a batch:

1. the opening greeting is dropped: a greeting word (the scanner's greeting list) and whatever
   follows it up to the first comma, colon, semicolon, exclamation mark, dash or line end within 60
   characters ("Hi Dana,", "Hello Dr. Smith -", "Hi {{first_name}},", "Hey there!");
2. unfilled placeholders ({{first_name}}, [Name], ...: the scanner's placeholder rule) are masked;
3. times, dates and days ("3pm", "10:30", "12/05", "Dec 7th", "7 December", "Tuesday",
   "tomorrow") are masked, and so are runs of them ("Tuesday at 4 pm" is one);
4. capitalised words are masked: the names of people, companies and places a template fills in
   per recipient ("Dana", "Lumen Grocers"), and, alike in every message, a sentence's first word;
   words in capitals ("ADV", "INTERNAL ONLY") and "I" stay;
5. the recipient's names in lower case or in capitals ("dana", "DANA"), or a nickname form of them
   in capitals ("BOB" for Robert: the scanner's nickname tables), and the words of the recipient's
   profile address are masked; a run of masked words is one mask ("Dana Smith");
6. case and whitespace are folded.

So two messages of one template differ only in what a template fills in. The price of step 4: two
templates that differ only in capitalised words (a product's name) share a key; a template's own
text is in its lower-case words. A nickname in lower case is left alone ("will", "bill", "mark" are
words too).

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
WHEN = "\x01"
"""What a time, a date or a day becomes in the normalised text."""
KEY_LENGTH = 12
"""Hex digits of a template or group key."""

_GREETING_TAIL = re.compile(r"[^\n,:;!—–]{0,60}?(?:[,:;!—–\n]|[ \t]+-+(?=\s|$)|$)")
_WORD = re.compile(r"[^\W\d_]+")
_SHOUTED = re.compile(r"\b[A-Z]{2,}\b")
_TITLES = frozenset("dr mr mrs ms mx miss prof sir jr sr ii iii iv phd md mba esq".split())
_PROFILE_SLUG = re.compile(r"/in/([^/?#\s]+)", re.IGNORECASE)
_MASK_RUN = re.compile(MASK + r"(?:[ \t\-'’]*" + MASK + r")+")
_DIGIT = re.compile(r"\d")
# What every placeholder form of the scanner's rule holds ({..}, [..], <..>, %x, $x, __, A_B, A-B, XXX,
# «..», *|..|*, #{..}): a text with none of these has no placeholder, so the rule need not run.
PLACEHOLDER_HINT = re.compile(r"[{\[<«]|\*\||\|\*|#\{|%[A-Za-z_]|\$[A-Za-z_{]|__|[A-Z][_-][A-Z]|XXX")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-žА-ЯЁΑ-Ω"  # capitals (Latin Extended-A mixes both cases: alike in every message)
_LOWER = "a-zß-öø-ÿĀ-žа-яёα-ω"
_DAY_TAILS = "(?:on|ues|ednes|hurs|ri|atur|un)days?"  # after the first letter: (M)onday, (T)uesdays
_MONTH_TAILS = "(?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)[a-z]*\\.?"  # (J)an, (D)ecember
# Each pattern starts with a character class, which the regex engine skips to quickly.
_TITLE_WHEN = re.compile(  # before capitalised words are masked: "Tuesday", "Dec 7th", "December 7"
    rf"[MTWFS]{_DAY_TAILS}\b|[JFMASOND]{_MONTH_TAILS}\s*\d{{1,2}}(?:st|nd|rd|th)?\b"
)
_CAPITALISED = re.compile(  # "Dana", "Acme", "Émilie"; not "ADV", "I"
    rf"[{_UPPER}](?<![^\W\d_][{_UPPER}])(?=[^\W\d_]*[{_LOWER}])[^\W\d_]*"
)
_WHEN = re.compile(  # on folded text, from a digit: "3pm", "10:30 am", "14:30", "12/05", "7 december"
    r"\d(?<!\w\d)(?:\d?(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\d?:\d{2}\b|\d?[/-]\d{1,2}(?:[/-]\d{2,4})?\b"
    r"|\d{3}-\d{2}-\d{2}\b|\d?\.\d{1,2}\.\d{2,4}\b"
    rf"|\d?(?:st|nd|rd|th)?\s+(?:of\s+)?[jfmasond]{_MONTH_TAILS})"
)
_DAY = re.compile(rf"[mtwfs]{_DAY_TAILS}\b|to(?:morrow|day|night)\b")  # on folded text
_WHEN_RUN = re.compile(WHEN + r"(?:[\s,]*(?:at|on|from|by|around|-|–)?[\s,]*" + WHEN + r")+")


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
    lowered = text.casefold()
    hits = set(names.intersection(_WORD.findall(lowered))) if any(n in lowered for n in names) else set()
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
    masked = text
    if PLACEHOLDER_HINT.search(text):
        masked = _mask_spans(text, [(s.start, s.end) for s in find_placeholders(text)])
    masked = _CAPITALISED.sub(MASK, _TITLE_WHEN.sub(WHEN, masked))
    if names:
        masked = _mask_spans(masked, _recipient_spans(masked, names))
    folded = masked.casefold()
    if _DIGIT.search(folded):
        folded = _WHEN.sub(WHEN, folded)
    folded = _DAY.sub(WHEN, folded)
    folded = _WHEN_RUN.sub(WHEN, _MASK_RUN.sub(MASK, folded))
    return " ".join(folded.split())


@lru_cache(maxsize=4096)
def _normalise_nameless(text: str) -> str:
    """:func:`_normalise` of a text that names nobody in lower case or capitals (the same for every
    recipient, so kept: a batch repeats its subject, and often its body)."""
    return _normalise(text, frozenset())


def _normalised(text: str, names: frozenset[str]) -> str:
    lowered = text.casefold()
    if any(name in lowered for name in names) or _SHOUTED.search(text):
        return _normalise(text, names)
    return _normalise_nameless(text)


def normalised_text(subject: str, body: str, recipient: str, profile_url: str | None = None) -> str:
    """The subject and body with every per-recipient part set aside (see the module's steps)."""
    names = recipient_names(recipient, profile_url)
    return _normalised(subject, names) + "\n" + _normalised(_drop_greeting(body), names)


def template_key(subject: str, body: str, recipient: str, profile_url: str | None = None) -> str:
    """A short stable digest of the message's template (:func:`normalised_text`)."""
    text = normalised_text(subject, body, recipient, profile_url)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=KEY_LENGTH // 2).hexdigest()


KEEP = 400
"""Characters of a subject and of a recipient's name a template key reads (what a view keeps)."""


def message_group_key(
    batch: str | None, subject: str, body: str, recipient: str, profile_url: str | None
) -> str | None:
    """The template group key of one message (None without a batch: no group)."""
    if not batch:
        return None
    return group_key(batch, template_key(subject[:KEEP], body, recipient[:KEEP], profile_url))


def group_key(batch: str | None, template: str) -> str | None:
    """The key of the template group of a message of ``batch`` with template key ``template``
    (None without a batch: groups exist within a batch only)."""
    if not batch or not template:
        return None
    data = f"{batch}\x1f{template}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=KEY_LENGTH // 2).hexdigest()
