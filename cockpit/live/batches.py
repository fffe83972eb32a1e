"""The batches present in a set of messages, with what a rep needs to find the bad one fast.

A batch is the ``batch`` name sends were logged with (one campaign, one upload). For each one:
how many messages, how many can still be recalled, how many are risky (a high or critical
finding), its maximum exposure, when its first open window closes, and its messages by status and
by phase. Messages without a batch are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cockpit.domain.exposure import exposure_from_counts
from cockpit.domain.model import Phase, Status
from cockpit.live.columns import CLOSED, NO_WINDOW, PHASE_NAMES, MessageColumns, RiskSummary

RISKY_RANK = 3
"""The severity rank (``high``) from which a finding makes its message risky."""


def is_risky(risks: RiskSummary) -> bool:
    """Whether a message's findings include a high or critical one."""
    return risks.top >= RISKY_RANK


@dataclass(frozen=True, slots=True)
class BatchFigures:
    """One batch's figures at an instant."""

    batch: str
    messages: int
    recallable: int  # in an inbox, on a channel with recall, window not closed
    risky: int  # a high or critical finding (only messages already judged)
    exposure_usd: int  # per-incident caps counted once for the batch
    first_deadline_us: int | None  # when its first still-recallable window closes (epoch µs)
    by_status: dict[str, int]  # every status named, zero included
    by_phase: dict[str, int]  # in an inbox (sent or edited), every phase named
    unjudged: int = 0  # messages whose findings are not known yet


@dataclass
class BatchTally:
    """One batch's running counts (the messages of the history, or of the loaded rows)."""

    messages: int = 0
    recallable: int = 0
    risky: int = 0
    unjudged: int = 0
    first_deadline_us: int | None = None
    statuses: Counter[str] = field(default_factory=Counter)
    phases: Counter[str] = field(default_factory=Counter)
    penalties: Counter[str] = field(default_factory=Counter)

    def add_closed(self, status: str, phase: str, risks: RiskSummary | None, count: int) -> None:
        """Count ``count`` messages whose window is closed (or that have none): ``phase`` is
        ``closed`` or ``none``; ``risks`` None when not judged yet."""
        self.messages += count
        self.statuses[status] += count
        if status != Status.RECALLED:
            self.phases[phase] += count
        if risks is None:
            self.unjudged += count
            return
        for penalty in risks.penalties:
            self.penalties[penalty] += count
        if is_risky(risks):
            self.risky += count

    def merge(self, other: BatchTally) -> None:
        """Add another tally of the same batch (its windows closed: it has no deadline to keep)."""
        self.messages += other.messages
        self.recallable += other.recallable
        self.risky += other.risky
        self.unjudged += other.unjudged
        self.statuses.update(other.statuses)
        self.phases.update(other.phases)
        self.penalties.update(other.penalties)
        if other.first_deadline_us is not None and (
            self.first_deadline_us is None or other.first_deadline_us < self.first_deadline_us
        ):
            self.first_deadline_us = other.first_deadline_us


def batch_figures(
    columns: MessageColumns, rows: Iterable[int], history: Mapping[str, BatchTally] | None = None
) -> tuple[BatchFigures, ...]:
    """The figures of every batch among ``rows`` (phases as the tracker last set them), plus the
    ``history``'s tallies when given: batches with a window still open first, the riskiest of them
    first, then the soonest to close, then by name."""
    tallies: dict[str, BatchTally] = {}
    for known, found in (history or {}).items():
        tallies[known] = BatchTally()
        tallies[known].merge(found)
    batch, status, phase = columns.batch, columns.status, columns.phase
    for row in rows:
        name = batch[row]
        if name is None:
            continue
        tally = tallies.get(name)
        if tally is None:
            tally = tallies[name] = BatchTally()
        tally.messages += 1
        tally.statuses[status[row]] += 1
        code = phase[row]
        in_inbox = status[row] != Status.RECALLED
        if in_inbox:
            tally.phases[PHASE_NAMES[code]] += 1
        if in_inbox and code < CLOSED:
            tally.recallable += 1
            deadline = columns.deadline_us(row)
            if tally.first_deadline_us is None or deadline < tally.first_deadline_us:
                tally.first_deadline_us = deadline
        if columns.assessed[row]:
            risks = columns.risks[row]
            tally.penalties.update(risks.penalties)
            if is_risky(risks):
                tally.risky += 1
        else:
            tally.unjudged += 1
    figures = [_figures(name, tally, columns) for name, tally in tallies.items()]
    return tuple(sorted(figures, key=_urgency))


def _urgency(figures: BatchFigures) -> tuple[bool, int, int, str]:
    deadline = figures.first_deadline_us
    return (deadline is None, -figures.risky, deadline or 0, figures.batch)


def _figures(name: str, tally: BatchTally, columns: MessageColumns) -> BatchFigures:
    exposure, _lines = exposure_from_counts(tally.penalties, columns.policy)
    by_status = {s.value: tally.statuses.get(s.value, 0) for s in Status}
    by_phase = {p: tally.phases.get(p, 0) for p in PHASE_NAMES[: CLOSED + 1]}
    by_phase[Phase.NONE.value] = tally.phases.get(PHASE_NAMES[NO_WINDOW], 0)
    return BatchFigures(
        batch=name,
        messages=tally.messages,
        recallable=tally.recallable,
        risky=tally.risky,
        exposure_usd=exposure,
        first_deadline_us=tally.first_deadline_us,
        by_status=by_status,
        by_phase=by_phase,
        unjudged=tally.unjudged,
    )
