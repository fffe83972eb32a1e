"""Running a command as a separate process and measuring it: wall time, peak memory, a timeout."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measured:
    """What one finished (or stopped) process cost."""

    wall_s: float
    peak_rss_mb: float
    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool


def child_env(**extra: str) -> dict[str, str]:
    """The environment of every measured process: this tree first on the path, private config."""
    scratch = Path(tempfile.gettempdir()) / "cockpit-bench" / "home"
    scratch.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "XDG_DATA_HOME": str(scratch / "data"),
        **extra,
    }


def cockpit_argv(db: Path, now: datetime, *args: str) -> list[str]:
    """``cockpit --db DB --now NOW ARGS...`` as this interpreter runs it."""
    return [sys.executable, "-m", "cockpit", "--db", str(db), "--now", now.isoformat(), *args]


def run_measured(argv: list[str], timeout: float, env: dict[str, str] | None = None) -> Measured:
    """Run ``argv`` to its end (or stop it after ``timeout`` s): wall time and its peak resident set."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT, env=env or child_env())
        deadline = start + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            wall_s=wall,
            peak_rss_mb=usage.ru_maxrss / 1024,
            returncode=None if timed_out else proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=timed_out,
        )
