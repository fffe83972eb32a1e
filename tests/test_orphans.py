"""Helper processes end with their parent, also when it is killed outright (``kill -9``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cockpit import orphans
from cockpit.orphans import exit_with_parent

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids and kill -9 are POSIX")

_PARENT = """
import json, os, sys, time, multiprocessing
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker
from cockpit.live.assessing import Assessor
from cockpit.policy import load_policy
from cockpit.services import judging
from cockpit.store.repository import Repository

repo = Repository.open(sys.argv[1])
policy = load_policy()
assessor = Assessor(repo, policy, in_process=True)
assert assessor.submit([]).result() == []
scan_pid = assessor._pool.submit(os.getpid).result()
pool = ProcessPoolExecutor(
    1, mp_context=multiprocessing.get_context("spawn"), initializer=judging._worker_start,
    initargs=(sys.argv[1], policy, True, os.getpid()),
)
judge_pid = pool.submit(os.getpid).result()
tracker_pid = resource_tracker._resource_tracker._pid
print(json.dumps([scan_pid, judge_pid, tracker_pid]), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie still answers: it has ended
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def _wait_until_gone(pids: list[int], limit: float = 30.0) -> list[int]:
    deadline = time.monotonic() + limit
    while (alive := [pid for pid in pids if _alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def test_the_scan_process_the_judging_workers_and_the_tracker_end_after_kill_9_of_their_parent(
    tmp_path: Path,
) -> None:
    db = tmp_path / "cockpit.sqlite3"
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    line = parent.stdout.readline()
    assert line, parent.stderr.read() if parent.stderr else ""
    children = json.loads(line)
    assert all(_alive(pid) for pid in children)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert _wait_until_gone(children) == []


def test_the_chain_check_helper_ends_when_its_parent_is_already_gone(tmp_path: Path) -> None:
    """Given a parent id that is not its parent, the helper ends at once without output."""
    db = tmp_path / "empty.sqlite3"
    import sqlite3

    sqlite3.connect(db).close()
    done = subprocess.run(
        [sys.executable, "-m", "cockpit.store.chain_check", str(db), "10", str(os.getpid() + 1_000_000)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout == ""


def test_a_helper_whose_parent_is_there_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    ended: list[int] = []
    watchers: list[object] = []
    monkeypatch.setattr(os, "_exit", ended.append)
    monkeypatch.setattr(orphans.threading, "Thread", lambda **kwargs: watchers.append(kwargs) or _Idle())
    exit_with_parent(os.getppid(), interval=60)
    assert ended == [] and len(watchers) == 1
    exit_with_parent(os.getppid() + 1_000_000, interval=60)
    assert ended == [0] and len(watchers) == 1  # ended at once: no watch started


class _Idle:
    def start(self) -> None:
        pass
