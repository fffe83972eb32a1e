"""Injected wall clocks. Every instant is an aware UTC ``datetime``."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the current instant."""

    def now(self) -> datetime:
        """The current instant, aware UTC."""
        ...


def to_utc(value: datetime) -> datetime:
    """``value`` as aware UTC; a naive value is refused rather than guessed."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()} has no time zone")
    return value.astimezone(UTC)


EARLIEST_NOW = datetime(2003, 1, 1, tzinfo=UTC)
"""The earliest ``--now`` accepted: LinkedIn opened in 2003, so no send to recall is older."""
LATEST_NOW = datetime(2100, 1, 1, tzinfo=UTC)
"""The first ``--now`` refused: far enough for any drill, and far from where date arithmetic (a
deadline, seven years of retained metadata) runs out of calendar."""


UNREADABLE_INSTANT = datetime(2000, 1, 1, tzinfo=UTC)
"""What a stored instant that does not decode, or lies outside the years a send can be recalled in
(:data:`EARLIEST_NOW` up to :data:`LATEST_NOW`), is read as: before LinkedIn, so never a real send,
a closed window, and room for any date arithmetic. Views flag it."""


def sane_instant(value: datetime) -> datetime:
    """``value`` if it lies in the years a send can be recalled in, else :data:`UNREADABLE_INSTANT`."""
    return value if EARLIEST_NOW <= value < LATEST_NOW else UNREADABLE_INSTANT


def check_now(value: datetime) -> datetime:
    """``value`` if it is a sane ``--now`` (from 2003 up to, not including, 2100).

    Raises:
        ValueError: it is outside that range.
    """
    if not EARLIEST_NOW <= value < LATEST_NOW:
        raise ValueError(
            f"{iso_z(value)} is outside {EARLIEST_NOW.year}-{LATEST_NOW.year - 1} "
            "(the years a LinkedIn send can be recalled in)"
        )
    return value


class SystemClock:
    """The real wall clock (``time.time``, which keeps counting while a laptop sleeps)."""

    def now(self) -> datetime:
        return datetime.fromtimestamp(time.time(), UTC)


class StartedClock:
    """A clock that starts at a chosen instant and then runs in real time (``--now``)."""

    def __init__(self, start: datetime) -> None:
        self._start = to_utc(start)
        self._anchor = time.time()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.time() - self._anchor)


class FixedClock:
    """A clock that only moves when told to (tests, screenshots)."""

    def __init__(self, at: datetime) -> None:
        self._at = to_utc(at)

    def now(self) -> datetime:
        return self._at

    def advance(self, seconds: float) -> datetime:
        """Move the clock forward by ``seconds`` and return the new instant."""
        self._at += timedelta(seconds=seconds)
        return self._at

    def set(self, at: datetime) -> None:
        """Jump to ``at``."""
        self._at = to_utc(at)


def iso_z(value: datetime) -> str:
    """ISO 8601 UTC with a ``Z`` (seconds precision unless there are microseconds)."""
    utc = to_utc(value)
    text = utc.isoformat(timespec="microseconds" if utc.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def parse_instant(text: str) -> datetime:
    """Parse ISO 8601 with an offset or ``Z`` into aware UTC.

    Raises:
        ValueError: not ISO 8601, or without an offset.
    """
    value = datetime.fromisoformat(text.strip().replace("z", "Z"))
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset (add Z or +HH:MM)")
    try:
        return value.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+05:00 has no UTC equivalent
        raise ValueError(f"{text!r} is out of range") from None
