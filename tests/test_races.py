"""Races on each engine: 8 processes x 200 random actions over 50 messages at a fixed clock.

Every actor acts on the version of the message it has just read, as a person at a screen does, so
actors often act on a version someone else has already changed. Afterwards: nothing was lost (the
messages are the replay of the audit log), every successful action wrote its entry and nothing else
did, the chain verifies, and every loser was told who won and when.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier
from typing import Any

import pytest

from cockpit.clock import FixedClock, iso_z
from cockpit.domain.model import Observation
from cockpit.errors import Conflict, Refused
from cockpit.policy import load_policy
from cockpit.services.actions import Actions
from cockpit.store.repository import Repository
from cockpit.store.write_lock import transient_retries
from tests.conftest import NOW, make_send

pytestmark = [pytest.mark.all_backends, pytest.mark.slow]

SPAWN = multiprocessing.get_context("spawn")
PROCESSES, ACTIONS, MESSAGES = 8, 200, 50
KINDS = ("recall", "recall", "edit", "edit", "revert", "revert", "bulk", "observe")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One attempt on one message: ``ok`` (wrote an entry), ``conflict`` or ``refused``."""

    actor: str
    kind: str
    message_id: int
    seen_version: int
    result: str
    text: str = ""


def _act(actions: Actions, kind: str, targets: list[int], seen: dict[int, int], step: int) -> list[Outcome]:
    """One action on what the actor has just seen; the outcome of each message it named."""
    actor, first = actions.actor, targets[0]

    def one(result: str, text: str = "") -> list[Outcome]:
        return [Outcome(actor, kind, first, seen[first], result, text)]

    try:
        if kind == "bulk":
            outcome = actions.recall(targets, reason="bulk", expected_versions=seen)
            done = [Outcome(actor, kind, m, seen[m], "ok") for m in outcome.recalled]
            kinds = {"conflict": "conflict", "refused": "refused"}
            return done + [Outcome(actor, kind, s.message_id, seen[s.message_id], kinds[s.kind], s.reason)
                           for s in outcome.skipped]  # fmt: skip
        if kind == "recall":
            actions.recall_one(first, reason="wrong person", expected_version=seen[first])
        elif kind == "edit":
            actions.edit(first, f"Hi,\n\ncorrected text {actor} {step}", "typo", expected_version=seen[first])
        elif kind == "revert":
            actions.revert(first, "made in error", expected_version=seen[first])
        else:
            actions.observe(first, Observation.OPENED, expected_version=seen[first])
    except Conflict as exc:
        return one("conflict", str(exc))
    except Refused as exc:
        return one("refused", str(exc))
    return one("ok")


def _worker(url: str, worker: int, ids: list[int], barrier: Barrier, out: Any) -> None:
    try:
        repo = Repository.open(url)
        actions = Actions(repo, FixedClock(NOW), load_policy(), f"worker-{worker}")
        rng = random.Random(1400 + worker)
        outcomes: list[Outcome] = []
        barrier.wait(120)
        started = time.perf_counter()
        for step in range(ACTIONS):
            kind = rng.choice(KINDS)
            targets = rng.sample(ids, 3) if kind == "bulk" else [rng.choice(ids)]
            seen = {m.id: m.version for m in repo.messages(ids=targets)}
            outcomes.extend(_act(actions, kind, targets, seen, step))
        out.put((worker, outcomes, time.perf_counter() - started, transient_retries(), None))
        repo.close()
    except Exception as exc:  # reported, not raised: the parent asserts on it
        out.put((worker, [], 0.0, 0, repr(exc)))


def _replay(entries: list[Any]) -> dict[int, tuple[str, int]]:
    """Each message's (status, version) from the audit log alone, checking each entry starts from
    where the one before it left the message."""
    state: dict[int, tuple[str, int]] = {}
    for entry in entries:
        if entry.action == "add":
            state[entry.message_id] = (entry.to_status, 1)
            continue
        status, version = state[entry.message_id]
        assert (entry.from_status, entry.from_version) == (status, version), entry
        state[entry.message_id] = (entry.to_status, version + 1)
    return state


def test_many_processes_racing_over_few_messages(repo: Repository, database_url: str, backend: str) -> None:
    setup = Actions(repo, FixedClock(NOW), load_policy(), "setup")
    ids = setup.add_sends([make_send(recipient=f"Person {i}", minutes_ago=5) for i in range(MESSAGES)])
    barrier, out = SPAWN.Barrier(PROCESSES), SPAWN.Queue()
    processes = [
        SPAWN.Process(target=_worker, args=(database_url, w, ids, barrier, out)) for w in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    reports = []
    try:
        for _ in processes:
            reports.append(out.get(timeout=600))
    finally:
        for process in processes:
            process.join(60)
            if process.is_alive():
                process.kill()
    assert [error for *_, error in reports] == [None] * PROCESSES
    outcomes = [o for _, found, *_ in reports for o in found]

    entries = [e for e in repo.audit() if e.actor != "setup"]
    # every successful action wrote exactly its entry, and nothing else wrote one
    succeeded = Counter((o.actor, o.message_id, o.seen_version) for o in outcomes if o.result == "ok")
    written = Counter((e.actor, e.message_id, e.from_version) for e in entries)
    assert written == succeeded
    # no lost update: the messages are the replay of the log
    replayed = _replay(repo.audit())
    assert {m.id: (m.status, m.version) for m in repo.messages()} == replayed
    # every loser was told who won (the change from the version it saw) and when
    by_start = {(e.message_id, e.from_version): e for e in entries}
    conflicts = [o for o in outcomes if o.result == "conflict"]
    for lost in conflicts:
        winner = by_start[(lost.message_id, lost.seen_version)]
        assert f"{winner.action} by {winner.actor} at {iso_z(winner.at)}" in lost.text, lost
    # the chain verifies, as the command line says
    verify = subprocess.run(
        [sys.executable, "-m", "cockpit", "--db", database_url, "audit", "verify"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=300,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr

    attempts = len(outcomes)
    seconds = max(elapsed for _, _, elapsed, *_ in reports)
    retries = sum(r for *_, r, _ in reports)
    refused = sum(o.result == "refused" for o in outcomes)
    assert conflicts and refused and sum(succeeded.values()) > attempts // 4  # the races did happen
    print(
        f"\nraces on {backend}: {PROCESSES * ACTIONS} actions ({attempts} attempts) in {seconds:.1f} s"
        f" = {PROCESSES * ACTIONS / seconds:.0f} actions/s; {sum(succeeded.values())} written,"
        f" {len(conflicts)} conflicts, {refused} refused, {retries} retries"
    )
