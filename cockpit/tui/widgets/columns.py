"""The message table's columns and how they fit a width (the countdown always left-most)."""

from __future__ import annotations

from dataclasses import dataclass

COUNTDOWN_WIDTH = 14  # "recalled 10:42"
MIN_SUBJECT = 14


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its key, title, natural width, narrowest width, share of spare width, alignment.

    ``grow`` is the column's share of the width left once every column has its natural width;
    ``most`` caps how wide a growing column gets (0: no cap).
    """

    key: str
    title: str
    width: int
    least: int = 0
    grow: int = 0
    most: int = 0
    right: bool = False

    @property
    def narrowest(self) -> int:
        """The width the column is never squeezed below."""
        return self.least or self.width


_COLUMNS: tuple[Column, ...] = (
    Column("countdown", "LEFT", COUNTDOWN_WIDTH, right=True),
    Column("mark", "", 3),
    Column("id", "ID", 6, least=5, right=True),
    Column("status", "STATUS", 8),
    Column("recipient", "RECIPIENT", 18, least=12, grow=2, most=32),
    Column("subject", "SUBJECT", 40, least=MIN_SUBJECT, grow=4),
    Column("channel", "CHANNEL·SEAT", 18, least=16, grow=1, most=28),
    Column("batch", "BATCH", 14, least=8, grow=1, most=24),
    Column("credit", "CREDIT", 7, least=6),
    Column("risks", "RISKS", 22, least=12, grow=2, most=40),
    Column("leaks", "LEAKS", 14, least=12, grow=1, most=24),
)
# dropped first to last while the narrowest widths do not fit; the countdown, mark, id, status and
# recipient columns always stay. The side columns go before the subject is squeezed below
# ``ROOMY_SUBJECT``; the subject and risks only when even their narrowest widths do not fit.
_DROP_ORDER = ("leaks", "batch", "channel", "credit", "subject", "risks")
_SIDE_COLUMNS = ("leaks", "batch", "channel", "credit")
ROOMY_SUBJECT = 24
# who gets back width first, and up to what, between the narrowest and the natural widths
_WIDEN_ORDER: tuple[tuple[str, int], ...] = (
    ("id", 6),
    ("subject", ROOMY_SUBJECT),
    ("recipient", 18),
    ("risks", 22),
    ("batch", 14),
    ("subject", 40),
    ("credit", 7),
    ("channel", 18),
    ("leaks", 14),
)


@dataclass(frozen=True, slots=True)
class Placed:
    """A column placed at ``x`` with its final width."""

    column: Column
    x: int
    width: int


def _needed(columns: list[Column], widths: dict[str, int]) -> int:
    return sum(widths[c.key] for c in columns) + len(columns) - 1


def layout(width: int) -> list[Placed]:
    """Place the columns in ``width`` cells (one space between them).

    When the narrowest widths do not fit, the least important columns are dropped (never the
    countdown, id, status or recipient); columns then widen back towards their natural width in
    order of importance, and what is left beyond that is shared between the growing columns
    (recipient, subject, risks, channel, batch, leaks) in proportion to their ``grow``.
    """
    columns = list(_COLUMNS)
    for key in _DROP_ORDER:
        room = ROOMY_SUBJECT - MIN_SUBJECT if key in _SIDE_COLUMNS else 0
        if sum(c.narrowest for c in columns) + len(columns) - 1 + room <= width:
            break
        columns = [c for c in columns if c.key != key]
    widths = {c.key: c.narrowest for c in columns}
    spare = width - _needed(columns, widths)
    kept = {c.key for c in columns}
    for key, target in _WIDEN_ORDER:
        if key not in kept or spare <= 0:
            continue
        extra = max(0, min(spare, target - widths[key]))
        widths[key] += extra
        spare -= extra
    while spare > 0:
        growing = [c for c in columns if c.grow and (not c.most or widths[c.key] < c.most)]
        if not growing:
            break
        total = sum(c.grow for c in growing)
        given = 0
        for column in growing:
            share = spare * column.grow // total
            if column.most:
                share = min(share, column.most - widths[column.key])
            widths[column.key] += share
            given += share
        if given == 0:  # less left than there are shares: one cell each, most important first
            for column in growing[:spare]:
                widths[column.key] += 1
                given += 1
        spare -= given
    placed: list[Placed] = []
    x = 0
    for column in columns:
        placed.append(Placed(column, x, widths[column.key]))
        x += widths[column.key] + 1
    return placed
