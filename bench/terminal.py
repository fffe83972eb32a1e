"""The cockpit as a user starts it: a real process in a pseudo-terminal, watched from outside.

Nothing here touches the cockpit's code: "first rows" is the first time a recipient's name reaches
the terminal (the title and summary bars name nobody), CPU comes from ``/proc/PID/stat`` of the
process and its children, peak memory from ``VmHWM`` in ``/proc/PID/status``.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from history import demo_inputs
from processes import ROOT, child_env, cockpit_argv

ESCAPES = re.compile(r"\x1b\[[0-9;?<>=!]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
        except OSError:
            continue
        for child in text.split():
            found.append(int(child))
            found.extend(_children(int(child)))
    return found


def _cpu_s(pid: int) -> float:
    """CPU seconds of ``pid`` (its threads and waited-for children) and of its live children."""
    total = 0.0
    for index, proc in enumerate([pid, *_children(pid)]):
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        own = int(fields[11]) + int(fields[12])  # utime, stime
        waited = int(fields[13]) + int(fields[14]) if index == 0 else 0  # cutime, cstime
        total += (own + waited) / TICKS
    return total


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class _Screen(threading.Thread):
    """Reads the terminal's output and notes when the first recipient's name arrives."""

    def __init__(self, fd: int, names: re.Pattern[str]) -> None:
        super().__init__(daemon=True)
        self.fd, self.names = fd, names
        self.first_rows: float | None = None
        self.seen = threading.Event()

    def run(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        tail = ""
        while True:
            try:
                chunk = os.read(self.fd, 65_536)
            except OSError:
                return
            if not chunk:
                return
            if self.first_rows is None:
                tail = (tail + decoder.decode(chunk))[-4_096:]
                if self.names.search(ESCAPES.sub("", tail)):
                    self.first_rows = time.perf_counter()
                    self.seen.set()


def watch(db: Path, now: datetime, first_s: float, idle_s: float, timeout: float) -> dict[str, Any]:
    """Start ``cockpit`` on ``db`` at 160x45 and measure it from outside.

    Returns seconds from the process's start to the first rows on the terminal, CPU in ms per
    second over the ``first_s`` seconds after that and over the ``idle_s`` seconds after those,
    and the peak resident memory of the app and of its largest child process.
    """
    last_names = sorted({re.escape(n) for n in demo_inputs()["people"]["last"]}, key=len, reverse=True)
    names = re.compile(r"\b(?:" + "|".join(last_names) + r")\b")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 160, 0, 0))
    env = child_env(TERM="xterm-256color", COLORTERM="truecolor")
    start = time.perf_counter()
    proc = subprocess.Popen(
        cockpit_argv(db, now),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    screen = _Screen(master, names)
    screen.start()
    result: dict[str, Any] = {}
    child_peak = 0.0
    try:
        if not screen.seen.wait(timeout) or screen.first_rows is None:
            result["terminal_first_rows_timeout"] = timeout
            return result
        result["terminal_first_rows_s"] = screen.first_rows - start
        marks = [(time.perf_counter(), _cpu_s(proc.pid))]
        for window in (first_s, idle_s):
            end = time.perf_counter() + window
            while time.perf_counter() < end and proc.poll() is None:
                child_peak = max([child_peak, *(_peak_mb(c) for c in _children(proc.pid))])
                time.sleep(min(0.25, max(0.0, end - time.perf_counter())))
            marks.append((time.perf_counter(), _cpu_s(proc.pid)))
        (t0, c0), (t1, c1), (t2, c2) = marks
        result["cpu_first_ms_per_s"] = (c1 - c0) / (t1 - t0) * 1000
        result["cpu_idle_ms_per_s"] = (c2 - c1) / (t2 - t1) * 1000
        result["terminal_rss_mb"] = _peak_mb(proc.pid)
        result["terminal_child_rss_mb"] = child_peak
        if proc.poll() is not None:
            result["terminal_exited"] = proc.returncode
        return result
    finally:
        _stop(proc, master)


def _stop(proc: subprocess.Popen[bytes], master: int) -> None:
    """Quit the app the way a user does (ctrl+c), then make sure it and its children are gone."""
    children = _children(proc.pid)
    try:
        os.write(master, b"\x03")
        proc.wait(timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()
    for child in children:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)
    os.close(master)
