"""The recall window: deadline, seconds left and phase, computed from ``now`` at every call."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.domain.model import Phase
from cockpit.policy import WindowPolicy


@dataclass(frozen=True, slots=True)
class WindowState:
    """Where a message stands in its window at one instant."""

    deadline: datetime
    seconds_left: int
    phase: Phase
    sent_in_future: bool


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


def window_state(sent_at: datetime, now: datetime, window: WindowPolicy) -> WindowState:
    """The window of a message sent at ``sent_at`` as seen at ``now``.

    A send time in the future (clock skew) is flagged and counted as just sent: the countdown never
    shows more than the full window, nor a negative value.
    """
    deadline = deadline_of(sent_at, window)
    full = window.minutes * 60
    future = sent_at > now
    remaining = (deadline - now).total_seconds()
    seconds = full if future else max(0, min(full, math.ceil(remaining)))
    return WindowState(deadline, seconds, phase_for(seconds, window), future)
