"""LinkedIn's ``messages.csv`` (from "Download your data"), every header variant since 2021.

Columns are matched by name: ``CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,
DATE, SUBJECT, CONTENT, FOLDER`` (2021), ``RECIPIENT PROFILE URLS`` after ``TO`` (2023),
``IS MESSAGE DRAFT, IS CONVERSATION DRAFT, ATTACHMENTS`` at the end (2024 onward); columns added
later are ignored. There is no direction column: the owner's messages are those whose sender is the
owner (``--me``, else the most frequent sender). Received messages, drafts and system rows are
skipped and counted; a received message in the same conversation after a send is its response.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from cockpit.clock import iso_z
from cockpit.services.importing.csvrows import csv_rows, row_problems
from cockpit.services.importing.model import DRAFT, NO_TEXT, RECEIVED, SYSTEM, Problem, ReadResult
from cockpit.services.importing.mojibake import repair_mojibake
from cockpit.services.importing.values import ValueProblem, normalise_profile_url, parse_linkedin_date
from cockpit.services.new_send import MAX_BODY, MAX_FUTURE, MAX_RECIPIENT, MAX_SUBJECT
from cockpit.store.bulk import ImportRow, fast_instant

CONVERSATION_ID = "CONVERSATION ID"
CONVERSATION_TITLE = "CONVERSATION TITLE"
FROM = "FROM"
SENDER = "SENDER PROFILE URL"
TO = "TO"
RECIPIENTS = "RECIPIENT PROFILE URLS"
DATE = "DATE"
SUBJECT = "SUBJECT"
CONTENT = "CONTENT"
FOLDER = "FOLDER"
MESSAGE_DRAFT = "IS MESSAGE DRAFT"
CONVERSATION_DRAFT = "IS CONVERSATION DRAFT"
REQUIRED_COLUMNS = (CONVERSATION_ID, FROM, SENDER, TO, DATE, CONTENT)

_YES = frozenset({"yes", "true", "1", "y"})
_DRAFT_FOLDERS = frozenset({"DRAFT", "DRAFTS"})
_SYSTEM_EXACT = frozenset(
    {
        "message request accepted",
        "message request declined",
        "a linkedin member left the conversation",
        "this message has been deleted",
        "this message was deleted",
        "you are now connected",
        "inmail accepted",
        "inmail declined",
    }
)
_RESPONSE_NOTICES = frozenset(
    {"message request accepted", "message request declined", "inmail accepted", "inmail declined"}
)
_SYSTEM_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"^.{1,200} (?:left|joined) the conversation$",
        r"^.{1,200} added .{1,500} to the conversation$",
        r"^.{1,200} removed .{1,500} from the conversation$",
        r"^.{1,200} (?:named|renamed) the conversation\b.*$",
        r"^.{1,200} changed the conversation (?:name|title)\b.*$",
    )
)

Progress = Callable[[int], None]


def normalise_header(name: str) -> str:
    """``Conversation_ID`` and `` conversation id`` both become ``CONVERSATION ID``."""
    return " ".join(name.replace("_", " ").split()).upper()


def is_system_text(content: str) -> bool:
    """Whether ``content`` is one of LinkedIn's system notices rather than a message."""
    text = content.strip()
    if not text or len(text) > 600 or "\n" in text:
        return False
    lowered = text.rstrip(".").casefold()
    return lowered in _SYSTEM_EXACT or any(p.match(lowered) for p in _SYSTEM_PATTERNS)


def is_response_notice(content: str) -> bool:
    """Whether a system notice records the recipient accepting or declining (a response)."""
    return content.strip().rstrip(".").casefold() in _RESPONSE_NOTICES


def linkedin_key(conversation: str, sent_at: datetime, sender: str, content: str) -> str:
    """The re-import key of a LinkedIn message: conversation, time, sender and content."""
    digest = hashlib.sha256(
        "\x1f".join([conversation.strip(), iso_z(sent_at), sender, content]).encode()
    ).hexdigest()
    return f"linkedin:{digest[:32]}"


@dataclass(slots=True)
class _Record:
    line: int
    conversation: str
    title: str
    sender: str  # normalised profile URL, "" when absent
    sender_raw: str
    to: str
    recipients: list[str]
    date: str
    subject: str
    content: str


