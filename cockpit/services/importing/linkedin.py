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
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat
from operator import itemgetter

from cockpit.services.importing.csvrows import (
    CsvBlocks,
    RecordGroup,
    read_header,
    record_groups,
    row_problems,
)
from cockpit.services.importing.model import DRAFT, NO_TEXT, RECEIVED, SYSTEM, Chunk, Problem
from cockpit.services.importing.mojibake import repair_mojibake
from cockpit.services.importing.values import ValueProblem, normalise_profile_url, parse_linkedin_date
from cockpit.services.new_send import MAX_BODY, MAX_FUTURE, MAX_RECIPIENT, MAX_SUBJECT
from cockpit.store.import_rows import ImportRow
from cockpit.store.instant_text import WHOLE_SECONDS_UTC, encode_instant, iso_z_of_stored

CHUNK_ROWS = 1_024
FIRST_CHUNK_ROWS = 256
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9] UTC")

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


def normalise_header(name: str) -> str:
    """``Conversation_ID`` and `` conversation id`` both become ``CONVERSATION ID``."""
    return " ".join(name.replace("_", " ").split()).upper()


def is_system_text(content: str) -> bool:
    """Whether ``content`` is one of LinkedIn's system notices rather than a message."""
    text = content.strip()
    if not text or len(text) > 600 or "\n" in text:
        return False
    lowered = text.rstrip(".").casefold()
    if lowered in _SYSTEM_EXACT:
        return True
    return "conversation" in lowered and any(p.match(lowered) for p in _SYSTEM_PATTERNS)


def is_response_notice(content: str) -> bool:
    """Whether a system notice records the recipient accepting or declining (a response)."""
    return content.strip().rstrip(".").casefold() in _RESPONSE_NOTICES


def linkedin_key(conversation: str, sent_text: str, sender: str, content: str) -> str:
    """The re-import key of a LinkedIn message: conversation, time (its stored text), sender and
    content."""
    joined = "\x1f".join([conversation.strip(), iso_z_of_stored(sent_text), sender, content])
    digest = hashlib.sha256(joined.encode()).hexdigest()
    return f"linkedin:{digest[:32]}"


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


def _repair(value: str, chunk: Chunk) -> str:
    if value.isascii():
        return value
    fixed, outcome = repair_mojibake(value)
    if outcome == "repaired":
        chunk.repaired += 1
    elif outcome == "ambiguous":
        chunk.unrepaired += 1
    return fixed


_NOT_DRAFT = frozenset({"", "No", "no", "NO", "false", "False", "FALSE", "0"})
_NOT_DRAFT_FOLDER = frozenset({"", "INBOX", "SENT", "ARCHIVE", "ARCHIVED", "SPAM", "inbox", "sent"})


def _is_draft(
    fields: list[str], at_draft: int | None, at_conversation: int | None, at_folder: int | None
) -> bool:
    """Whether a row is a draft (by either draft flag or the folder)."""
    for at in (at_draft, at_conversation):
        if at is not None:
            raw = fields[at]
            if raw not in _NOT_DRAFT and raw.strip().lower() in _YES:
                return True
    if at_folder is None:
        return False
    raw = fields[at_folder]
    return raw not in _NOT_DRAFT_FOLDER and raw.strip().upper() in _DRAFT_FOLDERS


def _date_or_problem(raw: str) -> str | ValueProblem:
    """A LinkedIn date as stored text (fast for ``2023-06-11 15:33:58 UTC``), or why it is not one."""
    if _PLAIN_DATE.fullmatch(raw):
        try:
            datetime.fromisoformat(raw[:19])  # a real date and time?
        except ValueError:
            pass
        else:
            return f"{raw[:10]}T{raw[11:19]}{WHOLE_SECONDS_UTC}"
    try:
        return encode_instant(parse_linkedin_date(raw))
    except ValueProblem as exc:
        return exc


def _guess_owner(
    records: list[list[str]], sender_at: int, recipients_at: int | None, width: int
) -> str | None:
    """Whose export this probably is, from its first records: the profile that appears most often
    as a sender or (since 2023) a recipient, since the owner is one of the two on every message.
    The whole file's most frequent sender, the rule, is checked at the end."""
    counts: Counter[str] = Counter()
    for fields in records:
        if len(fields) != width:
            continue
        counts[normalise_profile_url(fields[sender_at])] += 1
        if recipients_at is not None:
            counts.update({normalise_profile_url(url) for url in fields[recipients_at].split(";")})
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else None


