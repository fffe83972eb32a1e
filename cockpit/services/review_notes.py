"""A reviewer's notes on a message: comments and escalations for counsel (raised, resolved,
withdrawn). Each is one audited transaction; none changes the message itself."""

from __future__ import annotations

from datetime import datetime

from cockpit.clock import iso_z
from cockpit.domain.escalation import ESCALATE_ACTION, RAISED, current_escalation
from cockpit.domain.model import Message
from cockpit.errors import BadInput, Refused
from cockpit.store.repository import NewAudit, Repository, WriteTx
from cockpit.store.write_lock import retry_transient

MAX_NOTE = 5_000


def _note_text(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise BadInput(f"a {what} needs some text")
    if len(text) > MAX_NOTE:
        raise BadInput(f"a {what} is limited to {MAX_NOTE:,} characters")
    return text


def _message(tx: WriteTx, message_id: int) -> Message:
    message = tx.message(message_id)
    if message is None:
        raise BadInput(f"no message with id {message_id}")
    return message


def _append_note(tx: WriteTx, message: Message, action: str, text: str, details: dict[str, object]) -> int:
    """One audit entry about ``message`` that leaves the message itself as it is; returns its seq."""
    entry = NewAudit(action=action, message_id=message.id, batch=message.batch, reason=text, details=details)
    return tx.append_audit([entry])[0]


@retry_transient
def annotate(
    repo: Repository,
    actor: str,
    now: datetime,
    action: str,
    message_id: int,
    text: str,
    what: str,
    details: dict[str, object] | None = None,
) -> int:
    """Append one ``action`` entry (a comment, a raised escalation) about a message; returns its seq."""
    text = _note_text(text, what)
    with repo.write(actor, now) as tx:
        return _append_note(tx, _message(tx, message_id), action, text, dict(details or {}))


def raise_escalation(repo: Repository, actor: str, now: datetime, message_id: int, reason: str) -> int:
    """Flag a message for counsel (``{"escalation": "raised"}``); returns the entry's seq."""
    return annotate(
        repo, actor, now, ESCALATE_ACTION, message_id, reason, "escalation", {"escalation": RAISED}
    )


@retry_transient
def settle_escalation(
    repo: Repository, actor: str, now: datetime, message_id: int, state: str, reason: str
) -> int:
    """Close a message's open escalation as ``resolved`` or ``withdrawn``, with a reason.

    Returns the entry's seq.

    Raises:
        BadInput: no such message, no reason, or an unknown state.
        Refused: the message has no open escalation (nothing is written).
    """
    if state not in ("resolved", "withdrawn"):
        raise BadInput(f"an escalation is resolved or withdrawn, not {state!r}")
    verb = "resolving" if state == "resolved" else "withdrawing"
    text = _note_text(reason, f"reason for {verb} an escalation")
    with repo.write(actor, now) as tx:
        message = _message(tx, message_id)
        escalation = current_escalation(tx.audit_for(message.id))
        if escalation is None or not escalation.open:
            last = (
                ""
                if escalation is None
                else f" (the last one was {escalation.state} by {escalation.actor} at {iso_z(escalation.at)})"
            )
            raise Refused(f"message {message_id} has no open escalation{last}; nothing was changed")
        details: dict[str, object] = {"escalation": state, "settles": escalation.seq}
        return _append_note(tx, message, ESCALATE_ACTION, text, details)
