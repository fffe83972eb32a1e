"""Keeping a live model loaded, judged and in step with the database, whoever shows it.

The feed loads the first screenful, then every message, then their details; scans their content in
prioritised batches (in a child process for large databases); advances phases once a second; and
follows the changes written by anyone (told by a watch on the database as they commit, see
:mod:`cockpit.live.watching`, and polled while that watch is down). It needs a :class:`Host` that
runs work in threads and brings results back to its own thread, and tells a :class:`Listener` what
changed. Nothing here knows the screen.
"""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime
from typing import Any, Protocol, TypeVar

from cockpit.live.assessing import PROCESS_THRESHOLD, Assessor, Result, assess_ids
from cockpit.live.columns import DerivedDetails
from cockpit.live.loading import (
    Changes,
    Snapshot,
    details_of,
    iter_details,
    ledger_since,
    load_changes,
    load_first,
    load_index,
)
from cockpit.live.model import LiveModel
from cockpit.live.table import Update
from cockpit.live.view import actor_names, body_needles, needs_details
from cockpit.live.watching import Event, follow_changes
from cockpit.store.people import ids_by_actor
from cockpit.store.rows import ids_with_body_text

T = TypeVar("T")
ASSESS_BATCH = 200  # messages judged per batch (and per stored transaction)
SAFETY_POLL = 15.0  # seconds between routine polls while the watch is live (a writer that sends no notice)


class Gone(Exception):
    """The host has stopped: background work must end."""


