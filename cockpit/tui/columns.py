"""The message table's columns and how they fit a width (the countdown always left-most)."""

from __future__ import annotations

from dataclasses import dataclass

COUNTDOWN_WIDTH = 14  # "recalled 10:42"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its key, title, width and alignment."""

    key: str
    title: str
    width: int
    right: bool = False


_FIXED: tuple[Column, ...] = (
    Column("countdown", "LEFT", COUNTDOWN_WIDTH, right=True),
    Column("mark", "", 3),
    Column("id", "ID", 6, right=True),
    Column("status", "STATUS", 8),
    Column("recipient", "RECIPIENT", 18),
    Column("subject", "SUBJECT", 0),
    Column("channel", "CHANNEL·SEAT", 18),
    Column("credit", "CREDIT", 7),
    Column("risks", "RISKS", 22),
    Column("leaks", "LEAKS", 14),
)
_DROP_ORDER = ("leaks", "channel", "credit", "id", "recipient")
MIN_SUBJECT = 16


@dataclass(frozen=True, slots=True)
class Placed:
    """A column placed at ``x`` with its final width."""

    column: Column
    x: int
    width: int


def layout(width: int) -> list[Placed]:
    """Place the columns in ``width`` cells (one space between them); the subject takes the rest,
    and the least important columns are dropped when the terminal is narrow."""
    columns = list(_FIXED)
    for key in _DROP_ORDER:
        fixed = sum(c.width for c in columns) + len(columns) - 1
        if width - fixed >= MIN_SUBJECT:
            break
        columns = [c for c in columns if c.key != key]
    fixed = sum(c.width for c in columns) + len(columns) - 1
    subject_width = max(MIN_SUBJECT, width - fixed)
    placed: list[Placed] = []
    x = 0
    for column in columns:
        size = subject_width if column.key == "subject" else column.width
        placed.append(Placed(column, x, size))
        x += size + 1
    return placed
