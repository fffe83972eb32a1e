"""Plain-text description of one message for ``cockpit show`` (safe text throughout)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from cockpit.domain.assessment import Risk
from cockpit.domain.commercial import describe_commercial
from cockpit.domain.escalation import Escalation, bulk_size, current_escalation, mark_how
from cockpit.domain.model import AuditRecord, Message, Revision, Status
from cockpit.domain.people import last_mark
from cockpit.domain.recommend import Recommendation
from cockpit.domain.rules import remedy
from cockpit.domain.window import FUTURE_SEND_WARNING, UNREADABLE_TIME_WARNING, WindowState, unreadable_times
from cockpit.humanize import relative_time
from cockpit.live.groups import TemplateGroup
from cockpit.policy import Policy
from cockpit.services.audit_view import entry_change
from cockpit.services.cockpit import Assessed
from cockpit.text import safe_text
from cockpit.zones import local_text


def _closing(window: WindowState, now: datetime | None) -> str:
    """``, closes in 4 minutes`` (counted like the seconds left) or ``, closed 2 hours ago``."""
    if now is None or window.deadline is None or window.seconds_left is None:
        return ""
    if window.seconds_left > 0:
        seen_at = window.deadline - timedelta(seconds=window.seconds_left)
        return f", closes {relative_time(window.deadline, seen_at)}"
    return f", closed {relative_time(window.deadline, now)}"


def _deadline_line(window: WindowState, zone: tzinfo, now: datetime | None, no_window: str) -> str:
    if window.deadline is None or window.seconds_left is None:
        return f"  Deadline:  none: {no_window}"
    left = window.seconds_left
    counted = f"{left // 60}m {left % 60:02d}s left" if left else "closed"
    skew = f"  [{FUTURE_SEND_WARNING}]" if window.sent_in_future else ""
    when = f"{local_text(window.deadline, zone)}{_closing(window, now)}"
    return f"  Deadline:  {when}  ({window.phase.value}, {counted}){skew}"


def triage_lines(group: TemplateGroup | None, recommendation: Recommendation | None) -> list[str]:
    """The recommendation, its cautions and the template group, for ``show``."""
    lines: list[str] = []
    if recommendation is not None:
        lines.append(f"  Recommended: {recommendation.action}: {safe_text(recommendation.reason)}")
        lines.extend(f"    caution: {safe_text(caution)}" for caution in recommendation.cautions)
    if group is not None:
        lines.append(f"  {group.describe()}")
    return lines


def _review_line(risk: Risk, zone: tzinfo) -> str:
    review = risk.review
    if review is None:
        return ""
    verb = "dismissed" if risk.dismissed else "added"
    return (
        f"{verb} by {safe_text(review.actor)} at {local_text(review.at, zone)}: "
        f"{safe_text(review.reason)} (entry {review.seq})"
    )


def _how_marked(message: Message, audit: list[AuditRecord], zone: tzinfo) -> str:
    """Who marked the message last and when: for a recall, also how (one by one, or in a bulk mark
    whose time is not when each was deleted in LinkedIn); an edit or a reverted mark names who and when."""
    mark = last_mark(audit)
    if mark is None:
        return ""
    at = local_text(mark.at, zone)
    who = safe_text(mark.actor, limit=40)
    if mark.action != "recall" or message.status != Status.RECALLED:
        verb = {"edit": "marked edited", "revert": "mark reverted"}.get(mark.action, mark.action)
        return f"; {verb} by {who} at {at}"
    size = bulk_size(mark.details)
    if size is not None:
        return (
            f"; marked recalled by {who} in a bulk mark of {size:,} at {at} "
            "(not when it was deleted in LinkedIn)"
        )
    how = mark_how(mark.details)
    return f"; marked recalled by {who} at {at}" + (f" ({safe_text(how, limit=40)})" if how else "")


def _logged_line(logged: AuditRecord | None, zone: tzinfo) -> list[str]:
    if logged is None:
        return []
    how = "added" if logged.action == "add" else "imported"
    source = logged.details.get("file") if logged.action == "import" else None
    origin = f" from {safe_text(source, limit=60)}" if isinstance(source, str) else ""
    return [
        f"  Logged:    {how} by {safe_text(logged.actor, limit=40)} at {local_text(logged.at, zone)}{origin} "
        f"(entry {logged.seq})"
    ]


def _escalation_line(escalation: Escalation | None, zone: tzinfo) -> str:
    if escalation is None:
        return "none"
    return (
        f"{escalation.state}{' (open)' if escalation.open else ''} by {safe_text(escalation.actor)} at "
        f"{local_text(escalation.at, zone)}: {safe_text(escalation.reason)} (entry {escalation.seq})"
    )


def describe_message(
    item: Assessed,
    revisions: list[Revision],
    audit: list[AuditRecord],
    policy: Policy,
    *,
    zone: tzinfo = UTC,
    now: datetime | None = None,
    group: TemplateGroup | None = None,
    recommendation: Recommendation | None = None,
    logged: AuditRecord | None = None,
) -> str:
    """A readable block: window, credit, what to do now, what a recall will and will not undo, risks,
    history.

    Times are shown in ``zone``; with ``now``, the send and the deadline also in words. ``group`` and
    ``recommendation``, when given, are shown after the commercial line; ``logged`` (the entry that
    logged the message) says who logged it and when.
    """
    m, a, w = item.message, item.assessment, item.window
    lines = [
        f"Message {m.id}  ({safe_text(m.external_id)})",
        f"  To:        {safe_text(m.recipient)}" + (f" ({m.recipient_state})" if m.recipient_state else ""),
        f"  Subject:   {safe_text(m.subject)}",
        f"  Channel:   {m.channel}   Seat: {safe_text(m.seat or '-')}   Batch: {safe_text(m.batch or '-')}",
        f"  Sent:      {local_text(m.sent_at, zone)}"
        + (f" ({relative_time(m.sent_at, now)})" if now is not None else "")
        + f" from {m.sent_from}",
        *(
            [f"  ⚠ Times:   {', '.join(bad)}: {UNREADABLE_TIME_WARNING}"]
            if (bad := unreadable_times(m))
            else []
        ),
        _deadline_line(w, zone, now, remedy(m.channel, policy)),
        *_logged_line(logged, zone),
        f"  Status:    {m.status} (version {m.version}){_how_marked(m, audit, zone)}",
        f"  Escalation: {_escalation_line(current_escalation(audit), zone)}",
        f"  Credit:    {a.credit.state.value}"
        + (
            f", refunded by a response until {local_text(a.credit.refund_deadline, zone)}"
            if a.credit.refund_deadline
            else ""
        )
        + "; a recall never refunds the credit",
        f"  Commercial: {describe_commercial(a.commercial, a.commercial_source, a.commercial_reasons)}",
        *triage_lines(group, recommendation),
        "",
        "Body:",
    ]
    lines.extend("  " + line for line in safe_text(m.body, multiline=True).split("\n"))
    lines += ["", "A recall removes it from both inboxes, but does NOT undo:"]
    for leak in a.leaks:
        until = f" (until {local_text(leak.until, zone)})" if leak.until else ""
        detail = (
            f"preview shown: “{safe_text(leak.detail)}”"
            if leak.code == "PUSH_PREVIEW"
            else safe_text(leak.detail)
        )
        lines.append(f"  {leak.code}: {detail}{until}")
    lines += ["", "Risks (if treated as commercial electronic mail; not a legal verdict):"]
    if not a.risks:
        lines.append("  none standing" if a.dismissed else "  none found")
    for r in a.risks:
        where = " [already in the preview]" if r.in_preview else ""
        law = f" {r.statute}, up to ${r.penalty_usd:,}" if r.statute and r.penalty_usd else ""
        evidence = safe_text(r.evidence, limit=None if r.field == "meta" else 80)
        lines.append(f"  {r.severity.upper():<8} {r.code}: {evidence}{where}{law}")
        lines.append(f"           why: {safe_text(r.why)} [{r.rule}]")
        if r.review is not None:
            lines.append(f"           {_review_line(r, zone)}")
    for r in a.dismissed:
        evidence = safe_text(r.evidence, limit=None if r.field == "meta" else 80)
        lines.append(f"  DISMISSED {r.code}: {evidence} (not counted)")
        lines.append(f"           why it fired: {safe_text(r.why)} [{r.rule}]")
        lines.append(f"           {_review_line(r, zone)}")
    lines.append(f"  Maximum exposure: ${a.exposure_usd:,} (a recall does not reduce it)")
    if revisions:
        lines += ["", "Revisions (earlier texts):"]
        for rev in revisions:
            lines.append(
                f"  #{rev.number} replaced {local_text(rev.replaced_at, zone)} by {safe_text(rev.actor)}: "
                f"{safe_text(rev.body, limit=70)}"
            )
    lines += ["", "Audit history:"]
    for e in audit:
        words = entry_change(e, zone).replace("→", "->")
        change = f" {words}" if words else ""
        reason = f" ({safe_text(e.reason)})" if e.reason else ""
        at = local_text(e.at, zone, seconds=True)
        lines.append(f"  {e.seq:>5} {at} {safe_text(e.actor)} {e.action}{change}{reason}")
    return "\n".join(lines)
