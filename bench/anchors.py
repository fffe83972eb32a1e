"""Anchors: Textual's ``DataTable`` and textual-fastdatatable fed the same rows, measured the same way.

Each runs headless with Pilot at 160x45 in a fresh process, on the rows of the bench database
(read with the standard library's ``sqlite3``): the countdown, status, recipient, subject, channel,
seat, credit and batch columns of every message, newest first (the risk and leak badges are the
cockpit's own judgements, not stored, so the anchors have none). Measured: process start to the
first rows painted, a tick (new countdown text in the visible rows' cells, repainted) and a filter
(the table rebuilt with the messages whose window is open, repainted).
"""

from __future__ import annotations

import asyncio
import importlib.util
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from screen_probe import SIZE, repainted, until

KINDS = ("datatable", "fastdatatable")
LABELS = ("LEFT", "STATUS", "RECIPIENT", "SUBJECT", "CHANNEL", "SEAT", "CREDIT", "BATCH")
WINDOW = timedelta(minutes=60)


def installed(kind: str) -> bool:
    """Whether the widget of ``kind`` can be imported here."""
    if kind == "fastdatatable":
        return importlib.util.find_spec("textual_fastdatatable") is not None
    return True


def countdown(deadline: datetime, now: datetime) -> str:
    """``MM:SS`` left in the recall window, or ``closed``."""
    left = int((deadline - now).total_seconds())
    return f"{left // 60:02d}:{left % 60:02d}" if left > 0 else "closed"


def read_rows(db: Path) -> list[tuple[datetime, list[str]]]:
    """Every message's deadline and display cells, newest first."""
    from cockpit.text import safe_text

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    query = (
        "SELECT sent_at, status, recipient, subject, channel, seat, batch FROM message ORDER BY sent_at DESC"
    )
    rows = []
    for sent_at, status, recipient, subject, channel, seat, batch in connection.execute(query):
        deadline = datetime.fromisoformat(sent_at.replace("Z", "+00:00")).astimezone(UTC) + WINDOW
        credit = "1 cr" if channel == "inmail" else "free"
        cells = [
            status,
            safe_text(recipient, limit=40),
            safe_text(subject, limit=60),
            channel,
            seat or "",
            credit,
        ]
        rows.append((deadline, ["", *cells, safe_text(batch or "")]))
    connection.close()
    return rows


class _Widget:
    """The two tables behind one small interface: fill, update countdowns, rebuild."""

    def __init__(self, kind: str, app: Any) -> None:
        self.kind, self.app = kind, app
        self.table: Any = None

    async def fill(self, cells: list[list[str]]) -> None:
        if self.kind == "datatable":
            from rich.text import Text
            from textual.widgets import DataTable

            if self.table is None:
                self.table = DataTable()
                await self.app.mount(self.table)
                self.table.add_columns(*LABELS)
            else:
                self.table.clear()
            self.table.add_rows([[Text(c) for c in row] for row in cells])
            return
        from textual_fastdatatable import ArrowBackend
        from textual_fastdatatable import DataTable as FastDataTable

        columns = {label: [row[i] for row in cells] for i, label in enumerate(LABELS)}
        if self.table is not None:
            await self.table.remove()
        self.table = FastDataTable(backend=ArrowBackend.from_pydict(columns), render_markup=False)
        await self.app.mount(self.table)

    def visible(self) -> range:
        top = int(self.table.scroll_offset.y)
        return range(top, min(top + SIZE[1], self.table.row_count))

    def set_countdown(self, row: int, text: str) -> None:
        if self.kind == "datatable":
            from rich.text import Text
            from textual.coordinate import Coordinate

            self.table.update_cell_at(Coordinate(row, 0), Text(text))
        else:
            self.table.update_cell(row, 0, text)


def measure_anchor(kind: str, db: Path, now: datetime, started: float, repeat: int) -> dict[str, Any]:
    """First paint, tick and filter of the anchor ``kind`` on ``db``'s rows."""
    from textual.app import App

    rows = read_rows(db)
    clock_start, wall_start = now, time.time()

    def current() -> datetime:
        return clock_start + timedelta(seconds=time.time() - wall_start)

    cells = [[countdown(deadline, current()), *rest[1:]] for deadline, rest in rows]
    result: dict[str, Any] = {}
    app: App[None] = App()
    widget = _Widget(kind, app)

    async def timed(action: Callable[[], Any]) -> float:
        start = time.perf_counter()
        outcome = action()
        if asyncio.iscoroutine(outcome):
            await outcome
        await repainted(app)
        return time.perf_counter() - start

    async def run() -> None:
        async with app.run_test(size=SIZE):
            await widget.fill(cells)
            await until(lambda: widget.table.row_count > 0, 600)
            await repainted(app)
            result["first_rows_s"] = time.time() - started

            def tick() -> None:
                at = current()
                for row in widget.visible():
                    widget.set_countdown(row, countdown(rows[row][0], at))

            ticks = [await timed(tick) for _ in range(max(3, repeat * 3))]
            result["tick_ms"] = statistics.median(ticks) * 1000
            open_cells = [cells[i] for i, (deadline, _) in enumerate(rows) if deadline > current()]
            filters = []
            for _ in range(repeat):
                filters.append(await timed(lambda: widget.fill(open_cells)))
                await widget.fill(cells)
                await repainted(app)
            result["filter_ms"] = statistics.median(filters) * 1000

    asyncio.run(run())
    return result