def _final_sender(
    senders: Counter[str], shown_as: dict[str, str], me: str | None, owner: str | None, last: Chunk
) -> None:
    """Check the owner against the whole file; record the sender (or the problem) on ``last``.

    When the owner read with differs from the file's (nobody's, on a tie), ``last`` asks for the
    file to be read again with it: what a reading counts then depends on the file alone, not on the
    first records the guess came from."""
    if me is not None:
        wanted = normalise_profile_url(me)
        if wanted not in senders:
            top = ", ".join(shown_as[url] for url, _ in senders.most_common(3)) or "none"
            last.file_problem = Problem(
                1,
                f"--me {me!r}: no message in this file was sent from that profile "
                f"(most frequent senders: {top})",
            )
            return
        last.sender = shown_as[wanted]
        return
    ranked = senders.most_common(2)
    tied = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
    actual = ranked[0][0] if ranked and not tied else None
    if actual != owner:
        last.owner_was_wrong, last.owner = True, actual
        return
    if tied:
        last.file_problem = Problem(
            1,
            f"cannot tell whose export this is: {shown_as[ranked[0][0]]} and "
            f"{shown_as[ranked[1][0]]} sent "
            f"{ranked[0][1]} messages each; name yours with --me PROFILE_URL",
        )
        return
    if actual is not None:
        last.sender, last.sender_guessed = shown_as[actual], True
        last.notes.append(
            f"sender taken to be {last.sender}, the most frequent sender ({ranked[0][1]:,} of "
            f"{sum(senders.values()):,} messages); pass --me PROFILE_URL to choose another"
        )


@dataclass
class _Columns:
    """Where each column is in the header (``None``: the column is absent)."""

    conversation: int
    sender: int
    to: int
    date: int
    content: int
    title: int | None
    recipients: int | None
    subject: int | None
    folder: int | None
    draft: int | None
    conversation_draft: int | None


