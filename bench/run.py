"""Benchmark of the cockpit screen at 1k, 10k and 100k messages (DESIGN section 6).

Usage: ``.venv/bin/python bench/run.py [--sizes 1000,10000,100000] [--data DIR] [--repeat N]``

Each size runs in a fresh process (so "process start" is real): the app is driven headless with
Pilot at 160x45 over a synthetic day built through the services. Prints a table of medians.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 28, 15, 0, 0, tzinfo=UTC)
SIZE = (160, 45)


# -- data ----------------------------------------------------------------------------------------


def build_database(path: Path, size: int, now: datetime, seed: int = 7) -> None:
    """``size`` sends over the 24 hours before ``now`` (300 in the last hour), through the services."""
    from cockpit.clock import FixedClock
    from cockpit.policy import load_policy
    from cockpit.services.cockpit import Cockpit
    from cockpit.services.demo import load_demo_inputs
    from cockpit.services.new_send import NewSend
    from cockpit.store.repository import Repository

    repo = Repository.open(path)
    cockpit = Cockpit(repo, FixedClock(now), load_policy(), "bench")
    inputs = load_demo_inputs()
    rng = random.Random(seed)
    rec, sales, people = inputs["recruiter"], inputs["sales"], inputs["people"]
    cockpit.actions.add_seat(rec["seat"], rec["plan"], time_zone=rec["time_zones"][0])
    cockpit.actions.add_seat(sales["seat"], sales["plan"], time_zone=sales["time_zones"][0])
    recent = min(300, size // 3)
    offsets = sorted(
        [rng.uniform(3_600, 86_000) for _ in range(size - recent)]
        + [rng.uniform(20, 3_590) for _ in range(recent)],
        reverse=True,
    )
    sends = []
    for index, ago in enumerate(offsets):
        first = rng.choice(people["first"])
        values = {
            "first": first,
            "role": rng.choice(rec["roles"]),
            "company": rng.choice(rec["companies"]),
            "topic": rng.choice(rec["topics"]),
            "salary": rng.choice(rec["salary"]),
        }
        sales_send = index % 3 == 0
        if sales_send:
            body = sales["template"].replace("{company}", rng.choice(sales["companies"]))
            subject = sales["subject"]
        else:
            mistake = rng.choice(rec["mistakes"]) if rng.random() < 0.05 else None
            body = (mistake["body"] if mistake else rec["template"]).format(**values)
            subject = rng.choice(rec["subjects"]).format(**values)
        sends.append(
            NewSend(
                recipient=f"{first} {rng.choice(people['last'])}",
                subject=subject,
                body=body,
                sent_at=now - timedelta(seconds=ago),
                seat=sales["seat"] if sales_send else rec["seat"],
                batch=f"campaign-{index // 2_000:03d}" if sales_send else None,
                recipient_state=rng.choice(["NY", "CA", "TX", "IL", None]),
                open_profile=rng.random() < 0.1,
                sent_from="sales_navigator" if sales_send else "recruiter",
                commercial=sales_send,
                external_id=f"bench-{index:07d}",
            )
        )
    for start in range(0, len(sends), 10_000):
        cockpit.actions.add_sends(sends[start : start + 10_000])
    repo.close()


def database(data: Path, size: int) -> Path:
    """The cached database of ``size`` messages (built on first use)."""
    path = data / f"bench-{size}.sqlite3"
    if not path.exists():
        print(f"building {size:,} messages in {path} ...", file=sys.stderr, flush=True)
        build_database(path, size, NOW)
    return path


# -- one size, in a child process ----------------------------------------------------------------


async def _until(predicate: Any, pilot: Any, timeout: float = 600.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark step did not finish")
        await asyncio.sleep(0.001)


def _record_paints(screen_class: Any, marks: dict[str, float]) -> None:
    """Note when the screen has been drawn after the first screenful and after the whole index."""
    swapped = screen_class.model_swapped

    def recording_swap(self: Any, complete: bool) -> None:
        swapped(self, complete)
        name = "index_usable" if complete else "first_paint"
        self.call_after_refresh(lambda: marks.setdefault(name, time.time()))

    screen_class.model_swapped = recording_swap


async def _timed(pilot: Any, action: Any) -> float:
    """Seconds from ``action`` until the screen has been repainted with its result."""
    await pilot.pause()
    screen = pilot.app.screen
    painted = asyncio.Event()
    start = time.perf_counter()
    action()
    screen.call_after_refresh(painted.set)
    await painted.wait()
    return time.perf_counter() - start


def child(db: Path, spawned: float, repeat: int) -> dict[str, Any]:
    """Measure one database; ``spawned`` is the wall time the parent started this process."""
    imports_started = time.time()
    from cockpit.clock import StartedClock
    from cockpit.policy import load_policy
    from cockpit.services.cockpit import Cockpit
    from cockpit.store.repository import Repository
    from cockpit.tui.app import create_app
    from cockpit.tui.screens.main import MainScreen

    imported = time.time()
    repo = Repository.open(db)
    cockpit = Cockpit(repo, StartedClock(NOW), load_policy(), "bench")
    config = Path(tempfile.mkdtemp())
    app = create_app(cockpit, zone="UTC", config_dir=config)
    result: dict[str, Any] = {"imports_s": imported - imports_started, "start_s": imports_started - spawned}
    marks: dict[str, float] = {}
    _record_paints(MainScreen, marks)

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await _until(lambda: "first_paint" in marks, pilot)
            result["first_paint_s"] = marks["first_paint"] - spawned

            def screen_assessed() -> bool:
                columns = screen.model.table.columns
                rows = screen.table.visible_rows()
                return bool(rows) and all(columns.assessed[r] for r in rows)

            await _until(screen_assessed, pilot)
            result["screen_assessed_s"] = time.time() - spawned
            await _until(lambda: "index_usable" in marks, pilot)
            result["index_usable_s"] = marks["index_usable"] - spawned
            await _until(lambda: screen.model.table.details_loaded, pilot)
            result["details_s"] = time.time() - spawned
            total = len(screen.model.table.columns)
            if total <= 10_000:
                await _until(lambda: screen.model.table.unassessed() == 0, pilot)
                result["all_assessed_s"] = time.time() - spawned
                await pilot.pause()
            else:
                begin, done_before = time.time(), total - screen.model.table.unassessed()
                await asyncio.sleep(10)
                rate = (total - screen.model.table.unassessed() - done_before) / (time.time() - begin)
                result["assess_rate_per_s"] = rate
            for worker in app.workers:
                if worker.group == "assess":
                    worker.cancel()
            if screen.feed._assessor is not None:
                screen.feed._assessor.close()
            await asyncio.sleep(0.5)
            # tick: advance phases, redraw the countdowns and bars
            ticks = [await _timed(pilot, screen.live_tick) for _ in range(repeat * 3)]
            result["tick_ms"] = statistics.median(ticks) * 1000
            # idle: the app's own timers (tick + change poll) for 5 s
            cpu, wall = time.process_time(), time.monotonic()
            await asyncio.sleep(5)
            result["idle_ms_per_s"] = (time.process_time() - cpu) / (time.monotonic() - wall) * 1000
            # filter, clear, sort
            filters: dict[str, list[float]] = {"phase:urgent": [], "risk:any": [], "pallet": [], "clear": []}
            for _ in range(repeat):
                for text in ("phase:urgent", "risk:any", "pallet"):
                    filters[text].append(await _timed(pilot, lambda t=text: screen._apply_filter(t)))
                    filters["clear"].append(await _timed(pilot, lambda: screen._apply_filter("")))
            for text, times in filters.items():
                result[f"filter_{text}_ms"] = statistics.median(times) * 1000
            sorts = [await _timed(pilot, screen.action_sort) for _ in range(repeat * 5)]
            result["sort_ms"] = statistics.median(sorts) * 1000
            result["sort_max_ms"] = max(sorts) * 1000
            result["rows"] = total

    asyncio.run(run())
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["bulk_recall_ms"] = bulk_recall(db)
    result["report_s"] = report_command(db)
    result["template_key_us"] = template_keys(db)
    return result


def bulk_recall(db: Path) -> float:
    """Milliseconds for one bulk recall of 1,000 open messages (and their 1,000 audit entries)."""
    from cockpit.clock import FixedClock
    from cockpit.policy import load_policy
    from cockpit.services.actions import Actions
    from cockpit.store.repository import Repository

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        source = Repository.open(db)
        with source.engine.connect() as conn:  # a consistent file copy
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        source.close()
        shutil.copy(db, copy)
        repo = Repository.open(copy)
        messages = repo.messages()
        messages.sort(key=lambda m: m.sent_at)
        if len(messages) < 1_000:
            repo.close()
            return float("nan")
        chosen = messages[len(messages) // 2 : len(messages) // 2 + 1_000]
        clock = FixedClock(chosen[-1].sent_at + timedelta(seconds=1))
        if (chosen[-1].sent_at - chosen[0].sent_at) > timedelta(minutes=59):
            clock = FixedClock(chosen[0].sent_at + timedelta(minutes=59))
        actions = Actions(repo, clock, load_policy(), "bench")
        start = time.perf_counter()
        outcome = actions.recall([m.id for m in chosen], reason="bench")
        elapsed = time.perf_counter() - start
        repo.close()
        return elapsed * 1000 if len(outcome.recalled) >= 900 else float("nan")


def template_keys(db: Path) -> float:
    """Microseconds per message to work out the template group key of every message in a batch."""
    from cockpit.live.groups import message_group_key
    from cockpit.store.repository import Repository

    repo = Repository.open(db)
    messages = [m for m in repo.messages() if m.batch]
    repo.close()
    if not messages:
        return float("nan")
    start = time.perf_counter()
    for m in messages:
        message_group_key(m.batch, m.subject, m.body, m.recipient, m.recipient_profile_url)
    return (time.perf_counter() - start) / len(messages) * 1_000_000


def report_command(db: Path) -> float:
    """Seconds for the whole ``cockpit report --json`` command (it reads the live model once)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "cockpit", "--db", str(db), "--now", NOW.isoformat(), "report", "--json"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    elapsed = time.perf_counter() - start
    return elapsed if proc.returncode == 0 else float("nan")


