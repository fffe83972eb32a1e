"""Separate processes writing one database at once, on each engine: one winner, no lost writes, no
lock errors."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from datetime import timedelta
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest

from cockpit.clock import FixedClock
from cockpit.errors import Refused
from cockpit.policy import load_policy
from cockpit.services.actions import Actions
from cockpit.services.new_send import NewSend
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW, make_send

pytestmark = pytest.mark.all_backends

SPAWN = multiprocessing.get_context("spawn")
NOW_ISO = "2026-11-28T15:00:00Z"
COCKPIT = Path(sys.executable).parent / "cockpit"


def _recall_worker(db: str, actor: str, message_ids: list[int], barrier: Barrier, out: Any) -> None:
    repo = Repository.open(db)
    actions = Actions(repo, FixedClock(NOW), load_policy(), actor)
    for message_id in message_ids:
        barrier.wait(30)
        try:
            actions.recall_one(message_id)
            out.put((message_id, actor, "ok", ""))
        except Refused as exc:
            out.put((message_id, actor, "refused", str(exc)))
        except Exception as exc:  # reported, not raised: the parent asserts on it
            out.put((message_id, actor, "error", repr(exc)))
    repo.close()


def _add_worker(db: str, worker: int, count: int, barrier: Barrier, out: Any) -> None:
    errors: list[str] = []
    try:
        barrier.wait(30)
        repo = Repository.open(db, drill=True)  # a new database written with a fixed clock
        actions = Actions(repo, FixedClock(NOW), load_policy(), f"worker-{worker}")
        for index in range(count):
            try:
                actions.add_send(
                    NewSend(
                        recipient=f"Recipient {worker}-{index}",
                        body=f"Hello from worker {worker}, send {index}",
                        sent_at=NOW - timedelta(minutes=1),
                    )
                )
            except Exception as exc:
                errors.append(repr(exc))
        repo.close()
    except Exception as exc:
        errors.append(repr(exc))
    out.put((worker, errors))


def run_processes(target: Any, args_list: list[tuple[Any, ...]], parties: int) -> list[Any]:
    barrier = SPAWN.Barrier(parties)
    out = SPAWN.Queue()
    processes = [SPAWN.Process(target=target, args=(*args, barrier, out)) for args in args_list]
    for process in processes:
        process.start()
    results: list[Any] = []
    try:
        expected = sum(len(a[2]) if target is _recall_worker else 1 for a in args_list)
        for _ in range(expected):
            results.append(out.get(timeout=120))
    finally:
        for process in processes:
            process.join(60)
            if process.is_alive():
                process.kill()
    assert all(p.exitcode == 0 for p in processes), [p.exitcode for p in processes]
    return results


def test_two_processes_recalling_the_same_messages(repo: Repository, database_url: str) -> None:
    db = database_url
    actions = Actions(repo, FixedClock(NOW), load_policy(), "setup")
    ids = [actions.add_send(make_send(recipient=f"R {i}")) for i in range(5)]
    results = run_processes(_recall_worker, [(str(db), "alice", ids), (str(db), "bob", ids)], parties=2)
    for message_id in ids:
        outcomes = [r for r in results if r[0] == message_id]
        assert sorted(r[2] for r in outcomes) == ["ok", "refused"], outcomes
        [winner] = [r[1] for r in outcomes if r[2] == "ok"]
        [loser] = [r for r in outcomes if r[2] == "refused"]
        assert f"already recalled by {winner} at 2026-11-28T15:00:00Z" in loser[3]
    entries = repo.audit()
    for message_id in ids:
        recalls = [e for e in entries if e.action == "recall" and e.message_id == message_id]
        assert len(recalls) == 1
        message = repo.message(message_id)
        assert message is not None and (message.status, message.version) == ("recalled", 2)
    assert verify_audit(repo).ok


def test_two_cli_processes_recalling_at_once(repo: Repository, database_url: str) -> None:
    db = database_url
    Actions(repo, FixedClock(NOW), load_policy(), "setup").add_send(make_send())
    env = {k: v for k, v in os.environ.items() if not k.startswith("COCKPIT_")}
    processes = [
        subprocess.Popen(
            [str(COCKPIT), "--db", str(db), "--now", NOW_ISO, "--actor", actor, "recall", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for actor in ("alice", "bob")
    ]
    finished = [(p.wait(60), *p.communicate()) for p in processes]
    codes = sorted(code for code, _, _ in finished)
    assert codes == [0, 3], finished
    [loser] = [f for f in finished if f[0] == 3]
    assert "already recalled by" in loser[2]
    recalls = [e for e in repo.audit() if e.action == "recall"]
    assert len(recalls) == 1
    assert f"already recalled by {recalls[0].actor}" in loser[2]
    assert verify_audit(repo).ok


def test_four_processes_adding_concurrently_lose_nothing(repo: Repository, database_url: str) -> None:
    db = database_url
    per_worker = 30
    results = run_processes(_add_worker, [(str(db), worker, per_worker) for worker in range(4)], parties=4)
    assert sorted(worker for worker, _ in results) == [0, 1, 2, 3]
    assert [errors for _, errors in results] == [[], [], [], []]
    repo = Repository.open(db)
    try:
        assert repo.message_count() == 4 * per_worker
        entries = repo.audit()
        assert [e.seq for e in entries] == list(range(1, 4 * per_worker + 1))
        assert {e.actor for e in entries} == {f"worker-{w}" for w in range(4)}
        result = verify_audit(repo)
        assert result.ok, result.problem
    finally:
        repo.close()


def test_four_processes_on_a_brand_new_database(database_url: str, backend: str, tmp_path: Path) -> None:
    """The first command on an empty database may run in several processes at once."""
    db = database_url if backend == "postgresql" else str(tmp_path / "fresh" / "new.sqlite3")
    results = run_processes(_add_worker, [(str(db), worker, 3) for worker in range(4)], parties=4)
    assert [errors for _, errors in results] == [[], [], [], []]
    repo = Repository.open(db)
    try:
        assert repo.message_count() == 12
        assert verify_audit(repo).ok
    finally:
        repo.close()