class Host(Protocol):
    """What the feed needs from whoever runs it."""

    def run_in_thread(
        self, work: Callable[[], Any], done: Callable[[Any], None] | None, name: str, group: str
    ) -> None:
        """Run ``work`` in a thread (``group``: "load", "assess" or "poll"); ``done`` gets its result
        on the host's thread."""

    def on_host_thread(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function`` on the host's thread from a worker and return its result.

        Raises:
            Gone: the host has stopped.
        """

    def cancelled(self) -> bool:
        """Whether the current worker should stop."""


class Listener(Protocol):
    """What the feed tells the view (always on the host's thread)."""

    def model_swapped(self, complete: bool) -> None:
        """The whole table was replaced (the first screen, then every message)."""

    def model_updated(self, update: Update) -> None:
        """Rows changed (phases, risks, details, changes by anyone)."""

    def model_loaded(self) -> None:
        """Every message is loaded with its details (judgements may still follow)."""

    def model_status(self, status: str) -> None:
        """What is still loading ("" when done)."""

    def scan_failed(self, error_type: str) -> None:
        """The content scan stopped with an error of this type."""

    def live_changed(self) -> None:
        """The feed stopped or started following other writers live (see ``not_live_since``)."""


class LiveFeed:
    """Loads, judges, ticks and polls one :class:`LiveModel` for a view."""

    def __init__(
        self,
        model: LiveModel,
        host: Host,
        listener: Listener,
        *,
        first_rows: int = 120,
        assess_in_process: bool | None = None,
        first: Snapshot | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        """``on_change`` is called (on the host's thread) when the watch sees another writer's
        commit; by default :meth:`poll`."""
        self.model = model
        self.host = host
        self.listener = listener
        self.first_rows = first_rows
        self.assess_in_process = assess_in_process
        self.status = "loading…"
        self.details_loaded = False
        self.scan_failed = False
        self.visible: Sequence[int] = ()
        """Rows the view shows now: scanned first (set by the view)."""
        self._first = first
        self._assessor: Assessor | None = None
        self._marker: tuple[int, int] | None = None
        self._polling = False
        self._poll_again = False
        self._stopped = False
        self._recent: datetime | None = None  # details of sends from here on load with the table
        self._older: bool | None = None  # older details: None not asked, False loading, True loaded
        self._filling = False
        self._searching: set[str] = set()  # needles being searched in the older messages' bodies
        self._finding_actors = False  # the messages of an ``actor:`` term are being looked up
        self._find_actors_again = False  # and changes came meanwhile
        self._on_change = on_change or self.poll
        self.not_live_since: datetime | None = None
        """When the feed stopped following other writers live (``None``: it follows them)."""
        self._connected = False  # the watch is connected
        self._behind = True  # a poll must finish (after the watch connected) before the feed is live
        self._last_poll = 0.0

    @property
    def ready(self) -> bool:
        """Whether every message is loaded with its details and judged (or the scan failed)."""
        return self.details_loaded and (self.model.table.unassessed() == 0 or self.scan_failed)

    # -- loading ------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the preloaded first screen (if any), then load the rest in a thread."""
        cockpit = self.model.cockpit
        repo, policy, clock = cockpit.repo, cockpit.policy, cockpit.clock
        table = self.model.table
        sort, flt = table.view.sort, table.view.filter
        first = self._first
        self._first = None
        if first is not None:
            self._swap(first)

        def work() -> None:
            host = self.host
            try:
                snapshot = first or load_first(repo, policy, clock.now(), self.first_rows, sort, flt)
                if first is None:
                    host.on_host_thread(self._swap, snapshot)
                if host.cancelled():
                    return
                # the risks of the first screen not judged yet, before the rest is read
                columns = snapshot.columns
                on_screen = [
                    columns.ids[row]
                    for row in snapshot.view.rows[: self.first_rows]
                    if not columns.assessed[row]
                ]
                if on_screen:
                    host.on_host_thread(self._apply_risks, assess_ids(repo, policy, on_screen), on_screen)
                if host.cancelled():
                    return
                full = load_index(repo, policy, clock.now(), sort, flt)
                host.on_host_thread(self._swap, full)
                # this billing month's details (the credit ledgers count them); older ones on demand
                self._recent = ledger_since(full.columns, clock.now())
                for derived in iter_details(repo, full.columns, since=self._recent):
                    if host.cancelled():
                        return
                    host.on_host_thread(self._apply_details, derived)
                host.on_host_thread(self._details_done)
            except Gone:
                return

        self.host.run_in_thread(work, None, "load messages", "load")
        self._follow()

    def _swap(self, snapshot: Snapshot) -> None:
        table = self.model.table
        table.swap(snapshot)
        self._set_status("loading details…" if snapshot.complete else "loading…")
        self.listener.model_swapped(snapshot.complete)
        # judgements stored earlier arrive with the rows: a risky one already closing is found now
        alerts = table.alerter.from_new_findings(table.columns, table.live_window_rows())
        if alerts:
            self.listener.model_updated(Update(rows=[alert.row for alert in alerts], alerts=alerts))
        if snapshot.complete:
            gc.collect()
            gc.freeze()
            if self._assessor is None:
                self._start_assessing()
            if self._behind:
                self.poll()  # what was written while it loaded

    def _apply_details(self, derived: list[DerivedDetails]) -> None:
        rows = self.model.table.apply_details(derived)
        self.listener.model_updated(Update(rows=rows))

    def _details_done(self) -> None:
        self.details_loaded = True
        self.model.table.details_loaded = True
        self._set_status("")
        self.listener.model_loaded()

    # -- details of older messages, on demand -------------------------------------------------

    def _fill_shown(self) -> None:
        """Load the details of shown rows that have none yet (older sends), a screenful at a time."""
        table = self.model.table
        columns = table.columns
        if self._filling or not self.details_loaded:
            return
        missing = [columns.ids[r] for r in self.visible if r < len(columns) and not columns.has_details[r]]
        if not missing:
            return
        self._filling = True
        repo = self.model.cockpit.repo

        def work() -> list[DerivedDetails]:
            return details_of(repo, columns, missing)

        self.host.run_in_thread(work, self._filled, "details of rows shown", "details")

    def _filled(self, derived: list[DerivedDetails]) -> None:
        self._filling = False
        self._apply_details(derived)

    def load_older(self) -> None:
        """Load the details of every older message (a filter on template groups needs them), once,
        in the background."""
        if self._older is not None or not self.details_loaded or self._recent is None:
            return
        self._older = False
        repo, columns, before = self.model.cockpit.repo, self.model.table.columns, self._recent

        def work() -> None:
            host = self.host
            try:
                for derived in iter_details(repo, columns, before=before):
                    if host.cancelled():
                        return
                    host.on_host_thread(self._apply_details, derived)
                host.on_host_thread(self._older_done)
            except Gone:
                return

        self._set_status("loading older messages…")
        self.host.run_in_thread(work, None, "load older details", "details")

    def _older_done(self) -> None:
        self._older = True
        self._set_status("")
        self.listener.model_updated(Update(rows=[], reordered=True))

    def _set_status(self, status: str) -> None:
        self.status = status
        self.listener.model_status(status)

    # -- content scan -------------------------------------------------------------------------

    def _start_assessing(self) -> None:
        cockpit = self.model.cockpit

        def work() -> None:
            host = self.host
            in_process = self.assess_in_process
            if in_process is None:
                in_process = cockpit.repo.message_count() > PROCESS_THRESHOLD and ":memory:" not in str(
                    cockpit.repo.engine.url
                )
            assessor = Assessor(cockpit.repo, cockpit.policy, in_process)
            self._assessor = assessor
            pending: deque[tuple[Future[list[Result] | str], list[int]]] = deque()
            try:
                while not host.cancelled() and not self._stopped:
                    while len(pending) < (2 if assessor.in_process else 1):
                        batch = host.on_host_thread(self._next_batch)
                        if not batch:
                            break
                        pending.append((assessor.submit(batch), batch))
                    if not pending:
                        time.sleep(0.5)
                        continue
                    future, batch = pending.popleft()
                    result = future.result()
                    if isinstance(result, str):
                        host.on_host_thread(self._scan_failed, result)
                        return
                    host.on_host_thread(self._apply_risks, result, batch)
            except Gone:
                return

        self.host.run_in_thread(work, None, "assess content", "assess")

    def _next_batch(self) -> list[int]:
        table = self.model.table
        return table.queue.next_batch(self.visible, table.live_window_rows(), ASSESS_BATCH)

    def _apply_risks(self, results: list[Result], batch: list[int]) -> None:
        self.listener.model_updated(self.model.table.apply_risks(results, batch))

    def _scan_failed(self, error_type: str) -> None:
        self.scan_failed = True
        self.listener.scan_failed(error_type)

    # -- time and other writers ---------------------------------------------------------------

    def tick(self) -> None:
        """Advance phases to the clock's now and tell the view what changed; load the details the
        shown rows or the filter need."""
        update = self.model.table.tick(self.model.cockpit.clock.now())
        if update.rows:
            self.listener.model_updated(update)
        self.tick_details()

    def tick_details(self) -> None:
        """Load what the filter (a search of the bodies or groups) or the shown rows need."""
        flt = self.model.table.view.filter
        if needs_details(flt):
            self.load_older()
        self._search_older(body_needles(flt))
        self._find_actors()
        self._fill_shown()

    def _search_older(self, needles: list[str]) -> None:
        """Search the bodies of the messages whose details are not loaded in the database (once per
        needle), so a search of the history needs none of their bodies in memory."""
        columns = self.model.table.columns
        wanted = [n for n in needles if n not in columns.body_hits and n not in self._searching]
        if not wanted or self._recent is None or self._older:
            return
        self._searching.update(wanted)
        repo, before = self.model.cockpit.repo, self._recent

        def work() -> dict[str, set[int]]:
            return ids_with_body_text(repo, wanted, before)

        self.host.run_in_thread(work, self._searched, "search older messages", "details")

    def _find_actors(self, again: bool = False) -> None:
        """Look up in the audit log the messages of the filter's ``actor:`` terms (``again``: all of
        them, after changes; the hits in hand stay until the new ones arrive)."""
        table = self.model.table
        names = actor_names(table.view.filter)
        wanted = names if again else [n for n in names if n not in table.columns.actor_hits]
        if self._finding_actors:
            self._find_actors_again = self._find_actors_again or again
            return
        if not wanted or not table.complete:
            return
        self._finding_actors = True
        repo = self.model.cockpit.repo

        def work() -> dict[str, set[int]]:
            return ids_by_actor(repo, wanted)

        self.host.run_in_thread(work, self._found_actors, "find actors' messages", "details")

    def _found_actors(self, hits: dict[str, set[int]]) -> None:
        self._finding_actors = False
        self.listener.model_updated(self.model.table.actor_hits_found(hits))
        if self._find_actors_again:
            self._find_actors_again = False
            self._find_actors(again=True)

    def _searched(self, hits: dict[str, set[int]]) -> None:
        self._searching.difference_update(hits)
        self.listener.model_updated(self.model.table.body_hits_found(hits))

    def poll(self) -> None:
        """Look for changes written by anyone (this view included) and apply them."""
        table = self.model.table
        if not table.complete or self._stopped:
            return
        if self._polling:
            self._poll_again = True
            return
        self._polling = True
        self._last_poll = time.monotonic()
        repo = self.model.cockpit.repo
        seq, max_id, seen = table.audit_seq, table.max_id, self._marker

        def work() -> tuple[tuple[int, int], Changes | None] | None:
            try:
                marker = repo.change_marker()
                if marker == seen:
                    return marker, None
                return marker, load_changes(repo, seq, max_id)
            except Exception:  # the database is out of reach: not live until a poll succeeds
                return None

        self.host.run_in_thread(work, self._polled, "poll", "poll")

    def poll_routine(self) -> None:
        """The once-a-second poll: only while the watch is not live, else now and then."""
        watched = self.not_live_since is None and self._connected and not self._behind
        if not watched or time.monotonic() - self._last_poll >= SAFETY_POLL:
            self.poll()

    def _polled(self, result: tuple[tuple[int, int], Changes | None] | None) -> None:
        self._polling = False
        if result is None:
            self._behind = True
            self._not_live()
        else:
            marker, changes = result
            self._marker = marker
            if changes is not None and not changes.empty:
                cockpit = self.model.cockpit
                update = self.model.table.apply_changes(changes, cockpit.clock.now())
                if changes.seats is not None:
                    cockpit.seat_zones(refresh=True)
                self.listener.model_updated(update)
                self._find_actors(again=True)  # someone may have logged or marked more
        if self._poll_again:
            self._poll_again = False
            self.poll()
        elif result is not None and self._behind and self._connected:
            self._behind = False  # caught up with everything written before the watch connected
            self._set_live()

    # -- following other writers --------------------------------------------------------------

    def _follow(self) -> None:
        """Start the thread that watches the database for other writers' commits."""
        repo, host = self.model.cockpit.repo, self.host

        def tell(event: Event) -> bool:
            try:
                host.on_host_thread(self._watch_event, event)
            except Gone:
                return False
            return not self._stopped

        def stopping() -> bool:
            return self._stopped or host.cancelled()

        def work() -> None:
            follow_changes(repo.watch_changes, tell, stopping)

        self.host.run_in_thread(work, None, "follow changes", "watch")

    def _watch_event(self, event: Event) -> None:
        if self._stopped:
            return
        if event == "changed":
            self._on_change()
        elif event == "connected":
            self._connected = True
            self._behind = True
            self.poll()  # catch up by the audit sequence; live once it is done
        else:
            self._connected = False
            self._behind = True
            self._not_live()

    def _not_live(self) -> None:
        if self.not_live_since is None:
            self.not_live_since = self.model.cockpit.clock.now()
            self.listener.live_changed()

    def _set_live(self) -> None:
        if self.not_live_since is not None:
            self.not_live_since = None
            self.listener.live_changed()

    def stop(self) -> None:
        """Stop the content scan (its child process too)."""
        self._stopped = True
        if self._assessor is not None:
            self._assessor.close()
