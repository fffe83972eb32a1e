"""A change to a message that keeps its status (an observation, a correction, a reviewer's decision):
the conditional update and its audit entry, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cockpit.domain.model import Message
from cockpit.errors import Conflict
from cockpit.policy import Policy
from cockpit.services.judging import judge_in
from cockpit.store.repository import NewAudit, WriteTx


def change_in_place(
    tx: WriteTx,
    message: Message,
    action: str,
    values: Mapping[str, Any],
    details: dict[str, object],
    reason: str | None = None,
    policy: Policy | None = None,
) -> int:
    """Write ``values`` to ``message`` if it is still at the version read (a new version either way)
    and the ``action`` entry beside it; returns the entry's seq. With ``policy``, the new version is
    judged and its judgement stored in the same transaction.

    Raises:
        Conflict: the message changed since it was read; nothing was written.
    """
    if not tx.update_message(message.id, message.status, message.version, values):
        raise Conflict(f"message {message.id} changed meanwhile; nothing was changed")
    seq = tx.append_audit(
        [
            NewAudit(
                action=action,
                message_id=message.id,
                batch=message.batch,
                from_status=message.status,
                to_status=message.status,
                from_version=message.version,
                reason=reason,
                details=details,
            )
        ]
    )[0]
    if policy is not None:
        judge_in(tx, policy, [message.id])
    return seq
