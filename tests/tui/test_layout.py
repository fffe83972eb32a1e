"""How the screens fit the terminal: narrow and wide tables, the footer, the summary, the form's
labels, the cursor row's badges, the sparkline, and which rows stay in sight when the order changes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.color import Color as RichColor
from rich.style import Style
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from cockpit.domain.model import Observation
from cockpit.live.view import SORT_NAMES
from cockpit.services.audit_view import audit_lines
from cockpit.services.cockpit import Cockpit
from cockpit.tui.dialogs.new_send import NewSendScreen
from cockpit.tui.format import sparkline
from cockpit.tui.screens.details import DetailsScreen
from cockpit.tui.screens.main import MainScreen
from cockpit.tui.widgets.columns import layout
from tests.conftest import NOW
from tests.tui.conftest import ZONE, Small, make_app
from tests.tui.helpers import SIZE, goto, press, ready, screen_text, settle

NARROW = (80, 24)
WIDE = (220, 50)


def _lines(text: str) -> list[str]:
    return text.splitlines()


# -- the table's columns, the footer and the summary at 80 and 220 columns ---------------------


async def test_narrow_terminal_keeps_key_columns_help_quit_credits_and_exposure(
    demo: Cockpit, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await pilot.pause(0.3)
        text = screen_text(app)
        lines = _lines(text)
        header = next(line for line in lines if "LEFT" in line)
        for title in ("LEFT", "ID", "STATUS", "RECIPIENT"):
            assert title in header.split(), (title, header)
        footer = lines[-1]
        assert "? Help" in footer and "q Quit" in footer, footer
        words = " ".join(text.split())  # the summary wraps: its words, whatever the line
        assert "credits left dana.whitfield 105/150 sam.ortiz 237/600" in words
        assert "max exposure $21,485,610" in words
        keys = [p.column.key for p in screen.table.placed]
        assert keys[:5] == ["countdown", "mark", "id", "status", "recipient"]
        assert sum(p.width for p in screen.table.placed) + len(keys) - 1 <= screen.table.size.width


async def test_footer_shows_every_key_again_when_the_terminal_widens(demo: Cockpit, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause(0.3)
        footer = _lines(screen_text(app))[-1]
        for key in ("⏎ Open", "u Revert", "c x Review", "p Walk", "a Audit", "? Help", "q Quit"):
            assert key in footer, footer


def test_wide_layout_shares_the_extra_width_between_flexible_columns() -> None:
    normal = {p.column.key: p.width for p in layout(159)}
    wide = layout(219)
    widths = {p.column.key: p.width for p in wide}
    grown = [key for key in widths if widths[key] > normal[key]]
    assert {"recipient", "subject", "risks"} <= set(grown)
    assert max(widths[k] - normal[k] for k in grown) < 2 * 219 // 5  # not all to one column
    end = wide[-1].x + wide[-1].width
    assert end == 219  # nothing left empty


async def test_wide_terminal_table_fills_its_width(demo: Cockpit, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        placed = screen.table.placed
        assert placed[-1].x + placed[-1].width == screen.table.size.width
        widths = {p.column.key: p.width for p in placed}
        assert widths["recipient"] > 18 and widths["subject"] > 40 and widths["risks"] > 22


# -- the new-send form's labels ----------------------------------------------------------------


def _shown(widget: Widget) -> str:
    """The words a widget shows on screen (all its lines)."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join("".join(segment.text for segment in strip) for strip in strips)


@pytest.mark.parametrize("size", [SIZE, NARROW])
async def test_new_send_labels_are_shown_whole(small: Small, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, NewSendScreen)
        await pilot.pause(0.2)
        labels = list(form.query(".field-label"))
        assert len(labels) >= 8
        for label in labels:
            assert isinstance(label, Static)
            wanted = str(label.render()).split()
            assert _shown(label).split() == wanted, (size, wanted)
        keys = form.query_one(".dialog-keys")
        assert keys.region.height == 1 and keys.region.bottom <= size[1]  # save/cancel in sight


# -- the cursor row's risk badge ---------------------------------------------------------------


