"""A reviewer's decisions on a message's findings: a false alarm dismissed, a missed risk added.

Each decision is one ``risk`` entry of the audit log (the log is where they are kept, so the
hash chain vouches for them). ``details`` hold ``decision`` (``dismiss`` or ``add``), ``code``
and ``evidence``: for a dismissal, the evidence texts of the findings it dismissed (a later edit
that brings a new match of the same code is flagged again); for an addition, the text the
reviewer pointed at, or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from cockpit.domain.model import AuditRecord
from cockpit.domain.scanner.values import CODES

RISK_ACTION = "risk"
DISMISS = "dismiss"
ADD = "add"
DECISIONS = (DISMISS, ADD)
MAX_REASON = 2_000
MAX_EVIDENCE = 500


@dataclass(frozen=True, slots=True)
class RiskDecision:
    """One reviewer's decision about one risk code of one message."""

    seq: int
    message_id: int
    decision: str
    code: str
    actor: str
    at: datetime
    reason: str
    evidence: tuple[str, ...]


def decision_problem(entry: AuditRecord) -> str | None:
    """What is wrong with a ``risk`` entry (``None`` when it is a well-formed decision)."""
    details = entry.details
    decision, code, evidence = details.get("decision"), details.get("code"), details.get("evidence")
    if decision not in DECISIONS:
        return f"records an unknown risk decision {decision!r}"
    if code not in CODES:
        return f"records a decision about an unknown risk code {code!r}"
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        return "records a risk decision without its evidence list"
    if decision == DISMISS and not evidence:
        return "dismisses no finding"
    if not (entry.reason or "").strip():
        return "records a risk decision without a reason"
    return None


def decision_of(entry: AuditRecord) -> RiskDecision | None:
    """The decision a ``risk`` entry records (``None`` for any other entry or a malformed one)."""
    if entry.action != RISK_ACTION or entry.message_id is None or decision_problem(entry) is not None:
        return None
    evidence = entry.details.get("evidence")
    return RiskDecision(
        seq=entry.seq,
        message_id=entry.message_id,
        decision=str(entry.details["decision"]),
        code=str(entry.details["code"]),
        actor=entry.actor,
        at=entry.at,
        reason=entry.reason or "",
        evidence=tuple(str(e) for e in evidence) if isinstance(evidence, list) else (),
    )


def decisions_by_message(entries: Iterable[AuditRecord]) -> dict[int, tuple[RiskDecision, ...]]:
    """The decisions of ``entries`` (oldest first), grouped by message."""
    found: dict[int, list[RiskDecision]] = {}
    for entry in entries:
        decision = decision_of(entry)
        if decision is not None:
            found.setdefault(decision.message_id, []).append(decision)
    return {message_id: tuple(items) for message_id, items in found.items()}
