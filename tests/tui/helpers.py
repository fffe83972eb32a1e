"""Helpers for driving the cockpit with Pilot: waiting for it, reading its screen, picking rows."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.worker import WorkerState

from cockpit.tui.app import CockpitApp
from cockpit.tui.screens.main import MainScreen

SIZE = (160, 45)
_RUNNING = (WorkerState.PENDING, WorkerState.RUNNING)


def main_screen(app: Any) -> MainScreen:
    """The main screen (wherever the stack is)."""
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("no main screen")


async def ready(pilot: Pilot[None], timeout: float = 30.0) -> MainScreen:
    """Wait until every message is loaded and assessed."""
    screen = main_screen(pilot.app)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not screen.ready.is_set():
        if loop.time() > deadline:
            raise AssertionError("the cockpit did not finish loading")
        await pilot.pause(0.02)
    await settle(pilot)
    return screen


async def settle(pilot: Pilot[None], timeout: float = 20.0) -> None:
    """Wait until no background job other than the long-running content scan and the watch on the
    database is busy."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    quiet = 0
    while quiet < 3:
        busy = [w for w in app.workers if w.group not in ("assess", "watch") and w.state in _RUNNING]
        quiet = 0 if busy else quiet + 1
        if loop.time() > deadline:
            raise AssertionError(f"background jobs still busy: {[w.name for w in busy]}")
        await pilot.pause(0.01)
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then wait for the work they start."""
    await pilot.press(*keys)
    await settle(pilot)


def screen_text(app: CockpitApp) -> str:
    """What the terminal shows now, as plain text (all layers of the screen stack)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def terminal_output(app: CockpitApp) -> str:
    """The bytes a full redraw would send to the terminal (styles included)."""
    width, height = app.size
    buffer = io.StringIO()
    console = Console(width=width, height=height, file=buffer, force_terminal=True, color_system="truecolor")
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return buffer.getvalue()


def notifications(app: CockpitApp) -> list[str]:
    """The text of every notification shown so far (titles included)."""
    return [f"{n.title}: {n.message}" for n in app._notifications]


def goto(pilot: Pilot[None], message_id: int) -> None:
    """Put the cursor on a message."""
    screen = main_screen(pilot.app)
    row = screen.model.row_of(message_id)
    assert row is not None, f"message {message_id} is not loaded"
    position = screen.model.position_of(row)
    assert position is not None, f"message {message_id} is not shown"
    screen.table.user_moved = True
    screen.table.move_to(position)
