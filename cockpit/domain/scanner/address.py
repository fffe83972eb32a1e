"""Whether a message carries a physical postal address (for NO_POSTAL_ADDRESS).

An address is looked for only around a postal-code-like token (US ZIP, Canadian, UK, 4-5 digit
European or Brazilian/Portuguese codes), or before a ", ST" US state ending. In that window a
"..., City, ST 12345" line and common German, Spanish, French and Portuguese street formats are
recognised with regular expressions (UK ones too: pyap's UK rules took milliseconds per
window), and US and Canadian street addresses with ``pyap`` (its rules are compiled on first
use and run only on the window). A P.O. Box with a city and postal code counts too.

Elsewhere (Singapore, Malaysia, New Zealand, Australia, India, Ireland, the Netherlands, Italy,
Poland, the Czech Republic, the Nordics, South Africa, the Gulf...) a street line (a house number
and a street word, or a street word and a number) followed, on the same or the next line, by a
postal code of one of the shapes those countries use or by a country name (``pycountry``) counts,
and so does a P.O. Box followed by a country name.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from cockpit.domain.scanner.matching import Phrases, lowered
from cockpit.domain.scanner.textutil import alternation

_PO_BOX_TRIGGERS = (
    "box",
    "private bag",
    "locked bag",
    "postfach",
    "apartado",
    "caixa postal",
    "postale",
    "b.p.",
)
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
     r"\b(?:[^\W\d_][\w.\-]*?\s?)?(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer"
     r"|chaussee)\s+\d{1,4}\s?[a-z]?\s*,\s*(?:[dac]h?-\s?)?\d{4,5}\b",
     r",\s*(?:[dac]h?-\s?)?\d{4,5}\b"),
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

# Street words written after the street's name ("45 Queen Street", "201 Jalan Tun Sambanthan",
# "12 MG Road"), before it with the number after ("Via Roma 10", "ul. Marszałkowska 10",
# "Rue de la Loi 16"), and
# word endings ("Keizersgracht 123", "Drottninggatan 5").
_STREET_WORDS = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|place|pl|terrace|tce"
    "|crescent|cres|highway|hwy|parade|pde|quay|close|court|ct|square|sq|circle|circuit|row"
    "|esplanade|marg|salai|path|jalan|jln|lorong|persiaran|lebuh|lebuhraya|link|walk|rise|mall"
    "|industrial park|business park|tech park|science park"
)
_PREFIX_WORDS = (
    "jalan|jln|lorong|persiaran|lebuh|via|viale|piazza|piazzale|corso|largo|ul|ulica|al|aleja"
    "|aleje|plac|calle|carrer|avenida|rua|sheikh zayed road"
)
# Belgian and Swiss French write the number after the street's name: "Avenue Louise 120",
# "Chemin des Vignes 4" (a name is needed: "place 3 orders" is no street).
_FRENCH_BEFORE = "rue|avenue|boulevard|chaussée|chaussee|quai|chemin|allée|place|route|impasse"
_SUFFIXES = (
    "straat|laan|weg|gracht|plein|kade|singel|gatan|vägen|gade|vej|gata|gate|veien|vegen|tie"
    "|katu|ulice|náměstí|třída|utca|út|tér"
)
# Lookaheads that only skip hopeless starts quickly: a prefix word's first letter; a word, maybe a
# second one, then a number.
_PREFIX_INITIALS = "".join(sorted({word[0] for word in _PREFIX_WORDS.split("|")}))
_STREET_LINE = re.compile(
    r"\b\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?,?\s+(?:[A-Z][\w'’.-]*\s+){0,4}"
    r"(?i:" + _STREET_WORDS + r")\b\.?"
    r"|\b(?=(?i:[" + _PREFIX_INITIALS + r"]))(?i:" + _PREFIX_WORDS + r")\.?\s+(?:(?:[A-Z][\w'’.-]*"
    r"|d[aeiou]|de[il]|dei|degli|delle|della|dos|das|la|le|los|las|van|von)\s+){0,4}?\d{1,5}[A-Za-z]?\b"
    # a Japanese ward or city ("Meguro-ku", "Kawasaki-shi") after a block number
    r"|\b[A-Z][a-z]+-(?:ku|shi|cho|machi|gun)\b"
    r"|\b\d{1,5}[A-Za-z]?,?\s+(?i:rue|avenue|boulevard|bd|chemin|route|rang|mont[ée]e|c[ôo]te"
    r"|calle|rua)\s+(?:(?:de|du|des|la|le|del|da|do|d['’])\s?)?"
    r"[A-ZÀ-Ý][\w'’.-]*"
    r"|\b[A-Z](?=[\w'’-]*\s?[\w'’-]*\s+\d)[\w'’-]*\s?(?i:" + _SUFFIXES + r")\s+\d{1,5}[A-Za-z]?\b"
)
# Postal codes: 4-6 digits (AU, NZ, ZA, CH, AT, BE, DK, NO, SG, MY, IN, DE, FR, IT, ES, MX ...),
# "560 001" (IN), "110 00" (CZ, SK, SE, GR), "00-590" (PL), "1012 AB" (NL), Eircodes (IE),
# "100-0005" (JP), "1100-053" (PT), UK and Canadian codes.
_POSTCODE = re.compile(
    r"(?<![\d,.$€£])\b(?:\d{4,6}|\d{3} \d{3}|\d{3} \d{2}|\d{2}-\d{3}|\d{3}-\d{4}|\d{4}-\d{3}"
    r"|\d{5}-\d{3})\b(?!%|[.,]\d)"
    r"|\b\d{4} ?[A-Z]{2}\b|\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}\b"
    r"|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b"
)
_AFTER_STREET = 110
_COUNTRY_ALIASES = (
    "UAE",
    "U.A.E.",
    "UK",
    "U.K.",
    "USA",
    "U.S.A.",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "KSA",
    "Hong Kong",
    "Vietnam",
    "Russia",
    "Korea",
    "South Korea",
    "Taiwan",
    "Czechia",
    "Czech Republic",
    "Türkiye",
    "Turkey",
    "The Netherlands",
    "Holland",
)


@cache
def _country_names() -> re.Pattern[str]:
    """Every country's short, common and official name (``pycountry``) and common aliases."""
    import pycountry

    names = set(_COUNTRY_ALIASES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                names.add(name)
    return re.compile(r"\b(?:" + alternation(names) + r")(?![\w-])")


def _address_after(text: str, start: int) -> bool:
    """Whether a postal code or a country name follows a street line ending at ``start``."""
    tail = text[start : start + _AFTER_STREET]
    for stop in ("\n\n", "!", "?"):
        cut = tail.find(stop)
        if cut >= 0:
            tail = tail[:cut]
    if tail.count("\n") > 2:
        tail = "\n".join(tail.split("\n")[:3])
    return _POSTCODE.search(tail) is not None or _country_names().search(tail) is not None


# Looked for only when one of its street words is in the text.
_FRENCH_STREET = re.compile(
    r"\b(?i:" + _FRENCH_BEFORE + r")\s+(?:(?:de|du|des|de la|l['’])\s?)?"
    r"[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|de|du|des|la|le|l['’]\w+)){0,3}\s+\d{1,4}[A-Za-z]?\b"
)
_FRENCH_WORDS = tuple(word + " " for word in _FRENCH_BEFORE.split("|"))


def _street_then_code(text: str) -> bool:
    if any(_address_after(text, m.end()) for m in _STREET_LINE.finditer(text)):
        return True
    low = lowered(text)
    if not any(word in low for word in _FRENCH_WORDS):
        return False
    return any(_address_after(text, m.end()) for m in _FRENCH_STREET.finditer(text))


def _po_box_in_country(text: str) -> bool:
    for m in _PO_BOX_NUMBER.finditer(text):
        if _country_names().search(text[m.end() : m.end() + 80].split("\n\n")[0]):
            return True
    return False


_PO_BOX_NUMBER = re.compile(
    r"\b(?:P\.?\s?O\.?\s?Box|Post Office Box|Postfach|Apartado(?: de [Cc]orreos)?|Caixa Postal"
    r"|Bo[iî]te [Pp]ostale|B\.P\.|PO Box|Private Bag|Locked Bag)\s*\d{1,6}\b",
    re.IGNORECASE,
)


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
    if any(t in low for t in _PO_BOX_TRIGGERS) and (_PO_BOX.search(text) or _po_box_in_country(text)):
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
    if any(_UK_STREET.search(_window(text, m.end())) for m in _GB_POSTCODE.finditer(text)):
        return True
    return _street_then_code(text)
