from datetime import timedelta

from cockpit.domain.exposure import message_exposure, total_exposure
from cockpit.domain.leaks import message_leaks, span_in_preview
from tests.conftest import NOW
from tests.domain.helpers import message


def codes(leaks):
    return [leak.code for leak in leaks]


def test_unknown_push_is_assumed_delivered_and_the_preview_is_the_first_140_characters(policy):
    body = "A" * 100 + "B" * 100
    leaks = message_leaks(message(body=body), policy)
    preview = next(leak for leak in leaks if leak.code == "PUSH_PREVIEW")
    assert preview.detail == body[:140]
    assert preview.until is None


def test_no_push_means_no_preview(policy):
    assert "PUSH_PREVIEW" not in codes(message_leaks(message(push="no"), policy))


def test_recall_leaves_the_mobile_cache_for_48_hours_and_metadata_for_7_years(policy):
    recalled = message(status="recalled", recalled_at=NOW, opened_at=NOW - timedelta(minutes=1))
    leaks = {leak.code: leak for leak in message_leaks(recalled, policy)}
    assert leaks["MOBILE_CACHE"].until == NOW + timedelta(hours=48)
    assert leaks["METADATA_RETAINED"].until.year == recalled.sent_at.year + 7
    assert "OPENED" in leaks


def test_forwarded_is_a_leak(policy):
    assert "FORWARDED" in codes(message_leaks(message(forwarded_at=NOW), policy))


def test_spans_inside_the_preview(policy):
    m = message()
    assert span_in_preview("body", 0, m, policy)
    assert span_in_preview("body", 139, m, policy)
    assert not span_in_preview("body", 140, m, policy)
    assert span_in_preview("subject", 0, m, policy)
    assert not span_in_preview("body", 0, message(push="no"), policy)


def test_400_commercial_messages_without_opt_out_and_recalls_change_nothing(policy):
    per_message = [{"can_spam"}] * 400
    total, lines = total_exposure(per_message, policy)
    assert total == 21_235_200
    assert lines[0].messages == 400
    # Recalling 380 of them does not change what was sent.
    total_after, _ = total_exposure(per_message, policy)
    assert total_after == 21_235_200


def test_can_spam_counts_once_per_message_texas_per_message_and_shield_per_incident(policy):
    assert message_exposure(["can_spam", "can_spam"], policy) == 53_088
    total, lines = total_exposure(
        [{"can_spam", "texas_adv"}, {"texas_adv", "ny_shield"}, {"ny_shield"}], policy
    )
    by_name = {line.penalty: line.total_usd for line in lines}
    assert by_name == {"can_spam": 53_088, "texas_adv": 20, "ny_shield": 250_000}
    assert total == 53_088 + 20 + 250_000