# -- the table -----------------------------------------------------------------------------------

ROWS: list[tuple[str, str, str]] = [
    ("process start -> first paint", "first_paint_s", "s"),
    ("  of which interpreter + imports", "imports_s", "s"),
    ("whole index usable", "index_usable_s", "s"),
    ("details (credits, leaks, body search)", "details_s", "s"),
    ("risks of the first screen", "screen_assessed_s", "s"),
    ("all risks assessed", "all_assessed_s", "s"),
    ("risk scan rate (child process)", "assess_rate_per_s", "/s"),
    ("tick (phases + countdowns + bars)", "tick_ms", "ms"),
    ("idle CPU with live countdowns", "idle_ms_per_s", "ms/s"),
    ("filter phase:urgent", "filter_phase:urgent_ms", "ms"),
    ("filter risk:any", "filter_risk:any_ms", "ms"),
    ("filter free text (body)", "filter_pallet_ms", "ms"),
    ("clear filter", "filter_clear_ms", "ms"),
    ("sort (median of 5 modes)", "sort_ms", "ms"),
    ("sort (slowest mode)", "sort_max_ms", "ms"),
    ("peak memory (RSS)", "peak_rss_mb", "MB"),
    ("bulk recall of 1,000 (database)", "bulk_recall_ms", "ms"),
    ("cockpit report --json (whole command)", "report_s", "s"),
    ("template group key (per batched message)", "template_key_us", "µs"),
]


def _cell(value: Any, unit: str) -> str:
    if value is None or value != value:
        return "-"
    if unit == "s":
        return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"
    if unit == "/s":
        return f"{value:,.0f}/s"
    return f"{value:,.1f} {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "cockpit-bench"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child), args.spawned, args.repeat)))
        return 0
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, Any]] = {}
    for size in sizes:
        db = database(data, size)
        spawned = time.time()
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                str(db),
                "--spawned",
                str(spawned),
                "--repeat",
                str(args.repeat),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1
        results[size] = json.loads(proc.stdout.strip().splitlines()[-1])
    width = 40
    print(f"{'messages':<{width}}" + "".join(f"{size:>14,}" for size in sizes))
    for label, key, unit in ROWS:
        print(f"{label:<{width}}" + "".join(f"{_cell(results[s].get(key), unit):>14}" for s in sizes))
    if len(sizes) > 1 and "tick_ms" in results[sizes[0]]:
        ratio = results[sizes[-1]]["tick_ms"] / results[sizes[0]]["tick_ms"]
        print(f"{'tick at largest / smallest':<{width}}{ratio:>14.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
