"""SSN and CARD_NUMBER."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.scanner.pii import find_card_numbers, find_ssns, luhn_valid


def ssns(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_ssns(text)]


def cards(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_card_numbers(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("SSN 512-48-3071, thanks", "512-48-3071"),
        ("my social security number is 372-61-0459.", "372-61-0459"),
        ("under SSN 529 14 7720 in the file", "529 14 7720"),
        ("SSN: 604228137", "604228137"),
        ("Social Security No. 418732956", "418732956"),
        ("seguro social 512483071", "512483071"),
        ("(512-48-3071)", "512-48-3071"),
        ("Per HR the SSN on file is 512.34.8870, can you confirm?", "512.34.8870"),
        ("her social is 512 34 8870 per the background check", "512 34 8870"),
        ("ticket 4411 mentions SSN: 512-34-8870", "512-34-8870"),
    ],
)
def test_ssn_found(text: str, found: str) -> None:
    assert ssns(text) == [found]


@pytest.mark.parametrize(
    "text",
    [
        "area 000: 000-12-3456",
        "area 666: 666-45-1234",
        "area 9xx: 912-34-5678",
        "group 00: 123-00-4567",
        "serial 0000: 123-45-0000",
        "famous fake 078-05-1120",
        "example 123-45-6789",
        "call 555-123-4567 or (415) 555-0123 or +1 415 555 0123 or 415.555.0199",
        "order 604228137 ships today",
        "start 2027-01-11, zip 62701-1234, version 10.4.2-beta",
        "ref 1512-48-3071 and 512-48-30712",
        "SSN 512-48-3071/22",
        "ISBN 978-3-16-148410-0",
        "I opened ticket number 512-34-8870 with support yesterday",
        "Your order no. 512-34-8870 has shipped",
        "Please pay invoice #512-34-8870 by Friday",
        "Case ID: 512-34-8870 is closed",
        "area 900: 900-34-8870, area 999: 999.34.8870",
        "group 00: 512 00 8870",
        "voided: 078.05.1120 and 219-09-9999",
        "version 1.512.34.8870 released",
    ],
)
def test_ssn_look_alikes(text: str) -> None:
    assert ssns(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Visa 4111 1111 1111 1111, exp 09/28", "4111 1111 1111 1111"),
        ("Mastercard 5555-5555-5555-4444.", "5555-5555-5555-4444"),
        ("2-series 2223 0031 2200 3222", "2223 0031 2200 3222"),
        ("Amex 3782 822463 10005", "3782 822463 10005"),
        ("Discover 6011111111111117", "6011111111111117"),
        ("Visa 4012888888881881!", "4012888888881881"),
        ("JCB 3566 0020 2036 0505", "3566 0020 2036 0505"),
        ("card 4111 1111 1111 1111 12/27", "4111 1111 1111 1111"),
    ],
)
def test_card_found(text: str, found: str) -> None:
    assert cards(text) == [found]


@pytest.mark.parametrize(
    "text",
    [
        "order 4111 1111 1111 1112 shipped",  # fails Luhn
        "invoice 5500-0000-0000-0001",  # fails Luhn
        "account 0012 3456 7890 1234",  # no issuer starts with 0
        "ticket 9876543210123456",  # no issuer starts with 9
        "IBAN DE89 3704 0044 0532 0130 00",
        "call +1 415 555 0123 or +44 7700 900123",
        "tracking 1Z999AA10123456784",
        "card ending 4444",
        "4444 4444 4444 4444",  # one repeated digit
        "price 4111.1111 and 1,234,567,890,123",
    ],
)
def test_card_look_alikes(text: str) -> None:
    assert cards(text) == []


def test_two_cards_in_one_run_and_a_card_after_a_phone_number() -> None:
    text = "cards 4111 1111 1111 1111 5555 5555 5555 4444, call 4155550123 4012888888881881"
    assert cards(text) == ["4111 1111 1111 1111", "5555 5555 5555 4444", "4012888888881881"]


def test_luhn() -> None:
    assert luhn_valid("4111111111111111")
    assert luhn_valid("378282246310005")
    assert not luhn_valid("4111111111111112")


def _luhn_complete(partial: str) -> str:
    for check in "0123456789":
        if luhn_valid(partial + check):
            return partial + check
    raise AssertionError("unreachable")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=14, max_size=14), st.sampled_from([" ", "-", ""]))
def test_any_luhn_valid_visa_is_found(middle: str, separator: str) -> None:
    number = _luhn_complete("4" + middle)
    grouped = separator.join(number[i : i + 4] for i in range(0, 16, 4))
    text = f"Please charge {grouped} today."
    if len(set(number)) > 1:
        assert cards(text) == [grouped]
