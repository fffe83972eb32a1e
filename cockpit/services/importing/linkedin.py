"""LinkedIn's ``messages.csv`` (from "Download your data"), every header variant.

Columns are matched by name: ``CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,
DATE, SUBJECT, CONTENT, FOLDER`` (2021), ``RECIPIENT PROFILE URLS`` after ``TO`` (2023),
``IS MESSAGE DRAFT, IS CONVERSATION DRAFT, ATTACHMENTS`` at the end (2024 onward); columns added
later are ignored. Exports from before 2021 have no profile URL columns (``CONVERSATION ID,
CONVERSATION TITLE, FROM, TO, DATE, SUBJECT, CONTENT, FOLDER``) or no conversation at all but a
``DIRECTION`` (``FROM, TO, DATE, SUBJECT, CONTENT, DIRECTION[, FOLDER]``).

The owner is on every row, as sender or recipient: that person is the owner (``--me``/``--me-name``
choose; several people on every row are told apart by how often each sent; a tie is refused).
Received messages, drafts and system rows are skipped and counted; a received message (or an
accepted/declined notice, whose sender is often empty) in the same conversation after a send is its
response. A send's channel comes from its conversation: the owner's first message of a conversation
the owner started is an InMail when it has a subject and one recipient; the owner's messages in a
conversation the other side started are replies (free messages); later messages in a conversation
the owner started are follow-ups.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress, repeat
from operator import itemgetter

from cockpit.services.importing.csvrows import (
    CsvBlocks,
    RecordGroup,
    read_header,
    record_groups,
    row_problems,
)
from cockpit.services.importing.model import (
    ATTACHMENT,
    DELETED_MEMBER,
    DRAFT,
    FOLLOW_UP,
    NO_TEXT,
    NOTICE,
    RECEIVED,
    REPLY,
    SYSTEM,
    Chunk,
    Problem,
)
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
ATTACHMENTS = "ATTACHMENTS"
DIRECTION = "DIRECTION"
REQUIRED_COLUMNS = (FROM, TO, DATE, CONTENT)
DELETED_RECIPIENT = "LinkedIn Member (deleted account)"
BEFORE_2021 = "this is a LinkedIn export from before 2021, which lacks the profile URL columns"
MAX_ATTACHMENT = 500
_RECIPIENT_SPLIT = re.compile("[,;]")

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
    content (for an attachment-only send, its attachment)."""
    joined = "\x1f".join([conversation.strip(), iso_z_of_stored(sent_text), sender, content])
    digest = hashlib.sha256(joined.encode()).hexdigest()
    return f"linkedin:{digest[:32]}"


def person_name(raw: str) -> str:
    """A name as compared: inner whitespace collapsed."""
    return " ".join(raw.split())


def names_in(to: str) -> list[str]:
    """The people named in a ``TO`` field (several are separated by commas)."""
    name = person_name(to)
    if "," not in name:
        return [name] if name else []
    return [part for part in map(person_name, name.split(",")) if part]


def recipient_urls(raw: str) -> list[str]:
    """Each recipient's profile URL (separated by ``,`` in real exports, ``;`` in some)."""
    return [url.strip() for url in _RECIPIENT_SPLIT.split(raw) if url.strip()]


def _recipient_name(to: str) -> str:
    name = " ".join(to.split())
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
DIRECTION_OWNER = "direction:OUTGOING"  # the owner of an export whose DIRECTION column tells


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


@dataclass
class _Columns:
    """Where each column is in the header (``None``: the column is absent)."""

    sender_name: int
    to: int
    date: int
    content: int
    conversation: int | None
    sender: int | None
    title: int | None
    recipients: int | None
    subject: int | None
    folder: int | None
    draft: int | None
    conversation_draft: int | None
    attachments: int | None
    direction: int | None

    @property
    def column_wise(self) -> bool:
        """Whether groups of this layout may be read column by column (2021 onward)."""
        return self.conversation is not None and self.sender is not None and self.direction is None


