"""The external JSON shapes of DESIGN section 4 (field names are the contract)."""

from __future__ import annotations

from typing import Any

from cockpit.clock import iso_z
from cockpit.domain.assessment import Risk
from cockpit.domain.escalation import Escalation, current_escalation
from cockpit.domain.model import AuditRecord, Revision
from cockpit.domain.recommend import Recommendation
from cockpit.domain.sensitive import SENSITIVE_CODES, mask_in, mask_value
from cockpit.domain.window import unreadable_times
from cockpit.live.groups import TemplateGroup
from cockpit.services.audit_view import audit_json
from cockpit.services.cockpit import Assessed


def _z(value: Any) -> str | None:
    return iso_z(value) if value is not None else None


def risk_json(r: Risk, *, with_body: bool = False) -> dict[str, Any]:
    """One finding: where and why it fired, and a reviewer's decision on it (``review``: who, when,
    why; ``dismissed`` findings are listed but not counted). Without the body beside it, the evidence
    of a sensitive value (SSN, card number, secret) is masked."""
    review = r.review
    sensitive = r.code in SENSITIVE_CODES and not with_body
    return {
        "code": r.code,
        "severity": r.severity,
        "field": r.field,
        "evidence": mask_value(r.evidence) if sensitive else r.evidence,
        "start": r.start,
        "end": r.end,
        "in_preview": r.in_preview,
        "statute": r.statute,
        "penalty_usd": r.penalty_usd,
        "rule": r.rule,
        "why": r.why,
        "dismissed": r.dismissed,
        "added": r.added,
        "review": None
        if review is None
        else {
            "decision": review.decision,
            "actor": review.actor,
            "at": iso_z(review.at),
            "reason": review.reason,
            "seq": review.seq,
        },
    }


def template_json(group: TemplateGroup | None) -> dict[str, Any] | None:
    """A message's template group in its batch (``open_siblings``: the other members that can still
    be recalled), or None when it is in no group of two or more."""
    if group is None:
        return None
    return {"key": group.key, "size": group.size, "open_siblings": group.open_siblings}


def recommendation_json(recommendation: Recommendation) -> dict[str, Any]:
    """What to do about a message now: ``action`` (recall, edit, leave or document), why, and cautions."""
    return {
        "action": recommendation.action,
        "reason": recommendation.reason,
        "cautions": list(recommendation.cautions),
    }


def sensitive_values(item: Assessed) -> list[str]:
    """The sensitive values (SSN, card number, secret) found in a message, to mask where it goes out
    without its body."""
    return [
        r.evidence for r in (*item.assessment.risks, *item.assessment.dismissed) if r.code in SENSITIVE_CODES
    ]


def message_json(item: Assessed, *, with_body: bool = False) -> dict[str, Any]:
    """One message as in ``list --json`` (``with_body``: for ``show --json``, whose body quotes
    sensitive values anyway: they are not masked)."""
    m, a, w = item.message, item.assessment, item.window
    hidden = [] if with_body else sensitive_values(item)
    return {
        "id": m.id,
        "external_id": m.external_id,
        "recipient": m.recipient,
        "recipient_state": m.recipient_state,
        "subject": m.subject,
        "channel": m.channel,
        "seat": m.seat,
        "batch": m.batch,
        "sent_at": iso_z(m.sent_at),
        "deadline": _z(w.deadline),
        "seconds_left": w.seconds_left,
        "phase": w.phase.value,
        "sent_in_future": w.sent_in_future,
        "unreadable_times": list(unreadable_times(m)),
        "status": m.status,
        "version": m.version,
        "open_profile": m.open_profile,
        "sent_from": m.sent_from,
        "push": m.push,
        "opened_at": _z(m.opened_at),
        "replied_at": _z(m.replied_at),
        "forwarded_at": _z(m.forwarded_at),
        "edited_at": _z(m.edited_at),
        "recalled_at": _z(m.recalled_at),
        "commercial": a.commercial,
        "commercial_source": a.commercial_source,
        "credit": {
            "state": a.credit.state.value,
            "refund_deadline": _z(a.credit.refund_deadline),
            "recall_refunds": False,
        },
        "leaks": [
            {"code": k.code, "detail": mask_in(k.detail, hidden), "until": _z(k.until)} for k in a.leaks
        ],
        "risks": [risk_json(r, with_body=with_body) for r in (*a.risks, *a.dismissed)],
        "exposure_usd": a.exposure_usd,
    }


def revision_json(revision: Revision) -> dict[str, Any]:
    """One earlier text of a message."""
    return {
        "number": revision.number,
        "subject": revision.subject,
        "body": revision.body,
        "replaced_at": iso_z(revision.replaced_at),
        "actor": revision.actor,
        "reason": revision.reason,
    }


def show_json(item: Assessed, revisions: list[Revision], audit: list[AuditRecord]) -> dict[str, Any]:
    """One message as in ``show --json``: the list fields plus body, revisions, audit and the current
    ``escalation``."""
    data = message_json(item, with_body=True)
    data["body"] = item.message.body
    data["commercial_reasons"] = list(item.assessment.commercial_reasons)
    data["revisions"] = [revision_json(r) for r in revisions]
    data["audit"] = [audit_json(e) for e in audit]
    data["escalation"] = escalation_json(current_escalation(audit))
    return data


def escalation_json(escalation: Escalation | None) -> dict[str, Any] | None:
    """A message's current escalation (``state``: raised, resolved or withdrawn; ``open``), or None."""
    if escalation is None:
        return None
    return {
        "state": escalation.state,
        "open": escalation.open,
        "by": escalation.actor,
        "at": iso_z(escalation.at),
        "reason": escalation.reason,
        "seq": escalation.seq,
    }
