"""Render the README's screenshots (SVG) from the demo data at a fixed instant and terminal size.

Usage: ``.venv/bin/python screenshots/make_screenshots.py [--out screenshots] [--now 2026-11-28T15:00:00Z]``
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from cockpit.clock import FixedClock, parse_instant
from cockpit.policy import load_policy
from cockpit.services.cockpit import Cockpit
from cockpit.services.demo import build_demo
from cockpit.store.repository import Repository
from cockpit.tui.app import create_app
from cockpit.tui.screens.main import MainScreen

SIZE = (160, 45)
ZONE = "America/Chicago"

Step = Callable[[Any], Awaitable[None]]


def keys(*pressed: str) -> Step:
    async def run(pilot: Any) -> None:
        await pilot.press(*pressed)
        await settle(pilot)

    return run


def goto_first(code: str) -> Step:
    """Put the cursor on the first message with risk ``code``."""

    async def run(pilot: Any) -> None:
        screen = main(pilot.app)
        model = screen.model
        for position, row in enumerate(model.page(0, model.shown)):
            if any(c == code for c, _rank in model.facts(row).risks.codes):
                screen.table.user_moved = True
                screen.table.move_to(position)
                break
        await settle(pilot)

    return run


async def no_blink(pilot: Any) -> None:
    for box in pilot.app.screen.query("Input"):
        box.cursor_blink = False
    await pilot.pause()


SHOTS: dict[str, list[Step]] = {
    "main": [],
    "details": [goto_first("SSN"), keys("enter")],
    "bulk-confirmation": [keys("slash"), no_blink, keys(*"batch:q4-pricing-blast", "enter", "A", "r")],
    "filter": [keys("slash"), no_blink, keys(*"seat:dana.whitfield phase:open,urgent", "enter")],
    "audit-log": [keys("a")],
    "guided-walk": [
        keys("slash"),
        no_blink,
        keys(*"batch:q4-pricing-blast", "enter", "p"),
        lambda pilot: settle(pilot),
        keys("enter"),
        lambda pilot: settle(pilot),
        keys("enter"),
        lambda pilot: settle(pilot),
    ],
}


def main(app: Any) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


async def settle(pilot: Any) -> None:
    for _ in range(500):
        busy = [
            w
            for w in pilot.app.workers
            if w.group not in ("assess", "watch") and w.state.name in ("PENDING", "RUNNING")
        ]
        if not busy:
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def shoot(name: str, steps: list[Step], now: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository.open(Path(tmp) / "demo.sqlite3")
        cockpit = Cockpit(repo, FixedClock(parse_instant(now)), load_policy(), "dana.whitfield")
        build_demo(cockpit)
        app = create_app(cockpit, zone=ZONE, config_dir=Path(tmp) / "config", assess_in_process=False)
        async with app.run_test(size=SIZE) as pilot:
            while not main(app).ready.is_set():
                await pilot.pause(0.02)
            await settle(pilot)
            for step in steps:
                await step(pilot)
            await pilot.pause(0.2)
            svg = app.export_screenshot(title=f"Recall Cockpit: {name.replace('-', ' ')}")
        repo.close()
    path = out / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def run() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent))
    parser.add_argument("--now", default="2026-11-28T15:00:00Z")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, steps in SHOTS.items():
        print(asyncio.run(shoot(name, steps, args.now, out)))
    return 0


if __name__ == "__main__":
    sys.exit(run())
