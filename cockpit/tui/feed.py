"""The live feed of the main screen: loading in the background, the content scan, the
once-a-second tick and the poll for changes written by anyone."""

from __future__ import annotations

import gc
import threading
import time
from collections import deque
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.worker import get_current_worker

from cockpit.services.assessing import PROCESS_THRESHOLD, Assessor, Result, assess_ids
from cockpit.services.live_table import LiveTable, Update
from cockpit.services.loading import Changes, Snapshot, iter_details, load_changes, load_first, load_index
from cockpit.services.table_model import DerivedDetails
from cockpit.tui.bars import ClockFace, HeaderBar, HeaderState, SummaryBar, SummaryState
from cockpit.tui.format import SEVERITY_NAME, data_text
from cockpit.tui.message_table import MessageTable

if TYPE_CHECKING:
    from cockpit.services.cockpit import Cockpit
    from cockpit.tui.app import CockpitApp

ASSESS_BATCH = 60


class LiveFeed(Screen[None]):
    """A screen whose ``LiveTable`` is kept loaded, assessed, ticking and in step with the
    database (the main screen builds on it; it provides ``cockpit``, ``live`` and ``table``)."""

    cockpit: Cockpit
    live: LiveTable
    load_status: str
    filter_text: str
    ready: threading.Event
    _marker: tuple[int, int] | None
    _polling: bool
    _poll_again: bool
    _assessor: Assessor | None
    _assess_failed: bool

    @property
    def cockpit_app(self) -> CockpitApp:
        """The running cockpit app."""
        return self.app  # type: ignore[return-value]

    @property
    def table(self) -> MessageTable:
        """The message table widget."""
        return self.query_one(MessageTable)

    # -- loading ------------------------------------------------------------------------------

    def _load(self) -> None:
        app = self.cockpit_app
        repo, policy, clock = self.cockpit.repo, self.cockpit.policy, self.cockpit.clock
        sort, flt = self.live.view.sort, self.live.view.filter
        limit = app.first_screen_rows

        zones = self.cockpit.seat_zones

        preloaded = app.take_first_snapshot()
        if preloaded is not None:
            self._swap(preloaded)

        def work() -> None:
            worker = get_current_worker()
            first = preloaded or load_first(repo, policy, clock.now(), limit, sort, flt)
            if preloaded is None and (not self._call(self._swap, first) or worker.is_cancelled):
                return
            # the risks of the first screen, before the rest is read
            on_screen = [first.columns.ids[row] for row in first.view.rows[: self.table.body_height]]
            risks = assess_ids(repo, policy, zones(), on_screen)
            if not self._call(self._apply_risks, risks, on_screen) or worker.is_cancelled:
                return
            full = load_index(repo, policy, clock.now(), sort, flt)
            if not self._call(self._swap, full) or worker.is_cancelled:
                return
            for derived in iter_details(repo, full.columns):
                if worker.is_cancelled or not self._call(self._apply_details, derived):
                    return
            self._call(self._details_done)

        app.run_io(work, name="load messages", group="load")

    def _call(self, callback: Any, *args: Any) -> bool:
        """Run ``callback`` on the UI thread from a worker; False once the app is gone."""
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            return False
        return True

    def _swap(self, snapshot: Snapshot) -> None:
        self.live.swap(snapshot)
        self.load_status = "loading details…" if snapshot.complete else "loading…"
        self.table.rows_changed(keep_screen_line=False)
        self.refresh_bars()
        if snapshot.complete:
            gc.collect()
            gc.freeze()
        if self._assessor is None and snapshot.complete:
            self._start_assessing()

    def _apply_details(self, derived: list[DerivedDetails]) -> None:
        rows = self.live.apply_details(derived)
        self.table.refresh_rows(rows)

    def _details_done(self) -> None:
        self.live.details_loaded = True
        self.load_status = ""
        self.table.rows_changed()
        self.refresh_bars()
        self._check_ready()

    def _check_ready(self) -> None:
        if self.live.details_loaded and (self.live.unassessed() == 0 or self._assess_failed):
            self.ready.set()

    # -- assessments --------------------------------------------------------------------------

    def _start_assessing(self) -> None:
        app = self.cockpit_app
        cockpit = self.cockpit

        def work() -> None:
            worker = get_current_worker()
            in_process = app.assess_in_process
            if in_process is None:
                in_process = cockpit.repo.message_count() > PROCESS_THRESHOLD and ":memory:" not in str(
                    cockpit.repo.engine.url
                )
            assessor = Assessor(cockpit.repo, cockpit.policy, cockpit.seat_zones(), in_process)
            self._assessor = assessor
            pending: deque[tuple[Future[list[Result] | str], list[int]]] = deque()
            while not worker.is_cancelled:
                while len(pending) < (2 if assessor.in_process else 1):
                    batch: list[int] = []
                    if not self._call_result(self._next_batch, batch):
                        return
                    if not batch:
                        break
                    pending.append((assessor.submit(batch), batch))
                if not pending:
                    if worker.is_cancelled:
                        return
                    time.sleep(0.5)
                    continue
                future, batch = pending.popleft()
                result = future.result()
                if isinstance(result, str):
                    self._call(self._assessment_failed, result)
                    return
                if not self._call(self._apply_risks, result, batch):
                    return

        app.run_io(work, name="assess content", group="assess")

    def _call_result(self, function: Any, out: list[int]) -> bool:
        try:
            out.extend(self.app.call_from_thread(function))
        except RuntimeError:
            return False
        return True

    def _next_batch(self) -> list[int]:
        return self.live.queue.next_batch(
            self.table.visible_rows(), self.live.live_window_rows(), ASSESS_BATCH
        )

    def _apply_risks(self, results: list[Result], batch: list[int]) -> None:
        self._apply_update(self.live.apply_risks(results, batch))
        if self.live.unassessed() == 0:
            self.refresh_bars()
        self._check_ready()

    def _assessment_failed(self, error_type: str) -> None:
        self._assess_failed = True
        self.app.notify(
            f"the content scan stopped ({error_type}); risk badges may be incomplete",
            title="Risks",
            severity="error",
        )
        self._check_ready()

    def _apply_update(self, update: Update) -> None:
        if update.reordered:
            self.table.rows_changed(changed=set(update.rows))
        else:
            self.table.refresh_rows(update.rows)
        for row in update.alerts:
            self._alert(row)

    def _alert(self, row: int) -> None:
        columns = self.live.columns
        codes = ", ".join(code for code, _rank in columns.risks[row].codes[:3])
        severity = SEVERITY_NAME.get(columns.risks[row].top, "high")
        self.app.notify(
            f"#{columns.ids[row]} to {data_text(columns.recipient[row], limit=40)} has under 5 minutes "
            f"left to recall ({severity}: {codes})",
            title="Closing soon",
            severity="warning",
            timeout=15,
        )

    # -- live ---------------------------------------------------------------------------------

    def live_tick(self) -> None:
        """Once a second: advance phases, announce, redraw the countdowns and the bars."""
        now = self.cockpit.clock.now()
        self._apply_update(self.live.tick(now))
        if self.is_mounted:
            self.table.refresh_countdowns()
        self.refresh_bars()

    def poll_now(self) -> None:
        """Look for changes written by anyone (this app included) and apply them."""
        if not self.live.complete:
            return
        if self._polling:
            self._poll_again = True
            return
        self._polling = True
        repo = self.cockpit.repo
        seq, max_id, seen = self.live.audit_seq, self.live.max_id, self._marker

        def work() -> tuple[tuple[int, int], Changes | None]:
            marker = repo.change_marker()
            if marker == seen:
                return marker, None
            return marker, load_changes(repo, seq, max_id)

        self.cockpit_app.run_io(work, self._polled, name="poll", group="poll")

    def _polled(self, result: tuple[tuple[int, int], Changes | None]) -> None:
        self._polling = False
        marker, changes = result
        self._marker = marker
        if changes is not None and not changes.empty:
            self._apply_update(self.live.apply_changes(changes, self.cockpit.clock.now()))
            if changes.seats is not None:
                self.cockpit.seat_zones(refresh=True)
                if self._assessor is not None:
                    self._assessor.set_zones(self.cockpit.seat_zones())
            self.refresh_bars()
        if self._poll_again:
            self._poll_again = False
            self.poll_now()

    def refresh_bars(self) -> None:
        """Redraw the title line and the summary bar."""
        if not self.is_mounted:
            return
        live = self.live
        now = self.cockpit.clock.now()
        self.query_one(HeaderBar).show(
            HeaderState(
                sort=live.view.sort,
                filter_text=self.filter_text,
                shown=len(live.view.rows),
                total=len(live.columns),
                marked=len(self.table.marks),
                loading=self.load_status,
                pending_filter=live.pending_for_filter(),
            )
        )
        self.query_one(ClockFace).show(now, self.cockpit_app.zone)
        self.query_one(SummaryBar).show(
            SummaryState(
                counts=live.counts(now),
                credits=tuple(live.credits()),
                exposure_usd=live.exposure_usd(),
                unassessed=live.unassessed(),
                total=len(live.columns),
            )
        )
