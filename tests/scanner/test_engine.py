"""scan(): findings, severities, penalties, fields, ordering and the sending rules."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.scanner import CODES, ScanResult, scan
from cockpit.policy import Policy
from tests.scanner.helpers import message


def codes(result: ScanResult) -> set[str]:
    return {f.code for f in result.findings}


def test_clean_message_has_no_findings(scanner_policy: Policy) -> None:
    result = scan(message(), scanner_policy)
    assert result.findings == ()
    assert result.commercial is False
    assert result.commercial_source == "guessed"
    assert result.commercial_reasons == ()


def test_severity_statute_and_penalty_come_from_the_policy(scanner_policy: Policy) -> None:
    result = scan(message("Hi Priya, SSN 512-48-3071 as requested."), scanner_policy)
    (finding,) = result.findings
    penalty = scanner_policy.penalty_for("SSN")
    assert penalty is not None
    assert finding.code == "SSN"
    assert finding.severity == scanner_policy.risks["SSN"].severity
    assert (finding.statute, finding.penalty_usd) == (penalty.statute, penalty.amount_usd)


def test_codes_without_penalty_carry_none(scanner_policy: Policy) -> None:
    (finding,) = scan(message("Hi Jason, open to a chat?"), scanner_policy).findings
    assert finding.code == "NAME_MISMATCH"
    assert (finding.statute, finding.penalty_usd) == (None, None)


@pytest.mark.parametrize(
    ("state", "with_statute"), [("IL", True), ("il", True), ("NY", False), (None, False)]
)
def test_bipa_applies_only_to_illinois(scanner_policy: Policy, state: str | None, with_statute: bool) -> None:
    body = "Hi Priya, please send a voiceprint before the interview."
    (finding,) = scan(message(body, recipient_state=state), scanner_policy).findings
    assert finding.code == "BIOMETRIC"
    assert (finding.statute is not None) is with_statute
    assert (finding.penalty_usd is not None) is with_statute


def test_span_findings_point_into_their_field(scanner_policy: Policy) -> None:
    subject = "Role at {{company}}"
    body = "Hi [First Name],\nYour card 4111 1111 1111 1111 is on file."
    result = scan(message(body, subject=subject), scanner_policy)
    for finding in result.findings:
        text = {"subject": subject, "body": body}[finding.field]
        assert text[finding.start : finding.end] == finding.evidence
    assert [(f.field, f.code) for f in result.findings] == [
        ("subject", "PLACEHOLDER"),
        ("body", "PLACEHOLDER"),
        ("body", "CARD_NUMBER"),
    ]


def test_findings_are_ordered_by_field_then_start(scanner_policy: Policy) -> None:
    body = "Hi Jason, ignore my last message. SSN 512-48-3071."
    result = scan(
        message(body, subject="Please disregard", sent_from="mobile", channel="sponsored"),
        scanner_policy,
    )
    order = {"subject": 0, "body": 1, "meta": 2}
    keys = [(order[f.field], f.start) for f in result.findings]
    assert keys == sorted(keys)
    assert result.findings[0].field == "subject"
    assert {f.code for f in result.findings if f.field == "meta"} == {"MOBILE_SEND", "NO_RECALL_CHANNEL"}


def test_commercial_absence_codes(scanner_policy: Policy) -> None:
    body = "Hi Priya, our platform helps HR teams. Book a demo this week."
    result = scan(message(body, recipient_state="TX"), scanner_policy)
    assert codes(result) == {"NO_POSTAL_ADDRESS", "NO_OPT_OUT", "TX_NO_ADV"}
    assert result.commercial and result.commercial_source == "guessed"
    assert "asks to book a demo" in result.commercial_reasons
    for finding in result.findings:
        assert (finding.field, finding.start, finding.end) == ("meta", 0, 0)
        assert finding.statute is not None and finding.penalty_usd is not None


def test_commercial_flag_from_the_message_wins(scanner_policy: Policy) -> None:
    pitch = "Hi Priya, our platform helps HR teams. Book a demo this week."
    not_commercial = scan(message(pitch, commercial=False), scanner_policy)
    assert not_commercial.findings == ()
    assert (not_commercial.commercial, not_commercial.commercial_source) == (False, "message")
    plain = scan(message("Hi Priya, thanks for the call.", commercial=True), scanner_policy)
    assert codes(plain) == {"NO_POSTAL_ADDRESS", "NO_OPT_OUT"}
    assert (plain.commercial_source, plain.commercial_reasons) == ("message", ())


def test_texas_needs_adv_or_opt_out(scanner_policy: Policy) -> None:
    body = "Hi Priya, 20% off this week.\nAcme, 600 Congress Avenue, Austin, TX 78701"
    assert "TX_NO_ADV" in codes(scan(message(body, recipient_state="TX"), scanner_policy))
    adv = scan(message(body, subject="ADV: 20% off", recipient_state="TX"), scanner_policy)
    assert codes(adv) == {"NO_OPT_OUT"}
    opted = scan(message(body + "\nReply STOP to opt out.", recipient_state="TX"), scanner_policy)
    assert codes(opted) == set()


@pytest.mark.parametrize(
    ("utc", "zone", "late"),
    [
        (datetime(2026, 11, 28, 4, 40, tzinfo=UTC), "America/New_York", True),  # 23:40
        (datetime(2026, 11, 27, 23, 30, tzinfo=UTC), "America/Los_Angeles", False),  # 15:30
        (datetime(2026, 11, 27, 23, 30, tzinfo=UTC), None, True),  # UTC
        (datetime(2026, 11, 27, 21, 59, tzinfo=UTC), "Europe/London", False),
        (datetime(2026, 11, 27, 22, 0, tzinfo=UTC), "Europe/London", True),
        (datetime(2026, 11, 27, 5, 59, tzinfo=UTC), "Europe/London", True),
        (datetime(2026, 11, 27, 6, 0, tzinfo=UTC), "Europe/London", False),
        (datetime(2026, 11, 27, 23, 30, tzinfo=UTC), "Not/AZone", True),  # unknown: UTC
    ],
)
def test_after_hours_in_the_senders_zone(
    scanner_policy: Policy, utc: datetime, zone: str | None, late: bool
) -> None:
    result = scan(message(sent_at=utc, sender_time_zone=zone), scanner_policy)
    assert ("AFTER_HOURS" in codes(result)) is late


def test_after_hours_window_comes_from_the_policy(scanner_policy: Policy) -> None:
    daytime = dataclasses.replace(scanner_policy.after_hours, start=time(9, 0), end=time(17, 0))
    policy = dataclasses.replace(scanner_policy, after_hours=daytime)
    noon_in_new_york = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    assert "AFTER_HOURS" in codes(scan(message(sent_at=noon_in_new_york), policy))
    assert "AFTER_HOURS" not in codes(scan(message(sent_at=noon_in_new_york), scanner_policy))


def test_mobile_and_sponsored(scanner_policy: Policy) -> None:
    assert codes(scan(message(sent_from="mobile"), scanner_policy)) == {"MOBILE_SEND"}
    for sent_from in ("desktop", "recruiter", "sales_navigator"):
        assert codes(scan(message(sent_from=sent_from), scanner_policy)) == set()
    assert codes(scan(message(channel="sponsored"), scanner_policy)) == {"NO_RECALL_CHANNEL"}
    for channel in ("inmail", "message", "connection_note"):
        assert codes(scan(message(channel=channel), scanner_policy)) == set()


def test_every_code_has_a_policy_severity(scanner_policy: Policy) -> None:
    for code in CODES:
        assert scanner_policy.risks[code].severity in ("low", "medium", "high", "critical")


@settings(max_examples=150, deadline=None)
@given(subject=st.text(max_size=80), body=st.text(max_size=600), recipient=st.text(max_size=40))
def test_any_text_scans_and_evidence_matches_its_span(
    scanner_policy: Policy, subject: str, body: str, recipient: str
) -> None:
    result = scan(message(body, subject=subject, recipient=recipient), scanner_policy)
    for finding in result.findings:
        assert finding.code in CODES
        if finding.field == "meta":
            assert (finding.start, finding.end) == (0, 0)
        else:
            text = subject if finding.field == "subject" else body
            assert 0 <= finding.start < finding.end <= len(text)
            assert text[finding.start : finding.end] == finding.evidence


def test_threads_scanning_at_once_get_the_same_results(scanner_policy: Policy) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from tests.scanner.corpus_loader import load_corpus

    messages = [entry.message for entry in load_corpus()] * 3
    expected = [scan(m, scanner_policy) for m in messages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda m: scan(m, scanner_policy), messages))
    assert got == expected
