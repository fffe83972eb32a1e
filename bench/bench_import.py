"""Import speed: files of 1k, 10k and 100k rows (DESIGN section 6: 100k rows <= 2 s).

Run: ``.venv/bin/python bench/bench_import.py [SIZES...]`` (prints a table). ``measure(n)`` returns
seconds for importing ``n`` rows as a CSV sends file, the same sends as JSONL, ``n`` rows of a
LinkedIn export (about 78% of them sends, the rest replies and notices), and re-importing the CSV
(all duplicates). Each is ``import_file`` from the path to the commit, in this process (the command
line adds the interpreter's start and its imports, printed once, with its peak memory). Generating
the files is not timed. Every person and company here is invented. ``bench_import.py 1000000``
measures the target of DESIGN section 6 at a million rows (<= 15 s, <= 300 MB).
"""

from __future__ import annotations

import csv
import gc
import json
import os
import random
import subprocess
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


LINKEDIN_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT", "ATTACHMENTS",
]  # fmt: skip
OWNER = ("Dana Whitfield", "https://www.linkedin.com/in/example-dana-whitfield")


def write_linkedin(rows: list[dict[str, str]], path: Path, total: int, seed: int = 2026) -> None:
    """A LinkedIn export (newest first) of ``total`` rows: the sends, one conversation each, a fifth
    with a reply and a tenth with a "Message request accepted" notice (about 78% of the rows are
    sends)."""
    rng = random.Random(seed)
    records: list[tuple[str, list[str]]] = []
    for index, row in enumerate(rows):
        if len(records) >= total:
            break
        conversation = f"bench-conv-{index:07d}"
        person_url = f"https://www.linkedin.com/in/example-bench-{index:07d}"
        title = f"{OWNER[0]} and {row['recipient']}"
        when = row["sent_at"].replace("T", " ").replace("Z", " UTC")
        records.append(
            (
                when,
                [conversation, title, OWNER[0], OWNER[1], row["recipient"], person_url, when, row["subject"],
                 row["body"], "INBOX", "No", "No", ""],
            )
        )  # fmt: skip
        sent = datetime.fromisoformat(row["sent_at"])
        draw = rng.random()
        if draw < 0.3 and len(records) < total:
            later = (sent + timedelta(minutes=rng.randint(5, 600))).strftime("%Y-%m-%d %H:%M:%S UTC")
            content = "Thanks, happy to talk on Thursday." if draw < 0.2 else "Message request accepted"
            records.append(
                (
                    later,
                    [conversation, title, row["recipient"], person_url, OWNER[0], OWNER[1], later, "",
                     content, "INBOX", "No", "No", ""],
                )
            )  # fmt: skip
    records.sort(key=lambda item: item[0], reverse=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(LINKEDIN_HEADER)
        writer.writerows(fields for _, fields in records)


CPU: dict[str, float] = {}


def _timed_import(db: Path, file: Path, label: str = "") -> float:
    """Wall seconds of one import (its CPU seconds are kept in ``CPU[label]``)."""
    repo = Repository.open(db, drill=True)  # a fixed clock writes: a drill database
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


_RUN_MEASURED = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""  # run by a small process: a child of this large one would start with this one's memory counted


def _timed_command(db: Path, file: Path) -> tuple[float, float]:
    """Wall seconds of ``cockpit import FILE`` as a user runs it (a new process, to its exit), and
    the peak resident memory in MB of that process or of its reading process, whichever is larger."""
    command = [sys.executable, "-m", "cockpit", "--db", str(db), "--now", iso_z(NOW), "import", str(file)]
    measured = subprocess.run(
        [sys.executable, "-c", _RUN_MEASURED, *command], check=True, capture_output=True, text=True
    )
    seconds, kilobytes = measured.stdout.split()
    return float(seconds), float(kilobytes) / 1024


def measure(n: int) -> dict[str, float]:
    """Seconds to import ``n`` rows as CSV, as JSONL, as a LinkedIn export (fresh databases), and
    to re-import the CSV."""
    rows = generate_rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_file, jsonl_file = folder / "sends.csv", folder / "sends.jsonl"
        linkedin_file = folder / "messages.csv"
        write_csv(rows, csv_file)
        write_jsonl(rows, jsonl_file)
        write_linkedin(rows, linkedin_file, n)
        del rows
        gc.collect()
        command, command_mb = _timed_command(folder / "command.sqlite3", csv_file)
        seconds = {
            "command": command,
            "csv": _timed_import(folder / "csv.sqlite3", csv_file, "csv"),
            "jsonl": _timed_import(folder / "jsonl.sqlite3", jsonl_file, "jsonl"),
            "linkedin": _timed_import(folder / "linkedin.sqlite3", linkedin_file, "linkedin"),
            "reimport": _timed_import(folder / "csv.sqlite3", csv_file, "reimport"),
        }
        megabytes = csv_file.stat().st_size / 1e6
    return {
        **seconds,
        **{f"{k}_cpu": CPU.get(k, 0.0) for k in seconds},
        "csv_mb": megabytes,
        "command_rss_mb": command_mb,
    }


def main(sizes: list[int]) -> None:
    """Print wall seconds (and this process's CPU seconds) per size, and the command's peak memory."""
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; wall s (cpu s of this process)")
    columns = ("csv", "jsonl", "linkedin", "reimport", "command")
    titles = ("CSV", "JSONL", "LinkedIn export", "re-import CSV", "command, CSV")
    print(f"{'rows':>8}  {'CSV MB':>6}  " + "  ".join(f"{t:>15}" for t in titles) + "  command peak RSS")
    for n in sizes:
        m = measure(n)
        cells = "  ".join(
            f"{m[c]:>6.3f} ({m[c + '_cpu']:>5.3f})" if c != "command" else f"{m[c]:>15.3f}" for c in columns
        )
        print(f"{n:>8,}  {m['csv_mb']:>6.1f}  {cells}  {m['command_rss_mb']:>13.0f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
