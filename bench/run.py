"""Benchmark of the cockpit on a year of a team's history, with anchors (DESIGN section 6).

Usage: ``.venv/bin/python bench/run.py [--sizes 1000,100000,1000000] [--repeat N] [--json PATH]``

Each size's database is built once through ``cockpit import`` (cached in ``$TMPDIR/cockpit-bench``);
then the cockpit runs in a pseudo-terminal (first rows, CPU, memory), headless with Pilot in a fresh
process (tick, filter, sort), its reading commands run as a user runs them, a bulk recall runs on
a copy, and Textual's ``DataTable`` and textual-fastdatatable are fed the same rows. Prints one
table, columns = sizes; a step that takes too long shows ``> N s``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from anchors import KINDS, installed, measure_anchor
from bulk_recall import measure_bulk_recall
from commands import measure_commands
from databases import database, judge_current
from history import NOW
from processes import run_measured
from screen_probe import measure_screen
from table import ANCHORS, SCREEN_ROWS, add_ratios, render, write_json
from terminal import watch


def _child(kind: str, db: Path, started: float, repeat: int, timeout: float) -> dict[str, Any]:
    if kind == "screen":
        return measure_screen(db, NOW, started, repeat, timeout)
    if kind == "recall":
        return {"bulk_recall_ms": measure_bulk_recall(db, NOW)}
    anchor = kind.removeprefix("anchor-")
    return {f"{anchor}_{k}": v for k, v in measure_anchor(anchor, db, NOW, started, repeat).items()}


def _in_child(kind: str, db: Path, repeat: int, timeout: float, limit: float) -> dict[str, Any] | str:
    """Run one measuring step in a fresh process; its figures, or a note when it failed or took too long."""
    argv = [sys.executable, __file__, "--child", kind, "--db", str(db), "--repeat", str(repeat)]
    argv += ["--timeout", str(timeout), "--started", str(time.time())]
    measured = run_measured(argv, limit)
    lines = measured.stdout.strip().splitlines()
    if measured.timed_out:
        partial: dict[str, Any] = json.loads(lines[-1]) if lines else {}
        return {**partial, "timed_out": f"> {limit:g} s"} if partial else f"> {limit:g} s"
    if measured.returncode != 0:
        print(f"{kind} failed:\n{measured.stderr[-3000:]}", file=sys.stderr)
        return "failed"
    figures: dict[str, Any] = json.loads(lines[-1])
    return figures


def _predicted_too_slow(
    previous: dict[int, dict[str, Any]], key: str, size: int, timeout: float
) -> str | None:
    """A reason to skip an anchor at ``size``: at a smaller size it already took too long."""
    for smaller, values in previous.items():
        taken = values.get(key)
        if isinstance(taken, str) and taken.startswith(">"):
            return f"skipped ({taken} at {smaller:,})"
        if isinstance(taken, float) and taken * size / smaller > timeout:
            return f"skipped (~{taken * size / smaller:,.0f} s)"
    return None


def measure_size(
    db: Path, size: int, args: argparse.Namespace, earlier: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    """Every figure of one size (except the import's)."""
    values: dict[str, Any] = {}
    timeout = args.timeout
    first_s, idle_s = (1.0, 1.0) if args.quick else (10.0, 10.0)
    terminal = watch(db, NOW, first_s, idle_s, timeout)
    if "terminal_first_rows_timeout" in terminal:
        terminal["terminal_first_rows_s"] = f"> {timeout:g} s"
    values.update(terminal)
    screen = _in_child("screen", db, args.repeat, timeout, timeout * 4)
    if isinstance(screen, str):
        screen = {"timed_out": screen}
    if "ready_timeout" in screen:
        screen["ready_s"] = f"> {timeout:g} s"
    if "headless_first_rows_timeout" in screen:
        screen["headless_first_rows_s"] = f"> {timeout:g} s"
    if "timed_out" in screen:  # what the stopped process had not measured yet
        screen = {**dict.fromkeys(SCREEN_ROWS, screen["timed_out"]), **screen}
    values.update(screen)
    values.update(measure_commands(db, NOW, timeout))
    recall = _in_child("recall", db, args.repeat, timeout, timeout)
    values["bulk_recall_ms"] = recall if isinstance(recall, str) else recall["bulk_recall_ms"]
    for kind in KINDS:
        first_key = f"{kind}_first_rows_s"
        keys = [first_key, f"{kind}_tick_ms", f"{kind}_filter_ms"]
        note = None if installed(kind) else "not installed"
        note = note or _predicted_too_slow(earlier, first_key, size, timeout)
        figures = note or _in_child(f"anchor-{kind}", db, args.repeat, timeout, timeout)
        if isinstance(figures, str):
            values.update(dict.fromkeys(keys, figures))
        else:
            values.update(figures)
    add_ratios(values)
    return values


def machine() -> dict[str, Any]:
    """Where and when the figures were taken."""
    import os

    from textual import __version__ as textual_version

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "textual": textual_version,
        "bench_now": NOW.isoformat(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000", help="comma-separated message counts")
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "cockpit-bench"))
    parser.add_argument("--repeat", type=int, default=5, help="runs of each action (medians)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds one step may take")
    parser.add_argument("--quick", action="store_true", help="1 s CPU windows instead of 10 s")
    parser.add_argument("--rebuild", action="store_true", help="import the databases again")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.db, args.started, args.repeat, args.timeout)))
        return 0
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, Any]] = {}
    for size in sizes:
        db, imported = database(data, size, max(args.timeout, 900.0), args.rebuild)
        values: dict[str, Any] = {
            k: v for k, v in imported.items() if k in ("import_s", "import_rss_mb", "judge_s")
        }
        if db is None:
            values["import_s"] = "> 900 s" if imported.get("import_timed_out") else "failed"
        else:
            judge_current(db)  # a scanner or policy newer than the cached database's judgements
            print(f"measuring {size:,} messages ...", file=sys.stderr, flush=True)
            values.update(measure_size(db, size, args, results))
        results[size] = values
    print(render(results))
    print(f"anchor names: {', '.join(ANCHORS.values())}; a ratio under 1 means the cockpit is faster")
    if args.json:
        write_json(args.json, results, machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())
