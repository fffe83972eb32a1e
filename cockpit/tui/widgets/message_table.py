"""The message table: a virtualised Line-API widget over the rows a ``LiveModel`` shows.

Only the lines on screen are drawn. Each line is the countdown (computed from the deadline and the
clock every time it is drawn) followed by the rest of the row, which is cached until the row
changes; the once-a-second tick refreshes only the countdown cells of the visible lines.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, tzinfo
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cockpit.clock import UNREADABLE_INSTANT
from cockpit.domain.model import Phase
from cockpit.domain.window import window_state
from cockpit.live.columns import epoch_us, from_epoch_us
from cockpit.live.model import LineState, LiveModel, RowFacts
from cockpit.text import safe_text
from cockpit.tui.format import (
    CHANNEL_LABELS,
    COMMENTED_SYMBOL,
    CREDIT_LABELS,
    ESCALATED_SYMBOL,
    LEAK_LABELS,
    MARKED_SYMBOL,
    hhmm,
    mmss,
)
from cockpit.tui.widgets.columns import COUNTDOWN_WIDTH, Placed, layout

_PHASE_CLASS = {
    Phase.OPEN: "message-table--open",
    Phase.URGENT: "message-table--urgent",
    Phase.CRITICAL: "message-table--critical",
    Phase.CLOSED: "message-table--closed",
}
_SEVERITY_CLASS = {
    4: "message-table--sev-critical",
    3: "message-table--sev-high",
    2: "message-table--sev-medium",
    1: "message-table--sev-low",
    0: "message-table--muted",
}
_UNREADABLE_US = epoch_us(UNREADABLE_INSTANT)  # a stored time that did not read (flagged, never a crash)
# styles drawn as a solid badge on the cursor row (their colour on the cursor's background is unreadable)
_BADGES = frozenset(
    {
        "message-table--sev-critical",
        "message-table--sev-high",
        "message-table--sev-medium",
        "message-table--critical",
    }
)


class MessageTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Every message in the current view, one line each, with a cursor and marks."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "message-table--cursor",
        "message-table--marked",
        "message-table--open",
        "message-table--urgent",
        "message-table--critical",
        "message-table--closed",
        "message-table--recalled",
        "message-table--edited",
        "message-table--sev-critical",
        "message-table--sev-high",
        "message-table--sev-medium",
        "message-table--sev-low",
        "message-table--muted",
        "message-table--mark",
        "message-table--header",
        "message-table--warning",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "edge(0)", "First row", show=False),
        Binding("end,G", "edge(1)", "Last row", show=False),
    ]

    class CursorMoved(Message):
        """The cursor moved to another message (or the rows under it changed)."""

    def __init__(
        self, model: LiveModel, clock: Callable[[], datetime], zone: tzinfo, **kwargs: object
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.model = model
        self.clock = clock
        self.zone = zone
        self.cursor = 0
        self.marks: set[int] = set()
        self.mark_anchor: int | None = None
        self._cursor_id: int | None = None
        self.user_moved = False  # until the user moves, the cursor stays on the top row
        self._placed: list[Placed] = layout(120)
        self._cache: dict[tuple[object, ...], Strip] = {}
        self._style_generation = 0
        self._base: Style | None = None

    # -- rows and cursor ----------------------------------------------------------------------

    @property
    def shown(self) -> int:
        """How many rows the model shows."""
        return self.model.shown

    def current_row(self) -> int | None:
        """The row under the cursor, or None when the view is empty."""
        return self.model.row_at(self.cursor)

    def current_id(self) -> int | None:
        """The message id under the cursor."""
        row = self.current_row()
        return self.model.id_of(row) if row is not None else None

    @property
    def body_height(self) -> int:
        """Lines available for rows (the first line is the column header)."""
        return max(1, self.size.height - 1)

    def visible_rows(self) -> list[int]:
        """The rows on screen now."""
        return self.model.page(int(self.scroll_offset.y), self.body_height)

    def rows_changed(self, keep_screen_line: bool = True, changed: Collection[int] = ()) -> None:
        """The view changed (order, filter, rows): redraw and place the cursor.

        - A cursor on the first row (or never moved) stays on the first row: the most urgent
          message is always in sight.
        - When the cursor's own message changed (``changed`` rows) the cursor stays at its
          position, on the next message, which is what working down a list needs.
        - Otherwise the cursor follows its message while it is still shown; on the first screen
          (not scrolled away) only while that keeps the first rows in sight; else it goes to the top.

        ``keep_screen_line`` keeps a followed message on the same screen line when the user had
        scrolled away (a live update); without it the view scrolls just enough to show the cursor.
        """
        model = self.model
        shown = model.shown
        top = int(self.scroll_offset.y)
        line = self.cursor - top
        height = self.body_height
        last = max(0, shown - 1)
        row = model.row_of(self._cursor_id) if self._cursor_id is not None else None
        position = 0
        if not self.user_moved or self.cursor == 0 or row is None:
            position = 0
        elif row in changed:
            position = min(self.cursor, last)
        else:
            at = self.cursor if model.row_at(self.cursor) == row else model.position_of(row)
            if at is not None and (top > 0 or at < height):
                position = at
        self.cursor = position
        self._cache.clear()
        self.virtual_size = Size(self.size.width, shown + 1)
        if position == 0 or (top == 0 and position < height):
            new_top = 0
        elif keep_screen_line and 0 <= line < height:
            new_top = max(0, position - line)
        else:
            new_top = top
        if new_top != top:
            self.scroll_to(y=new_top, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self._cursor_changed()
        self.refresh()

    def move_to(self, position: int) -> None:
        """Put the cursor on view position ``position`` (clamped)."""
        shown = self.shown
        if not shown:
            self.cursor = 0
            self._cursor_changed()
            return
        old = self.cursor
        self.cursor = max(0, min(shown - 1, position))
        self._scroll_cursor_into_view()
        self._refresh_position(old)
        self._refresh_position(self.cursor)
        self._cursor_changed()

    def _cursor_changed(self) -> None:
        current = self.current_id()
        if current != self._cursor_id:
            self._cursor_id = current
        self.post_message(self.CursorMoved())

    def _scroll_cursor_into_view(self) -> None:
        height = self.body_height
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _refresh_position(self, position: int) -> None:
        line = position - int(self.scroll_offset.y)
        if 0 <= line < self.body_height:
            self.refresh(Region(0, line + 1, self.size.width, 1))

    def refresh_rows(self, rows: list[int]) -> None:
        """Redraw these rows if they are on screen."""
        if not rows:
            return
        wanted = set(rows)
        for line, row in enumerate(self.visible_rows()):
            if row in wanted:
                self.refresh(Region(0, line + 1, self.size.width, 1))

    def refresh_countdowns(self) -> None:
        """Redraw only the countdown cells of the visible lines (the once-a-second tick)."""
        self.refresh(Region(0, 1, COUNTDOWN_WIDTH, self.body_height))

    # -- actions ------------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        """Move the cursor by ``step`` lines."""
        self.user_moved = True
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.user_moved = True
        self.move_to(self.cursor + direction * max(1, self.body_height - 1))

    def action_edge(self, end: int) -> None:
        """Move the cursor to the first or last row."""
        self.user_moved = True
        self.move_to(self.shown - 1 if end else 0)

    def on_click(self, event: events.Click) -> None:
        """Clicking a line puts the cursor on it."""
        if event.y >= 1:
            self.user_moved = True
            self.move_to(int(self.scroll_offset.y) + event.y - 1)

    def on_resize(self, event: events.Resize) -> None:
        """Fit the columns to the new width."""
        self._placed = layout(event.size.width)
        self._cache.clear()
        self.virtual_size = Size(event.size.width, self.shown + 1)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._refresh_position(self.cursor)

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self._refresh_position(self.cursor)

    def notify_style_update(self) -> None:
        """The theme changed: cached lines are stale."""
        super().notify_style_update()
        self._cache.clear()
        self._base = None
        self._style_generation += 1

    @property
    def placed(self) -> list[Placed]:
        """The current column layout."""
        return self._placed

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` of the visible area."""
        width = self.size.width
        if self._base is None:
            self._base = self.rich_style
        base = self._base
        if y == 0:
            return self._header(width, base)
        index = int(self.scroll_offset.y) + y - 1
        row = self.model.row_at(index)
        if row is None:
            return Strip.blank(width, base)
        state = self.model.line_state(row)
        marked = state.message_id in self.marks
        is_cursor = index == self.cursor
        if is_cursor:
            base = base + self.get_component_rich_style("message-table--cursor", partial=True)
        elif marked:
            base = base + self.get_component_rich_style("message-table--marked", partial=True)
        countdown = self._countdown(state, base, is_cursor)
        focus = is_cursor and self.has_focus
        key = (row, *state[1:], marked, is_cursor, focus, width, self._style_generation)
        rest = self._cache.get(key)
        if rest is None:
            if len(self._cache) > 4 * max(10, self.size.height):
                self._cache.clear()
            rest = self._rest(self.model.facts(row), base, marked, width, is_cursor)
            self._cache[key] = rest
        return Strip.join([countdown, rest])

    def _header(self, width: int, base: Style) -> Strip:
        style = self._style("message-table--header", base)
        segments: list[Segment] = []
        used = 0
        for placed in self._placed:
            if placed.x > used:
                segments.append(Segment(" " * (placed.x - used), style))
            title = placed.column.title
            cell = title.rjust(placed.width) if placed.column.right else title.ljust(placed.width)
            segments.append(Segment(cell[: placed.width], style))
            used = placed.x + placed.width
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments).crop(0, width)

    def _style(self, name: str, base: Style) -> Style:
        return base + self.get_component_rich_style(name, partial=True)

    def _badge(self, name: str, base: Style, on_cursor: bool) -> Style:
        """``name``'s style; on the cursor row a severity or critical colour becomes a solid badge
        of that colour with the theme's contrasting text, readable whatever the cursor's colour."""
        if not on_cursor or name not in _BADGES:
            return self._style(name, base)
        colour = self.background_colors[1] + self.get_component_styles(name).color
        text = colour.get_contrast_text(1.0)
        return base + Style(color=text.rich_color, bgcolor=colour.rich_color, bold=True, reverse=False)

    def _countdown(self, facts: LineState, base: Style, is_cursor: bool = False) -> Strip:
        status = facts.status
        if facts.sent_at_us == _UNREADABLE_US or facts.recalled_at_us == _UNREADABLE_US:
            text, style = "⚠ bad time", self._style("message-table--warning", base)
        elif status == "recalled" and facts.recalled_at_us:
            text = f"recalled {hhmm(from_epoch_us(facts.recalled_at_us), self.zone)}"
            style = self._style("message-table--recalled", base)
        elif not facts.recallable:
            text, style = "no recall", self._style("message-table--muted", base)
        else:
            state = window_state(from_epoch_us(facts.sent_at_us), self.clock(), self.model.window)
            if state.seconds_left:
                text = mmss(state.seconds_left) + (" ⚠ future" if state.sent_in_future else "")
                style = self._badge(_PHASE_CLASS[state.phase], base, is_cursor)
            elif status == "edited":
                text, style = "edited", self._style("message-table--edited", base)
            else:
                text, style = "closed", self._style("message-table--closed", base)
        cell = text.rjust(COUNTDOWN_WIDTH)[:COUNTDOWN_WIDTH]
        return Strip([Segment(cell, style)], COUNTDOWN_WIDTH)

    def _rest(self, facts: RowFacts, base: Style, marked: bool, width: int, is_cursor: bool = False) -> Strip:
        segments: list[Segment] = []
        used = COUNTDOWN_WIDTH
        muted = self._style("message-table--muted", base)
        for placed in self._placed[1:]:
            gap = placed.x - used
            if gap > 0:
                segments.append(Segment(" " * gap, base))
            segments.extend(self._cell(placed, facts, base, muted, marked, is_cursor))
            used = placed.x + placed.width
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        strip = Strip(segments)
        return (
            strip.crop(0, width - COUNTDOWN_WIDTH) if strip.cell_length > width - COUNTDOWN_WIDTH else strip
        )

    def _cell(
        self,
        placed: Placed,
        facts: RowFacts,
        base: Style,
        muted: Style,
        marked: bool,
        is_cursor: bool = False,
    ) -> list[Segment]:
        key, size = placed.column.key, placed.width
        if key == "mark":
            note = facts.notes
            text = (
                (MARKED_SYMBOL if marked else " ")
                + (ESCALATED_SYMBOL if note and note[1] else " ")
                + (COMMENTED_SYMBOL if note and note[0] else " ")
            )
            return [Segment(set_cell_size(text, size), self._style("message-table--mark", base))]
        if key == "id":
            return [Segment(str(facts.message_id).rjust(size)[-size:], muted)]
        if key == "status":
            status = facts.status
            style = {
                "recalled": "message-table--recalled",
                "edited": "message-table--edited",
            }.get(status)
            return [Segment(set_cell_size(status, size), self._style(style, base) if style else base)]
        if key == "recipient":
            return [Segment(_fit(safe_text(facts.recipient), size), base)]
        if key == "subject":
            return [Segment(_fit(safe_text(facts.subject), size), base)]
        if key == "channel":
            channel = CHANNEL_LABELS.get(facts.channel, safe_text(facts.channel))
            seat = safe_text(facts.seat or "-")
            return [Segment(_fit(f"{channel}·{seat}", size), muted)]
        if key == "batch":
            return [Segment(_fit(safe_text(facts.batch or "-"), size), muted)]
        if key == "credit":
            label = CREDIT_LABELS.get(facts.credit, facts.credit) if facts.has_details else "…"
            return [Segment(set_cell_size(label, size), muted if label != "used" else base)]
        if key == "risks":
            return self._risk_cells(facts, size, base, muted, is_cursor)
        if key == "leaks":
            if not facts.has_details:
                return [Segment(set_cell_size("…", size), muted)]
            labels = [LEAK_LABELS[c] for c in facts.leaks if c in LEAK_LABELS]
            # on the cursor row in the row's own text colour: a warning colour on the cursor is hard to read
            leak_style = base if is_cursor else self._style("message-table--sev-medium", base)
            return [Segment(_fit(" ".join(labels), size), leak_style)]
        return [Segment(" " * size, base)]

    def _risk_cells(
        self, facts: RowFacts, size: int, base: Style, muted: Style, is_cursor: bool = False
    ) -> list[Segment]:
        if not facts.assessed:
            return [Segment(set_cell_size("…", size), muted)]
        codes = facts.risks.codes
        if not codes:
            return [Segment(set_cell_size("-", size), muted)]
        segments: list[Segment] = []
        used = 0
        for index, (code, rank) in enumerate(codes):
            rest = len(codes) - index - 1
            suffix = f" +{rest}" if rest else ""
            needed = len(code) + (1 if index else 0)
            if used + needed + len(suffix) > size and index:
                more = f" +{rest + 1}"
                segments.append(Segment(more, muted))
                used += len(more)
                break
            if index:
                segments.append(Segment(" ", base))
                used += 1
            label = code if used + len(code) <= size else code[: max(0, size - used - 1)] + "…"
            badge = self._badge(_SEVERITY_CLASS.get(rank, "message-table--muted"), base, is_cursor)
            segments.append(Segment(label, badge))
            used += len(label)
        if used < size:
            segments.append(Segment(" " * (size - used), base))
        return list(Strip(segments).crop(0, size))


def _fit(text: str, size: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``size`` cells."""
    if cell_len(text) > size:
        return set_cell_size(text, max(0, size - 1)) + "…"
    return set_cell_size(text, size)
