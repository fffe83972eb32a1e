"""Formatting for the screen: safe data text, countdowns, money and local times.

Data (subjects, bodies, names, seats, batches, reasons, error text) only ever reaches a widget
through :func:`data` or :func:`data_text`, which pass it through the one safe-text function and wrap
it in ``Content`` so nothing in it is read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from textual.content import Content

from cockpit.domain.model import Phase
from cockpit.text import safe_text
from cockpit.zones import user_zone as user_zone  # the app asks this module for the zone

PHASE_STYLE = {
    Phase.OPEN: "$success",
    Phase.URGENT: "$warning",
    Phase.CRITICAL: "bold $error",
    Phase.CLOSED: "$text-muted",
}
SEVERITY_STYLE = {4: "bold $error", 3: "$error", 2: "$warning", 1: "$text-muted", 0: "$text-muted"}
SEVERITY_NAME = {4: "critical", 3: "high", 2: "medium", 1: "low", 0: "none"}
LEAK_LABELS = {
    "PUSH_PREVIEW": "push",
    "OPENED": "opened",
    "MOBILE_CACHE": "cache",
    "FORWARDED": "fwd",
}
CHANNEL_LABELS = {"inmail": "InMail", "message": "Msg", "connection_note": "Note", "sponsored": "Ad"}
CREDIT_LABELS = {"consumed": "used", "free": "free", "refunded": "refund", "": "…"}
MARKED_SYMBOL = "●"
ESCALATED_SYMBOL = "⚑"
COMMENTED_SYMBOL = "✎"
# what the table's symbols and short words mean (the key reference shows it)
TABLE_LEGEND: tuple[tuple[str, str], ...] = (
    (MARKED_SYMBOL, "marked (space, v, A): r then recalls every marked message at once"),
    (ESCALATED_SYMBOL, "escalated for counsel and not yet resolved or withdrawn (flag:escalated)"),
    (COMMENTED_SYMBOL, "has a reviewer's comment (flag:commented)"),
    ("used", "the send used an InMail credit (a recall never refunds it)"),
    ("free", "cost no credit: an open profile, a 1st-degree message, a connection note or an ad"),
    ("refund", "the credit came back: the recipient responded within the refund period"),
    ("…", "still being read or judged"),
    ("push", "LEAKS, what a recall cannot undo: the notification preview was shown"),
    ("opened", "the recipient opened it and saw the text"),
    ("cache", "a copy may stay cached on the recipient's phone (48 h)"),
    ("fwd", "the recipient forwarded it"),
    ("LEFT", "mm:ss left to recall (green; yellow under 15 min; red under 5), closed, no recall"),
    ("", "(an ad: pause the campaign) or recalled HH:MM"),
    ("RISKS", "risk codes, coloured by severity; +N more; - none found"),
)


def data_text(value: object, *, limit: int | None = None, multiline: bool = False) -> str:
    """Data as safe plain text (for places that take a plain string and do not parse markup)."""
    return safe_text(value, limit=limit, multiline=multiline)


def data(value: object, style: str = "", *, limit: int | None = None, multiline: bool = False) -> Content:
    """Data as literal, neutralised ``Content`` (never parsed as markup)."""
    text = safe_text(value, limit=limit, multiline=multiline)
    return Content.styled(text, style) if style else Content(text)


def clock_text(value: datetime, zone: tzinfo) -> str:
    """``15:00:03 CST`` in ``zone``."""
    local = value.astimezone(zone)
    return f"{local:%H:%M:%S} {local.tzname() or ''}".rstrip()


def when(value: datetime | None, zone: tzinfo, seconds: bool = False) -> str:
    """A date and time in ``zone``: ``2026-11-28 09:04 CST``."""
    if value is None:
        return "-"
    local = value.astimezone(zone)
    text = f"{local:%Y-%m-%d %H:%M:%S}" if seconds else f"{local:%Y-%m-%d %H:%M}"
    return f"{text} {local.tzname() or ''}".rstrip()


def hhmm(value: datetime, zone: tzinfo) -> str:
    """``10:42`` in ``zone``."""
    return f"{value.astimezone(zone):%H:%M}"


def mmss(seconds: int) -> str:
    """``mm:ss`` (minutes may exceed 59 for a window longer than an hour)."""
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes:02d}:{rest:02d}"


def money(amount: int) -> str:
    """``$21,235,200``."""
    return f"${amount:,}"


SPARK = "▁▂▃▄▅▆▇█"
SPARK_EMPTY = "·"


def sparkline(values: tuple[int, ...]) -> str:
    """One bar per slice, ``·`` for an empty one, bars one cell apart.

    Heights are in eighths of a cell, scaled to the largest slice: only the largest is a full
    block, any other non-zero slice gets at least one eighth.
    """
    peak = max(values, default=0)
    bars = [SPARK_EMPTY if v <= 0 else SPARK[max(1, v * 8 // peak) - 1] for v in values]
    return " ".join(bars)


def walk_title(batch_names: Sequence[str | None], count: int, marked: bool, filter_text: str) -> str:
    """How a walk over ``count`` messages is named: their batch, the marked ones, or the filter."""
    batches = {name for name in batch_names if name}
    if len(batches) == 1 and all(batch_names):
        what = f"batch {next(iter(batches))}"
    elif marked:
        what = "the marked messages"
    elif filter_text:
        what = f"filter {filter_text}"
    else:
        what = "every message shown"
    return f"{what} ({count:,} messages)"
