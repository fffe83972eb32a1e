"""The figures every view shows of a set of messages at one instant.

The screen's bars, ``cockpit report`` and the incident report all take them from
:func:`summarize`, so they cannot disagree. Over all loaded messages the figures come from running
totals and the few rows whose window is still open; over a subset (a filter, a batch) from one pass
over its rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from cockpit.domain.credits import SeatLedger, ledger_from_counts, month_start
from cockpit.domain.exposure import ExposureLine, exposure_from_counts
from cockpit.domain.model import Phase, Seat, Status
from cockpit.live.columns import CLOSED, CRITICAL, NO_WINDOW, PHASE_NAMES, MessageColumns
from cockpit.live.history import HistoryFigures
from cockpit.live.phases import PhaseTracker, seconds_left
from cockpit.store.rows import epoch_us, from_epoch_us

SPARK_SLICES = 12


@dataclass(frozen=True, slots=True)
class LiveCounts:
    """Messages still in an inbox by phase, statuses, and the closings of the next hour."""

    phases: tuple[int, int, int, int]  # in an inbox, with a window: open, urgent, critical, closed
    closing_soon: int  # critical (under 5 minutes left)
    sparkline: tuple[int, ...]  # windows closing in each slice of the next hour
    statuses: tuple[tuple[str, int], ...] = ()
    no_window: int = 0  # in an inbox, on a channel without recall (phase "none")

    def status(self, name: str) -> int:
        """How many messages have status ``name``."""
        return dict(self.statuses).get(name, 0)

    @property
    def by_phase(self) -> dict[str, int]:
        """Messages still in an inbox (sent or edited) by phase, ``none`` included (DESIGN 4)."""
        counts = dict(zip(PHASE_NAMES[:4], self.phases, strict=True))
        counts[Phase.NONE.value] = self.no_window
        return counts

    @property
    def by_status(self) -> dict[str, int]:
        """Messages by status (every status named, zero included)."""
        counts = {status.value: 0 for status in Status}
        counts.update(self.statuses)
        return counts


@dataclass(frozen=True, slots=True)
class ClosingRow:
    """A message whose window closes soon."""

    row: int
    message_id: int
    seconds_left: int
    phase: str
    codes: tuple[str, ...]
    top_severity: int
    recipient: str
    subject: str


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the summary bar and the reports show of a set of messages at ``now``."""

    now: datetime
    messages: int
    counts: LiveCounts
    credits: tuple[SeatLedger, ...]
    exposure_usd: int
    exposure_lines: tuple[ExposureLine, ...]
    risks: dict[str, int]  # code -> messages, most frequent first
    unassessed: int
    recallable_with_risk: int
    closing: tuple[ClosingRow, ...] = field(default=())  # within the urgent threshold, riskiest first

    @property
    def by_phase(self) -> dict[str, int]:
        """Messages still in an inbox by phase."""
        return self.counts.by_phase

    @property
    def by_status(self) -> dict[str, int]:
        """Messages by status."""
        return self.counts.by_status


def ledger_months(seats: Iterable[Seat], now: datetime) -> dict[str, int]:
    """Each seat's billing-month start (epoch microseconds) at ``now``."""
    return {
        seat.name: epoch_us(month_start(now, seat.time_zone).astimezone(ZoneInfo("UTC"))) for seat in seats
    }


def _ledgers(
    columns: MessageColumns, seats: Sequence[Seat], counts: dict[str, Counter[str]], now: datetime
) -> tuple[SeatLedger, ...]:
    policy = columns.policy
    result: list[SeatLedger] = []
    for seat in seats:
        found = counts.get(seat.name, Counter())
        since = columns.ledger_since.get(seat.name)
        start = from_epoch_us(since) if since is not None else month_start(now, seat.time_zone)
        result.append(
            ledger_from_counts(
                seat,
                policy,
                start,
                consumed=found["consumed"] + found["refunded"],
                free=found["free"],
                refunded=found["refunded"],
            )
        )
    return tuple(result)


