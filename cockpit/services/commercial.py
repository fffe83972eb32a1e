"""Whether messages are commercial: a batch's default and a reviewer's correction (both audited)."""

from __future__ import annotations

from datetime import datetime

from cockpit.domain.model import Message
from cockpit.errors import BadInput
from cockpit.policy import Policy
from cockpit.services.in_place import change_in_place
from cockpit.store.repository import NewAudit, Repository, WriteTx
from cockpit.store.write_lock import retry_transient

MAX_REASON = 2_000


@retry_transient
def set_batch_commercial(
    repo: Repository, at: datetime, actor: str, batch: str, commercial: bool | None
) -> int:
    """Record ``batch``'s commercial default and its ``batch`` audit entry in one transaction.

    Returns the entry's seq.
    """
    batch = batch.strip()
    if not batch:
        raise BadInput("batch name: required")
    with repo.write(actor, at) as tx:
        tx.set_batch_commercial(batch, commercial)
        return tx.append_audit([NewAudit(action="batch", batch=batch, details={"commercial": commercial})])[0]


def review_commercial(
    tx: WriteTx, message: Message, commercial: bool, reason: str, policy: Policy | None = None
) -> int:
    """Store a reviewer's correction on ``message`` (a new version) with its ``commercial`` entry.

    Runs inside the caller's transaction; returns the entry's seq.
    """
    reason = reason.strip()
    if not reason:
        raise BadInput("a correction needs a reason (--reason)")
    if len(reason) > MAX_REASON:
        raise BadInput(f"a reason is limited to {MAX_REASON:,} characters")
    values = {"commercial_review": commercial}
    return change_in_place(tx, message, "commercial", values, {"commercial": commercial}, reason, policy)
