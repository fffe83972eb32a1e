"""Content assessments for the live table, computed off the UI thread in small prioritised batches.

The content scan costs a few hundred microseconds to a few milliseconds per message: far too much to
run before a first paint of 100,000 rows. The table shows its rows at once and fills the risk badges
as batches come back, the rows on screen first, then the open windows, then the rest. Small
databases are scanned in a thread; large ones in a separate process, so the scan runs on another
core and does not compete with the screen for the interpreter lock.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from cockpit.domain.judgement import summarize
from cockpit.domain.risk_summary import RiskSummary
from cockpit.live.columns import MessageColumns
from cockpit.orphans import exit_with_parent
from cockpit.policy import Policy
from cockpit.services.judging import judge_and_store
from cockpit.store.repository import Repository

Result = tuple[int, int, RiskSummary]
"""``(message id, version, summary)``."""

PROCESS_THRESHOLD = 3_000  # unassessed messages above which the scan runs in its own process


def assess_ids(repo: Repository, policy: Policy, ids: Sequence[int]) -> list[Result]:
    """Judge the messages with these ids (as they are now in the database) and store the judgements."""
    return [(m.id, m.version, summarize(a)) for m, a in judge_and_store(repo, policy, ids)]


# -- a separate process ---------------------------------------------------------------------------

_child: dict[str, Any] = {}


def _child_start(target: str, policy: Policy, parent: int) -> None:
    exit_with_parent(parent)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # nothing from this process may reach the terminal
    os.dup2(devnull, 2)
    _child["repo"] = Repository.open(target)
    _child["policy"] = policy


def _child_assess(ids: Sequence[int]) -> list[Result] | str:
    try:
        return assess_ids(_child["repo"], _child["policy"], ids)
    except Exception as exc:  # reported by type only: the text could quote a message
        return type(exc).__name__


_tracker_lock = threading.Lock()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real standard error.

    A full-screen app replaces ``sys.stderr`` with an object whose file descriptor the tracker cannot
    pass on, and the tracker is started on first use; so it is started here, with the original.
    """
    from multiprocessing import resource_tracker

    with _tracker_lock:
        replaced = sys.stderr
        try:
            if sys.__stderr__ is not None:
                sys.stderr = sys.__stderr__
            resource_tracker.ensure_running()
        finally:
            sys.stderr = replaced


class Assessor:
    """Runs assessment batches, in this process (a thread) or in a child process."""

    def __init__(self, repo: Repository, policy: Policy, in_process: bool) -> None:
        self.repo = repo
        self.policy = policy
        self._pool: ProcessPoolExecutor | None = None
        if in_process:
            _start_resource_tracker()
            target = repo.engine.url.render_as_string(hide_password=False)
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_start,
                initargs=(target, policy, os.getpid()),
            )

    @property
    def in_process(self) -> bool:
        """Whether batches run in a child process."""
        return self._pool is not None

    def submit(self, ids: Sequence[int], here: bool = False) -> Future[list[Result] | str]:
        """Start a batch (``here``: in this thread even when a child process is used); the future
        holds the results, or an error type name."""
        if self._pool is not None and not here:
            return self._pool.submit(_child_assess, list(ids))
        future: Future[list[Result] | str] = Future()
        try:
            future.set_result(assess_ids(self.repo, self.policy, ids))
        except Exception as exc:
            future.set_result(type(exc).__name__)
        return future

    def close(self) -> None:
        """Stop the child process (pending batches are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


class AssessmentQueue:
    """Chooses which messages to assess next: on screen first, then open windows, then the rest."""

    def __init__(self, columns: MessageColumns) -> None:
        self.columns = columns
        self.in_flight: set[int] = set()  # message ids
        self._cursor = 0

    def next_batch(self, visible: Iterable[int], active: Iterable[int], size: int) -> list[int]:
        """Up to ``size`` message ids not assessed and not already being assessed."""
        columns = self.columns
        assessed, ids, busy = columns.assessed, columns.ids, self.in_flight
        chosen: dict[int, None] = {}
        for source in (visible, active):
            for row in source:
                if len(chosen) >= size:
                    break
                if row < len(assessed) and not assessed[row] and ids[row] not in busy:
                    chosen[ids[row]] = None
        if len(chosen) < size:
            extra = columns.unassessed_rows(size * 2 + len(busy), self._cursor)
            for row in extra:
                if len(chosen) >= size:
                    break
                if ids[row] not in busy:
                    chosen[ids[row]] = None
            if extra:
                self._cursor = extra[-1] + 1
        busy.update(chosen)
        return list(chosen)

    def done(self, message_ids: Iterable[int]) -> None:
        """Messages whose batch came back (assessed or not)."""
        self.in_flight.difference_update(message_ids)

    def remaining(self) -> int:
        """How many rows still have no assessment."""
        return self.columns.assessed.count(0)
