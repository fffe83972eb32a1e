"""The examples of the article the rules come from (``shared/seed``) all fire."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cockpit.domain.scanner import ScanInput, scan
from cockpit.policy import load_policy

SENT = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


def _codes(body: str, recipient: str = "Jennifer Hale", commercial: bool | None = None) -> set[str]:
    message = ScanInput(
        subject="", body=body, recipient=recipient, recipient_state=None, channel="inmail",
        commercial=commercial, sent_at=SENT, sender_time_zone="America/Chicago", sent_from="desktop",
    )  # fmt: skip
    return set(scan(message, load_policy()).codes)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("Jennifer Hale stole the client list from her last firm.", "ACCUSATION"),
        ("You stole our client list when you left for Northgate.", "ACCUSATION"),
        ("Hi [First Name], quick question about your hiring plans.", "PLACEHOLDER"),
        ("Please disregard my previous message, it went to the wrong person.", "DISREGARD_FOLLOWUP"),
        ("For the background check I have your SSN as 512-84-3906.", "SSN"),
        ("As part of our AI screening, please record a voiceprint and a face scan.", "BIOMETRIC"),
        ("Pasting Acme's pricing sheet: Starter $1,200 per seat, Enterprise $950 per seat.", "CONFIDENTIAL"),
    ],
)
def test_the_articles_examples_fire(body: str, code: str) -> None:
    assert code in _codes(body)


def test_a_pricing_pitch_without_an_address_is_the_campaign_of_the_article() -> None:
    codes = _codes("Our platform cuts freight costs 18%. Pricing: $49 per truck a month. Worth 15 minutes?",
                   recipient="Ravi Shah", commercial=True)  # fmt: skip
    assert {"NO_POSTAL_ADDRESS", "NO_OPT_OUT"} <= codes
