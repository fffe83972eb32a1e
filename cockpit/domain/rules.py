"""What a user may do to a message now, and the remedies every view offers.

Each check returns a refusal reason or ``None``. The views (screen, command line, reports) ask these
functions; none of them decides on its own what can still be recalled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from cockpit.domain.model import Message, Phase, Status
from cockpit.domain.window import LIVE_PHASES, channel_recallable, window_state
from cockpit.policy import Policy


def in_inbox(status: str) -> bool:
    """Whether a message with ``status`` is still in the recipient's inbox (not recalled)."""
    return status != Status.RECALLED


def can_still_recall(status: str, phase: Phase | str) -> bool:
    """Whether a message can still be recalled: in the inbox, on a channel with a window that is open.

    ``phase`` is the message's phase now (:attr:`Phase.NONE` for a channel without recall).
    """
    return in_inbox(status) and Phase(phase) in LIVE_PHASES


def needs_second_confirmation(plan: str | None, policy: Policy) -> bool:
    """Whether a recall on a seat of ``plan`` must be confirmed twice (Recruiter seats)."""
    found = policy.plans.get(plan or "")
    return bool(found and found.recruiter)


def remedy(channel: str, policy: Policy) -> str:
    """What the sender can do about a message on ``channel`` (sponsored: only pause the campaign)."""
    if channel_recallable(channel, policy):
        minutes = policy.window.minutes
        return f"delete it in LinkedIn within {minutes} minutes of the send, then mark it recalled"
    found = policy.channels.get(channel)
    label = found.label if found else channel
    return f"{label} messages have no recall: pause the campaign"


def _window_refusal(message: Message, now: datetime, policy: Policy, verb: str) -> str | None:
    state = window_state(message.sent_at, now, policy.window)
    if state.seconds_left is not None and state.deadline is not None and state.seconds_left <= 0:
        late = now - state.deadline
        minutes = int(late.total_seconds() // 60)
        return (
            f"the {policy.window.minutes}-minute window closed {minutes} min ago "
            f"({state.deadline:%Y-%m-%d %H:%M} UTC); a {verb} is no longer possible"
        )
    return None


def recall_refusal(message: Message, now: datetime, policy: Policy) -> str | None:
    """Why ``message`` cannot be marked recalled at ``now``, or ``None`` if it can."""
    channel = policy.channels.get(message.channel)
    if channel is not None and not channel.recallable:
        return f"{channel.label} messages cannot be recalled; pause the campaign instead"
    if message.status == Status.RECALLED:
        return "already recalled"
    return _window_refusal(message, now, policy, "recall")


def edit_refusal(message: Message, now: datetime, policy: Policy) -> str | None:
    """Why ``message`` cannot be marked edited at ``now``, or ``None`` if it can."""
    channel = policy.channels.get(message.channel)
    if channel is not None and not channel.editable:
        return f"{channel.label} messages cannot be edited"
    if message.status == Status.RECALLED:
        return "a recalled message cannot be edited"
    return _window_refusal(message, now, policy, "edit")


@dataclass(frozen=True, slots=True)
class Recallability:
    """How many of a set of messages can still be recalled now, and why the others cannot."""

    recallable: int
    recalled: int
    closed: int
    no_recall: int

    @property
    def reason_none(self) -> str:
        """Why nothing can be recalled (empty when something can)."""
        if self.recallable:
            return ""
        parts: list[str] = []
        if self.recalled:
            parts.append(f"{self.recalled:,} already recalled")
        if self.closed:
            parts.append(f"{self.closed:,} whose window has closed")
        if self.no_recall:
            parts.append(f"{self.no_recall:,} on a channel without recall (pause the campaign)")
        return "; ".join(parts) if parts else "no messages"


def recallability(states: Iterable[tuple[str, Phase | str]]) -> Recallability:
    """Count ``(status, phase)`` pairs by what can still be done about them."""
    recallable = recalled = closed = no_recall = 0
    for status, phase in states:
        if not in_inbox(status):
            recalled += 1
        elif Phase(phase) == Phase.NONE:
            no_recall += 1
        elif Phase(phase) in LIVE_PHASES:
            recallable += 1
        else:
            closed += 1
    return Recallability(recallable, recalled, closed, no_recall)
