"""``cockpit incident``: the Markdown report a compliance officer files for a bad batch.

What was sent, by whom and when; what was recalled or edited and when (minutes before the window
closed for marks made one by one; for bulk marks, when the bulk mark was made and no per-message
claim); what leaked anyway (the previews); the credits lost; the maximum exposure with its statutes;
and the audit entries with their hashes and the verification result. Every value taken from a
message is escaped (:mod:`cockpit.reports.incident_markdown`) so it cannot break the document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cockpit import __version__
from cockpit.clock import iso_z
from cockpit.domain.credits import CreditState
from cockpit.domain.exposure import total_exposure
from cockpit.domain.filtering import FilterSyntaxError, parse_filter
from cockpit.domain.model import AuditRecord, Push, Status
from cockpit.domain.replay import created_ids
from cockpit.domain.rules import can_still_recall, recallability
from cockpit.domain.sensitive import mask_in
from cockpit.errors import BadInput, UsageError
from cockpit.reports.incident_markdown import code, md, md_quote, money, table
from cockpit.reports.incident_marks import marks_section, recall_summary
from cockpit.reports.summary import select_items
from cockpit.reports.views import sensitive_values
from cockpit.services.cockpit import Assessed, Cockpit
from cockpit.store.verify import VerifyResult, verify_audit

MAX_DISTINCT_TEXTS = 25
CAVEAT = (
    "The exposure figures are the **maximum** statutory amounts if these messages are treated as "
    "commercial electronic mail, computed from the policy file's penalties. They are not a legal "
    "verdict and not legal advice; counsel decides what applies. A recall does not reduce them: "
    "sending is the violation. A recall removes a message from both inboxes, but previews already "
    "shown, messages already opened and the metadata LinkedIn retains stay."
)
MARK_ACTIONS = ("recall", "edit", "revert")


def _t(value: datetime | None) -> str:
    return iso_z(value) if value is not None else "\u2014"


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f}"


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count:,} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


def _entries_for(audit: Sequence[AuditRecord], ids: set[int]) -> list[AuditRecord]:
    """Entries about these messages, and the import entries that created any of them."""
    chosen: list[AuditRecord] = []
    for entry in audit:
        about = entry.message_id is not None and entry.message_id in ids
        if about or (entry.action == "import" and ids.intersection(created_ids(entry))):
            chosen.append(entry)
    return chosen


def _summary(
    cockpit: Cockpit, items: list[Assessed], marks: list[AuditRecord], exposure: int, verify: VerifyResult
) -> list[str]:
    messages = [i.message for i in items]
    recalled = sum(1 for m in messages if m.status == Status.RECALLED)
    edited = sum(1 for m in messages if m.status == Status.EDITED)
    still_open = [i for i in items if can_still_recall(i.message.status, i.window.phase)]
    outlook = recallability((i.message.status, i.window.phase) for i in items)
    deadlines = [i.window.deadline for i in still_open if i.window.deadline is not None]
    previews = sum(1 for m in messages if m.push != Push.NO)
    lost = sum(1 for i in items if i.assessment.credit.state == CreditState.CONSUMED)
    seats = sorted({m.seat or "(no seat)" for m in messages})
    first, last = min(m.sent_at for m in messages), max(m.sent_at for m in messages)
    lines = [
        "## 1. Summary",
        "",
        f"- **Sent:** {_plural(len(messages), 'message')} from {first:%Y-%m-%d %H:%M} "
        f"to {last:%Y-%m-%d %H:%M} UTC, seat{'s' if len(seats) > 1 else ''} "
        + ", ".join(md(s) for s in seats)
        + ".",
        f"- **Recalled:** {recall_summary(items, marks)}; **edited:** {edited:,}; **left as sent:** "
        f"{len(messages) - recalled - edited:,} ({len(marks):,} marks in the audit log).",
        f"- **Still recallable now:** {len(still_open):,}"
        + (
            f" (the last window closes at {iso_z(max(deadlines))})"
            if deadlines
            else f" ({md(outlook.reason_none)})"
        )
        + ".",
        f"- **Leaked anyway:** the notification preview of {previews:,} messages was shown or must be "
        f"assumed shown; {sum(1 for m in messages if m.opened_at):,} known opened; "
        f"{sum(1 for m in messages if m.forwarded_at):,} known forwarded.",
        f"- **Credits lost:** {lost:,} (a recall never refunds a credit).",
        f"- **Maximum exposure:** {money(exposure)} (a maximum, not a legal verdict; see section 6).",
        f"- **Audit log:** {'verified intact' if verify.ok else 'FAILED verification'} at the time of "
        f"this report ({verify.entries:,} entries).",
        "",
    ]
    return lines


def _sent(cockpit: Cockpit, items: list[Assessed], audit: list[AuditRecord]) -> list[str]:
    plans = {s.name: s.plan for s in cockpit.repo.seats()}
    by_seat: dict[str, list[Assessed]] = {}
    for item in items:
        by_seat.setdefault(item.message.seat or "", []).append(item)
    loggers: dict[str, Counter[str]] = {}
    creators: dict[int, str] = {}
    for entry in audit:
        if entry.action in ("add", "import"):
            for mid in created_ids(entry):
                creators[mid] = f"{entry.actor} ({entry.action})"
    for item in items:
        who = creators.get(item.message.id, "unknown")
        loggers.setdefault(item.message.seat or "", Counter())[who] += 1
    lines = ["## 2. What was sent, by whom, when", ""]
    lines += table(
        ["Seat", "Plan", "Messages", "First sent (UTC)", "Last sent (UTC)", "Logged by"],
        (
            [
                md(seat or "(no seat)"),
                md(plans.get(seat, "\u2014")),
                f"{len(group):,}",
                _t(min(i.message.sent_at for i in group)),
                _t(max(i.message.sent_at for i in group)),
                md(", ".join(f"{who} \u00d7{n}" for who, n in loggers[seat].most_common())),
            ]
            for seat, group in sorted(by_seat.items())
        ),
        align="llr",
    )
    texts: Counter[tuple[str, str]] = Counter(
        (mask_in(i.message.subject, hidden), mask_in(i.message.body, hidden))
        for i in items
        for hidden in (sensitive_values(i),)
    )
    lines += [
        "",
        f"### Texts as sent ({_plural(len(texts), 'distinct text')})",
        "",
        "Sensitive values found in them (SSNs, card numbers, secrets) are masked here but for their "
        "last four characters; `cockpit show ID` shows a message whole.",
        "",
    ]
    for number, ((subject, body), count) in enumerate(texts.most_common(MAX_DISTINCT_TEXTS), start=1):
        lines += [
            f"**Text {number}**, sent {_plural(count, 'time')}; subject: {md(subject)}",
            "",
            md_quote(body),
            "",
        ]
    if len(texts) > MAX_DISTINCT_TEXTS:
        lines += [
            f"{len(texts) - MAX_DISTINCT_TEXTS:,} more distinct texts are not reproduced here; "
            "`cockpit show ID` prints any message in full.",
            "",
        ]
    lines += ["### Messages", ""]
    lines += table(
        ["ID", "Sent (UTC)", "Recipient", "State", "Channel", "Status", "Push", "Subject"],
        (
            [
                str(i.message.id),
                _t(i.message.sent_at),
                md(i.message.recipient, limit=40),
                md(i.message.recipient_state or "\u2014"),
                i.message.channel,
                i.message.status,
                i.message.push,
                md(i.message.subject, limit=60),
            ]
            for i in items
        ),
        align="r",
    )
    return [*lines, ""]


def _leaks(cockpit: Cockpit, items: list[Assessed]) -> list[str]:
    chars = cockpit.policy.leakage.preview_chars
    previews: Counter[str] = Counter()
    no_push = 0
    for item in items:
        leak = next((k for k in item.assessment.leaks if k.code == "PUSH_PREVIEW"), None)
        if leak is None:
            no_push += 1
        else:
            previews[mask_in(leak.detail, sensitive_values(item))] += 1
    in_preview: Counter[str] = Counter()
    for item in items:
        for code_ in {r.code for r in item.assessment.risks if r.in_preview}:
            in_preview[code_] += 1
    lines = [
        "## 4. What leaked anyway",
        "",
        f"A recall does not pull back a notification already delivered: its preview (the first "
        f"{chars} characters) has been shown. {_plural(sum(previews.values()), 'message')} had a preview "
        f"shown or must be assumed to have had one; {no_push:,} are recorded as sent without a push.",
        "",
    ]
    if previews:
        lines += table(
            ["Messages", "Preview shown"],
            ([f"{n:,}", md(text)] for text, n in previews.most_common(MAX_DISTINCT_TEXTS)),
            align="r",
        )
        lines.append("")
    if in_preview:
        lines += ["Risks already inside the shown preview:", ""]
        lines += table(
            ["Risk", "Messages"], ([c, f"{n:,}"] for c, n in sorted(in_preview.items())), align="lr"
        )
        lines.append("")
    caches = [k.until for i in items for k in i.assessment.leaks if k.code == "MOBILE_CACHE" and k.until]
    retained = [
        k.until for i in items for k in i.assessment.leaks if k.code == "METADATA_RETAINED" and k.until
    ]
    lines += [
        f"- Opened (the original was seen): {sum(1 for i in items if i.message.opened_at):,}.",
        f"- Forwarded (out of reach): {sum(1 for i in items if i.message.forwarded_at):,}.",
        "- Recalled messages may stay cached on the recipient's phone"
        + (f" until {iso_z(max(caches))}." if caches else " (none recalled)."),
        "- LinkedIn retains the messages' metadata"
        + (f" until at least {iso_z(max(retained))}." if retained else "."),
        "",
    ]
    return lines


def _credits(items: list[Assessed]) -> list[str]:
    states = Counter(i.assessment.credit.state for i in items)
    deadlines = [
        i.assessment.credit.refund_deadline
        for i in items
        if i.assessment.credit.state == CreditState.CONSUMED and i.assessment.credit.refund_deadline
    ]
    lines = ["## 5. Credits", ""]
    lines += table(
        ["Credit", "Messages"],
        [
            ["consumed (lost)", f"{states.get(CreditState.CONSUMED, 0):,}"],
            ["refunded by a response", f"{states.get(CreditState.REFUNDED, 0):,}"],
            ["free (open profile, message, note, sponsored)", f"{states.get(CreditState.FREE, 0):,}"],
        ],
        align="lr",
    )
    lines += [
        "",
        "A recall never refunds a credit; an apology follow-up costs another one. A consumed credit "
        "is refunded if the recipient responds within the refund period"
        + (
            f" (for these messages, the last refund deadline is {iso_z(max(deadlines))})."
            if deadlines
            else "."
        ),
        "",
    ]
    return lines


def _exposure(cockpit: Cockpit, items: list[Assessed]) -> tuple[int, list[str]]:
    total, exposure_lines = total_exposure((i.assessment.penalties for i in items), cockpit.policy)
    lines = ["## 6. Maximum exposure", ""]
    if exposure_lines:
        rows = [
            [
                md(x.label),
                md(x.statute),
                x.unit.replace("_", " "),
                money(x.amount_usd),
                f"{x.messages:,}",
                money(x.total_usd),
            ]
            for x in exposure_lines
        ]
        rows.append(["**Total**", "", "", "", "", f"**{money(total)}**"])
        lines += table(
            ["Penalty", "Statute", "Unit", "Maximum each", "Messages", "Maximum"], rows, align="llllrr"
        )
    else:
        lines.append("No finding in these messages maps to a statutory penalty.")
    risks: dict[str, list[int]] = {}
    severity: dict[str, str] = {}
    for item in items:
        for r in item.assessment.risks:
            risks.setdefault(r.code, [0, 0])
            severity[r.code] = r.severity
        for code_ in item.assessment.codes:
            risks[code_][0] += 1
        for code_ in {r.code for r in item.assessment.risks if r.in_preview}:
            risks[code_][1] += 1
    if risks:
        lines += ["", "Content risks found (if treated as commercial electronic mail):", ""]
        lines += table(
            ["Risk", "Severity", "Messages", "In the shown preview"],
            ([c, severity[c], f"{n:,}", f"{p:,}"] for c, (n, p) in sorted(risks.items())),
            align="llrr",
        )
    lines += ["", f"> {CAVEAT}", ""]
    return total, lines


def _audit(entries: list[AuditRecord], verify: VerifyResult) -> list[str]:
    lines = ["## 7. Audit trail", ""]
    if verify.ok:
        lines.append(
            f"`cockpit audit verify`: **OK**: {verify.entries:,} entries, chain intact, replay matches "
            f"{verify.messages:,} messages; head hash {code(verify.head_hash)}."
        )
    else:
        lines.append(f"`cockpit audit verify`: **FAILED**: {md(verify.problem)}")
        lines += [f"- {md(p)}" for p in verify.problems[1:10]]
    lines += [f"- Note: {md(note)}" for note in verify.notes]
    lines += ["", f"{_plural(len(entries), 'entry')} concern these messages (oldest first):", ""]
    lines += table(
        ["Seq", "At (UTC)", "Actor", "Action", "Message", "Change", "Reason", "Hash (SHA-256)"],
        (
            [
                str(e.seq),
                _t(e.at),
                md(e.actor),
                e.action,
                str(e.message_id) if e.message_id is not None else "\u2014",
                _change(e),
                md(e.reason or "\u2014", limit=60),
                code(e.hash),
            ]
            for e in entries
        ),
        align="r",
    )
    return [*lines, ""]


def _change(entry: AuditRecord) -> str:
    if not entry.to_status:
        return "\u2014"
    before = entry.from_status or "\u2014"
    return f"{before} \u2192 {entry.to_status}"


def _as_of(cockpit: Cockpit) -> str:
    dates = sorted({p.origin.as_of for p in cockpit.policy.penalties.values()})
    return ", ".join(dates) if dates else "n/a"


def build_incident(cockpit: Cockpit, items: list[Assessed], scope: str, now: datetime) -> str:
    """The incident report for ``items`` (Markdown)."""
    if not items:
        raise BadInput("no messages to report on")
    items = sorted(items, key=lambda i: (i.message.sent_at, i.message.id))
    ids = {i.message.id for i in items}
    audit = cockpit.repo.audit()
    entries = _entries_for(audit, ids)
    marks = [e for e in entries if e.action in MARK_ACTIONS and e.message_id in ids]
    verify = verify_audit(cockpit.repo)
    total, exposure_lines = _exposure(cockpit, items)
    lines = [
        f"# Incident report: {scope}",
        "",
        f"Prepared {iso_z(now)} by {md(cockpit.actor)} with Recall Cockpit {__version__}. "
        f"Times are UTC. Policy: {md(Path(cockpit.policy.path).name)}, "
        f"Penalty figures as of {_as_of(cockpit)}.",
        "",
    ]
    if verify.drill:
        lines += [
            "> **DRILL.** This database is a drill (a demo, or made with `--now`): its times are "
            "simulated, not what happened. Each audit entry records the wall-clock instant it was "
            "written beside its simulated one.",
            "",
        ]
    lines += _summary(cockpit, items, marks, total, verify)
    lines += _sent(cockpit, items, audit)
    lines += marks_section(items, marks)
    lines += _leaks(cockpit, items)
    lines += _credits(items)
    lines += exposure_lines
    lines += _audit(entries, verify)
    lines += ["---", "", "*" + md("Generated by Recall Cockpit; not legal advice.") + "*", ""]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class IncidentText:
    """An incident report and how many messages it covers."""

    markdown: str
    messages: int


def incident_text(cockpit: Cockpit, *, batch: str | None, text_filter: str | None) -> IncidentText:
    """The incident report for a batch and/or the messages matching a filter.

    Raises:
        UsageError: neither a batch nor a filter was given.
        BadInput: the filter is malformed, or no message matches.
    """
    if not batch and not text_filter:
        raise UsageError("name the messages: --batch B or --filter EXPR")
    try:
        flt = parse_filter(text_filter) if text_filter else None
    except FilterSyntaxError as exc:
        raise BadInput(str(exc)) from None
    items = select_items(cockpit, flt, batch)
    if not items:
        where = f"batch {batch!r}" if batch else ""
        where += (" and " if batch and text_filter else "") + (
            f"filter {text_filter!r}" if text_filter else ""
        )
        raise BadInput(f"no messages in {where}")
    parts = []
    if batch:
        parts.append(f"batch {md(batch)}")
    if text_filter:
        parts.append(f"messages matching {md(text_filter)}")
    report = build_incident(cockpit, items, " and ".join(parts), cockpit.clock.now())
    return IncidentText(report, len(items))
