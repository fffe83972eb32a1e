"""The recall window: deadline, seconds left and phase, computed from ``now`` at every call."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.clock import UNREADABLE_INSTANT
from cockpit.domain.model import Message, Phase
from cockpit.policy import Policy, WindowPolicy

LIVE_PHASES = frozenset({Phase.OPEN, Phase.URGENT, Phase.CRITICAL})
"""The phases in which a recall or an edit is still possible."""

FUTURE_SEND_WARNING = "send time is in the future: clock skew?"
"""What every view says of a send whose time is after now (counted as just sent)."""
UNREADABLE_TIME_WARNING = (
    "a stored time of this message is unreadable or out of range (edited in the database?), shown as "
    "2000-01-01; `cockpit audit verify` names it"
)
"""What every view says of a message with a time read as ``UNREADABLE_INSTANT``."""
_TIMES = ("sent_at", "opened_at", "replied_at", "forwarded_at", "edited_at", "recalled_at")


def unreadable_times(message: Message) -> tuple[str, ...]:
    """The names of ``message``'s times that were unreadable in the database (read as
    ``UNREADABLE_INSTANT``)."""
    return tuple(name for name in _TIMES if getattr(message, name) == UNREADABLE_INSTANT)


@dataclass(frozen=True, slots=True)
class WindowState:
    """Where a message stands in its window at one instant.

    A message on a channel without member recall (sponsored) has no window: ``deadline`` and
    ``seconds_left`` are ``None`` and ``phase`` is :attr:`Phase.NONE`.
    """

    deadline: datetime | None
    seconds_left: int | None
    phase: Phase
    sent_in_future: bool

    @property
    def has_window(self) -> bool:
        """Whether the message has a recall window at all."""
        return self.phase != Phase.NONE


def deadline_of(sent_at: datetime, window: WindowPolicy) -> datetime:
    """The instant the recall window closes."""
    return sent_at + timedelta(minutes=window.minutes)


def phase_for(seconds_left: int, window: WindowPolicy) -> Phase:
    """The phase for a number of seconds left."""
    if seconds_left <= 0:
        return Phase.CLOSED
    if seconds_left < window.critical_minutes * 60:
        return Phase.CRITICAL
    if seconds_left <= window.urgent_minutes * 60:
        return Phase.URGENT
    return Phase.OPEN


def window_state(
    sent_at: datetime, now: datetime, window: WindowPolicy, recallable: bool = True
) -> WindowState:
    """The window of a message sent at ``sent_at`` as seen at ``now``.

    A send time in the future (clock skew) is flagged and counted as just sent: the countdown never
    shows more than the full window, nor a negative value. ``recallable`` False (a channel without
    member recall) gives the window-less state.
    """
    future = sent_at > now
    if not recallable:
        return WindowState(None, None, Phase.NONE, future)
    deadline = deadline_of(sent_at, window)
    full = window.minutes * 60
    remaining = (deadline - now).total_seconds()
    seconds = full if future else max(0, min(full, math.ceil(remaining)))
    return WindowState(deadline, seconds, phase_for(seconds, window), future)


def channel_recallable(channel: str, policy: Policy) -> bool:
    """Whether messages on ``channel`` can be recalled at all (unknown channels are treated as recallable)."""
    found = policy.channels.get(channel)
    return found is None or found.recallable


def message_window(channel: str, sent_at: datetime, now: datetime, policy: Policy) -> WindowState:
    """The window of a message on ``channel`` sent at ``sent_at``, as every view shows it at ``now``."""
    return window_state(sent_at, now, policy.window, channel_recallable(channel, policy))
