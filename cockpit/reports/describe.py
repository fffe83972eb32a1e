"""Plain-text description of one message for ``cockpit show`` (safe text throughout)."""

from __future__ import annotations

from cockpit.clock import iso_z
from cockpit.domain.model import AuditRecord, Revision
from cockpit.services.cockpit import Assessed
from cockpit.text import safe_text


def _deadline_line(item: Assessed) -> str:
    w = item.window
    if w.deadline is None or w.seconds_left is None:
        return "  Deadline:  none: this channel has no recall; the only remedy is pausing the campaign"
    left = f"{w.seconds_left // 60}m {w.seconds_left % 60:02d}s left" if w.seconds_left else "closed"
    skew = "  [send time is in the future: clock skew?]" if w.sent_in_future else ""
    return f"  Deadline:  {iso_z(w.deadline)}  ({w.phase.value}, {left}){skew}"


def describe_message(item: Assessed, revisions: list[Revision], audit: list[AuditRecord]) -> str:
    """A readable block: window, credit, what a recall will and will not undo, risks, history."""
    m, a = item.message, item.assessment
    lines = [
        f"Message {m.id}  ({safe_text(m.external_id)})",
        f"  To:        {safe_text(m.recipient)}" + (f" ({m.recipient_state})" if m.recipient_state else ""),
        f"  Subject:   {safe_text(m.subject)}",
        f"  Channel:   {m.channel}   Seat: {safe_text(m.seat or '-')}   Batch: {safe_text(m.batch or '-')}",
        f"  Sent:      {iso_z(m.sent_at)} from {m.sent_from}",
        _deadline_line(item),
        f"  Status:    {m.status} (version {m.version})",
        f"  Credit:    {a.credit.state.value}"
        + (
            f", refunded by a response until {iso_z(a.credit.refund_deadline)}"
            if a.credit.refund_deadline
            else ""
        )
        + "; a recall never refunds the credit",
        f"  Commercial: {'yes' if a.commercial else 'no'} ({a.commercial_source}"
        + (f": {', '.join(a.commercial_reasons)}" if a.commercial_reasons else "")
        + ")",
        "",
        "Body:",
    ]
    lines.extend("  " + line for line in safe_text(m.body, multiline=True).split("\n"))
    lines += ["", "A recall removes it from both inboxes, but does NOT undo:"]
    for leak in a.leaks:
        until = f" (until {iso_z(leak.until)})" if leak.until else ""
        detail = (
            f"preview shown: “{safe_text(leak.detail)}”"
            if leak.code == "PUSH_PREVIEW"
            else safe_text(leak.detail)
        )
        lines.append(f"  {leak.code}: {detail}{until}")
    lines += ["", "Risks (if treated as commercial electronic mail; not a legal verdict):"]
    if not a.risks:
        lines.append("  none found")
    for r in a.risks:
        where = " [already in the preview]" if r.in_preview else ""
        law = f" {r.statute}, up to ${r.penalty_usd:,}" if r.statute and r.penalty_usd else ""
        evidence = safe_text(r.evidence, limit=None if r.field == "meta" else 80)
        lines.append(f"  {r.severity.upper():<8} {r.code}: {evidence}{where}{law}")
    lines.append(f"  Maximum exposure: ${a.exposure_usd:,} (a recall does not reduce it)")
    if revisions:
        lines += ["", "Revisions (earlier texts):"]
        for rev in revisions:
            lines.append(
                f"  #{rev.number} replaced {iso_z(rev.replaced_at)} by {safe_text(rev.actor)}: "
                f"{safe_text(rev.body, limit=70)}"
            )
    lines += ["", "Audit history:"]
    for e in audit:
        change = f" {e.from_status or '-'} -> {e.to_status}" if e.to_status else ""
        reason = f" ({safe_text(e.reason)})" if e.reason else ""
        lines.append(f"  {e.seq:>5} {iso_z(e.at)} {safe_text(e.actor)} {e.action}{change}{reason}")
    return "\n".join(lines)
