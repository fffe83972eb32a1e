"""The title line (sort, filter, marks) and the summary bar (clock, counts, credits, exposure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from textual.content import Content
from textual.widgets import Static

from cockpit.domain.credits import SeatLedger
from cockpit.live.summary import LiveCounts
from cockpit.live.view import SORTS
from cockpit.tui.format import clock_text, data, money, sparkline

SEP = Content.styled(" │ ", "$text-muted")


@dataclass(frozen=True, slots=True)
class HeaderState:
    """What the title line shows."""

    sort: str
    filter_text: str
    shown: int
    total: int
    marked: int
    loading: str
    pending_filter: int = 0
    not_live_since: str = ""  # HH:MM when other cockpits' changes stopped arriving live


class HeaderBar(Static):
    """Title, sort, active filter, rows shown and marks."""

    _shown: HeaderState | None = None

    def show(self, state: HeaderState) -> None:
        """Redraw from ``state`` (nothing to do when it did not change)."""
        if state == self._shown:
            return
        self._shown = state
        description = next((s.description for s in SORTS if s.name == state.sort), "")
        parts: list[Content] = [
            Content.styled("Recall Cockpit", "bold"),
            SEP,
            Content.assemble(
                ("sort: ", "$text-muted"), (state.sort, "bold $accent"), (f" ({description})", "$text-muted")
            ),
        ]
        if state.not_live_since:  # first after the title: the one thing that must not be cut off
            not_live = f"not live since {state.not_live_since}, reconnecting"
            parts[1:1] = [SEP, Content.styled(not_live, "bold $error")]
        if state.filter_text:
            parts += [
                SEP,
                Content.assemble(
                    ("filter: ", "$text-muted"), data(state.filter_text, "bold $warning", limit=60)
                ),
            ]
            parts.append(Content.styled(f"  {state.shown:,} of {state.total:,} shown", "$text-muted"))
            if state.pending_filter:
                parts.append(Content.styled(f" ({state.pending_filter:,} not assessed yet)", "$text-muted"))
        else:
            parts += [SEP, Content.styled(f"{state.total:,} messages", "$text-muted")]
        if state.marked:
            parts += [SEP, Content.styled(f"{state.marked:,} marked", "bold $secondary")]
        if state.loading:
            parts += [SEP, Content.styled(state.loading, "italic $text-muted")]
        self.update(Content("").join(parts))


class ClockFace(Static):
    """The time and date in the user's zone (the only part of the bars that changes every second)."""

    def show(self, now: datetime, zone: tzinfo) -> None:
        """Redraw for ``now``."""
        local = now.astimezone(zone)
        self.update(
            Content.assemble((clock_text(now, zone), "bold"), "\n", (f"{local:%a %d %b}", "$text-muted")),
            layout=False,
        )


@dataclass(frozen=True, slots=True)
class SummaryState:
    """What the summary bar shows."""

    counts: LiveCounts
    credits: tuple[SeatLedger, ...]
    exposure_usd: int
    unassessed: int
    total: int


class SummaryBar(Static):
    """Windows by phase, statuses, closing soon, next hour, credits, exposure."""

    _shown: SummaryState | None = None

    def show(self, state: SummaryState) -> None:
        """Redraw from ``state`` (nothing to do when it did not change)."""
        if state == self._shown:
            return
        self._shown = state
        c = state.counts
        open_, urgent, critical, closed = c.phases
        line1: list[Content] = [
            Content.assemble(
                ("windows ", "$text-muted"),
                (f"{open_} open", "$success"),
                "  ",
                (f"{urgent} urgent", "$warning"),
                "  ",
                (f"{critical} critical", "bold $error" if critical else "$text-muted"),
                "  ",
                (f"{closed} closed", "$text-muted"),
                "  " if c.no_window else "",
                (f"{c.no_window} no recall" if c.no_window else "", "$text-muted"),
            ),
            SEP,
            Content.assemble(
                (f"{c.status('sent')} sent", ""),
                "  ",
                (f"{c.status('edited')} edited", "$text-muted"),
                "  ",
                (f"{c.status('recalled')} recalled", "$text-muted"),
            ),
            SEP,
            Content.styled(
                f"⚠ {c.closing_soon} close within 5 min" if c.closing_soon else "none close within 5 min",
                "bold $error" if c.closing_soon else "$text-muted",
            ),
        ]
        credits: list[Content] = [Content.styled("credits left ", "$text-muted")]
        for index, seat in enumerate(state.credits):
            if index:
                credits.append(Content("  "))
            style = (
                "$error"
                if seat.remaining <= 0
                else ("$warning" if seat.remaining < seat.allowance // 10 else "")
            )
            credits.append(data(seat.seat, limit=24))
            credits.append(Content.styled(f" {seat.remaining}/{seat.allowance}", style))
        if not state.credits:
            credits.append(Content.styled("no seats registered", "$text-muted"))
        assessed = state.total - state.unassessed
        progress = f"assessing risks {assessed:,}/{state.total:,}" if state.unassessed else ""
        line2: list[Content] = [
            Content.assemble(("next hour ", "$text-muted"), (sparkline(c.sparkline), "$warning")),
            SEP,
            Content("").join(credits),
            SEP,
            Content.assemble(
                ("max exposure ", "$text-muted"),
                (money(state.exposure_usd), "bold $error" if state.exposure_usd else ""),
                (" (recall can't reduce it)", "$text-muted"),
            ),
        ]
        if progress:
            line2 += [SEP, Content.styled(progress, "italic $text-muted")]
        self.update(Content("\n").join([Content("").join(line1), Content("").join(line2)]))
