"""Whether a message carries a physical postal address (for NO_POSTAL_ADDRESS).

An address is looked for only around a postal-code-like token (US ZIP, Canadian, UK, 4-5 digit
European or Brazilian/Portuguese codes), or before a ", ST" US state ending. In that window a
"..., City, ST 12345" line and common German, Spanish, French and Portuguese street formats are
recognised with regular expressions (UK ones too: pyap's UK rules took milliseconds per
window), and US and Canadian street addresses with ``pyap`` (its rules are compiled on first
use and run only on the window). A P.O. Box with a city and postal code counts too.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from cockpit.domain.scanner.matching import Phrases, lowered

_PO_BOX_TRIGGERS = ("box", "postfach", "apartado", "caixa postal", "postale", "b.p.")
_PO_BOX = re.compile(
    r"\b(?:P\.?\s?O\.?\s?Box|Post Office Box|Postfach|Apartado(?: de [Cc]orreos)?|Caixa Postal"
    r"|Bo[iî]te [Pp]ostale|B\.P\.)\s*\d{1,6}\b[^\n]{0,60}?"
    r"(?:\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b\d{4,5}\b|\b\d{5}-\d{3}\b|\b\d{4}-\d{3}\b"
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})",
    re.IGNORECASE,
)
_NUMERIC_CODE = re.compile(r"\d{4,5}(?:-\d{3,4})?")
_CA_POSTAL = re.compile(r"[A-Z]\d[A-Z] ?\d[A-Z]\d")
_GB_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}")
_US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
).split()
_US_STATE_END = re.compile(r",\s*(?:" + "|".join(_US_STATES) + r")\b(?!\s*\d)")
_CITY_STATE_ZIP = re.compile(
    r"\b\d{1,6}[A-Za-z]?\s+[^\n,]{3,50},\s*(?:[^\n,]{1,30},\s*)?"
    r"[A-Z][A-Za-z .'-]{1,30},?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?$"
)
_EUROPEAN = Phrases(
    # German: Musterstraße 12, 10115 Berlin
    ("*str|*weg|*allee|*platz|*gasse|*ring|*damm|*ufer|*chaussee",
     r"\b[^\W\d_][\w.\-]*?(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee)"
     r"\s+\d{1,4}\s?[a-z]?\s*,\s*(?:d-\s?)?\d{5}\b"),
    # Spanish: Calle de Alcalá 45, 28014 Madrid
    ("calle|c/|avenida|avda|av.|paseo|plaza|carrer|camino|ronda|gran v",
     r"\b(?:calle|c/|avenida|avda\.|av\.|paseo|plaza|carrer|camino|ronda|gran v[ií]a)\s"
     r"[^\n]{2,50}?\d{1,4}[^\n,]{0,20},\s*(?:[^\n,]{1,30},\s*)?\d{5}\b"),
    # French: 12 rue de la Paix, 75002 Paris
    ("rue|avenue|av.|boulevard|bd|place|allée|allee|chemin|quai|impasse|cours|route",
     r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|all[ée]e|chemin"
     r"|quai|impasse|cours|route)\s[^\n]{2,50}?,\s*(?:[^\n,]{1,30},\s*)?\d{5}\b"),
    # Portuguese: Rua Augusta 100, 1100-053 Lisboa / Av. Paulista, 1000, 01310-100 São Paulo
    ("rua|avenida|av.|travessa|praça|praca|alameda|largo|estrada",
     r"\b(?:rua|avenida|av\.|travessa|pra[çc]a|alameda|largo|estrada)\s[^\n]{2,50}?\d{1,5}"
     r"[^\n]{0,40}?(?:\d{4}-\d{3}|\d{5}-\d{3})\b"),
)  # fmt: skip
# UK: 14 Curtain Road, London EC2A 3NH (pyap's UK rules take milliseconds per window).
_UK_STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][\w'’-]*\s+){1,4}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave"
    r"|Way|Close|Drive|Dr|Place|Pl|Square|Sq|Court|Ct|Crescent|Terrace|Gardens|Hill|Row|Mews"
    r"|Walk|Grove|Park|Parade|Yard|Wharf|Gate|Green|Broadway|Embankment)\.?,?\s+"
    r"(?:[^\n,]{1,30},\s*)?(?:[A-Z][A-Za-z .'-]{1,30},?\s+)?"
    r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$"
)
_WINDOW = 180


@cache
def _pyap_rules(country: str) -> re.Pattern[str]:
    import importlib

    data: Any = importlib.import_module(f"pyap.source_{country}.data")
    return re.compile(data.full_address, re.VERBOSE | re.UNICODE)


@cache
def _pyap_normalize() -> Any:
    from pyap.parser import AddressParser

    return AddressParser._normalize_string


def _pyap_finds(country: str, window: str) -> bool:
    return _pyap_rules(country).search(_pyap_normalize()(window)) is not None


def _window(text: str, end: int) -> str:
    return text[max(0, end - _WINDOW) : end]


def has_postal_address(text: str) -> bool:
    """Whether ``text`` contains a physical postal address (street or P.O. Box)."""
    low = lowered(text)
    if any(t in low for t in _PO_BOX_TRIGGERS) and _PO_BOX.search(text):
        return True
    if _EUROPEAN.search(text):
        return True
    for m in _NUMERIC_CODE.finditer(text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if before.isalnum() or after.isdigit():
            continue
        window = _window(text, m.end())
        if _CITY_STATE_ZIP.search(window):
            return True
        if len(m.group()) in (5, 10) and _pyap_finds("US", window + after):
            return True
    for m in _US_STATE_END.finditer(text):
        if _pyap_finds("US", _window(text, m.end())):
            return True
    for m in _CA_POSTAL.finditer(text):
        if _pyap_finds("CA", _window(text, m.end())):
            return True
    return any(_UK_STREET.search(_window(text, m.end())) for m in _GB_POSTCODE.finditer(text))
