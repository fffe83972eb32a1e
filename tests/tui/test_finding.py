"""Finding things: the filter box, sorting, marks, jumping between risks, help and the palette."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input

from cockpit.live.view import SORT_NAMES
from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, goto, press, ready, screen_text


def _shown(screen: object) -> list[int]:
    live = screen.model.table  # type: ignore[attr-defined]
    return [live.columns.ids[row] for row in live.view.rows]


async def test_filter_applies_on_enter_and_stays_visible(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        assert app.focused is not None and app.focused.id == "filter-input"
        await pilot.press(*"seat:sam -status:recalled")
        await press(pilot, "enter")
        assert app.focused is screen.table  # back to the table
        i = small.ids
        assert set(_shown(screen)) == {i["open"], i["closed"], i["sponsored"], i["placeholder"]}
        text = screen_text(app)
        assert "filter: seat:sam -status:recalled" in text and "4 of 7 shown" in text
        await press(pilot, "slash")
        app.screen.query_one("#filter-input", Input).value = "risk:ssn,placeholder"
        await press(pilot, "enter")
        assert set(_shown(screen)) == {i["risky"], i["placeholder"]}
        await press(pilot, "slash")
        app.screen.query_one("#filter-input", Input).value = "phase:critical"
        await press(pilot, "enter")
        assert _shown(screen) == [i["risky"]]
        await press(pilot, "escape")  # no marks: esc clears the filter
        assert len(_shown(screen)) == 7
        assert "filter:" not in screen_text(app)


async def test_filter_free_text_searches_recipient_subject_and_body(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await pilot.press(*"OLIVE")
        await press(pilot, "enter")
        assert _shown(screen) == [small.ids["open"]]
        await press(pilot, "slash")
        app.screen.query_one("#filter-input", Input).value = "512-44"
        await press(pilot, "enter")
        assert _shown(screen) == [small.ids["risky"]]


async def test_filter_syntax_error_is_shown_in_place(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await pilot.press(*"colour:red")
        await press(pilot, "enter")
        assert app.focused is not None and app.focused.id == "filter-input"  # still editing
        assert "unknown filter key 'colour'" in screen_text(app)
        await press(pilot, "escape")  # closes the box, filter unchanged
        assert app.focused is screen.table
        assert len(_shown(screen)) == 7


async def test_sort_cycles_and_is_shown_in_the_title(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "sort: triage" in screen_text(app)
        await press(pilot, "s")
        assert screen.model.table.view.sort == "newest"
        assert "sort: newest" in screen_text(app)
        assert _shown(screen)[0] == small.ids["open"]  # sent 8 minutes ago
        await press(pilot, "s")
        assert _shown(screen)[0] == small.ids["risky"]  # risk: critical first
        await press(pilot, "s", "s")
        assert screen.model.table.view.sort == "recipient"
        names = [screen.model.table.columns.recipient[r] for r in screen.model.table.view.rows]
        assert names == sorted(names, key=str.casefold)
        await press(pilot, "s")
        assert screen.model.table.view.sort == SORT_NAMES[0]


async def test_marks_space_range_all_and_escape(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.table
        assert screen.check_action("mark_range", ()) is None  # no anchor yet: disabled
        await press(pilot, "space")
        assert table.marks == {_shown(screen)[0]} and table.cursor == 1
        await press(pilot, "down", "down", "v")
        assert table.marks == set(_shown(screen)[:4])
        assert "4 marked" in screen_text(app)
        await press(pilot, "space")  # unmark the one under the cursor
        assert len(table.marks) == 3
        await press(pilot, "A")
        assert table.marks == set(_shown(screen))
        await press(pilot, "escape")
        assert not table.marks


async def test_next_and_previous_risk(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "s")  # newest first: open, sponsored, recruiter, placeholder, recalled, risky...
        goto(pilot, small.ids["open"])
        await press(pilot, "right_square_bracket")
        assert screen.table.current_id() == small.ids["sponsored"]  # NO_RECALL_CHANNEL
        await press(pilot, "right_square_bracket")
        assert screen.table.current_id() == small.ids["placeholder"]
        await press(pilot, "right_square_bracket")
        assert screen.table.current_id() == small.ids["risky"]
        await press(pilot, "left_square_bracket")
        assert screen.table.current_id() == small.ids["placeholder"]


async def test_help_lists_every_key(small: Small, tmp_path: Path) -> None:
    from cockpit.tui.screens.main import MainScreen

    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot)
        await press(pilot, "question_mark")
        body = app.screen.query_one("#help-body Static").render()
        text = str(body)
        for binding in MainScreen.BINDINGS:
            assert binding.description in text  # type: ignore[union-attr]
        for words in ("Filter box", "Confirmations", "Audit log", "ctrl+p", "flag:commented"):
            assert words in text
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_every_binding_has_a_description_and_an_id() -> None:
    from cockpit.tui.screens.audit import AuditScreen
    from cockpit.tui.screens.details import DetailsScreen
    from cockpit.tui.screens.main import MainScreen

    for screen in (MainScreen, DetailsScreen, AuditScreen):
        for binding in screen.BINDINGS:
            assert binding.description and binding.id  # type: ignore[union-attr]


async def test_palette_offers_the_actions_and_the_theme_switcher(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        names = [command.title for command in app.get_system_commands(screen)]
        for name in ("Theme", "Recall", "Edit", "Filter", "Sort", "Audit", "Help", "Mark all shown"):
            assert name in names
        assert "Revert" not in names  # the row under the cursor has no mark: not offered
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"sort")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert screen.model.table.view.sort == "newest"
