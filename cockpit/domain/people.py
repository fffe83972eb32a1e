"""Who did what to a message, read from its audit entries."""

from __future__ import annotations

from collections.abc import Sequence

from cockpit.domain.filtering import MARKING_ACTIONS
from cockpit.domain.model import AuditRecord


def last_mark(audit: Sequence[AuditRecord]) -> AuditRecord | None:
    """The newest ``recall``, ``edit`` or ``revert`` entry of a message's entries (who marked it last,
    and when)."""
    return max((e for e in audit if e.action in MARKING_ACTIONS), key=lambda e: e.seq, default=None)
