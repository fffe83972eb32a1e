"""Window phases that change with time, kept current for every loaded row.

Phases are recomputed only when one can change: every row whose window is not closed yet sits in a
heap keyed by the next instant its phase can change (15 and 5 minutes before the deadline, and the
deadline itself), so a tick pops the few rows that are due instead of scanning every row. A clock
that goes back (a corrected or changed wall clock) places every row whose window may be open again
anew, so phases follow the clock both ways. The countdown itself is never stored: it is derived
from the deadline and the clock when drawn.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from cockpit.domain.model import Phase
from cockpit.domain.window import phase_for
from cockpit.live.columns import CLOSED, NO_WINDOW, US, MessageColumns
from cockpit.policy import WindowPolicy

_CODE = {Phase.OPEN: 0, Phase.URGENT: 1, Phase.CRITICAL: 2, Phase.CLOSED: 3}


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
        self._latest = 0  # the latest instant phases were computed at

    @property
    def active(self) -> Iterable[int]:
        """Rows whose window is not closed yet (never a row on a channel without recall)."""
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
        self._latest = max(self._latest, now_us)
        cutoff = now_us - self.window.minutes * 60 * US
        no_recall = self.columns.no_recall
        channel = self.columns.channel
        for row in rows:
            if channel[row] in no_recall:
                self._due.pop(row, None)
                if phase[row] != NO_WINDOW:
                    changes.append(PhaseChange(row, phase[row], NO_WINDOW))
                    phase[row] = NO_WINDOW
                continue
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
        """Pop every row that is due at ``now_us`` (or, when the clock went back, place every row
        whose window may be open at ``now_us`` anew); returns the phase changes."""
        if now_us < self._latest:
            return self._rewind(now_us)
        self._latest = now_us
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

    def _rewind(self, now_us: int) -> list[PhaseChange]:
        """The clock went back to ``now_us``: rows sent within a window of it are placed anew (one
        scan of the send times; a closed window may be open again)."""
        self._latest = now_us
        cutoff = now_us - self.window.minutes * 60 * US
        sent = self.columns.sent_us
        return self.track([row for row in range(len(sent)) if sent[row] > cutoff], now_us)
