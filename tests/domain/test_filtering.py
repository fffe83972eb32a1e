"""The filter language: ``batch:`` matches the start of a batch's name, the other keys whole values."""

from __future__ import annotations

import pytest

from cockpit.domain.filtering import Facts, batch_matches, matches, parse_filter
from cockpit.domain.model import Message
from tests.domain.helpers import message


def _message(batch: str | None, seat: str | None = "sam") -> Message:
    return message(5, batch=batch, seat=seat)


def _selects(expression: str, message: Message) -> bool:
    return matches(parse_filter(expression), Facts(message, "open", ()))


@pytest.mark.parametrize(
    ("expression", "batch", "selected"),
    [
        ("batch:q4", "q4-pricing-blast", True),
        ("batch:Q4-PRICING", "q4-pricing-blast", True),
        ("batch:q4-pricing-blast", "q4-pricing-blast", True),
        ("batch:pricing", "q4-pricing-blast", False),  # a prefix, not a substring
        ("batch:q4-pricing-blast-2", "q4-pricing-blast", False),
        ("batch:holiday,q4", "q4-pricing-blast", True),
        ("-batch:q4", "q4-pricing-blast", False),
        ("-batch:q4", "holiday-message-ad", True),
        ("batch:q4", None, False),
        ("-batch:q4", None, True),
    ],
)
def test_batch_term_matches_a_prefix(expression: str, batch: str | None, selected: bool) -> None:
    assert _selects(expression, _message(batch)) is selected


def test_other_keys_still_match_whole_values() -> None:
    assert not _selects("seat:sa", _message("q4", seat="sam"))
    assert _selects("seat:sam", _message("q4", seat="sam"))


def test_batch_matches_is_case_blind_and_needs_a_batch() -> None:
    assert batch_matches("Q4-Pricing", ("q4",))
    assert not batch_matches(None, ("q4",))
    assert not batch_matches("q3-recap", ("q4", "q5"))


def test_actor_term_matches_who_logged_or_marked_case_insensitively() -> None:
    facts = Facts(_message("q4"), "open", (), actors=("Dana", "bob"))
    assert matches(parse_filter("actor:DANA"), facts)
    assert matches(parse_filter("actor:carol,Bob"), facts)
    assert not matches(parse_filter("actor:carol"), facts)
    assert not matches(parse_filter("-actor:bob"), facts)
    assert not matches(parse_filter("actor:bob"), Facts(_message("q4"), "open", ()))
