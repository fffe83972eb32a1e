"""One writer at a time on both engines; reads never wait for it; transient aborts are retried."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import psycopg.errors
import pytest
from sqlalchemy.exc import OperationalError

from cockpit import cli
from cockpit.clock import FixedClock, iso_z
from cockpit.errors import DatabaseBusy
from cockpit.live.assessing import assess_ids
from cockpit.live.model import LiveModel
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.services.cockpit import Cockpit
from cockpit.services.judging import missing_judgements
from cockpit.store import engine as engine_module
from cockpit.store import write_lock
from cockpit.store.repository import Repository, WriteTx
from cockpit.store.verify import verify_audit
from cockpit.store.write_lock import ATTEMPTS, retry_transient, transient_retries
from tests.conftest import NOW, make_send

pytestmark = pytest.mark.all_backends

GUARD_SECONDS = 120  # a read that waited for the writer would hang past this (the busy timeout is longer)


@pytest.fixture
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy timeout far longer than the guard: anything that waits for the writer hangs."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 600_000)


@pytest.fixture
def other(database_url: str, repo: Repository) -> Iterator[Repository]:
    """A second cockpit on the same database (its own connections)."""
    second = Repository.open(database_url)
    yield second
    second.close()


def unjudged_sends(actions: Actions, count: int = 3) -> list[int]:
    """Sends logged in bulk, which leaves them to be judged by the next reader."""
    return actions.add_sends([make_send(recipient=f"Person {i}", minutes_ago=5 + i) for i in range(count)])


def finishes(work: Callable[[], Any]) -> Any:
    """Run ``work`` on a thread and return its result; fails if it is still waiting at the guard."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(GUARD_SECONDS)
    assert not thread.is_alive(), "waited for the writer"
    if "error" in box:
        raise box["error"]
    return box.get("result")


def test_a_second_writer_cannot_start_while_the_first_is_open(repo: Repository, other: Repository) -> None:
    busy = pytest.raises(DatabaseBusy, match="busy")
    with repo.write("alice", NOW), busy, other.write("bob", NOW, wait=False):
        pass
    with other.write("bob", NOW, wait=False):  # free again once the first ended
        pass


@pytest.mark.usefixtures("patient")
def test_reads_never_wait_for_a_writer(
    actions: Actions, repo: Repository, other: Repository, policy: Policy, database_url: str
) -> None:
    ids = unjudged_sends(actions)
    assert missing_judgements(repo, policy) == 3
    clock = FixedClock(NOW)
    with repo.write("alice", NOW) as tx:  # a writer holds the lock, with a change not yet committed
        tx.update_message(ids[0], "sent", 1, {"status": "recalled", "recalled_at": NOW})
        reader = Cockpit(repo=other, clock=clock, policy=policy, actor="bob")
        model = finishes(lambda: LiveModel.read(reader))
        assert {item.message.id for item in model.shown_items()} == set(ids)
        assert [m.status for m in finishes(other.messages)] == ["sent"] * 3  # not the uncommitted one
        assert finishes(lambda: verify_audit(other)).ok
        assert len(finishes(lambda: assess_ids(other, policy, ids))) == 3  # the screen's judge
        for command in (["list"], ["show", str(ids[0])], ["report"], ["audit", "verify"], ["audit"]):
            argv = ["--db", database_url, "--now", iso_z(NOW), *command]
            assert finishes(lambda argv=argv: cli.main(argv)) == 0, command
        assert missing_judgements(other, policy) == 3  # storing them gave way to the writer
    cli.main(["--db", database_url, "--now", iso_z(NOW), "list"])
    assert missing_judgements(repo, policy) == 0  # and the next reader stores them


@pytest.mark.usefixtures("patient")
def test_judging_on_request_waits_for_the_writer(
    actions: Actions, repo: Repository, other: Repository, policy: Policy
) -> None:
    from cockpit.services.judging import judge_missing

    unjudged_sends(actions)
    release = threading.Event()

    def hold() -> None:
        with repo.write("alice", NOW):
            release.wait(GUARD_SECONDS)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        judged = threading.Thread(target=lambda: judge_missing(other, policy, NOW, wait=True), daemon=True)
        judged.start()
        judged.join(0.5)
        assert missing_judgements(other, policy) == 3
    finally:
        release.set()
        holder.join(GUARD_SECONDS)
    judged.join(GUARD_SECONDS)
    assert missing_judgements(other, policy) == 0


def test_sqlite_busy_past_the_timeout_is_a_clear_conflict(
    backend: str, actions: Actions, repo: Repository, other: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend != "sqlite":
        pytest.skip("PostgreSQL writers queue without a timeout")
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    other.engine.dispose()  # its next connection gets the short timeout
    [message_id] = unjudged_sends(actions, 1)
    late = Actions(other, FixedClock(NOW), actions.policy, "bob")
    with repo.write("alice", NOW), pytest.raises(DatabaseBusy, match="busy") as caught:
        late.recall_one(message_id)
    assert caught.value.exit_code == 4
    assert other.message(message_id).status == "sent"  # type: ignore[union-attr]


# -- transient aborts --------------------------------------------------------------------------------


def _aborted(sqlstate_error: type[Exception]) -> OperationalError:
    return OperationalError("UPDATE message ...", {}, sqlstate_error("aborted by the server"))


@pytest.mark.parametrize("error", [psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected])
def test_a_serialization_failure_or_deadlock_is_run_again(error: type[Exception]) -> None:
    calls: list[int] = []
    before = transient_retries()

    @retry_transient
    def change() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _aborted(error)
        return "done"

    assert change() == "done"
    assert len(calls) == 3
    assert transient_retries() - before == 2


def test_retries_are_bounded_and_end_in_a_clear_conflict() -> None:
    calls: list[int] = []

    @retry_transient
    def change() -> None:
        calls.append(1)
        raise _aborted(psycopg.errors.SerializationFailure)

    with pytest.raises(DatabaseBusy, match="nothing was changed") as caught:
        change()
    assert len(calls) == ATTEMPTS
    assert caught.value.exit_code == 4


def test_other_database_errors_are_not_retried() -> None:
    calls: list[int] = []

    @retry_transient
    def change() -> None:
        calls.append(1)
        raise _aborted(psycopg.errors.UniqueViolation)

    with pytest.raises(OperationalError):
        change()
    assert len(calls) == 1


def test_an_action_aborted_once_by_the_server_lands_once(
    actions: Actions, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole transaction is run again: one mark, one audit entry."""
    [message_id] = unjudged_sends(actions, 1)
    original = WriteTx.append_audit
    failures = [1]

    def failing_once(self: WriteTx, entries: Any) -> list[int]:
        seqs = original(self, entries)
        if failures:
            failures.pop()
            raise _aborted(psycopg.errors.DeadlockDetected)
        return seqs

    monkeypatch.setattr(WriteTx, "append_audit", failing_once)
    monkeypatch.setattr(write_lock.time, "sleep", lambda _s: None)
    actions.recall_one(message_id, reason="wrong person")
    recalls = [e for e in repo.audit() if e.action == "recall"]
    assert [(e.message_id, e.from_version) for e in recalls] == [(message_id, 1)]
    assert verify_audit(repo).ok