@dataclass
class _People:
    """Who the rows read so far name: on how many rows each person is (as sender or recipient,
    rows with a sender only), how many messages each profile sent, and under which names."""

    presence: Counter[str] = field(default_factory=Counter)
    considered: int = 0
    senders: Counter[str] = field(default_factory=Counter)
    name_keys: Counter[tuple[str, str]] = field(default_factory=Counter)
    shown_as: dict[str, str] = field(default_factory=dict)
    outgoing: Counter[str] = field(default_factory=Counter)  # FROM of OUTGOING rows (DIRECTION)
    # (name, profile) of lone recipients, counted for a first guess only: the first records of an
    # export (newest first) may hold only answers to the owner.
    recipient_keys: Counter[tuple[str, str]] = field(default_factory=Counter)
    names: dict[str, list[str]] = field(default_factory=dict)

    def names_of(self, to: str) -> list[str]:
        found = self.names.get(to)
        if found is None:
            found = self.names[to] = names_in(to)
        return found

    def count_row(self, sender_name: str, to: str) -> None:
        """Count the people on one row (a row without a sender, a notice, tells nothing)."""
        if sender_name:
            self.considered += 1
            self.presence.update(self.names_of(sender_name))
            self.presence.update(self.names_of(to))

    def count_rows(self, sender_names: tuple[str, ...], tos: tuple[str, ...]) -> None:
        """:meth:`count_row` for whole columns."""
        if "" in sender_names:
            tos = tuple(compress(tos, sender_names))
            sender_names = tuple(filter(None, sender_names))
        self.considered += len(sender_names)
        presence, names_of = self.presence, self.names_of
        for raw, count in Counter(sender_names).items():
            for name in names_of(raw):
                presence[name] += count
        for raw, count in Counter(tos).items():
            for name in names_of(raw):
                presence[name] += count

    def key_of(self, name: str) -> str | None:
        """The profile most often sending under ``name`` (``None``: it sent nothing)."""
        keys: Counter[str] = Counter()
        for (raw, key), count in self.name_keys.items():
            if person_name(raw) == name:
                keys[key] += count
        if not keys:
            keys.update({key: count for (who, key), count in self.recipient_keys.items() if who == name})
        return keys.most_common(1)[0][0] if keys else None

    def shown(self, key: str) -> str:
        return self.shown_as.get(key, key.removeprefix("name:"))


@dataclass
class _Owner:
    """Whose export it is: the sender key (``None``: cannot tell), why not, and how it was told."""

    key: str | None
    problem: str | None = None
    note: str | None = None
    guessed: bool = True


def _name_key(name: str) -> str:
    return f"name:{name}" if name else ""


def _decide_owner(people: _People, at: _Columns, me: str | None, me_name: str | None) -> _Owner:
    """The owner from what ``people`` saw: ``--me``/``--me-name`` when given, else the one person
    on every row; several such people are told apart by how many messages each sent."""
    before_2021 = at.sender is None
    if at.direction is not None:
        name = people.outgoing.most_common(1)[0][0] if people.outgoing else "nobody"
        return _Owner(
            DIRECTION_OWNER, note=f"owner {name}: the export's DIRECTION column tells", guessed=False
        )
    if me is not None:
        if before_2021:
            return _Owner(
                None, f"{BEFORE_2021}, so --me cannot be matched: name yourself with --me-name NAME"
            )
        wanted = normalise_profile_url(me)
        if wanted not in people.senders:
            top = ", ".join(people.shown(key) for key, _ in people.senders.most_common(3)) or "none"
            return _Owner(
                None,
                f"--me {me!r}: no message in this file was sent from that profile "
                f"(most frequent senders: {top})",
            )
        return _Owner(wanted, guessed=False)
    if me_name is not None:
        name = person_name(me_name)
        key = people.key_of(name) if name else None
        if key is None:
            top = ", ".join(people.shown(k) for k, _ in people.senders.most_common(3)) or "none"
            why = f"--me-name {me_name!r}: nobody of that name sent a message in this file"
            return _Owner(None, f"{why} (most frequent senders: {top})")
        return _Owner(key, guessed=False)
    everywhere = sorted(n for n, c in people.presence.items() if n and c >= people.considered > 0)
    keys = {name: people.key_of(name) or _name_key(name) for name in everywhere}
    if len(everywhere) == 1:
        key = keys[everywhere[0]]
        who = f"owner taken to be {people.shown(key)}, who is on every row of the file"
        return _Owner(key, note=f"{who} (as sender or recipient); pass {_choose(at)} to choose another")
    if everywhere:
        ranked = sorted(((people.senders[k], k) for k in keys.values()), reverse=True)
        candidates = ", ".join(f"{people.shown(k)} ({n:,} sent)" for n, k in ranked)
        if ranked[0][0] == ranked[1][0]:
            why = f"cannot tell whose export this is: {candidates} are each on every row"
            return _Owner(None, f"{why}; name yours with {_choose(at)}")
        key = ranked[0][1]
        who = f"owner taken to be {people.shown(key)}: of the people on every row ({candidates})"
        return _Owner(key, note=f"{who}, the one who sent most; pass {_choose(at)} to choose another")
    ranked_senders = people.senders.most_common(3)
    if not ranked_senders:
        return _Owner(None)
    if len(ranked_senders) > 1 and ranked_senders[0][1] == ranked_senders[1][1]:
        candidates = ", ".join(f"{people.shown(k)} ({n:,} sent)" for k, n in ranked_senders)
        why = "cannot tell whose export this is: nobody is on every row and the most frequent senders tie"
        why = f"{why} ({candidates})"
        return _Owner(None, f"{why}; name yours with {_choose(at)}")
    key, count = ranked_senders[0]
    total = sum(people.senders.values())
    who = f"owner taken to be {people.shown(key)}, the most frequent sender ({count:,} of {total:,} messages"
    return _Owner(key, note=f"{who}; nobody is on every row); pass {_choose(at)} to choose another")