def _recipient_name(to: str, title: str) -> str:
    name = " ".join(to.split()) or " ".join(title.split())
    if len(name) <= MAX_RECIPIENT:
        return name
    parts = [p.strip() for p in name.split(",") if p.strip()]
    kept: list[str] = []
    for index, part in enumerate(parts):
        tail = f" and {len(parts) - index - 1} others" if index < len(parts) - 1 else ""
        candidate = ", ".join([*kept, part])
        if len(candidate) + len(tail) > MAX_RECIPIENT:
            break
        kept.append(part)
    if not kept:
        return ""
    rest = len(parts) - len(kept)
    return ", ".join(kept) + (f" and {rest} others" if rest else "")


def _parse(
    text: str,
    has_bad_bytes: bool,
    result: ReadResult,
    progress: Progress | None,
    notices: list[tuple[str, str, str]],
) -> list[_Record]:
    rows = csv_rows(text)
    header = next(rows, None)
    if header is None or header[2]:
        result.file_problem = Problem(
            header[0] if header else 1,
            f"header: {header[2]}" if header else "the file is empty",
        )
        return []
    header_line, header_fields, _ = header
    names = [normalise_header(n) for n in header_fields]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        result.file_problem = Problem(
            header_line,
            f"not LinkedIn's messages.csv header: missing {', '.join(missing)}",
        )
        return []
    index = {name: names.index(name) for name in dict.fromkeys(names)}
    check_nul = "\x00" in text
    optional = {
        c: index.get(c)
        for c in (CONVERSATION_TITLE, RECIPIENTS, SUBJECT, FOLDER, MESSAGE_DRAFT, CONVERSATION_DRAFT)
    }
    records: list[_Record] = []
    for count, (line, fields, error) in enumerate(rows, start=1):
        result.rows_read += 1
        if progress is not None and count % 5_000 == 0:
            progress(line)
        problems = row_problems(error, fields, names, has_bad_bytes, check_nul)
        if problems:
            result.reject(line, problems)
            continue

        def get(column: str, fields: list[str] = fields) -> str:
            position = optional.get(column)
            return fields[position] if position is not None else ""

        folder = get(FOLDER).strip().upper()
        if (
            get(MESSAGE_DRAFT).strip().lower() in _YES
            or get(CONVERSATION_DRAFT).strip().lower() in _YES
            or folder in _DRAFT_FOLDERS
        ):
            result.skipped[DRAFT] += 1
            continue
        content = fields[index[CONTENT]]
        if is_system_text(content):
            result.skipped[SYSTEM] += 1
            if is_response_notice(content):
                notices.append(
                    (
                        fields[index[CONVERSATION_ID]],
                        normalise_profile_url(fields[index[SENDER]]),
                        fields[index[DATE]],
                    )
                )
            continue
        recipients = [u.strip() for u in get(RECIPIENTS).split(";") if u.strip()]
        records.append(
            _Record(
                line=line,
                conversation=fields[index[CONVERSATION_ID]],
                title=get(CONVERSATION_TITLE),
                sender=normalise_profile_url(fields[index[SENDER]]),
                sender_raw=fields[index[SENDER]].strip(),
                to=fields[index[TO]],
                recipients=recipients,
                date=fields[index[DATE]],
                subject=get(SUBJECT),
                content=content,
            )
        )
    return records


def _choose_sender(records: list[_Record], me: str | None, result: ReadResult) -> str | None:
    senders = Counter(r.sender for r in records if r.sender)
    shown_as: dict[str, str] = {}
    for record in records:
        if record.sender and record.sender not in shown_as:
            shown_as[record.sender] = record.sender_raw

    if me is not None:
        wanted = normalise_profile_url(me)
        if wanted not in senders:
            top = ", ".join(shown_as[url] for url, _ in senders.most_common(3)) or "none"
            result.file_problem = Problem(
                1,
                f"--me {me!r}: no message in this file was sent from that profile "
                f"(most frequent senders: {top})",
            )
            return None
        result.sender = shown_as[wanted]
        return wanted
    if not senders:
        return None
    ranked = senders.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        result.file_problem = Problem(
            1,
            f"cannot tell whose export this is: {shown_as[ranked[0][0]]} and "
            f"{shown_as[ranked[1][0]]} sent "
            f"{ranked[0][1]} messages each; name yours with --me PROFILE_URL",
        )
        return None
    result.sender = shown_as[ranked[0][0]]
    result.sender_guessed = True
    result.notes.append(
        f"sender taken to be {result.sender}, the most frequent sender ({ranked[0][1]} of "
        f"{sum(senders.values())} messages); pass --me PROFILE_URL to choose another"
    )
    return ranked[0][0]


