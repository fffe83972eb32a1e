"""Snapshots of each screen on the demo data, at a fixed clock and terminal size."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from cockpit.services.cockpit import Cockpit
from tests.tui.conftest import make_app
from tests.tui.helpers import SIZE, goto, press, ready, settle

Compare = Callable[..., bool]


def _then(*steps: Callable[[Pilot[None]], Awaitable[None]]) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await ready(pilot)
        for step in steps:
            await step(pilot)
        await settle(pilot)

    return run


def _keys(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await press(pilot, *keys)

    return run


def _goto(message_id: int) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        goto(pilot, message_id)
        await pilot.pause()

    return run


async def _no_blink(pilot: Pilot[None]) -> None:
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


def _app(demo: Cockpit, tmp_path: Path) -> Any:
    return make_app(demo, tmp_path)


def test_main_screen(snap_compare: Compare, demo: Cockpit, tmp_path: Path) -> None:
    assert snap_compare(_app(demo, tmp_path), terminal_size=SIZE, run_before=_then())


def test_details(snap_compare: Compare, demo: Cockpit, tmp_path: Path) -> None:
    # the recruiter's newest send: a pasted SSN, still recallable
    assert snap_compare(_app(demo, tmp_path), terminal_size=SIZE, run_before=_then(_goto(58), _keys("enter")))


def test_bulk_confirmation(snap_compare: Compare, demo: Cockpit, tmp_path: Path) -> None:
    steps = _then(_keys("slash"), _no_blink, _keys(*"batch:q4-pricing-blast", "enter", "A", "r"))
    assert snap_compare(_app(demo, tmp_path), terminal_size=SIZE, run_before=steps)


def test_filter(snap_compare: Compare, demo: Cockpit, tmp_path: Path) -> None:
    steps = _then(_keys("slash"), _no_blink, _keys(*"risk:ssn,placeholder -batch:q4-pricing-blast"))
    assert snap_compare(_app(demo, tmp_path), terminal_size=SIZE, run_before=steps)


def test_filter_applied(snap_compare: Compare, demo: Cockpit, tmp_path: Path) -> None:
    steps = _then(_keys("slash"), _no_blink, _keys(*"seat:dana.whitfield phase:open,urgent", "enter"))
    assert snap_compare(_app(demo, tmp_path), terminal_size=SIZE, run_before=steps)


def test_audit_log(snap_compare: Compare, demo: Cockpit, tmp_path: Path) -> None:
    assert snap_compare(_app(demo, tmp_path), terminal_size=SIZE, run_before=_then(_keys("a")))


def test_help(snap_compare: Compare, demo: Cockpit, tmp_path: Path) -> None:
    assert snap_compare(_app(demo, tmp_path), terminal_size=SIZE, run_before=_then(_keys("question_mark")))
