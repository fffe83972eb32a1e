"""Two cockpits on one database: a write through one reaches the other's feed as it commits, a lost
connection says so and catches up, and notifications carry ids only (both engines)."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

import pytest
from sqlalchemy import text

from cockpit.clock import FixedClock
from cockpit.live.feed import Gone, LiveFeed
from cockpit.live.model import LiveModel
from cockpit.live.table import Update
from cockpit.live.watching import follow_changes
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from cockpit.store.watch import CHANNEL, WATCH_APPLICATION, WatchLost
from tests.conftest import make_send

pytestmark = pytest.mark.all_backends

WAIT = 30.0  # the longest a test waits for an event before it fails (never a measure of speed)


class ThreadHost:
    """A host whose own thread runs what the feed hands it, as a screen's UI thread would."""

    def __init__(self) -> None:
        self._calls: queue.Queue[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]] | None] = (
            queue.Queue()
        )
        self.stopped = False
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while (item := self._calls.get()) is not None:
            function, args, future = item
            try:
                future.set_result(function(*args))
            except BaseException as exc:
                future.set_exception(exc)

    def run_in_thread(
        self, work: Callable[[], Any], done: Callable[[Any], None] | None, name: str, group: str
    ) -> None:
        def run() -> None:
            result = work()
            if done is not None and not self.stopped:
                self._calls.put((done, (result,), Future()))

        threading.Thread(target=run, name=name, daemon=True).start()

    def on_host_thread(self, function: Callable[..., Any], *args: Any) -> Any:
        future: Future[Any] = Future()
        self._calls.put((function, args, future))
        while not self.stopped:
            try:
                return future.result(timeout=0.1)
            except TimeoutError:
                continue
        raise Gone

    def cancelled(self) -> bool:
        return self.stopped

    def stop(self) -> None:
        self.stopped = True
        self._calls.put(None)


class Recorder:
    """A listener that records what the feed says and lets a test wait for a condition."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.live_states: list[bool] = []
        self.feed: LiveFeed | None = None

    def _poke(self) -> None:
        with self.changed:
            self.changed.notify_all()

    def model_swapped(self, complete: bool) -> None:
        self._poke()

    def model_updated(self, update: Update) -> None:
        self._poke()

    def model_loaded(self) -> None:
        self._poke()

    def model_status(self, status: str) -> None:
        self._poke()

    def scan_failed(self, error_type: str) -> None:
        self._poke()

    def live_changed(self) -> None:
        assert self.feed is not None
        self.live_states.append(self.feed.not_live_since is None)
        self._poke()

    def wait_for(self, condition: Callable[[], bool]) -> float:
        """Wait until ``condition`` holds; returns the seconds it took."""
        start = time.monotonic()
        with self.changed:
            assert self.changed.wait_for(condition, timeout=WAIT), "the condition never held"
        return time.monotonic() - start


def _target(repo: Repository) -> str:
    return repo.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def feed(repo: Repository, clock: FixedClock, policy: Policy) -> Iterator[tuple[LiveFeed, Recorder]]:
    """A feed on ``repo`` with no routine poll: only the watch can bring others' changes."""
    host, recorder = ThreadHost(), Recorder()
    live = LiveFeed(LiveModel(Cockpit(repo, clock, policy, "alice")), host, recorder, assess_in_process=False)
    recorder.feed = live
    live.start()
    recorder.wait_for(lambda: live.details_loaded and live._connected and not live._behind)
    yield live, recorder
    live.stop()
    host.stop()


@pytest.fixture
def bob(repo: Repository, clock: FixedClock, policy: Policy) -> Iterator[Actions]:
    """Another cockpit on the same database."""
    other = Repository.open(_target(repo))
    actions = Actions(other, clock, policy, "bob")
    actions.add_seat("sam", "sales_navigator_core", time_zone="UTC")
    yield actions
    other.close()


def _has(live: LiveFeed, message_id: int) -> Callable[[], bool]:
    return lambda: live.model.table.columns.row_of(message_id) is not None


def test_a_write_through_one_cockpit_reaches_the_others_feed(
    feed: tuple[LiveFeed, Recorder], bob: Actions
) -> None:
    live, recorder = feed
    took = []
    for n in range(3):
        new_id = bob.add_send(make_send(2, recipient=f"Nina {n}", seat="sam"))
        took.append(recorder.wait_for(_has(live, new_id)))
    bob.recall_one(new_id, reason="wrong person")
    columns = live.model.table.columns
    recorder.wait_for(lambda: columns.status[columns.row_of(new_id) or 0] == "recalled")
    print(f"seen after {', '.join(f'{s * 1000:.0f} ms' for s in took)}")
    assert live.not_live_since is None


def test_a_dropped_connection_says_not_live_and_catches_up(
    feed: tuple[LiveFeed, Recorder], bob: Actions, repo: Repository, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("a server connection to drop")
    live, recorder = feed
    with repo.engine.connect() as conn:
        dropped = conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"
                " AND datname = current_database()"
            ),
            {"name": WATCH_APPLICATION},
        ).all()
    assert dropped == [(True,)]
    recorder.wait_for(lambda: live.not_live_since is not None)
    new_id = bob.add_send(make_send(1, recipient="Written While Away", seat="sam"))
    recorder.wait_for(lambda: live.not_live_since is None and _has(live, new_id)())
    assert recorder.live_states == [False, True]


def test_notifications_carry_ids_only(repo: Repository, bob: Actions, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite sends no notifications: its watchers see the commit itself")
    import psycopg

    url = repo.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        secret = "Zebra-Quartz 512-44-3821"
        new_id = bob.add_send(make_send(2, recipient=secret, subject=secret, body=secret, seat="sam"))
        bob.comment(new_id, secret)
        bob.recall_one(new_id, reason=secret)
        payloads = [n.payload for n in listener.notifies(timeout=WAIT, stop_after=3)]
    assert len(payloads) == 3
    for payload in payloads:
        assert set(json.loads(payload)) == {"seq"} and isinstance(json.loads(payload)["seq"], int)
        assert "Zebra" not in payload and "3821" not in payload


def test_the_watch_reconnects_with_growing_waits() -> None:
    attempts: list[str] = []
    told: list[str] = []

    class Flaky:
        def wait(self, timeout: float) -> bool:
            raise WatchLost("gone")

        def close(self) -> None:
            attempts.append("closed")

    def open_watch() -> Flaky:
        attempts.append("open")
        if len(attempts) in (1, 2):
            raise WatchLost("refused")
        return Flaky()

    def tell(event: str) -> bool:
        told.append(event)
        return len(told) < 4

    follow_changes(open_watch, tell, lambda: False, backoff=(0.0, 0.0))  # type: ignore[arg-type]
    assert told == ["lost", "lost", "connected", "lost"]
    assert attempts == ["open", "open", "open", "closed"]


def test_sqlite_watch_sees_other_connections_commits(repo: Repository, bob: Actions, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("data_version is SQLite's")
    watch = repo.watch_changes()
    try:
        assert not watch.wait(0)
        bob.add_send(make_send(2, seat="sam"))
        assert watch.wait(WAIT)
        assert not watch.wait(0)
    finally:
        watch.close()
