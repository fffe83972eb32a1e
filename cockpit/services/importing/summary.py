"""The text of an import's outcome: its summary, or what stopped it.

Every value taken from the file passes through :func:`cockpit.text.safe_text`.
"""

from __future__ import annotations

from datetime import timedelta

from cockpit.services.importing.service import ImportReport
from cockpit.services.importing.shift import describe_shift, span_text
from cockpit.text import safe_text

MAX_LISTED_LINK_WARNINGS = 20
FORMAT_NAMES = {"linkedin": "LinkedIn export", "csv": "sends file, CSV", "jsonl": "sends file, JSONL"}


def _n(value: int) -> str:
    return f"{value:,}"


def describe_age(delta: timedelta) -> str:
    """``3 h 12 min``, ``45 min``, ``2 d 4 h``; a negative delta is ``in the future``."""
    seconds = int(delta.total_seconds())
    if seconds < 0:
        return "in the future (clock skew?)"
    return span_text(seconds, "under a minute")


def _file_label(report: ImportReport) -> str:
    source = report.source
    name = safe_text(source.name) + (f" ({safe_text(source.member)})" if source.member else "")
    return f"{name}, {FORMAT_NAMES.get(report.result.format, report.result.format)}"


def _count_line(report: ImportReport, imported: int) -> str:
    r = report.result
    return (
        f"  rows read   {_n(r.rows_read)} = imported {_n(imported)} + duplicates {_n(report.duplicates)}"
        f" + skipped {_n(report.skipped)} + rejected {_n(r.rejected)}"
    )


def summary_lines(report: ImportReport) -> list[str]:
    """The summary of a written import (its counts always add up)."""
    r, o = report.result, report.outcome
    assert o is not None
    lines = [
        f"Imported {_file_label(report)}: {_n(o.imported)} new message{'s' if o.imported != 1 else ''}",
        _count_line(report, o.imported),
    ]
    if report.duplicates:
        parts = []
        if o.already_stored:
            parts.append(f"{_n(o.already_stored)} already in the database")
        if r.repeated:
            parts.append(f"{_n(r.repeated)} repeated in the file")
        if o.linked:
            parts.append(f"{_n(o.linked)} linked to sends already stored from another file")
        lines.append(f"  duplicates  {', '.join(parts)} (not added again)")
    if o.linked:
        ids = ", ".join(str(i) for i in o.linked_ids[:MAX_LISTED_LINK_WARNINGS])
        more = ", ..." if len(o.linked_ids) > MAX_LISTED_LINK_WARNINGS else ""
        plural = "s" if o.linked != 1 else ""
        lines.append(
            f"  linked      {_n(o.linked)} row{plural} matched a send stored from another file "
            f"(same seat, recipient and text, close in time): message{plural} {ids}{more}"
        )
    for warning in o.link_warnings[:MAX_LISTED_LINK_WARNINGS]:
        lines.append(f"  warning     {safe_text(warning.recipient)} at {warning.sent_at}: {warning.text()}")
    if len(o.link_warnings) > MAX_LISTED_LINK_WARNINGS:
        lines.append(f"  warning     ... and {_n(len(o.link_warnings) - MAX_LISTED_LINK_WARNINGS)} more")
    if r.skipped:
        reasons = ", ".join(f"{reason} {_n(count)}" for reason, count in sorted(r.skipped.items()))
        lines.append(f"  skipped     {reasons}")
    for note in r.notes:
        lines.append(f"  note        {safe_text(note)}")
    lines.extend(_linkedin_lines(report))
    responses = o.responses_new + o.responses_earlier
    if responses:
        earlier = f" ({_n(o.responses_earlier)} of them to earlier imports)" if o.responses_earlier else ""
        lines.append(
            f"  responses   {_n(responses)} send{' has' if responses == 1 else 's have'} a response "
            f"in the file{earlier}; "
            "a response within 90 days refunds the credit"
        )
    if r.repaired or r.unrepaired:
        lines.append(
            f"  mojibake    {_n(r.repaired)} field{'s' if r.repaired != 1 else ''} repaired"
            + (f", {_n(r.unrepaired)} left as they were (the repair was ambiguous)" if r.unrepaired else "")
        )
    lines.extend(_shift_lines(report))
    lines.extend(_window_lines(report))
    if o.first_id is not None:
        ids = f"{o.first_id}" if o.first_id == o.last_id else f"{o.first_id}-{o.last_id}"
        lines.append(f"  ids         {ids}; audit entry {o.audit_seq}")
    else:
        lines.append(f"  audit entry {o.audit_seq}")
    if r.problems:
        lines.append(f"  rejected rows ({_n(r.rejected)}), not imported:")
        lines.extend(f"    {safe_text(str(p))}" for p in r.problems)
    return lines


