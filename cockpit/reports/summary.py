"""``cockpit report``: the day at a glance (phases, statuses, what closes soon, credits, exposure, risks).

The figures are the live model's (:class:`cockpit.live.summary.Summary`), the same the screen's
summary bar shows at the same instant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cockpit.clock import iso_z
from cockpit.domain.filtering import Filter
from cockpit.live.batches import BatchFigures
from cockpit.live.model import LiveModel
from cockpit.live.summary import Summary
from cockpit.services.cockpit import Assessed, Cockpit
from cockpit.store.rows import from_epoch_us

CAVEAT = (
    "Maximum statutory exposure if the messages are treated as commercial electronic mail: "
    "a ceiling, not an estimate and not legal advice. Sending is the violation, so recalls do not reduce it."
)


@dataclass(frozen=True, slots=True)
class Report:
    """The figures of a report: a summary of the messages it covers, and their batches."""

    summary: Summary
    batches: tuple[BatchFigures, ...] = field(default=())

    @classmethod
    def of(cls, model: LiveModel) -> Report:
        """The report of the messages ``model`` shows."""
        return cls(model.summary(shown_only=True), model.batches(shown_only=True))

    def to_json(self) -> dict[str, Any]:
        """The contract of ``report --json`` (DESIGN section 4), plus a few extra fields."""
        s = self.summary
        return {
            "now": iso_z(s.now),
            "messages": s.messages,
            "by_phase": s.by_phase,
            "by_status": s.by_status,
            "exposure_usd": s.exposure_usd,
            "credits": [
                {
                    "seat": c.seat,
                    "plan": c.plan,
                    "allowance": c.allowance,
                    "consumed": c.consumed,
                    "free": c.free,
                    "refunded": c.refunded,
                    "remaining": c.remaining,
                }
                for c in s.credits
            ],
            "risks": s.risks,
            "recallable_with_risk": s.recallable_with_risk,
            "closing_soon": [
                {"id": c.message_id, "seconds_left": c.seconds_left, "phase": c.phase, "risks": list(c.codes)}
                for c in s.closing
            ],
            "exposure": [
                {
                    "penalty": line.penalty,
                    "statute": line.statute,
                    "unit": line.unit,
                    "amount_usd": line.amount_usd,
                    "messages": line.messages,
                    "total_usd": line.total_usd,
                }
                for line in s.exposure_lines
            ],
            "batches": [batch_json(b) for b in self.batches],
            "caveat": CAVEAT,
        }


def batch_json(figures: BatchFigures) -> dict[str, Any]:
    """One batch in ``report --json``: ``batch, messages, recallable, risky, exposure_usd``, then
    when its first open window closes and its messages by status and by phase."""
    deadline = figures.first_deadline_us
    return {
        "batch": figures.batch,
        "messages": figures.messages,
        "recallable": figures.recallable,
        "risky": figures.risky,
        "exposure_usd": figures.exposure_usd,
        "first_deadline": iso_z(from_epoch_us(deadline)) if deadline is not None else None,
        "by_status": figures.by_status,
        "by_phase": figures.by_phase,
    }


def build_report(
    cockpit: Cockpit, flt: Filter | None = None, batch: str | None = None, now: datetime | None = None
) -> Report:
    """The report of every message (or a batch's, or those ``flt`` shows) at ``now`` (default: the clock).

    Without a filter, only the messages that can still change are loaded; the history is counted by
    SQL (see :mod:`cockpit.live.history`).
    """
    return Report.of(LiveModel.read(cockpit, flt=flt, batch=batch, now=now, figures_only=True))


def select_items(
    cockpit: Cockpit, flt: Filter | None = None, batch: str | None = None, now: datetime | None = None
) -> list[Assessed]:
    """Every message (or a batch's, or those ``flt`` shows) in full, in the live model's order."""
    return LiveModel.read(cockpit, flt=flt, batch=batch, now=now).shown_items()
