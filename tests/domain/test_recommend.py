"""What to do about one message now: every branch of the recommendation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cockpit.domain.assessment import Risk
from cockpit.domain.recommend import (
    NO_DISREGARD,
    OPENED_CAUTION,
    OPENED_RECORDED,
    PREVIEW_CAUTION,
    Recommendation,
    recommend,
)
from cockpit.domain.review import RiskDecision
from cockpit.domain.window import message_window
from cockpit.policy import Policy
from tests.conftest import NOW
from tests.domain.helpers import message


def risk(code: str, severity: str, *, in_preview: bool = False, field: str = "body") -> Risk:
    return Risk(code, severity, field, "evidence", 10, 20, in_preview, None, None)


def advise(policy: Policy, risks: list[Risk], minutes_ago: float = 5, **changes: object) -> Recommendation:
    m = message(minutes_ago, **changes)
    return recommend(m, message_window(m.channel, m.sent_at, NOW, policy), risks, policy)


def test_open_window_and_a_risk_that_matters_is_a_recall(policy: Policy) -> None:
    advice = advise(policy, [risk("SSN", "critical"), risk("AFTER_HOURS", "low", field="meta")])
    assert advice.action == "recall"
    assert "SSN (critical)" in advice.reason and "55 min" in advice.reason
    assert "delete it in LinkedIn" in advice.reason  # the domain's remedy
    assert advice.cautions == ()


def test_a_risk_in_the_leaked_preview_warns_that_the_preview_cannot_be_unsent(policy: Policy) -> None:
    advice = advise(policy, [risk("CONFIDENTIAL", "high", in_preview=True)])
    assert advice.action == "recall"
    assert advice.cautions[0] == PREVIEW_CAUTION
    assert "consider counsel" in PREVIEW_CAUTION and "never send a 'please disregard'" in PREVIEW_CAUTION


def test_a_recall_says_when_the_recipient_opened_it_and_when_time_is_short(policy: Policy) -> None:
    advice = advise(policy, [risk("SSN", "critical")], minutes_ago=57, opened_at=NOW - timedelta(minutes=1))
    assert advice.action == "recall"
    assert OPENED_RECORDED in advice.cautions
    assert any("under 5 minutes left" in c for c in advice.cautions)


@pytest.mark.parametrize(
    "found",
    [
        [risk("PLACEHOLDER", "high")],
        [risk("NAME_MISMATCH", "high"), risk("PLACEHOLDER", "high")],
        [risk("GRAMMAR", "low")],  # a minor slip in the text
    ],
)
def test_only_a_typo_class_issue_with_the_window_open_is_an_edit(policy: Policy, found: list[Risk]) -> None:
    advice = advise(policy, found)
    assert advice.action == "edit"
    assert "correcting the text" in advice.reason
    assert advice.cautions == (OPENED_CAUTION,)


def test_an_edit_says_so_when_the_open_is_recorded_and_the_preview_showed_it(policy: Policy) -> None:
    found = [risk("NAME_MISMATCH", "high", in_preview=True)]
    advice = advise(policy, found, opened_at=NOW - timedelta(minutes=2))
    assert advice.action == "edit"
    assert advice.cautions[:2] == (OPENED_CAUTION, OPENED_RECORDED)
    assert "the preview already showed the original text" in advice.cautions


def test_a_typo_beside_a_risk_that_matters_is_still_a_recall(policy: Policy) -> None:
    assert advise(policy, [risk("PLACEHOLDER", "high"), risk("NO_OPT_OUT", "high", field="meta")]).action == (
        "recall"
    )


def test_a_please_disregard_follow_up_is_recalled_though_its_severity_is_low(policy: Policy) -> None:
    assert advise(policy, [risk("DISREGARD_FOLLOWUP", "low")]).action == "recall"


def test_sponsored_messages_get_the_campaign_remedy(policy: Policy) -> None:
    found = [risk("NO_RECALL_CHANNEL", "medium", field="meta"), risk("CONFIDENTIAL", "high")]
    advice = advise(policy, found, channel="sponsored")
    assert advice.action == "document"
    assert "pause the campaign" in advice.reason and "incident report" in advice.reason
    assert advice.cautions == (NO_DISREGARD,)
    clean = advise(policy, [risk("NO_RECALL_CHANNEL", "medium", field="meta")], channel="sponsored")
    assert clean.action == "leave"


def test_a_closed_window_leaves_only_documenting_it(policy: Policy) -> None:
    advice = advise(policy, [risk("SSN", "critical", in_preview=True)], minutes_ago=90)
    assert advice.action == "document"
    assert "60-minute window has closed" in advice.reason and "incident report" in advice.reason
    assert advise(policy, [risk("PLACEHOLDER", "high")], minutes_ago=90).action == "document"
    assert advise(policy, [risk("AFTER_HOURS", "low", field="meta")], minutes_ago=90).action == "leave"


def test_no_risk_is_left_alone(policy: Policy) -> None:
    advice = advise(policy, [])
    assert (advice.action, advice.reason, advice.cautions) == ("leave", "no risk found", ())


def test_notes_about_the_send_only_are_left_alone(policy: Policy) -> None:
    notes = [risk("AFTER_HOURS", "low", field="meta"), risk("MOBILE_SEND", "low", field="meta")]
    advice = advise(policy, notes)
    assert advice.action == "leave" and "nothing in the text to correct" in advice.reason


def test_dismissed_findings_do_not_count(policy: Policy) -> None:
    decision = RiskDecision(
        seq=4, message_id=1, decision="dismiss", code="SSN", actor="lee", at=NOW, reason="test number",
        evidence=("evidence",),
    )  # fmt: skip
    dismissed = Risk("SSN", "critical", "body", "evidence", 10, 20, False, None, None, review=decision)
    assert advise(policy, [dismissed]).action == "leave"


def test_a_recalled_message_with_a_risk_is_documented_else_left(policy: Policy) -> None:
    recalled = {"status": "recalled", "recalled_at": NOW - timedelta(minutes=1)}
    advice = advise(policy, [risk("SSN", "critical")], **recalled)
    assert advice.action == "document" and "already recalled" in advice.reason
    assert advise(policy, [risk("PLACEHOLDER", "high")], **recalled).action == "leave"
