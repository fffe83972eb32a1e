from datetime import UTC, datetime, timedelta

from cockpit.domain.credits import CreditState, message_credit, seat_ledger
from cockpit.domain.model import Seat
from tests.conftest import NOW
from tests.domain.helpers import message


def test_an_inmail_to_a_closed_profile_consumes_a_credit(policy):
    credit = message_credit(message(), policy)
    assert credit.state == CreditState.CONSUMED
    assert credit.refund_deadline == message().sent_at + timedelta(days=90)


def test_open_profiles_messages_notes_and_sponsored_are_free(policy):
    assert message_credit(message(open_profile=True), policy).state == CreditState.FREE
    for channel in ("message", "connection_note", "sponsored"):
        assert message_credit(message(channel=channel), policy).state == CreditState.FREE


def test_a_response_within_90_days_refunds_and_a_later_one_does_not(policy):
    sent = message()
    assert (
        message_credit(message(replied_at=sent.sent_at + timedelta(days=89)), policy).state
        == CreditState.REFUNDED
    )
    assert (
        message_credit(message(replied_at=sent.sent_at + timedelta(days=91)), policy).state
        == CreditState.CONSUMED
    )


def test_a_recall_never_refunds(policy):
    recalled = message(status="recalled", recalled_at=NOW)
    assert message_credit(recalled, policy).state == CreditState.CONSUMED


def test_ledger_counts_this_billing_month_in_the_seat_zone(policy):
    seat = Seat(name="dana", plan="recruiter", monthly_credits=None, time_zone="America/Chicago")
    messages = [
        message(id=1),
        message(id=2, open_profile=True),
        message(id=3, replied_at=NOW),
        message(id=4, channel="message"),
        message(id=5, status="recalled", recalled_at=NOW),
        # sent last month (Chicago time): not counted
        message(id=6, sent_at=datetime(2026, 11, 1, 4, 59, tzinfo=UTC)),  # 23:59 CDT, 31 October
        # another seat
        message(id=7, seat="sam"),
    ]
    ledger = seat_ledger(seat, messages, policy, NOW)
    assert (ledger.allowance, ledger.consumed, ledger.free, ledger.refunded) == (150, 3, 2, 1)
    assert ledger.remaining == 150 - 3 + 1


def test_a_seat_own_number_overrides_the_plan(policy):
    seat = Seat(name="dana", plan="sales_navigator_advanced_plus", monthly_credits=75, time_zone="UTC")
    assert seat_ledger(seat, [], policy, NOW).allowance == 75