def _closing(
    columns: MessageColumns, rows: Iterable[int], now_us: int, urgent_seconds: int
) -> tuple[list[ClosingRow], int, list[int]]:
    """Rows closing within ``urgent_seconds``, the open ones with a risk, and the next hour's slices."""
    window = columns.policy.window
    window_us = columns.window_us
    span = window_us // SPARK_SLICES or 1
    buckets = [0] * SPARK_SLICES
    closing: list[ClosingRow] = []
    with_risk = 0
    phase, status, sent = columns.phase, columns.status, columns.sent_us
    for row in rows:
        code = phase[row]
        if code >= CLOSED or status[row] == Status.RECALLED:
            continue
        if columns.assessed[row] and columns.risks[row].codes:
            with_risk += 1
        left_us = sent[row] + window_us - now_us
        if left_us > 0:
            buckets[min(SPARK_SLICES - 1, left_us // span)] += 1
        left = seconds_left(sent[row], now_us, window)
        if 0 < left <= urgent_seconds:
            risk = columns.risks[row]
            closing.append(
                ClosingRow(
                    row,
                    columns.ids[row],
                    left,
                    PHASE_NAMES[code],
                    tuple(c for c, _rank in risk.codes),
                    risk.top,
                    columns.recipient[row],
                    columns.subject[row],
                )
            )
    closing.sort(key=lambda c: (-c.top_severity, c.seconds_left, c.message_id))
    return closing, with_risk, buckets


def _plus(counts: Counter[str], more: Counter[str]) -> Counter[str]:
    total = Counter(counts)
    total.update(more)
    return total


def summarize(
    columns: MessageColumns,
    tracker: PhaseTracker,
    seats: Sequence[Seat],
    now: datetime,
    rows: Sequence[int] | None = None,
    history: HistoryFigures | None = None,
) -> Summary:
    """The figures of ``rows`` (default: every loaded message) at ``now``, plus the ``history``'s
    (the messages sent before the loaded ones) when given.

    Phases are the tracker's, which must have been advanced to ``now``.
    """
    policy = columns.policy
    now_us = epoch_us(now)
    urgent_seconds = policy.window.urgent_minutes * 60
    if rows is None:
        active = list(tracker.active)
        closing, with_risk, buckets = _closing(columns, active, now_us, urgent_seconds)
        per_phase = [0, 0, 0, 0]
        for row in active:
            if columns.is_live(row) and columns.phase[row] < CLOSED:
                per_phase[columns.phase[row]] += 1
        inbox = len(columns) - columns.status_counts.get(Status.RECALLED.value, 0)
        per_phase[CLOSED] = columns.live_total - per_phase[0] - per_phase[1] - per_phase[2]
        no_window = inbox - columns.live_total
        statuses = {k: v for k, v in columns.status_counts.items() if v}
        penalties: Counter[str] = columns.penalty_counts
        codes: Counter[str] = columns.code_counts
        ledgers = columns.ledger_counts
        unassessed = columns.assessed.count(0)
        total = len(columns)
    else:
        closing, with_risk, buckets = _closing(columns, rows, now_us, urgent_seconds)
        per_phase = [0, 0, 0, 0]
        no_window = 0
        status_counter: Counter[str] = Counter()
        penalties = Counter()
        codes = Counter()
        ledgers = {}
        unassessed = 0
        for row in rows:
            status = columns.status[row]
            status_counter[status] += 1
            if status != Status.RECALLED:
                code = columns.phase[row]
                if code == NO_WINDOW:
                    no_window += 1
                else:
                    per_phase[code] += 1
            if columns.assessed[row]:
                risk = columns.risks[row]
                penalties.update(risk.penalties)
                codes.update(c for c, _rank in risk.codes)
            else:
                unassessed += 1
            seat, credit = columns.seat[row], columns.credit[row]
            since = columns.ledger_since.get(seat or "")
            if seat is not None and credit and since is not None and columns.sent_us[row] >= since:
                ledgers.setdefault(seat, Counter())[credit] += 1
        statuses = dict(status_counter)
        total = len(rows)
    if history is not None:
        total += history.messages
        statuses = dict(Counter(statuses) + history.statuses)
        per_phase[CLOSED] += history.closed
        no_window += history.no_window
        penalties = _plus(penalties, history.penalties)
        codes = _plus(codes, history.codes)
        unassessed += history.unassessed
    exposure, lines = exposure_from_counts(penalties, policy)
    counts = LiveCounts(
        phases=(per_phase[0], per_phase[1], per_phase[2], per_phase[3]),
        closing_soon=sum(1 for c in closing if c.phase == PHASE_NAMES[CRITICAL]),
        sparkline=tuple(buckets),
        statuses=tuple(sorted(statuses.items())),
        no_window=no_window,
    )
    return Summary(
        now=now,
        messages=total,
        counts=counts,
        credits=_ledgers(columns, seats, ledgers, now),
        exposure_usd=exposure,
        exposure_lines=tuple(lines),
        risks=dict(sorted(((c, n) for c, n in codes.items() if n > 0), key=lambda kv: (-kv[1], kv[0]))),
        unassessed=unassessed,
        recallable_with_risk=with_risk,
        closing=tuple(closing),
    )