class _ExportReader:
    """The state of reading one export: senders seen, received dates by conversation, the sends
    kept (for their responses), and the keys seen (for repeats)."""

    def __init__(
        self, at: _Columns, names: list[str], seat: str | None, latest: str, owner: str | None
    ) -> None:
        self.at = at
        self.names = names
        self.width = len(names)
        self.seat = seat
        self.latest = latest
        self.owner = owner
        self.senders: Counter[str] = Counter()
        self.shown_as: dict[str, str] = {}
        self.normalised: dict[str, str] = {}
        self.received: defaultdict[str, list[str]] = defaultdict(list)
        self.notices: list[tuple[str, str, str]] = []
        self.sends: list[tuple[str, str, str]] = []  # conversation, stored time, key
        self.seen: set[str] = set()

    def _sender(self, raw: str) -> str:
        sender = self.normalised.get(raw)
        if sender is None:
            sender = self.normalised[raw] = normalise_profile_url(raw)
        return sender

    def _count_sender(self, sender: str, raw: str) -> None:
        if sender:
            self.senders[sender] += 1
            if sender not in self.shown_as:
                self.shown_as[sender] = raw.strip()

    def row_by_row(self, group: RecordGroup, chunk: Chunk, has_bad_bytes: bool, check_nul: bool) -> None:
        """Read a group a row at a time, naming every problem with its line."""
        at = self.at
        pending: list[tuple[int, list[str]]] = []
        errors = group.errors
        for position, fields in enumerate(group.records):
            error = errors[position] if errors is not None else None
            if error is not None or len(fields) != self.width or has_bad_bytes or check_nul:
                problems = row_problems(error, fields, self.names, has_bad_bytes, check_nul)
                if problems:
                    pending.append((position, problems))
                    continue
            if _is_draft(fields, at.draft, at.conversation_draft, at.folder):
                chunk.skipped[DRAFT] += 1
                continue
            content = fields[at.content]
            sender_raw = fields[at.sender]
            sender = self._sender(sender_raw)
            if is_system_text(content):
                chunk.skipped[SYSTEM] += 1
                if is_response_notice(content):
                    self.notices.append((fields[at.conversation], sender, fields[at.date]))
                continue
            self._count_sender(sender, sender_raw)
            raw_date = fields[at.date]
            when = _date_or_problem(raw_date)
            if isinstance(when, ValueProblem):
                pending.append((position, [f"DATE: {when}"]))
                continue
            conversation = fields[at.conversation]
            if self.owner is None or sender != self.owner:
                chunk.skipped[RECEIVED] += 1
                self.received[conversation].append(when)
                continue
            problems = []
            if when > self.latest:
                problems.append(f"DATE: {raw_date.strip()[:40]!r} is more than a day in the future")
            if not content.strip():
                if not problems:
                    chunk.skipped[NO_TEXT] += 1
                    continue
            elif len(content) > MAX_BODY:
                problems.append(f"CONTENT: longer than {MAX_BODY:,} characters ({len(content):,})")
            subject = fields[at.subject] if at.subject is not None else ""
            if len(subject) > MAX_SUBJECT:
                problems.append(f"SUBJECT: longer than {MAX_SUBJECT:,} characters")
            recipient = _recipient_name(fields[at.to], fields[at.title] if at.title is not None else "")
            if not recipient:
                problems.append("TO: no recipient (TO and CONVERSATION TITLE are empty)")
            if problems:
                pending.append((position, problems))
                continue
            key = linkedin_key(conversation, when, sender, content)
            if key in self.seen:
                chunk.repeated += 1
                continue
            self.seen.add(key)
            self.sends.append((conversation, when, key))
            urls = fields[at.recipients] if at.recipients is not None else ""
            recipients = [u.strip() for u in urls.split(";") if u.strip()]
            subject = _repair(subject, chunk)
            channel = "message" if len(recipients) > 1 or not subject.strip() else "inmail"
            chunk.channels[channel] += 1
            chunk.rows.append(
                self._row(key, _repair(recipient, chunk), ";".join(recipients) or None, channel, subject,
                          _repair(content, chunk), when)
            )  # fmt: skip
        if pending:
            lines = group.lines()
            for position, problems in pending:
                chunk.reject(lines[position], problems)

    def _row(
        self, key: str, recipient: str, urls: str | None, channel: str, subject: str, content: str, when: str
    ) -> ImportRow:
        return (
            key,
            recipient,
            urls,
            None,  # recipient_state: not in the export
            0,  # open_profile: not in the export
            channel,
            self.seat,
            None,  # batch
            subject,
            content,
            when,
            "desktop",
            None,  # commercial: judged later from the content
            "unknown",  # push (the responses come with the last chunk)
        )

    def by_columns(self, group: RecordGroup, chunk: Chunk) -> bool:
        """Read a group column by column when nothing in it needs naming or normalising (the usual
        case); False, with nothing recorded, when the group must be read row by row."""
        at, records = self.at, group.records
        if group.errors is not None or set(map(len, records)) != {self.width}:
            return False
        columns = list(zip(*records, strict=True))
        for position in (at.draft, at.conversation_draft):
            if position is not None and not set(columns[position]) <= _NOT_DRAFT:
                return False
        if at.folder is not None and not set(columns[at.folder]) <= _NOT_DRAFT_FOLDER:
            return False
        dates = columns[at.date]
        if not all(map(_PLAIN_DATE.fullmatch, dates)):
            return False
        try:
            deque(map(datetime.fromisoformat, [d[:19] for d in dates]), maxlen=0)
        except ValueError:
            return False
        contents = columns[at.content]
        stripped = list(map(str.strip, contents))
        system = [
            index
            for index, text in enumerate(stripped)
            if len(text) <= 600 and "\n" not in text and is_system_text(text)
        ]
        raw_senders = columns[at.sender]
        for raw in [raw for raw in set(raw_senders) if raw not in self.normalised]:
            self.normalised[raw] = normalise_profile_url(raw)
        senders = list(map(self.normalised.__getitem__, raw_senders))
        is_message = [True] * len(records)
        for index in system:
            is_message[index] = False
        owner, latest = self.owner, self.latest
        from_owner = [i for i, sender in enumerate(senders) if sender == owner] if owner is not None else []
        if system:
            sends = [i for i in from_owner if is_message[i]]
            received = [
                i for i, (s, m) in enumerate(zip(senders, is_message, strict=True)) if m and s != owner
            ]
        else:
            sends = from_owner
            received = [i for i, sender in enumerate(senders) if sender != owner]
        whens = [f"{d[:10]}T{d[11:19]}{WHOLE_SECONDS_UTC}" for d in dates]
        if sends:
            pick = itemgetter(*sends) if len(sends) > 1 else lambda column: (column[sends[0]],)
            send_contents = list(pick(contents))
            send_whens = list(pick(whens))
            if max(send_whens) > latest or not all(pick(stripped)) or max(map(len, send_contents)) > MAX_BODY:
                return False
            subjects = list(pick(columns[at.subject])) if at.subject is not None else [""] * len(sends)
            tos = list(pick(columns[at.to]))
            if (
                max(map(len, subjects)) > MAX_SUBJECT
                or not all(tos)
                or max(map(len, tos)) > MAX_RECIPIENT
                or not all(map(str.isprintable, tos))
                or "  " in "\x00".join(tos)
                or list(map(str.strip, tos)) != tos
            ):
                return False
            urls = list(pick(columns[at.recipients])) if at.recipients is not None else [""] * len(sends)
            if ";" in "".join(urls):
                return False
            conversations = list(pick(columns[at.conversation]))
            assert owner is not None  # sends are the owner's
            keys = list(map(linkedin_key, conversations, send_whens, repeat(owner), send_contents))
            if len(set(keys)) != len(keys) or not self.seen.isdisjoint(keys):
                return False

        # Nothing in the group needs the row-by-row path: record it.
        conversation_column = columns[at.conversation]
        for index in system:
            chunk.skipped[SYSTEM] += 1
            if is_response_notice(stripped[index]):
                self.notices.append((conversation_column[index], senders[index], dates[index]))
        if system:
            message_senders = [sender for sender, message in zip(senders, is_message, strict=True) if message]
            message_raws = [raw for raw, message in zip(raw_senders, is_message, strict=True) if message]
        else:
            message_senders, message_raws = senders, list(raw_senders)
        self.senders.update(message_senders)
        self.senders.pop("", None)
        new = {sender for sender in set(message_senders) if sender and sender not in self.shown_as}
        if new:
            for sender, raw in zip(message_senders, message_raws, strict=True):
                if sender in new and sender not in self.shown_as:
                    self.shown_as[sender] = raw.strip()
        if received:
            chunk.skipped[RECEIVED] += len(received)
            for index in received:
                self.received[conversation_column[index]].append(whens[index])
        if not sends:
            return True
        self.seen.update(keys)
        self.sends.extend(zip(conversations, send_whens, keys, strict=True))
        subjects = [text if text.isascii() else _repair(text, chunk) for text in subjects]
        channels = ["inmail" if text.strip() else "message" for text in subjects]
        chunk.channels.update(channels)
        tos = [text if text.isascii() else _repair(text, chunk) for text in tos]
        send_contents = [text if text.isascii() else _repair(text, chunk) for text in send_contents]
        urls = [url.strip() or None for url in urls]
        chunk.rows.extend(map(self._row, keys, tos, urls, channels, subjects, send_contents, send_whens))
        return True

    def last_chunk(self, me: str | None, lines_read: int) -> Chunk:
        """The sender check over the whole file and every send's response."""
        last = Chunk(last_line=lines_read)
        _final_sender(self.senders, self.shown_as, me, self.owner, last)
        if last.file_problem is not None or last.owner_was_wrong:
            return last
        received = self.received
        for conversation, sender, raw_date in self.notices:
            if sender and sender != self.owner:  # the recipient accepted or declined: a response
                when = _date_or_problem(raw_date)
                if not isinstance(when, ValueProblem):  # its date only dates a response
                    received[conversation].append(when)
        for dates in received.values():
            dates.sort()
        for conversation, sent, key in self.sends:
            replies = received.get(conversation)
            if replies:
                position = bisect.bisect_right(replies, sent)
                if position < len(replies):
                    last.replies[key] = replies[position]
        return last


