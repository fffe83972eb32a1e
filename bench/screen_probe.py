"""The cockpit's screen driven headless with Pilot at 160x45: first rows, tick, filter, sort.

Every place that reaches into the cockpit's code is in :func:`make_app` and :class:`Probe`; the rest
measures only what the screen shows (a repaint after each action).
"""

from __future__ import annotations

import asyncio
import json
import math
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

SIZE = (160, 45)
FILTERS = {"phase_open": "phase:open", "risk_any": "risk:any", "free_text": "voiceprint"}


# -- the hooks into the cockpit (keep them here, and few) -----------------------------------------


def make_app(db: Path, now: datetime) -> Any:
    """The cockpit app on ``db``, its clock starting at ``now`` (as ``cockpit --now`` builds it)."""
    from cockpit.clock import StartedClock
    from cockpit.policy import load_policy
    from cockpit.services.cockpit import Cockpit
    from cockpit.store.repository import Repository
    from cockpit.tui.app import create_app

    cockpit = Cockpit(Repository.open(db), StartedClock(now), load_policy(), "bench")
    return create_app(cockpit, zone="UTC", config_dir=Path(tempfile.mkdtemp()))


class Probe:
    """What the bench asks of the running screen, in one place."""

    def __init__(self, app: Any) -> None:
        self.app = app

    @property
    def screen(self) -> Any:
        return self.app.screen

    @property
    def model(self) -> Any:
        return getattr(self.app, "model", None) or self.screen.model

    def rows_on_screen(self) -> bool:
        """Whether the message table has rows in its viewport."""
        try:
            return bool(self.screen.table.visible_rows())
        except Exception:
            return False

    def total(self) -> int:
        return int(self.model.total)

    def ready(self) -> bool:
        """Everything loaded, with details and judgements."""
        ready = getattr(self.screen, "ready", None)
        return bool(ready.is_set()) if ready is not None else True

    def filterable(self) -> bool:
        """Every message loaded with its body (free text can search the whole history)."""
        table = getattr(self.model, "table", None)
        return bool(getattr(table, "details_loaded", True))

    def quiet(self) -> None:
        """Stop the background content scan so that it does not share the measured time."""
        for worker in self.app.workers:
            if worker.group == "assess":
                worker.cancel()
        feed = getattr(self.screen, "feed", None)
        assessor = getattr(feed, "_assessor", None)
        if assessor is not None:
            assessor.close()

    def tick(self) -> None:
        self.screen.live_tick()

    def set_filter(self, text: str) -> None:
        self.screen._apply_filter(text)

    def settled(self) -> bool:
        """No part of the current filter waits for data still loading."""
        return not self.model.pending_for_filter()

    def sort_modes(self) -> tuple[str, ...]:
        from cockpit.live.view import SORT_NAMES

        return tuple(SORT_NAMES)

    def set_sort(self, mode: str) -> None:
        self.model.set_sort(mode)
        self.screen.table.rows_changed(keep_screen_line=False)
        self.screen.refresh_bars()


# -- measuring ------------------------------------------------------------------------------------


async def until(predicate: Callable[[], bool], timeout: float) -> bool:
    """Wait until ``predicate`` holds; False when ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.001)
    return True


async def repainted(app: Any) -> None:
    """Return once the screen has been repainted."""
    painted = asyncio.Event()
    app.screen.call_after_refresh(painted.set)
    await painted.wait()


SETTLE_LIMIT = 10.0


async def timed(app: Any, action: Callable[[], None], settled: Callable[[], bool] = lambda: True) -> float:
    """Seconds from ``action`` until its result is on the screen (``inf`` when it is not whole within
    :data:`SETTLE_LIMIT` seconds, e.g. a risk filter waiting for a content scan that was stopped)."""
    await asyncio.sleep(0)
    start = time.perf_counter()
    action()
    whole = await until(settled, SETTLE_LIMIT)
    await repainted(app)
    return time.perf_counter() - start if whole else math.inf


def _median_ms(times: list[float]) -> float | str:
    median = statistics.median(times)
    return median * 1000 if math.isfinite(median) else f"> {SETTLE_LIMIT:g} s (waits for data)"


class Figures(dict[str, Any]):
    """The figures so far, printed as one JSON line after each (a parent that stops this process
    keeps what was measured before)."""

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        print(json.dumps(self), flush=True)


def measure_screen(
    db: Path, now: datetime, started: float, repeat: int, ready_timeout: float
) -> dict[str, Any]:
    """Measure one database; ``started`` is the ``time.time()`` the parent started this process."""
    result = Figures(headless_imports_at_s=time.time() - started)
    app = make_app(db, now)
    probe = Probe(app)

    async def run() -> None:
        async with app.run_test(size=SIZE):
            if not await until(probe.rows_on_screen, ready_timeout):
                result["headless_first_rows_timeout"] = ready_timeout
                return
            await repainted(app)
            result["headless_first_rows_s"] = time.time() - started
            if await until(probe.ready, ready_timeout):
                result["ready_s"] = time.time() - started
            else:
                result["ready_timeout"] = ready_timeout
                await until(probe.filterable, ready_timeout)
            result["rows"] = probe.total()
            probe.quiet()
            await asyncio.sleep(0.3)
            ticks = [await timed(app, probe.tick) for _ in range(max(3, repeat * 3))]
            result["tick_ms"] = statistics.median(ticks) * 1000
            clears: list[float] = []
            for key, text in FILTERS.items():
                times = []
                for _ in range(repeat):
                    times.append(await timed(app, lambda t=text: probe.set_filter(t), probe.settled))
                    clears.append(await timed(app, lambda: probe.set_filter(""), probe.settled))
                result[f"filter_{key}_ms"] = _median_ms(times)
            result["filter_clear_ms"] = _median_ms(clears)
            for mode in probe.sort_modes():
                sorts = [await timed(app, lambda m=mode: probe.set_sort(m)) for _ in range(repeat)]
                result[f"sort_{mode}_ms"] = _median_ms(sorts)
            probe.set_sort(probe.sort_modes()[0])

    asyncio.run(run())
    result["headless_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result