def _shift_lines(report: ImportReport) -> list[str]:
    shift = report.shift
    if shift is None:
        return []
    way = "back " if shift.offset.total_seconds() < 0 else ""
    return [
        f"  shifted     times shifted {way}by {describe_shift(shift.offset)} so the newest send is "
        f"{describe_age(report.now - shift.newest_now)} ago (--shift-to-now; recorded in the audit entry)"
    ]


def _linkedin_lines(report: ImportReport) -> list[str]:
    """What a LinkedIn export's sends are, and what was made of its unusual rows."""
    r = report.result
    if r.format != "linkedin":
        return []
    lines = []
    if r.kind_counts:
        counts = r.kind_counts
        inmails = counts["InMail"] + counts["follow-up, InMail"]
        follow_ups = counts["follow-up"] + counts["follow-up, InMail"]
        lines.append(
            f"  sends       {_n(sum(counts.values()))} in the file: InMails {_n(counts['InMail'])}, "
            f"first messages {_n(counts['first message'])}, replies {_n(counts['reply'])}, "
            f"follow-ups {_n(follow_ups)}"
        )
        credited = counts["follow-up, InMail"]
        plural = "s" if credited != 1 else ""
        followed = f" and {_n(credited)} unanswered follow-up{plural} to them" if credited else ""
        lines.append(
            f"              {_n(inmails)} cost{'s' if inmails == 1 else ''} a credit (InMails{followed}); "
            "replies, in conversations the other side started, are free"
        )
    shapes = r.shapes
    if shapes["deleted member"]:
        n = shapes["deleted member"]
        lines.append(
            f"  deleted     {_n(n)} send{'s' if n != 1 else ''} to a since-deleted member (empty TO), "
            "imported as 'LinkedIn Member (deleted account)'"
        )
    if shapes["attachment only"]:
        n = shapes["attachment only"]
        lines.append(
            f"  attachments {_n(n)} attachment-only send{'s' if n != 1 else ''} imported with an empty body "
            "(each attachment is named in the audit entry)"
        )
    if shapes["notice"]:
        n = shapes["notice"]
        lines.append(
            f"  notices     {_n(n)} send{'s' if n != 1 else ''} answered by a 'Message request "
            "accepted/declined' notice (recorded as the response)"
        )
    return lines


def _window_lines(report: ImportReport) -> list[str]:
    o, newest = report.outcome, report.result.newest_sent
    if o is None or newest is None:
        return []
    lateness = describe_age(report.now - newest)
    if not o.imported:
        return [f"  newest      the file's newest send is {lateness} old"]
    if o.open_windows:
        return [
            f"  windows     {_n(o.open_windows)} of {_n(o.imported)} arrived with the recall window "
            "still open: act in LinkedIn now (cockpit list --filter 'phase:open,urgent,critical')",
            f"              the file's newest send is {lateness} old",
        ]
    return [
        f"  windows     none arrived with an open recall window; the file's newest send is {lateness} old",
    ]


def failure_lines(report: ImportReport) -> list[str]:
    """What stopped the import, every problem with its line; nothing was written."""
    r = report.result
    label = _file_label(report)
    if r.file_problem is not None:
        return [f"cockpit: {label}: {safe_text(str(r.file_problem))}; nothing was imported"]
    valid = r.valid + r.repeated
    lines = [
        f"cockpit: {label}: {_n(r.rejected)} of {_n(r.rows_read)} rows cannot be imported; "
        "nothing was imported"
        + ("" if report.skip_invalid else " (--skip-invalid imports the valid rows and lists the rest)"),
    ]
    lines.extend(f"  {safe_text(str(p))}" for p in r.problems)
    lines.append(
        f"  rows read {_n(r.rows_read)}: valid {_n(valid)}, skipped {_n(report.skipped)}, "
        f"invalid {_n(r.rejected)}"
    )
    return lines
