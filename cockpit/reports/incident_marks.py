"""Section 3 of the incident report: what was marked recalled or edited, told as it was recorded.

A mark made one message at a time (one id on the command line, ``r`` on the screen, the guided walk)
is stamped when the user said the message was deleted: its minutes before the window closed are
real. A bulk mark records many messages at one instant, after they were deleted by hand in LinkedIn
(which has no bulk recall): when each one was deleted is not known, so the report says when the bulk
mark was made and claims no time before close for its messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cockpit.clock import iso_z
from cockpit.domain.escalation import bulk_size, mark_how
from cockpit.domain.model import AuditRecord, Phase, Status
from cockpit.reports.incident_markdown import md, table
from cockpit.services.cockpit import Assessed

INTRO = (
    "A mark made one message at a time is stamped when it was made, so its minutes before the window "
    "closed are real. A bulk mark records many messages at one time, after they were deleted by hand "
    "in LinkedIn: when each one was deleted is not recorded, so no time before close is given for them."
)


@dataclass(frozen=True, slots=True)
class RecallCounts:
    """How the recalled messages were marked: one by one, or in bulk marks (and how many of those)."""

    one_by_one: int
    in_bulk: int
    bulk_marks: int


def _t(value: datetime | None) -> str:
    return iso_z(value) if value is not None else "\u2014"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def bulk_phrase(entry: AuditRecord) -> str:
    """``marked recalled in a bulk mark of 6 at 14:58 UTC``."""
    size = bulk_size(entry.details) or 0
    return f"marked recalled in a bulk mark of {size:,} at {entry.at:%H:%M} UTC"


def _latest_recalls(marks: Sequence[AuditRecord]) -> dict[int, AuditRecord]:
    latest: dict[int, AuditRecord] = {}
    for entry in marks:
        if entry.action == "recall" and entry.message_id is not None:
            latest[entry.message_id] = entry
    return latest


def recall_counts(items: Sequence[Assessed], marks: Sequence[AuditRecord]) -> RecallCounts:
    """How each message now recalled was marked (its newest ``recall`` entry)."""
    latest = _latest_recalls(marks)
    one_by_one = in_bulk = 0
    groups: set[tuple[datetime, str]] = set()
    for item in items:
        entry = latest.get(item.message.id)
        if item.message.status != Status.RECALLED or entry is None:
            continue
        if bulk_size(entry.details) is None:
            one_by_one += 1
        else:
            in_bulk += 1
            groups.add((entry.at, entry.actor))
    return RecallCounts(one_by_one, in_bulk, len(groups))


def recall_summary(items: Sequence[Assessed], marks: Sequence[AuditRecord]) -> str:
    """``6 (2 one by one, 4 in 1 bulk mark)`` for the summary's recalled line."""
    recalled = sum(1 for i in items if i.message.status == Status.RECALLED)
    counts = recall_counts(items, marks)
    if not recalled:
        return "0"
    bulk = (
        f", {counts.in_bulk:,} in {_plural(counts.bulk_marks, 'bulk mark')}; when each of these was "
        "deleted in LinkedIn is not recorded"
        if counts.in_bulk
        else ""
    )
    return f"{recalled:,} ({counts.one_by_one:,} one by one{bulk})"


def _one_by_one_rows(by_id: dict[int, Assessed], marks: Sequence[AuditRecord]) -> list[list[str]]:
    rows = []
    for entry in marks:
        item = by_id.get(entry.message_id) if entry.message_id is not None else None
        if item is None or bulk_size(entry.details) is not None:
            continue
        deadline = item.window.deadline
        left = (deadline - entry.at).total_seconds() if deadline is not None else None
        how = mark_how(entry.details) if entry.action == "recall" else ""
        rows.append(
            [
                str(entry.seq),
                str(item.message.id),
                md(item.message.recipient, limit=40),
                entry.action,
                md(how.removeprefix("via ") if how else "one by one"),
                _t(entry.at),
                md(entry.actor),
                _t(deadline),
                "no recall" if left is None else (f"{left / 60:.1f}" if left >= 0 else "after close"),
                md(entry.reason or "\u2014", limit=80),
            ]
        )
    return rows


def _bulk_rows(by_id: dict[int, Assessed], marks: Sequence[AuditRecord]) -> list[list[str]]:
    rows = []
    for entry in marks:
        item = by_id.get(entry.message_id) if entry.message_id is not None else None
        if item is None or bulk_size(entry.details) is None:
            continue
        rows.append(
            [
                str(entry.seq),
                str(item.message.id),
                md(item.message.recipient, limit=40),
                bulk_phrase(entry),
                _t(entry.at),
                md(entry.actor),
                _t(item.window.deadline),
                md(entry.reason or "\u2014", limit=80),
            ]
        )
    return rows


def marks_section(items: Sequence[Assessed], marks: Sequence[AuditRecord]) -> list[str]:
    """Section 3: marks made one by one with their real minutes before close; bulk marks with when
    they were made and no per-message claim; what was left as sent."""
    lines = ["## 3. What was recalled or edited, and when", ""]
    if not marks:
        return [*lines, "Nothing was marked recalled or edited.", ""]
    by_id = {i.message.id: i for i in items}
    lines += [INTRO, "", "### Marked one by one", ""]
    single = _one_by_one_rows(by_id, marks)
    if single:
        lines += table(
            [
                "Entry",
                "ID",
                "Recipient",
                "Mark",
                "How",
                "Marked at (UTC)",
                "By",
                "Window closed (UTC)",
                "Minutes before close",
                "Reason",
            ],
            single,
            align="rr",
        )
    else:
        lines.append("None.")
    bulk = _bulk_rows(by_id, marks)
    if bulk:
        lines += ["", "### Bulk marks", ""]
        lines += table(
            ["Entry", "ID", "Recipient", "Marked", "Marked at (UTC)", "By", "Window closed (UTC)", "Reason"],
            bulk,
            align="rr",
        )
    not_marked = [i for i in items if i.message.status == Status.SENT]
    closed = sum(1 for i in not_marked if i.window.phase == Phase.CLOSED)
    no_recall = sum(1 for i in not_marked if i.window.phase == Phase.NONE)
    lines += [
        "",
        f"{_plural(len(not_marked), 'message')} {'was' if len(not_marked) == 1 else 'were'} not recalled "
        f"or edited; the window of {closed:,} of them has closed, so they are permanent"
        + (f"; {no_recall:,} are on a channel without recall (pause the campaign)" if no_recall else "")
        + ".",
        "",
    ]
    return lines
