"""SSN and CARD_NUMBER: US Social Security numbers and payment card numbers.

An SSN is ``AAA-GG-SSSS`` (dashes, dots or single spaces) that ``stdnum.us.ssn`` accepts: an area
the SSA issues (not 000, 666 or 900-999), group not 00, serial not 0000, not a voided number
(078-05-1120...), and not a well-known example (123-45-6789). Nine plain digits count only next to
a label ("SSN", "social security"). A number labelled as something else ("ticket number", "order
no.", "invoice #") is not an SSN unless an SSN label is nearer. A phone number (3-3-4 digits) never
has the 3-2-4 shape. A card number is 13-19 digits, plain or in groups, Luhn-valid
(``stdnum.luhn``), with a plausible issuer prefix (Visa, Mastercard, Amex, Discover, JCB, Diners,
UnionPay, Maestro).
"""

from __future__ import annotations

import re
from functools import lru_cache

from stdnum import luhn
from stdnum.us import ssn as us_ssn

from cockpit.domain.scanner.values import Span

# Digit runs long enough to hold an SSN or a card number: the only places worth a closer look.
_DIGIT_RUN = re.compile(r"\d[\d \-.]{7,}\d")
_SSN = re.compile(r"(?<![\d\-+/.])(\d{3})([- .]?)(\d{2})\2(\d{4})(?![\d\-/]|\.\d)")
_SSN_LABEL = re.compile(
    r"\b(?:SSN|SSNs|SS#|SS ?No\.?|soc(?:ial)?\.? sec(?:urity)?\.?(?: (?:number|no\.?|#))?"
    r"|n[uú]mero de seguro social|seguro social|sozialversicherungsnummer"
    r"|num[ée]ro de s[ée]curit[ée] sociale|previd[eê]ncia social)\b",
    re.IGNORECASE,
)
# Valid by the SSA's rules but printed everywhere as examples: not someone's number.
_EXAMPLE_SSNS = frozenset(
    {"123456789", "111111111", "222222222", "333333333", "444444444", "555555555", "777777777",
     "888888888", "987654321", "012345678"}
)  # fmt: skip
_LABEL_REACH = 40
# "ticket number 512-34-8870", "order no. ...", "invoice #...": the number is labelled as another kind.
_OTHER_LABEL = re.compile(
    r"\b(?:ticket|order|invoice|inv|case|ref|reference|tracking|confirmation|conf|booking"
    r"|reservation|claim|policy|account|acct|member|employee|emp|customer|client|po|purchase order"
    r"|req|requisition|job|part|model|item|sku|serial|batch|lot|shipment|transaction|txn|receipt"
    r"|incident|issue|bug|story|pedido|factura|commande|facture|bestellung|rechnung)"
    r"(?:\s*(?:number|num|nr|no|n[ºo°]|id|code))?\.?\s*(?:#|:|-)?\s*$",
    re.IGNORECASE,
)
_OTHER_LABEL_REACH = 40


def _valid_ssn(digits: str) -> bool:
    return digits not in _EXAMPLE_SSNS and us_ssn.is_valid(digits)


def _labelled_as_other(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows another kind's label with no SSN label nearer."""
    before = text[max(0, start - _OTHER_LABEL_REACH) : start]
    label = _OTHER_LABEL.search(before)
    return label is not None and not _SSN_LABEL.search(before, label.end())


@lru_cache(maxsize=2)
def _digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Where to look: each run, plus two characters so look-aheads see what follows it."""
    return tuple((m.start(), min(len(text), m.end() + 2)) for m in _DIGIT_RUN.finditer(text))


def find_ssns(text: str) -> list[Span]:
    """Spans of plausible US Social Security numbers in ``text``."""
    spans: list[Span] = []
    for start, end in _digit_runs(text):
        for m in _SSN.finditer(text, start, end):
            if not _valid_ssn(m.group(1) + m.group(3) + m.group(4)):
                continue
            if _labelled_as_other(text, m.start()):
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
    return luhn.checksum(digits) == 0


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
