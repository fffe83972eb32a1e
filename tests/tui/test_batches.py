"""The batch column and the batch picker (`b`): find the bad batch and show only it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from cockpit.services.cockpit import Cockpit
from cockpit.tui.dialogs import BatchPicker
from tests.conftest import make_send
from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, press, ready, screen_text


async def test_picker_lists_batches_and_enter_shows_only_the_chosen_one(
    demo: Cockpit, tmp_path: Path
) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot, timeout=60)
        total = screen.model.shown
        await press(pilot, "b")
        picker = app.screen
        assert isinstance(picker, BatchPicker)
        assert picker.names == ["q4-pricing-blast", "holiday-message-ad"]
        text = screen_text(app)
        blast = next(line for line in text.splitlines() if "q4-pricing-blast" in line)
        assert "400 msgs" in blast and "394 recallable" in blast and "400 risky" in blast
        assert "first closes 09:07 (in 07:50)" in blast
        ads = next(line for line in text.splitlines() if "holiday-message-ad" in line)
        assert "0 recallable" in ads and "no open window" in ads
        assert picker.query_one(OptionList).has_focus
        await press(pilot, "down", "enter")
        assert app.screen is screen
        assert screen.filter_text == "batch:holiday-message-ad"
        assert screen.model.shown == 5
        assert {screen.model.facts(row).batch for row in screen.model.page(0, 10)} == {"holiday-message-ad"}
        assert "batch:holiday-message-ad" in screen_text(app)  # the title line shows the filter
        # esc cancels: the filter stays as it was
        await press(pilot, "b")
        assert isinstance(app.screen, BatchPicker)
        await press(pilot, "escape")
        assert app.screen is screen and screen.filter_text == "batch:holiday-message-ad"
        await press(pilot, "escape")  # clears the filter
        assert screen.model.shown == total


async def test_batches_key_is_in_the_footer_and_the_help(demo: Cockpit, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, timeout=60)
        assert "/ b Filter" in screen_text(app).splitlines()[-1]
        await press(pilot, "question_mark")
        assert "Pick a batch by its figures" in screen_text(app)


async def test_batch_column_shows_each_messages_batch_safely(small: Small, tmp_path: Path) -> None:
    actions = small.cockpit.actions
    hostile = actions.add_send(make_send(3, recipient="Hal Hostile", batch="[red]q4\x1b[2J-blast"))
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "BATCH" in [p.column.title for p in screen.table.placed]
        line = next(line for line in screen_text(app).splitlines() if "Hal Hostile" in line)
        assert "[red]q4" in line and "\x1b" not in line
        await press(pilot, "b")
        assert isinstance(app.screen, BatchPicker)
        await press(pilot, "enter")
        assert screen.model.shown_ids() == [hostile]
