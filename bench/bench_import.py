"""Import speed: sends files of 1k, 10k and 100k rows (DESIGN section 6: 100k rows <= 2 s).

Run: ``.venv/bin/python bench/bench_import.py`` (prints a table). ``measure(n)`` returns seconds for
importing a CSV sends file, the same rows as JSONL, and re-importing the CSV (all duplicates).
Generating the files is not timed. Every person and company here is invented.
"""

from __future__ import annotations

import csv
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cockpit.clock import FixedClock, iso_z
from cockpit.policy import load_policy
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.sendsrow import COLUMNS
from cockpit.services.importing.service import import_file
from cockpit.store.repository import Repository

NOW = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
FIRST = ["Priya", "Marcus", "Lena", "Tomás", "Ana", "Wei", "Sam", "Jordan", "Aisha", "Kenji"]
LAST = ["Raman", "Oyelaran", "Hoffmann", "Ibarra", "Lima", "Zhang", "Okafor", "Reyes", "Novak"]
STATES = ["NY", "CA", "TX", "IL", "WA", "", ""]
BODY = (
    "Hi {first},\n\nI lead hiring for the platform team at Northwind Robotics. Your background in "
    "event streaming stood out, and the role is $165k-$190k base plus equity with a flexible hybrid "
    "setup.\n\nWould you be open to a 20-minute call this week? Happy to share the full description "
    "first.\n\nBest,\nDana (ref {n})"
)


def generate_rows(n: int, seed: int = 2026) -> list[dict[str, str]]:
    """``n`` plausible sends over the last day (half with an external id)."""
    rng = random.Random(seed)
    rows = []
    for index in range(n):
        first = rng.choice(FIRST)
        rows.append(
            {
                "sent_at": iso_z(NOW - timedelta(seconds=rng.randint(30, 86_000))),
                "recipient": f"{first} {rng.choice(LAST)}",
                "subject": "Senior Backend Engineer at Northwind",
                "body": BODY.format(first=first, n=index),
                "channel": "inmail",
                "seat": "",
                "batch": f"bench-{index % 7}",
                "recipient_profile_url": "",
                "recipient_state": rng.choice(STATES),
                "open_profile": rng.choice(["true", "false", ""]),
                "commercial": rng.choice(["true", "false", ""]),
                "sent_from": "recruiter",
                "push": rng.choice(["yes", "no", "unknown", "unknown"]),
                "external_id": f"bench-{index:07d}" if index % 2 else "",
            }
        )
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)


def write_jsonl(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({k: v for k, v in row.items() if v != ""}, ensure_ascii=False) + "\n")


CPU: dict[str, float] = {}


def _timed_import(db: Path, file: Path, label: str = "") -> float:
    """Wall seconds of one import (its CPU seconds are kept in ``CPU[label]``)."""
    repo = Repository.open(db)
    try:
        cockpit = Cockpit(repo=repo, clock=FixedClock(NOW), policy=load_policy(), actor="bench")
        start, cpu = time.perf_counter(), time.process_time()
        report = import_file(cockpit, str(file))
        elapsed = time.perf_counter() - start
        CPU[label] = time.process_time() - cpu
        if not report.written:
            raise SystemExit(f"bench import failed: {report.result.problems[:3]}")
        return elapsed
    finally:
        repo.close()


def measure(n: int) -> dict[str, float]:
    """Seconds to import ``n`` rows as CSV, as JSONL (fresh databases), and to re-import the CSV."""
    rows = generate_rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_file, jsonl_file = folder / "sends.csv", folder / "sends.jsonl"
        write_csv(rows, csv_file)
        write_jsonl(rows, jsonl_file)
        csv_seconds = _timed_import(folder / "csv.sqlite3", csv_file, "csv")
        jsonl_seconds = _timed_import(folder / "jsonl.sqlite3", jsonl_file, "jsonl")
        again_seconds = _timed_import(folder / "csv.sqlite3", csv_file, "reimport")
        megabytes = csv_file.stat().st_size / 1e6
    return {
        "csv": csv_seconds,
        "jsonl": jsonl_seconds,
        "reimport": again_seconds,
        "csv_cpu": CPU["csv"],
        "jsonl_cpu": CPU["jsonl"],
        "reimport_cpu": CPU["reimport"],
        "csv_mb": megabytes,
    }


def main(sizes: list[int]) -> None:
    """Print wall seconds (and this process's CPU seconds) per size."""
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; wall s (cpu s)")
    print(f"{'rows':>8}  {'CSV MB':>6}  {'CSV':>15}  {'JSONL':>15}  {'re-import CSV':>15}")
    for n in sizes:
        m = measure(n)
        print(
            f"{n:>8,}  {m['csv_mb']:>6.1f}  {m['csv']:>6.3f} ({m['csv_cpu']:>5.3f})  "
            f"{m['jsonl']:>6.3f} ({m['jsonl_cpu']:>5.3f})  {m['reimport']:>6.3f} ({m['reimport_cpu']:>5.3f})"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
