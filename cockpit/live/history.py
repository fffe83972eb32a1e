"""The history: every message sent before the part of the model that can still change.

A message's window closes an hour after its send, and the credit ledgers count only the current
billing month, so what a view shows of a message sent before both can no longer change with time:
only a mark (recall, edit) or a new judgement changes it. The model keeps the changeable part in
memory and adds the history's figures, counted by SQL (:mod:`cockpit.live.history_reading`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cockpit.domain.credits import month_start
from cockpit.domain.model import Phase, Seat, Status
from cockpit.domain.risk_summary import RiskSummary
from cockpit.live.batches import BatchTally
from cockpit.policy import Policy
from cockpit.store.rows import epoch_us, from_epoch_us


@dataclass
class HistoryFigures:
    """The figures of the messages sent before ``before_us``: every window closed, no ledger counts
    them."""

    before_us: int
    messages: int = 0
    closed: int = 0  # in an inbox, on a channel with recall
    no_window: int = 0  # in an inbox, on a channel without recall (phase "none")
    unassessed: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)  # risk code -> judged messages with it
    penalties: Counter[str] = field(default_factory=Counter)
    batches: dict[str, BatchTally] = field(default_factory=dict)

    def add(
        self,
        batch: str | None,
        status: str,
        recallable: bool,
        risks: RiskSummary | None,
        count: int,
    ) -> None:
        """Count ``count`` messages with these fields (``risks`` None: not judged)."""
        self.messages += count
        self.statuses[status] += count
        in_inbox = status != Status.RECALLED
        if in_inbox and recallable:
            self.closed += count
        elif in_inbox:
            self.no_window += count
        if risks is None:
            self.unassessed += count
        else:
            for code, _rank in risks.codes:
                self.codes[code] += count
            for penalty in risks.penalties:
                self.penalties[penalty] += count
        if batch is not None:
            phase = Phase.CLOSED if recallable else Phase.NONE
            self.batches.setdefault(batch, BatchTally()).add_closed(status, phase.value, risks, count)


def history_split(seats: Sequence[Seat], policy: Policy, now: datetime) -> datetime:
    """Where the history ends at ``now``: the earliest of every seat's billing-month start and the
    oldest send whose window may still be open."""
    oldest_window = epoch_us(now) - policy.window.minutes * 60 * 1_000_000
    months = [epoch_us(month_start(now, seat.time_zone).astimezone(UTC)) for seat in seats]
    return from_epoch_us(min([oldest_window, *months]))
