"""``cockpit report``: the day at a glance (phases, statuses, what closes soon, credits, exposure, risks)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cockpit.clock import iso_z
from cockpit.domain.credits import SeatLedger, seat_ledger
from cockpit.domain.exposure import ExposureLine, total_exposure
from cockpit.domain.model import Phase, Status
from cockpit.services.cockpit import Assessed, Cockpit

CLOSING_SOON_SECONDS = 15 * 60
CAVEAT = (
    "Maximum statutory exposure if the messages are treated as commercial electronic mail: "
    "a ceiling, not an estimate and not legal advice. Sending is the violation, so recalls do not reduce it."
)


@dataclass(frozen=True, slots=True)
class Report:
    """The figures of a report."""

    now: datetime
    messages: int
    by_phase: dict[str, int]
    by_status: dict[str, int]
    closing: list[Assessed]
    credits: list[SeatLedger]
    exposure_usd: int
    exposure_lines: list[ExposureLine]
    risks: dict[str, int]
    recallable_with_risk: int

    def to_json(self) -> dict[str, Any]:
        """The contract of ``report --json`` (DESIGN section 4), plus a few extra fields."""
        return {
            "now": iso_z(self.now),
            "messages": self.messages,
            "by_phase": self.by_phase,
            "by_status": self.by_status,
            "exposure_usd": self.exposure_usd,
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
                for c in self.credits
            ],
            "risks": self.risks,
            "closing_soon": [
                {
                    "id": item.message.id,
                    "seconds_left": item.window.seconds_left,
                    "phase": item.window.phase.value,
                    "risks": list(item.assessment.codes),
                }
                for item in self.closing
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
                for line in self.exposure_lines
            ],
            "caveat": CAVEAT,
        }


def build_report(cockpit: Cockpit, items: list[Assessed]) -> Report:
    """Summarise ``items`` (already judged at the clock's now)."""
    now = cockpit.clock.now()
    by_phase = {phase.value: 0 for phase in Phase}
    by_status = {status.value: 0 for status in Status}
    risks: Counter[str] = Counter()
    for item in items:
        by_phase[item.window.phase.value] += 1
        by_status[item.message.status] = by_status.get(item.message.status, 0) + 1
        risks.update(item.assessment.codes)
    closing = sorted(
        (
            item
            for item in items
            if 0 < item.window.seconds_left <= CLOSING_SOON_SECONDS and item.message.status != Status.RECALLED
        ),
        key=lambda item: (-item.assessment.top_severity, item.window.seconds_left),
    )
    total, lines = total_exposure((item.assessment.penalties for item in items), cockpit.policy)
    messages = [item.message for item in items]
    ledgers = [seat_ledger(seat, messages, cockpit.policy, now) for seat in cockpit.repo.seats()]
    return Report(
        now=now,
        messages=len(items),
        by_phase=by_phase,
        by_status=by_status,
        closing=closing,
        credits=ledgers,
        exposure_usd=total,
        exposure_lines=lines,
        risks=dict(sorted(risks.items(), key=lambda kv: (-kv[1], kv[0]))),
        recallable_with_risk=sum(
            1
            for item in items
            if item.window.seconds_left > 0
            and item.assessment.risks
            and item.message.status != Status.RECALLED
        ),
    )
