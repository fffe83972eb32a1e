"""The app shell: one factory, the remembered theme, the command palette's theme switcher."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from textual.command import CommandPalette

from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, notifications, press, ready, settle


async def test_theme_choice_is_remembered_privately(small: Small, tmp_path: Path) -> None:
    config = tmp_path / "config"
    app = make_app(small.cockpit, tmp_path, config_dir=config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.theme = "nord"
        await settle(pilot)
    settings = config / "tui.json"
    assert json.loads(settings.read_text()) == {"theme": "nord"}
    assert stat.S_IMODE(os.stat(settings).st_mode) == 0o600
    again = make_app(small.cockpit, tmp_path, config_dir=config)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.theme == "nord"


async def test_theme_switcher_is_in_the_palette(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert isinstance(app.screen, CommandPalette)  # now listing themes
        await pilot.press(*"gruvbox")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        await settle(pilot)
        assert app.theme == "gruvbox"
    assert json.loads((tmp_path / "config" / "tui.json").read_text())["theme"] == "gruvbox"


async def test_unreadable_settings_are_ignored(small: Small, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "tui.json").write_text("{not json")
    app = make_app(small.cockpit, tmp_path, config_dir=config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.theme == "textual-dark"


async def test_empty_database_shows_an_empty_table(tmp_path: Path, policy, clock) -> None:  # type: ignore[no-untyped-def]
    from cockpit.services.cockpit import Cockpit
    from cockpit.store.repository import Repository

    cockpit = Cockpit(Repository.open(tmp_path / "empty.sqlite3"), clock, policy, "dana")
    app = make_app(cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.check_action("recall", ()) is None
        assert screen.check_action("details", ()) is None
        await press(pilot, "r", "enter", "space", "right_square_bracket")  # disabled: nothing happens
        assert len(screen.model.table.columns) == 0


async def test_notifications_never_show_markup_nor_read_it_from_data(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.action_help_quit()  # Textual's own hint is written in markup
        app.notify("[b]Mallory[/b] [$warning]x[/] [@click=app.quit]y[/]", title="[red]t[/red]")
        await settle(pilot)
        hint, data = notifications(app)[-2:]
        assert hint.startswith("Quit?: Press ") and "[" not in hint
        assert data == "[red]t[/red]: [b]Mallory[/b] [$warning]x[/] [@click=app.quit]y[/]"
