"""The live part of the table: window phases that change with time, and the summary figures.

Phases are recomputed only when one can change: every row whose window is not closed yet sits in a
heap keyed by the next instant its phase can change (15 and 5 minutes before the deadline, and the
deadline itself), so a tick pops the few rows that are due instead of scanning every row. The
countdown itself is never stored: it is derived from the deadline and the clock when drawn.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from cockpit.domain.credits import allowance, month_start
from cockpit.domain.exposure import exposure_from_counts
from cockpit.domain.model import Phase, Seat
from cockpit.domain.window import phase_for
from cockpit.policy import Policy, WindowPolicy
from cockpit.services.table_model import CLOSED, CRITICAL, US, MessageColumns
from cockpit.store.rows import epoch_us

_CODE = {Phase.OPEN: 0, Phase.URGENT: 1, Phase.CRITICAL: 2, Phase.CLOSED: 3}
HIGH = 3  # severity rank of "high"


def seconds_left(sent_us: int, now_us: int, window: WindowPolicy) -> int:
    """Seconds left in the window, as :func:`cockpit.domain.window.window_state` counts them."""
    full = window.minutes * 60
    if sent_us > now_us:
        return full
    remaining = sent_us + full * US - now_us
    seconds = -((-remaining) // US)  # ceiling
    return max(0, min(full, seconds))


def phase_code(sent_us: int, now_us: int, window: WindowPolicy) -> int:
    """The phase code (0 open, 1 urgent, 2 critical, 3 closed) at ``now_us``."""
    return _CODE[phase_for(seconds_left(sent_us, now_us, window), window)]


def _next_change(sent_us: int, now_us: int, window: WindowPolicy) -> int | None:
    """The earliest instant after ``now_us`` at which the phase may change (None once closed)."""
    deadline = sent_us + window.minutes * 60 * US
    if deadline <= now_us:
        return None
    candidates = (
        sent_us,
        deadline - window.urgent_minutes * 60 * US,
        deadline - (window.critical_minutes * 60 - 1) * US,
        deadline,
    )
    return min(t for t in candidates if t > now_us)


@dataclass(frozen=True, slots=True)
class PhaseChange:
    """A row whose phase changed (``old`` is None for a row seen for the first time)."""

    row: int
    old: int | None
    new: int


class PhaseTracker:
    """Keeps ``columns.phase`` current with a heap of the instants phases change."""

    def __init__(self, columns: MessageColumns) -> None:
        self.columns = columns
        self.window = columns.policy.window
        self._heap: list[tuple[int, int]] = []
        self._due: dict[int, int] = {}

    @property
    def active(self) -> Iterable[int]:
        """Rows whose window is not closed yet."""
        return self._due.keys()

    def _place(self, row: int, now_us: int) -> int:
        sent = self.columns.sent_us[row]
        code = phase_code(sent, now_us, self.window)
        due = _next_change(sent, now_us, self.window)
        if due is None:
            self._due.pop(row, None)
        elif self._due.get(row) != due:
            self._due[row] = due
            heapq.heappush(self._heap, (due, row))
        return code

    def track(self, rows: Iterable[int], now_us: int) -> list[PhaseChange]:
        """Place new or changed rows; returns the rows whose phase is not what was recorded."""
        changes: list[PhaseChange] = []
        phase = self.columns.phase
        sent = self.columns.sent_us
        cutoff = now_us - self.window.minutes * 60 * US
        for row in rows:
            if sent[row] <= cutoff and row not in self._due:
                if phase[row] != CLOSED:
                    changes.append(PhaseChange(row, phase[row], CLOSED))
                    phase[row] = CLOSED
                continue
            code = self._place(row, now_us)
            if code != phase[row]:
                changes.append(PhaseChange(row, phase[row], code))
                phase[row] = code
        return changes

    def advance(self, now_us: int) -> list[PhaseChange]:
        """Pop every row that is due at ``now_us``; returns the phase changes."""
        changes: list[PhaseChange] = []
        heap = self._heap
        phase = self.columns.phase
        while heap and heap[0][0] <= now_us:
            due, row = heapq.heappop(heap)
            if self._due.get(row) != due:
                continue  # superseded
            del self._due[row]
            code = self._place(row, now_us)
            if code != phase[row]:
                changes.append(PhaseChange(row, phase[row], code))
                phase[row] = code
        return changes


@dataclass(frozen=True, slots=True)
class LiveCounts:
    """The figures of the summary bar at one instant."""

    phases: tuple[int, int, int, int]  # live messages per phase: open, urgent, critical, closed
    closing_soon: int
    sparkline: tuple[int, ...]  # live windows closing in each slice of the next hour
    statuses: tuple[tuple[str, int], ...] = ()

    def status(self, name: str) -> int:
        """How many messages have status ``name``."""
        return dict(self.statuses).get(name, 0)


def live_counts(columns: MessageColumns, tracker: PhaseTracker, now_us: int, slices: int = 12) -> LiveCounts:
    """Counts by phase and status, windows closing within 5 minutes, and closings over the next hour."""
    counts = [0, 0, 0, 0]
    buckets = [0] * slices
    window_us = columns.window_us
    span = window_us // slices or 1
    phase = columns.phase
    sent = columns.sent_us
    for row in tracker.active:
        if not columns.is_live(row):
            continue
        code = phase[row]
        counts[code] += 1
        left = sent[row] + window_us - now_us
        if left > 0:
            buckets[min(slices - 1, left // span)] += 1
    counts[CLOSED] = columns.live_total - counts[0] - counts[1] - counts[2]
    return LiveCounts(
        phases=(counts[0], counts[1], counts[2], counts[3]),
        closing_soon=counts[CRITICAL],
        sparkline=tuple(buckets),
        statuses=tuple(sorted(columns.status_counts.items())),
    )


@dataclass(frozen=True, slots=True)
class SeatCredits:
    """A seat's credits left this month."""

    seat: str
    plan: str
    allowance: int
    remaining: int


def ledger_months(seats: Iterable[Seat], now: datetime) -> dict[str, int]:
    """Each seat's billing-month start (epoch microseconds) at ``now``."""
    return {
        seat.name: epoch_us(month_start(now, seat.time_zone).astimezone(ZoneInfo("UTC"))) for seat in seats
    }


def seat_credits(columns: MessageColumns, seats: Iterable[Seat], policy: Policy) -> list[SeatCredits]:
    """Credits left per seat, as :func:`cockpit.domain.credits.seat_ledger` counts them."""
    result: list[SeatCredits] = []
    for seat in seats:
        counts = columns.ledger_counts.get(seat.name)
        consumed = (counts["consumed"] + counts["refunded"]) if counts else 0
        refunded = counts["refunded"] if counts else 0
        total = allowance(seat, policy)
        result.append(SeatCredits(seat.name, seat.plan, total, total - consumed + refunded))
    return result


def total_exposure_usd(columns: MessageColumns, policy: Policy) -> int:
    """Maximum exposure of every assessed message (per-message penalties times their count)."""
    return exposure_from_counts(columns.penalty_counts, policy)[0]
