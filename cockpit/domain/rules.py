"""What a user may do to a message now: each check returns a refusal reason or ``None``."""

from __future__ import annotations

from datetime import datetime

from cockpit.domain.model import Message, Status
from cockpit.domain.window import window_state
from cockpit.policy import Policy


def _window_refusal(message: Message, now: datetime, policy: Policy, verb: str) -> str | None:
    state = window_state(message.sent_at, now, policy.window)
    if state.seconds_left <= 0:
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
