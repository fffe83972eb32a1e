"""Escalations and how marks were made, read from a message's audit entries.

An escalation is a chain of ``escalate`` entries whose ``details`` say ``{"escalation": "raised"}``,
``"resolved"`` or ``"withdrawn"`` (an entry without the key was written as ``raised``). The newest one
is the message's current escalation; it is open while it is ``raised``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from cockpit.domain.model import AuditRecord

ESCALATE_ACTION = "escalate"
RAISED = "raised"
RESOLVED = "resolved"
WITHDRAWN = "withdrawn"
ESCALATION_STATES = (RAISED, RESOLVED, WITHDRAWN)


@dataclass(frozen=True, slots=True)
class Escalation:
    """The current escalation of a message: its state, who set it, when and why (entry ``seq``)."""

    state: str
    actor: str
    at: datetime
    reason: str
    seq: int

    @property
    def open(self) -> bool:
        """Whether it still waits for counsel (raised, neither resolved nor withdrawn)."""
        return self.state == RAISED


def escalation_state_of(details: Mapping[str, object]) -> str:
    """The state an ``escalate`` entry's details record (``raised`` when they do not say)."""
    state = details.get("escalation")
    return state if isinstance(state, str) and state in ESCALATION_STATES else RAISED


def current_escalation(entries: Iterable[AuditRecord]) -> Escalation | None:
    """The newest escalation among a message's audit ``entries`` (any order), or None."""
    newest: AuditRecord | None = None
    for entry in entries:
        if entry.action == ESCALATE_ACTION and (newest is None or entry.seq > newest.seq):
            newest = entry
    if newest is None:
        return None
    return Escalation(
        state=escalation_state_of(newest.details),
        actor=newest.actor,
        at=newest.at,
        reason=newest.reason or "",
        seq=newest.seq,
    )


def bulk_size(details: Mapping[str, object]) -> int | None:
    """How many messages the bulk mark a ``recall`` entry belongs to recorded at once, or None for a
    mark made one message at a time."""
    size = details.get("bulk")
    return size if isinstance(size, int) and not isinstance(size, bool) and size > 1 else None


def mark_how(details: Mapping[str, object]) -> str:
    """How a ``recall`` mark was made, in words: ``bulk mark of 6``, ``via walk`` or ``""`` (one by
    one)."""
    size = bulk_size(details)
    if size is not None:
        return f"bulk mark of {size:,}"
    via = details.get("via")
    return f"via {via}" if isinstance(via, str) and via else ""
