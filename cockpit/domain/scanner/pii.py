"""SSN and CARD_NUMBER: US Social Security numbers and payment card numbers.

An SSN is ``AAA-GG-SSSS`` (dashes or single spaces) with a valid area (not 000, 666 or
900-999), group (not 00) and serial (not 0000), and not a well-known fake (078-05-1120,
123-45-6789...). Nine plain digits count only next to a label ("SSN", "social security").
A phone number (3-3-4 digits) never has the 3-2-4 shape. A card number is 13-19 digits, plain or
in groups, Luhn-valid, with a plausible issuer prefix (Visa, Mastercard, Amex, Discover, JCB,
Diners, UnionPay, Maestro).
"""

from __future__ import annotations

import re
from functools import lru_cache

from cockpit.domain.scanner.values import Span

# Digit runs long enough to hold an SSN or a card number: the only places worth a closer look.
_DIGIT_RUN = re.compile(r"\d[\d \-]{7,}\d")
_SSN = re.compile(r"(?<![\d\-+/.])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d\-/]|\.\d)")
_SSN_LABEL = re.compile(
    r"\b(?:SSN|SSNs|SS#|SS ?No\.?|soc(?:ial)?\.? sec(?:urity)?\.?(?: (?:number|no\.?|#))?"
    r"|n[uú]mero de seguro social|seguro social|sozialversicherungsnummer"
    r"|num[ée]ro de s[ée]curit[ée] sociale|previd[eê]ncia social)\b",
    re.IGNORECASE,
)
_FAKE_SSNS = frozenset(
    {"078051120", "219099999", "123456789", "111111111", "222222222", "333333333", "444444444",
     "555555555", "777777777", "888888888", "987654321", "012345678", "457555462"}
)  # fmt: skip
_LABEL_REACH = 40


def _valid_ssn(area: str, group: str, serial: str) -> bool:
    a = int(area)
    if a == 0 or a == 666 or a >= 900:
        return False
    if group == "00" or serial == "0000":
        return False
    return area + group + serial not in _FAKE_SSNS


@lru_cache(maxsize=2)
def _digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Where to look: each run, plus two characters so look-aheads see what follows it."""
    return tuple((m.start(), min(len(text), m.end() + 2)) for m in _DIGIT_RUN.finditer(text))


def find_ssns(text: str) -> list[Span]:
    """Spans of plausible US Social Security numbers in ``text``."""
    spans: list[Span] = []
    for start, end in _digit_runs(text):
        for m in _SSN.finditer(text, start, end):
            if not _valid_ssn(m.group(1), m.group(3), m.group(4)):
                continue
            if not m.group(2):  # nine plain digits: only next to a label
                before = text[max(0, m.start() - _LABEL_REACH) : m.start()]
                if not _SSN_LABEL.search(before):
                    continue
            spans.append(Span(m.start(), m.end()))
    return spans


_CARD = re.compile(r"(?<![\d.,\-/])\d(?:[ \-]?\d){12,}(?![\d])(?![.,]\d)")


def luhn_valid(digits: str) -> bool:
    """Whether the digit string passes the Luhn checksum."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _plausible_issuer(digits: str) -> bool:
    n = len(digits)
    two, four, six = int(digits[:2]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4":
        return n in (13, 16, 19)  # Visa
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16  # Mastercard
    if two in (34, 37):
        return n == 15  # Amex
    if four == 6011 or two == 65 or 644 <= int(digits[:3]) <= 649 or 622126 <= six <= 622925:
        return 16 <= n <= 19  # Discover
    if 3528 <= four <= 3589:
        return 16 <= n <= 19  # JCB
    if two in (36, 38, 39) or 300 <= int(digits[:3]) <= 305:
        return 14 <= n <= 19  # Diners Club
    if two == 62:
        return 16 <= n <= 19  # UnionPay
    if two in (50, 56, 57, 58, 63, 67) or digits[:4] in ("6759", "6761", "6762", "6763"):
        return 12 <= n <= 19  # Maestro
    return False


_SEPARATOR = re.compile(r"[ \-]")


def _card_candidates(start: int, raw: str) -> list[tuple[int, int, str]]:
    """Stretches of ``raw`` (found at ``start``) that could be one card number.

    A lone group of 13-19 digits, or consecutive groups of 4-6 digits (the last may be 1-6)
    starting with a group of four and holding 13-19 digits in all.
    """
    groups: list[tuple[int, str]] = []
    pos = 0
    for part in _SEPARATOR.split(raw):
        groups.append((pos, part))
        pos += len(part) + 1
    found: list[tuple[int, int, str]] = []
    for offset, group in groups:
        if 13 <= len(group) <= 19:
            found.append((start + offset, start + offset + len(group), group))
    for first, (first_offset, first_group) in enumerate(groups):
        if len(first_group) != 4:
            continue  # cards are written from a group of four
        digits = ""
        for last in range(first, len(groups)):
            offset, group = groups[last]
            if len(group) > 6 or (last > first and len(groups[last - 1][1]) < 4):
                break
            digits += group
            if len(digits) > 19:
                break
            if len(digits) >= 13:
                found.append((start + first_offset, start + offset + len(group), digits))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    return found


def find_card_numbers(text: str) -> list[Span]:
    """Spans of Luhn-valid payment card numbers in ``text``."""
    spans: list[Span] = []
    matches = [m for start, end in _digit_runs(text) for m in _CARD.finditer(text, start, end)]
    for m in matches:
        if text[max(0, m.start() - 2) : m.start()].isalpha():
            continue  # "DE89 3704 ...": an IBAN, not a card
        for begin, end, digits in _card_candidates(m.start(), m.group()):
            if spans and begin < spans[-1].end:
                continue
            if len(set(digits)) > 1 and _plausible_issuer(digits) and luhn_valid(digits):
                spans.append(Span(begin, end))
    return spans
