"""The details screen's reviewer keys: ``d`` dismisses a finding, ``+`` adds one the scanner missed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from cockpit.tui.dialogs import ChoiceDialog, TextPrompt
from cockpit.tui.screens.details import DetailsScreen
from tests.tui.conftest import Small, make_app
from tests.tui.helpers import SIZE, goto, notifications, press, ready, screen_text, settle


async def test_d_dismisses_a_finding_with_a_reason_and_the_counts_drop(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    risky = small.ids["risky"]
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        before = screen.model.summary()
        assert before.risks.get("SSN") == 1
        goto(pilot, risky)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailsScreen)
        assert "why a US Social Security number in the dashed form" in screen_text(app)
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceDialog)
        assert "SSN" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"sandbox [b]number[/b]")
        await press(pilot, "enter")
        assert any("SSN dismissed" in n for n in notifications(app))
        entry = small.cockpit.repo.audit(risky)[-1]
        assert (entry.action, entry.actor, entry.reason) == ("risk", "dana", "sandbox [b]number[/b]")
        await pilot.pause(1.2)  # the details screen notices the new version and reloads
        await settle(pilot)
        text = screen_text(app)
        assert "DISMISSED SSN" in text and "dismissed by dana" in text and "sandbox [b]number[/b]" in text
        after = screen.model.summary()
        assert "SSN" not in after.risks
        assert after.exposure_usd < before.exposure_usd


async def test_plus_adds_a_finding_and_escape_changes_nothing(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    target = small.ids["open"]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, target)
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "plus")
        assert isinstance(app.screen, ChoiceDialog)
        await press(pilot, "escape")
        assert isinstance(app.screen, DetailsScreen)
        assert [e.action for e in small.cockpit.repo.audit(target)] == ["add"]
        await press(pilot, "plus")
        options = app.screen.query_one(OptionList)
        index = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == "ACCUSATION"
        )
        options.highlighted = index
        await press(pilot, "enter")
        await pilot.press(*"calls a former colleague a thief")
        await press(pilot, "enter")
        assert any("ACCUSATION added" in n for n in notifications(app))
        await pilot.pause(1.2)
        await settle(pilot)
        assert "added by dana" in screen_text(app)


async def test_d_is_off_when_nothing_stands(small: Small, tmp_path: Path) -> None:
    app = make_app(small.cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, small.ids["open"])
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, DetailsScreen)