def _repair(value: str, result: ReadResult) -> str:
    if value.isascii():
        return value
    fixed, outcome = repair_mojibake(value)
    if outcome == "repaired":
        result.repaired += 1
    elif outcome == "ambiguous":
        result.unrepaired += 1
    return fixed


def read_linkedin(
    text: str,
    *,
    me: str | None,
    seat: str | None,
    now: datetime,
    has_bad_bytes: bool,
    progress: Progress | None = None,
) -> ReadResult:
    """Read and validate LinkedIn's ``messages.csv``: the owner's sends, with their responses."""
    result = ReadResult(format="linkedin")
    notices: list[tuple[str, str, str]] = []
    records = _parse(text, has_bad_bytes, result, progress, notices)
    if result.file_problem is not None:
        return result
    owner = _choose_sender(records, me, result)
    if result.file_problem is not None:
        return result
    received: dict[str, list[datetime]] = defaultdict(list)
    sent: list[tuple[_Record, datetime]] = []
    for record in records:
        try:
            when = parse_linkedin_date(record.date)
        except ValueProblem as exc:
            result.reject(record.line, [f"DATE: {exc}"])
            continue
        if owner is None or record.sender != owner:
            result.skipped[RECEIVED] += 1
            received[record.conversation].append(when)
            continue
        sent.append((record, when))
    for conversation, sender, date in notices:
        if sender and sender != owner:  # the recipient accepted or declined: a response
            try:
                received[conversation].append(parse_linkedin_date(date))
            except ValueProblem:
                continue  # a system row is skipped either way; its date only dates a response
    for dates in received.values():
        dates.sort()

    seen: set[str] = set()
    rows: list[tuple[datetime, int, ImportRow]] = []
    for record, when in sent:
        problems: list[str] = []
        if when - now > MAX_FUTURE:
            problems.append(f"DATE: {record.date.strip()[:40]!r} is more than a day in the future")
        if not record.content.strip():
            if not problems:
                result.skipped[NO_TEXT] += 1
                continue
        elif len(record.content) > MAX_BODY:
            problems.append(f"CONTENT: longer than {MAX_BODY:,} characters ({len(record.content):,})")
        if len(record.subject) > MAX_SUBJECT:
            problems.append(f"SUBJECT: longer than {MAX_SUBJECT:,} characters")
        recipient = _recipient_name(record.to, record.title)
        if not recipient:
            problems.append("TO: no recipient (TO and CONVERSATION TITLE are empty)")
        if problems:
            result.reject(record.line, problems)
            continue
        key = linkedin_key(record.conversation, when, record.sender, record.content)
        if key in seen:
            result.repeated += 1
            continue
        seen.add(key)
        replies = received.get(record.conversation)
        replied_at = None
        if replies:
            position = bisect.bisect_right(replies, when)
            if position < len(replies):
                replied_at = replies[position]
        subject = _repair(record.subject, result)
        several = len(record.recipients) > 1
        channel = "message" if several or not subject.strip() else "inmail"
        result.channels[channel] += 1
        row = (
            key,
            _repair(recipient, result),
            ";".join(record.recipients) or None,
            None,  # recipient_state: not in the export
            0,  # open_profile: not in the export
            channel,
            seat,
            None,  # batch
            subject,
            _repair(record.content, result),
            fast_instant(when),
            "desktop",
            None,  # commercial: judged later from the content
            "unknown",  # push
            None if replied_at is None else fast_instant(replied_at),
            1 if replied_at is None else 2,  # a recorded response is an observation (version 2)
        )
        rows.append((when, record.line, row))
    rows.sort(key=lambda item: (item[0], item[1]))
    result.rows = [row for _, _, row in rows]
    result.valid = len(result.rows)
    return result
