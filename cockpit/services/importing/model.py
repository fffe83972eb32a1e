"""What reading an import file produces: the rows to store, the rows skipped and the problems."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from cockpit.store.bulk import ImportRow

# Skip reasons (stable words: they appear in the summary and the audit entry's counts).
RECEIVED = "received"
DRAFT = "draft"
SYSTEM = "system"
NO_TEXT = "no text"

MAX_PROBLEM_VALUE = 40


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


@dataclass
class ReadResult:
    """The outcome of reading and validating a file; nothing is written yet.

    ``rows`` are the import rows to store (:data:`cockpit.store.bulk.IMPORT_FIELDS`): instants
    already as stored text, flags as 0/1/``None``.
    """

    format: str
    rows_read: int = 0
    rows: list[ImportRow] = field(default_factory=list)
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

    def reject(self, line: int, messages: list[str]) -> None:
        """Record a row that cannot be imported, with every problem found in it."""
        self.rejected_lines.add(line)
        self.problems.extend(Problem(line, m) for m in messages)

    @property
    def rejected(self) -> int:
        return len(self.rejected_lines)