def iter_linkedin(
    text: str,
    *,
    me: str | None,
    seat: str | None,
    now: datetime,
    has_bad_bytes: bool,
    owner: str | None = None,
    owner_known: bool = False,
) -> Iterator[Chunk]:
    """Read and validate LinkedIn's ``messages.csv`` a chunk at a time: the owner's sends, in file
    order, then (on the last chunk) the sender and every send's response.

    Without ``me`` the owner is taken to be ``owner`` when ``owner_known`` (``None``: nobody in the
    file), else it is guessed from the first chunk; the last chunk says if the whole file shows
    someone else, or nobody when two senders tie (``owner_was_wrong``: read it again with that
    ``owner``, known).
    """
    blocks = CsvBlocks(text)
    header_line, header_fields, why = read_header(blocks)
    if header_fields is None:
        yield Chunk(file_problem=Problem(header_line, why))
        return
    names = [normalise_header(n) for n in header_fields]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        problem = f"not LinkedIn's messages.csv header: missing {', '.join(missing)}"
        yield Chunk(file_problem=Problem(header_line, problem))
        return
    index = {name: names.index(name) for name in dict.fromkeys(names)}
    at = _Columns(
        *(index[c] for c in (CONVERSATION_ID, SENDER, TO, DATE, CONTENT)),
        *(
            index.get(c)
            for c in (CONVERSATION_TITLE, RECIPIENTS, SUBJECT, FOLDER, MESSAGE_DRAFT, CONVERSATION_DRAFT)
        ),
    )
    check_nul = "\x00" in text
    guess = me is None and not owner_known
    reader = _ExportReader(
        at,
        names,
        seat,
        encode_instant(now + MAX_FUTURE),
        normalise_profile_url(me) if me is not None else owner,
    )
    for group in record_groups(blocks, FIRST_CHUNK_ROWS, CHUNK_ROWS):
        if guess:
            reader.owner, guess = _guess_owner(group.records, at.sender, at.recipients, len(names)), False
        chunk = Chunk(rows_read=len(group.records))
        if has_bad_bytes or check_nul or not reader.by_columns(group, chunk):
            reader.row_by_row(group, chunk, has_bad_bytes, check_nul)
        yield chunk.finish(group.last_line)
    yield reader.last_chunk(me, blocks.lines_read)
