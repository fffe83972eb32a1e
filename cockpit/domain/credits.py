"""InMail credits: what each send cost, refunds for responses, and a seat's monthly ledger."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from cockpit.domain.model import Message, Seat
from cockpit.policy import Policy


class CreditState(StrEnum):
    """What a send did to the seat's credits."""

    CONSUMED = "consumed"
    FREE = "free"
    REFUNDED = "refunded"


@dataclass(frozen=True, slots=True)
class MessageCredit:
    """The credit state of one send and the last instant a response would refund it."""

    state: CreditState
    refund_deadline: datetime | None


@dataclass(frozen=True, slots=True)
class SeatLedger:
    """A seat's credits for the billing month that contains ``now``."""

    seat: str
    plan: str
    allowance: int
    consumed: int
    free: int
    refunded: int
    remaining: int
    month_start: datetime


def costs_credit(message: Message, policy: Policy) -> bool:
    """Whether this send spends a credit (InMail to a profile that is not open)."""
    channel = policy.channels.get(message.channel)
    return bool(channel and channel.costs_credit) and not message.open_profile


def message_credit(message: Message, policy: Policy) -> MessageCredit:
    """The credit state of one send. A recall never refunds; a response within the refund period does."""
    if not costs_credit(message, policy):
        return MessageCredit(CreditState.FREE, None)
    deadline = message.sent_at + timedelta(days=policy.credits.refund_days)
    if message.replied_at is not None and message.replied_at <= deadline:
        return MessageCredit(CreditState.REFUNDED, deadline)
    return MessageCredit(CreditState.CONSUMED, deadline)


def month_start(now: datetime, time_zone: str) -> datetime:
    """The first instant of ``now``'s calendar month in ``time_zone``."""
    local = now.astimezone(ZoneInfo(time_zone))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def allowance(seat: Seat, policy: Policy) -> int:
    """The seat's monthly credits: its own number, else its plan's."""
    if seat.monthly_credits is not None:
        return seat.monthly_credits
    plan = policy.plans.get(seat.plan)
    return plan.monthly_credits if plan else 0


def seat_ledger(seat: Seat, messages: Iterable[Message], policy: Policy, now: datetime) -> SeatLedger:
    """The ledger of ``seat`` for the billing month containing ``now`` (sends of that month)."""
    start = month_start(now, seat.time_zone)
    consumed = free = refunded = 0
    for message in messages:
        if message.seat != seat.name or message.sent_at < start or message.sent_at > now:
            continue
        credit = message_credit(message, policy)
        if credit.state == CreditState.FREE:
            free += 1
            continue
        consumed += 1
        if credit.state == CreditState.REFUNDED:
            refunded += 1
    return ledger_from_counts(seat, policy, start, consumed=consumed, free=free, refunded=refunded)


def ledger_from_counts(
    seat: Seat, policy: Policy, start: datetime, *, consumed: int, free: int, refunded: int
) -> SeatLedger:
    """A seat's ledger from its month's counts (``consumed`` includes the sends later refunded)."""
    total = allowance(seat, policy)
    return SeatLedger(
        seat=seat.name,
        plan=seat.plan,
        allowance=total,
        consumed=consumed,
        free=free,
        refunded=refunded,
        remaining=total - consumed + refunded,
        month_start=start,
    )