def _luminance(color: RichColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(style: Style) -> float:
    assert style.color is not None and style.bgcolor is not None
    fg, bg = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
    high, low = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_risk_badge_is_readable_on_the_cursor_row_in_every_theme(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        goto(pilot, small.ids["risky"])
        await pilot.pause()
        table = screen.table
        themes = [name for name in app.available_themes if name != "textual-ansi"]
        assert {"textual-dark", "textual-light"} <= set(themes)
        checked = 0
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            line = table.render_line(table.cursor - int(table.scroll_offset.y) + 1)
            badge = [s for s in line if s.text.strip() == "SSN"]
            assert badge, theme
            assert badge[0].style is not None
            assert _contrast(badge[0].style) >= 3.0, theme
            checked += 1
        assert checked == len(themes)


# -- the sparkline -----------------------------------------------------------------------------


def test_sparkline_shows_the_distribution() -> None:
    bars = sparkline((0, 16, 40, 39, 0, 20, 5, 1)).split(" ")
    assert len(bars) == 8
    assert bars[0] == bars[4] == "·"  # empty slices visibly empty
    assert bars[2] == "█" and bars[3] != "█"  # only the largest slice is full height
    assert len({bars[1], bars[3], bars[5], bars[6]}) == 4  # different heights
    assert bars[7] == "▁"  # any non-zero slice is drawn
    assert sparkline((0, 0)) == "· ·"


async def test_summary_sparkline_reaches_the_screenshot(demo: Cockpit, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.ready.is_set()
        text = screen_text(app)
        line = next(line for line in _lines(text) if "next hour" in line)
        drawn = line.split("next hour", 1)[1].split("│", 1)[0].split()
        assert len(drawn) == 12 and len(set(drawn)) > 2
        svg = app.export_screenshot()
        assert "&#160;".join(drawn[:3]) in svg


# -- the details screen says each fact once ----------------------------------------------------


async def test_details_say_each_fact_once(small: Small, tmp_path: Path) -> None:
    actions = small.cockpit.actions
    message_id = small.ids["risky"]
    actions.observe(message_id, Observation.OPENED, at=NOW - timedelta(minutes=50))
    actions.observe(message_id, Observation.FORWARDED, at=NOW - timedelta(minutes=40))
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, message_id)
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailsScreen)
        await settle(pilot)
        text = str(app.screen.query_one("#details-content", Static).render())
        assert "Opened: the recipient opened it and saw the original text" in text
        for fact in (
            "saw the original",
            "out of reach",
            "keeps the message's metadata",
            "pull",  # the push preview cannot be pulled back
            "phone already showed",
            "does not reduce it",
        ):
            assert text.lower().count(fact) == 1, (fact, text)
        assert "opened at" in text and "forwarded at" in text  # the history says what was observed


# -- observe entries in the audit log ----------------------------------------------------------


async def test_observe_audit_lines_say_what_was_observed(small: Small, tmp_path: Path) -> None:
    actions = small.cockpit.actions
    actions.observe(small.ids["open"], Observation.OPENED, at=NOW - timedelta(minutes=4))
    actions.observe(small.ids["recruiter"], Observation.PUSH_DELIVERED)
    actions.observe(small.ids["placeholder"], Observation.NO_PUSH)
    actions.observe(small.ids["closed"], Observation.REPLIED, at=NOW - timedelta(minutes=30))
    actions.observe(small.ids["risky"], Observation.FORWARDED)
    zone = ZoneInfo(ZONE)
    texts = [line.text for line in audit_lines(small.cockpit.repo, zone) if line.action == "observe"]
    opened_at = (NOW - timedelta(minutes=4)).astimezone(zone)
    assert f"opened at {opened_at:%Y-%m-%d %H:%M:%S}" in texts[0]
    for text, word in zip(
        texts[1:], ("push delivered at", "no push at", "replied at", "forwarded at"), strict=True
    ):
        assert word in text, text
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "a")
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert "opened at" in shown and "push delivered at" in shown


# -- the most urgent rows stay in sight when the order changes ---------------------------------


def _top_visible(screen: MainScreen) -> bool:
    table = screen.table
    return int(table.scroll_offset.y) == 0 and table.model.row_at(0) in table.visible_rows()


async def _log_send(pilot: Pilot[None], screen: MainScreen) -> int:
    await press(pilot, "n")
    form = pilot.app.screen
    assert isinstance(form, NewSendScreen)
    form.query_one("#f-recipient", Input).value = "Nora Quick"
    form.query_one("#f-subject", Input).value = "Paperwork"
    form.query_one("#f-body", TextArea).text = "Hi Nora, I have your SSN as 512-84-3906; please confirm."
    await settle(pilot)
    before = set(screen.model.table.columns.ids)
    await press(pilot, "ctrl+s")
    assert not isinstance(pilot.app.screen, NewSendScreen)
    for _ in range(300):
        new = [i for i in screen.model.table.columns.ids if i not in before]
        if new:
            row = screen.model.table.columns.row_of(new[0])
            shown = row is not None and screen.model.position_of(row) is not None
            if shown and row is not None and screen.model.facts(row).assessed:
                await settle(pilot)
                return new[0]
        await pilot.pause(0.05)
    raise AssertionError("the new send never reached the table")


async def test_new_send_leaves_the_most_urgent_rows_in_sight(demo: Cockpit, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j")  # the cursor one row down, the screen not scrolled
        kept = screen.table.current_id()
        new_id = await _log_send(pilot, screen)
        table = screen.table
        position = screen.model.position_of(screen.model.row_of(new_id) or 0)
        assert position is not None and position < table.body_height  # near the top
        assert _top_visible(screen)
        assert table.current_id() == kept  # the cursor stayed on its message


async def test_sorting_leaves_the_most_urgent_rows_in_sight(demo: Cockpit, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        for _ in SORT_NAMES:
            await press(pilot, "s")
            assert _top_visible(screen), screen.model.table.view.sort
            assert screen.table.cursor == 0
            await press(pilot, "j", "j")  # moved, not scrolled away
            await press(pilot, "s")
            assert _top_visible(screen), screen.model.table.view.sort


async def test_sorting_keeps_the_cursor_on_its_message_when_scrolled_away(
    demo: Cockpit, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "pagedown", "pagedown", "pagedown")
        kept = screen.table.current_id()
        assert screen.table.scroll_offset.y > 0
        await press(pilot, "s")
        assert screen.table.current_id() == kept
        assert screen.table.current_row() in screen.table.visible_rows()