def _choose(at: _Columns) -> str:
    return "--me-name NAME" if at.sender is None else "--me PROFILE_URL"


class _ExportReader:
    """The state of reading one export: the people seen, received dates by conversation, the sends
    kept (for their responses and channels), and the keys seen (for repeats)."""

    def __init__(
        self, at: _Columns, names: list[str], seat: str | None, latest: str, owner: str | None
    ) -> None:
        self.at = at
        self.names = names
        self.width = len(names)
        self.seat = seat
        self.latest = latest
        self.owner = owner
        self.people = _People()
        self.normalised: dict[str, str] = {}
        self.received: defaultdict[str, list[str]] = defaultdict(list)
        self.notices: list[tuple[str, str, str]] = []
        self.sends: list[tuple[str, str, str, str]] = []  # conversation, stored time, key, channel
        self.seen: set[str] = set()

    def _sender(self, raw: str) -> str:
        sender = self.normalised.get(raw)
        if sender is None:
            sender = self.normalised[raw] = normalise_profile_url(raw)
        return sender

    def _key(self, fields: list[str]) -> str:
        """Who sent a row: the profile URL in comparable form, or (before 2021) ``name:NAME``."""
        if self.at.sender is not None:
            return self._sender(fields[self.at.sender])
        return _name_key(person_name(fields[self.at.sender_name]))

    def _count_sender(self, sender: str, raw: str, name: str) -> None:
        people = self.people
        if sender:
            people.senders[sender] += 1
            people.name_keys[(name, sender)] += 1
            if sender not in people.shown_as:
                people.shown_as[sender] = raw.strip()

    def count_people(self, records: list[list[str]]) -> None:
        """Count who is on each well-formed record and who sent it (for a first guess)."""
        at = self.at
        for fields in records:
            if len(fields) != self.width:
                continue
            self.people.count_row(fields[at.sender_name], fields[at.to])
            if at.recipients is not None:
                urls, names = recipient_urls(fields[at.recipients]), names_in(fields[at.to])
                if len(urls) == 1 and len(names) == 1:
                    self.people.recipient_keys[(names[0], normalise_profile_url(urls[0]))] += 1
            if not is_system_text(fields[at.content]):
                raw = fields[at.sender] if at.sender is not None else fields[at.sender_name]
                self._count_sender(self._key(fields), raw, fields[at.sender_name])

    def _is_own(self, fields: list[str], sender: str) -> bool:
        at = self.at
        if at.direction is not None:
            return fields[at.direction].strip().upper() == "OUTGOING"
        return self.owner is not None and sender == self.owner

    def _conversation(self, fields: list[str], own: bool) -> str:
        at = self.at
        if at.conversation is not None:
            return fields[at.conversation]
        other = fields[at.to] if own else fields[at.sender_name]
        return f"with:{person_name(other)}"

    def row_by_row(self, group: RecordGroup, chunk: Chunk, has_bad_bytes: bool, check_nul: bool) -> None:
        """Read a group a row at a time, naming every problem with its line."""
        at = self.at
        pending: list[tuple[int, list[str]]] = []
        errors = group.errors
        people = self.people
        for position, fields in enumerate(group.records):
            error = errors[position] if errors is not None else None
            if error is not None or len(fields) != self.width or has_bad_bytes or check_nul:
                problems = row_problems(error, fields, self.names, has_bad_bytes, check_nul)
                if problems:
                    pending.append((position, problems))
                    continue
            name_raw, to_raw = fields[at.sender_name], fields[at.to]
            people.count_row(name_raw, to_raw)
            if _is_draft(fields, at.draft, at.conversation_draft, at.folder):
                chunk.skipped[DRAFT] += 1
                continue
            content = fields[at.content]
            sender = self._key(fields)
            own = self._is_own(fields, sender)
            if is_system_text(content):
                chunk.skipped[SYSTEM] += 1
                if is_response_notice(content):
                    self.notices.append((self._conversation(fields, own), sender, fields[at.date]))
                continue
            self._count_sender(sender, fields[at.sender] if at.sender is not None else name_raw, name_raw)
            if own and at.direction is not None:
                people.outgoing[person_name(name_raw)] += 1
            raw_date = fields[at.date]
            when = _date_or_problem(raw_date)
            if isinstance(when, ValueProblem):
                pending.append((position, [f"DATE: {when}"]))
                continue
            conversation = self._conversation(fields, own)
            if not own:
                chunk.skipped[RECEIVED] += 1
                self.received[conversation].append(when)
                continue
            problems = []
            if when > self.latest:
                problems.append(f"DATE: {raw_date.strip()[:40]!r} is more than a day in the future")
            attachment = ""
            if not content.strip():
                attachment = fields[at.attachments].strip() if at.attachments is not None else ""
                if not attachment and not problems:
                    chunk.skipped[NO_TEXT] += 1
                    continue
                if len(attachment) > MAX_ATTACHMENT:
                    problems.append(f"ATTACHMENTS: longer than {MAX_ATTACHMENT:,} characters")
            elif len(content) > MAX_BODY:
                problems.append(f"CONTENT: longer than {MAX_BODY:,} characters ({len(content):,})")
            subject = fields[at.subject] if at.subject is not None else ""
            if len(subject) > MAX_SUBJECT:
                problems.append(f"SUBJECT: longer than {MAX_SUBJECT:,} characters")
            recipient = _recipient_name(to_raw)
            if not recipient and person_name(to_raw):
                problems.append(f"TO: longer than {MAX_RECIPIENT:,} characters")
            if problems:
                pending.append((position, problems))
                continue
            key = linkedin_key(conversation, when, sender, content or f"\x1eattachment:{attachment}")
            if key in self.seen:
                chunk.repeated += 1
                continue
            self.seen.add(key)
            if not recipient:
                recipient = DELETED_RECIPIENT
                chunk.shapes[DELETED_MEMBER] += 1
            if attachment:
                chunk.attachments[key] = attachment
                chunk.shapes[ATTACHMENT] += 1
            urls = recipient_urls(fields[at.recipients]) if at.recipients is not None else []
            subject = _repair(subject, chunk)
            several = len(urls) > 1 or len(names_in(to_raw)) > 1
            channel = "message" if several or not subject.strip() else "inmail"
            self.sends.append((conversation, when, key, channel))
            chunk.rows.append(
                self._row(key, _repair(recipient, chunk), ";".join(urls) or None, channel, subject,
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
        if not at.column_wise or group.errors is not None or set(map(len, records)) != {self.width}:
            return False
        assert at.conversation is not None and at.sender is not None
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
                or "," in "".join(tos)
                or list(map(str.strip, tos)) != tos
            ):
                return False
            urls = list(pick(columns[at.recipients])) if at.recipients is not None else [""] * len(sends)
            joined = "".join(urls)
            if ";" in joined or "," in joined or list(map(str.strip, urls)) != urls:
                return False
            conversations = list(pick(columns[at.conversation]))
            assert owner is not None  # sends are the owner's
            keys = list(map(linkedin_key, conversations, send_whens, repeat(owner), send_contents))
            if len(set(keys)) != len(keys) or not self.seen.isdisjoint(keys):
                return False

        # Nothing in the group needs the row-by-row path: record it.
        people = self.people
        sender_names = columns[at.sender_name]
        people.count_rows(sender_names, columns[at.to])
        conversation_column = columns[at.conversation]
        for index in system:
            chunk.skipped[SYSTEM] += 1
            if is_response_notice(stripped[index]):
                self.notices.append((conversation_column[index], senders[index], dates[index]))
        if system:
            message_senders = [sender for sender, message in zip(senders, is_message, strict=True) if message]
            message_raws = [raw for raw, message in zip(raw_senders, is_message, strict=True) if message]
            message_names = [n for n, message in zip(sender_names, is_message, strict=True) if message]
        else:
            message_senders, message_raws, message_names = senders, list(raw_senders), list(sender_names)
        people.senders.update(message_senders)
        people.senders.pop("", None)
        named = compress(message_names, message_senders)
        people.name_keys.update(zip(named, filter(None, message_senders), strict=False))
        shown_as = people.shown_as
        new = {sender for sender in set(message_senders) if sender and sender not in shown_as}
        if new:
            for sender, raw in zip(message_senders, message_raws, strict=True):
                if sender in new and sender not in shown_as:
                    shown_as[sender] = raw.strip()
        if received:
            chunk.skipped[RECEIVED] += len(received)
            for index in received:
                self.received[conversation_column[index]].append(whens[index])
        if not sends:
            return True
        self.seen.update(keys)
        subjects = [text if text.isascii() else _repair(text, chunk) for text in subjects]
        channels = ["inmail" if text.strip() else "message" for text in subjects]
        self.sends.extend(zip(conversations, send_whens, keys, channels, strict=True))
        tos = [text if text.isascii() else _repair(text, chunk) for text in tos]
        send_contents = [text if text.isascii() else _repair(text, chunk) for text in send_contents]
        stored_urls = [url or None for url in urls]
        chunk.rows.extend(
            map(self._row, keys, tos, stored_urls, channels, subjects, send_contents, send_whens)
        )
        return True

    def last_chunk(self, me: str | None, me_name: str | None, lines_read: int, followups_cost: bool) -> Chunk:
        """The owner check over the whole file, every send's response and every send's kind."""
        last = Chunk(last_line=lines_read)
        decided = _decide_owner(self.people, self.at, me, me_name)
        chosen = me is not None or me_name is not None
        if decided.key != self.owner and not (chosen and decided.problem is not None):
            last.owner_was_wrong, last.owner = True, decided.key
            return last
        if decided.problem is not None or decided.key is None:
            if decided.problem is not None:
                prefix = (
                    f"{BEFORE_2021}; "
                    if self.at.sender is None and "before 2021" not in decided.problem
                    else ""
                )
                last.file_problem = Problem(1, prefix + decided.problem)
            return last
        if decided.key == DIRECTION_OWNER:
            outgoing = self.people.outgoing.most_common(1)
            last.sender = outgoing[0][0] if outgoing else None
        else:
            last.sender = self.people.shown(decided.key)
        last.sender_guessed = decided.guessed
        if decided.note is not None:
            last.notes.append(decided.note)
        self._responses_and_kinds(last, followups_cost)
        return last

    def _responses_and_kinds(self, last: Chunk, followups_cost: bool) -> None:
        opened_by_other = {conversation: min(dates) for conversation, dates in self.received.items()}
        answers = self.received
        notice_dates: set[tuple[str, str]] = set()
        for conversation, sender, raw_date in self.notices:
            if sender != self.owner:  # the recipient accepted or declined (often no sender): a response
                when = _date_or_problem(raw_date)
                if not isinstance(when, ValueProblem):  # its date only dates a response
                    answers[conversation].append(when)
                    notice_dates.add((conversation, when))
        for dates in answers.values():
            dates.sort()
        first_own: dict[str, str] = {}
        for conversation, sent, _, _ in self.sends:
            known = first_own.get(conversation)
            if known is None or sent < known:
                first_own[conversation] = sent
        opener_inmail = {
            c for c, sent, _, channel in self.sends if channel == "inmail" and sent == first_own[c]
        }
        labels: list[str] = []
        finals: list[str] = []
        replies_found, kinds, fixes = last.replies, last.kinds, last.channel_fixes
        notices = 0
        for conversation, sent, key, channel in self.sends:
            replies = answers.get(conversation)
            if replies:
                position = bisect.bisect_right(replies, sent)
                if position < len(replies):
                    replies_found[key] = replies[position]
                    if notice_dates and (conversation, replies[position]) in notice_dates:
                        notices += 1
            opened = first_own[conversation]
            other = opened_by_other.get(conversation)
            if other is not None and other < opened:
                kinds[key], final, label = REPLY, "message", REPLY
            elif sent == opened:
                final, label = channel, "InMail" if channel == "inmail" else "first message"
            else:
                before = replies or []
                answered = bisect.bisect_left(before, sent) > bisect.bisect_left(before, opened)
                costs = followups_cost and conversation in opener_inmail and not answered
                final = "inmail" if costs else "message"
                kinds[key], label = FOLLOW_UP, "follow-up, InMail" if costs else FOLLOW_UP
            if final != channel:
                fixes[key] = final
            finals.append(final)
            labels.append(label)
        last.channels.update(finals)
        last.kind_counts.update(labels)
        if notices:
            last.shapes[NOTICE] += notices


def iter_linkedin(
    text: str,
    *,
    me: str | None,
    seat: str | None,
    now: datetime,
    has_bad_bytes: bool,
    owner: str | None = None,
    owner_known: bool = False,
    me_name: str | None = None,
    followups_cost: bool = True,
) -> Iterator[Chunk]:
    """Read and validate LinkedIn's ``messages.csv`` a chunk at a time: the owner's sends, in file
    order, then (on the last chunk) the owner, every send's response and the channel fixes.

    Without ``me``/``me_name`` the owner is taken to be ``owner`` when ``owner_known`` (``None``:
    nobody in the file), else it is guessed from the first chunk; the last chunk says if the whole
    file shows someone else, or nobody when it cannot tell (``owner_was_wrong``: read it again with
    that ``owner``, known). ``followups_cost``: whether an unanswered follow-up to an InMail costs a
    credit (it is then stored as an InMail).
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
        *(index[c] for c in (FROM, TO, DATE, CONTENT)),
        *(
            index.get(c)
            for c in (
                CONVERSATION_ID,
                SENDER,
                CONVERSATION_TITLE,
                RECIPIENTS,
                SUBJECT,
                FOLDER,
                MESSAGE_DRAFT,
                CONVERSATION_DRAFT,
                ATTACHMENTS,
                DIRECTION,
            )
        ),
    )
    check_nul = "\x00" in text
    if at.direction is not None:
        owner, owner_known = DIRECTION_OWNER, True
    elif me is not None and at.sender is not None:
        owner, owner_known = normalise_profile_url(me), True
    elif me_name is not None and at.sender is None:
        owner, owner_known = _name_key(person_name(me_name)), True
    elif me is not None:  # --me on an export without profile URLs: nobody's; the last chunk says why
        owner, owner_known = None, True
    guess = not owner_known
    reader = _ExportReader(at, names, seat, encode_instant(now + MAX_FUTURE), owner)
    for group in record_groups(blocks, FIRST_CHUNK_ROWS, CHUNK_ROWS):
        if guess:
            probe = _ExportReader(at, names, seat, reader.latest, None)
            probe.count_people(group.records)
            reader.owner, guess = _decide_owner(probe.people, at, None, me_name).key, False
        chunk = Chunk(rows_read=len(group.records))
        if has_bad_bytes or check_nul or not reader.by_columns(group, chunk):
            reader.row_by_row(group, chunk, has_bad_bytes, check_nul)
        yield chunk.finish(group.last_line)
    yield reader.last_chunk(me, me_name, blocks.lines_read, followups_cost)
