"""What reading an import file produces: the rows to store, the rows skipped and the problems."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter

from cockpit.store.import_rows import SENT_AT, ImportRow
from cockpit.store.instant_text import decode_instant

# Skip reasons (stable words: they appear in the summary and the audit entry's counts).
RECEIVED = "received"
DRAFT = "draft"
SYSTEM = "system"
NO_TEXT = "no text"

# What was made of the shapes real exports take (counted, named in the summary).
DELETED_MEMBER = "deleted member"  # a send whose recipient's account is gone (empty TO)
ATTACHMENT = "attachment only"  # a send with an attachment and no text
NOTICE = "notice"  # an accepted/declined notice recorded as a send's response

# A send's kind, from its conversation.
FIRST = "first"  # the owner's first message of a conversation the owner started
REPLY = "reply"  # in a conversation the other side started: free
FOLLOW_UP = "follow-up"  # a later message of a conversation the owner started

MAX_PROBLEM_VALUE = 40
_stored_sent_at = itemgetter(SENT_AT)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why one row (or the whole file) cannot be imported; ``line`` is where the row starts."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def shown(value: object) -> str:
    """A short quoted rendering of a bad value for a problem message (never a whole body)."""
    text = str(value)
    if len(text) > MAX_PROBLEM_VALUE:
        text = text[: MAX_PROBLEM_VALUE - 1] + "\u2026"
    return repr(text)


@dataclass(slots=True)
class Chunk:
    """A stretch of an import file, read and validated: its rows, in file order (laid out as
    :data:`cockpit.store.import_rows.IMPORT_FIELDS`), and its problems.

    ``newest`` is the largest stored ``sent_at`` text among ``rows``; ``last_line`` is the last
    line the stretch reached (for progress).
    """

    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected_lines: set[int] = field(default_factory=set)
    rows_read: int = 0
    repeated: int = 0
    last_line: int = 0
    newest: str | None = None
    file_problem: Problem | None = None
    skipped: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    repaired: int = 0
    unrepaired: int = 0
    shapes: Counter[str] = field(default_factory=Counter)
    attachments: dict[str, str] = field(default_factory=dict)  # key of a send -> its ATTACHMENTS
    # Set on the last chunk of a LinkedIn export only:
    kinds: dict[str, str] = field(default_factory=dict)  # key of a send -> its kind, when not FIRST
    channel_fixes: dict[str, str] = field(default_factory=dict)  # key -> channel, when it changed
    kind_counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    sender: str | None = None
    sender_guessed: bool = False
    replies: dict[str, str] = field(default_factory=dict)  # key of a send -> its response (stored text)
    owner_was_wrong: bool = False  # the sender guessed at the start was not the file's owner
    owner: str | None = None  # ... who is (None: nobody, on a tie; read the file again with this owner)

    def reject(self, line: int, messages: list[str]) -> None:
        """Record a row that cannot be imported, with every problem found in it."""
        self.rejected_lines.add(line)
        self.problems.extend(Problem(line, m) for m in messages)

    def finish(self, last_line: int) -> Chunk:
        """Note the last line reached and the newest send; returns the chunk."""
        self.last_line = last_line
        if self.rows:
            self.newest = max(map(_stored_sent_at, self.rows))
        return self


@dataclass
class ReadResult:
    """What reading a file found, chunk by chunk: its counts, problems and (for a LinkedIn export)
    sender and responses. The rows themselves go to the database as each chunk arrives."""

    format: str
    rows_read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    repeated: int = 0  # rows whose key appears earlier in the same file with the same content
    problems: list[Problem] = field(default_factory=list)
    rejected_lines: set[int] = field(default_factory=set)
    file_problem: Problem | None = None  # a problem with the file as a whole (header, sender)
    notes: list[str] = field(default_factory=list)
    sender: str | None = None
    sender_guessed: bool = False
    repaired: int = 0
    unrepaired: int = 0
    channels: Counter[str] = field(default_factory=Counter)
    newest_sent: datetime | None = None
    valid: int = 0  # rows that passed every check (repeats within the file not included)
    replies: dict[str, str] = field(default_factory=dict)
    owner_was_wrong: bool = False
    owner: str | None = None
    shapes: Counter[str] = field(default_factory=Counter)
    attachments: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    channel_fixes: dict[str, str] = field(default_factory=dict)
    kind_counts: Counter[str] = field(default_factory=Counter)

    def absorb(self, chunk: Chunk) -> None:
        """Add a chunk's counts and problems (not its rows)."""
        self.rows_read += chunk.rows_read
        self.repeated += chunk.repeated
        self.valid += len(chunk.rows)
        if chunk.problems:
            self.problems.extend(chunk.problems)
            self.rejected_lines.update(chunk.rejected_lines)
        if chunk.file_problem is not None and self.file_problem is None:
            self.file_problem = chunk.file_problem
        self.skipped.update(chunk.skipped)
        self.channels.update(chunk.channels)
        self.repaired += chunk.repaired
        self.unrepaired += chunk.unrepaired
        self.notes.extend(chunk.notes)
        if chunk.sender is not None:
            self.sender, self.sender_guessed = chunk.sender, chunk.sender_guessed
        self.replies.update(chunk.replies)
        if chunk.shapes:
            self.shapes.update(chunk.shapes)
        if chunk.attachments:
            self.attachments.update(chunk.attachments)
        if chunk.kinds or chunk.channel_fixes or chunk.kind_counts:
            self.kinds.update(chunk.kinds)
            self.channel_fixes.update(chunk.channel_fixes)
            self.kind_counts.update(chunk.kind_counts)
        if chunk.owner_was_wrong:
            self.owner_was_wrong, self.owner = True, chunk.owner
        if chunk.newest is not None:
            newest = decode_instant(chunk.newest)
            if self.newest_sent is None or newest > self.newest_sent:
                self.newest_sent = newest

    def reject(self, line: int, messages: list[str]) -> None:
        """Record a row that cannot be imported, with every problem found in it."""
        self.rejected_lines.add(line)
        self.problems.extend(Problem(line, m) for m in messages)

    @property
    def rejected(self) -> int:
        return len(self.rejected_lines)
