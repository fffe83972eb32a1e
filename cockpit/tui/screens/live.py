"""The main screen's side of the live feed: Textual threads for the feed, and what it redraws.

The loading, scanning, ticking and polling live in :mod:`cockpit.live.feed`; this screen gives it
threads (:class:`TextualHost`) and redraws the table and the bars when it says what changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen
from textual.worker import get_current_worker

from cockpit.humanize import relative_time
from cockpit.live.alerts import Alert, AlertKind
from cockpit.live.feed import Gone, LiveFeed
from cockpit.live.model import LiveModel
from cockpit.live.table import Update
from cockpit.tui.format import SEVERITY_NAME, data_text, hhmm
from cockpit.tui.host import CockpitHost
from cockpit.tui.widgets.bars import ClockFace, HeaderBar, HeaderState, SummaryBar, SummaryState
from cockpit.tui.widgets.message_table import MessageTable

if TYPE_CHECKING:
    from cockpit.services.cockpit import Cockpit

T = TypeVar("T")


class TextualHost:
    """Runs the feed's work in the app's thread workers and brings results back to the UI thread."""

    def __init__(self, app: CockpitHost) -> None:
        self.app = app

    def run_in_thread(
        self, work: Callable[[], Any], done: Callable[[Any], None] | None, name: str, group: str
    ) -> None:
        """Run ``work`` in a thread worker (failures go to the app's one handler)."""
        self.app.run_io(work, done, name=name, group=group)

    def on_host_thread(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function`` on the UI thread and wait for its result."""
        try:
            result: T = self.app.call_from_thread(function, *args)
            return result
        except RuntimeError:
            raise Gone from None

    def cancelled(self) -> bool:
        """Whether the current worker was cancelled (the app is closing)."""
        try:
            return get_current_worker().is_cancelled
        except Exception:
            return False


class LiveScreen(Screen[None]):
    """A screen that shows a live model: the feed keeps it current, the screen redraws."""

    cockpit: Cockpit
    model: LiveModel
    feed: LiveFeed
    filter_text: str
    ready: threading.Event

    @property
    def host(self) -> CockpitHost:
        """The running cockpit app."""
        return cast(CockpitHost, self.app)

    @property
    def table(self) -> MessageTable:
        """The message table widget."""
        return self.query_one(MessageTable)

    def start_feed(self) -> None:
        """Create the feed and start loading."""
        app = self.host
        self.feed = LiveFeed(
            self.model,
            TextualHost(app),
            self,
            first_rows=app.first_screen_rows,
            assess_in_process=app.assess_in_process,
            first=app.take_first_snapshot(),
            on_change=lambda: self.poll_now(),
        )
        self.feed.start()

    # -- what the feed says -------------------------------------------------------------------

    def model_swapped(self, complete: bool) -> None:
        """The whole table was replaced: redraw it from the top."""
        self.table.rows_changed(keep_screen_line=False)
        self.refresh_bars()

    def model_loaded(self) -> None:
        """Every message and its details are loaded."""
        self.table.rows_changed()
        self.refresh_bars()
        self._check_ready()

    def model_updated(self, update: Update) -> None:
        """Redraw the rows that changed and announce what must be."""
        if update.reordered:
            self.table.rows_changed(changed=set(update.rows))
        else:
            self.table.refresh_rows(update.rows)
        if update.alerts:
            self.announce(update.alerts)
        if update.rows or update.reordered:  # a refilter changes how many are shown
            self.refresh_bars()
        self._check_ready()

    def model_status(self, status: str) -> None:
        """Show what is still loading."""
        self.refresh_bars()

    def scan_failed(self, error_type: str) -> None:
        """Say that risk badges may be incomplete."""
        self.app.notify(
            f"the content scan stopped ({error_type}); risk badges may be incomplete",
            title="Risks",
            severity="error",
        )
        self._check_ready()

    def live_changed(self) -> None:
        """Show whether other cockpits' changes arrive live."""
        self.refresh_bars()

    def _check_ready(self) -> None:
        if self.feed.ready:
            self.ready.set()

    def announce(self, alerts: list[Alert]) -> None:
        """One alert (notification and bell) per kind: a batch closing together is announced once."""
        for kind in AlertKind:
            rows = [
                row for a in alerts if a.kind == kind and (row := self.model.row_of(a.message_id)) is not None
            ]
            if len(rows) == 1:
                self._alert(rows[0], kind)
            elif rows:
                self._alert_many(rows, kind)

    def _alert(self, row: int, kind: AlertKind) -> None:
        facts = self.model.facts(row)
        codes = ", ".join(code for code, _rank in facts.risks.codes[:3])
        severity = SEVERITY_NAME.get(facts.risks.top, "high")
        deadline = self.model.deadline(row)
        who = f"#{facts.message_id} to {data_text(facts.recipient, limit=40)}"
        if kind == AlertKind.CLOSED:
            at = f" at {hhmm(deadline, self.host.zone)}" if deadline is not None else ""
            self.host.alert(
                f"{who}: the recall window closed{at} before it was recalled ({severity}: {codes})",
                title="Closed unrecalled",
            )
            return
        closes = (
            f"closes {relative_time(deadline, self.cockpit.clock.now())} "
            f"(at {hhmm(deadline, self.host.zone)})"
            if deadline is not None
            else "is closing"
        )
        self.host.alert(f"{who}: the recall window {closes} ({severity}: {codes})", title="Closing soon")

    def _alert_many(self, rows: list[int], kind: AlertKind) -> None:
        """One notification for several windows closing together (a batch), not one each."""
        ids = sorted(self.model.facts(row).message_id for row in rows)
        shown = ", ".join(f"#{message_id}" for message_id in ids[:6])
        more = f" and {len(ids) - 6} more" if len(ids) > 6 else ""
        if kind == AlertKind.CLOSED:
            self.host.alert(
                f"{len(ids)} messages with high or critical risks closed before they were recalled: "
                f"{shown}{more}",
                title="Closed unrecalled",
            )
            return
        self.host.alert(
            f"{len(ids)} messages with high or critical risks have under "
            f"{self.model.window.critical_minutes} minutes left to recall: {shown}{more}",
            title="Closing soon",
        )

    # -- live ---------------------------------------------------------------------------------

    def live_tick(self) -> None:
        """Once a second: advance phases, redraw the countdowns and the bars."""
        if not hasattr(self, "feed"):
            return
        self.feed.visible = self.table.visible_rows()
        self.feed.tick()
        if self.is_mounted:
            self.table.refresh_countdowns()
        self.refresh_bars()

    def poll_now(self) -> None:
        """Look for changes written by anyone (this app included) and apply them."""
        if hasattr(self, "feed"):
            self.feed.poll()

    def poll_routine(self) -> None:
        """Once a second: poll only while the watch on the database is not live (see the feed)."""
        if hasattr(self, "feed"):
            self.feed.poll_routine()

    def refresh_bars(self) -> None:
        """Redraw the title line and the summary bar."""
        if not self.is_mounted or not hasattr(self, "feed"):
            return
        model = self.model
        now = self.cockpit.clock.now()
        summary = model.summary(now)
        self.query_one(HeaderBar).show(
            HeaderState(
                sort=model.sort,
                filter_text=self.filter_text,
                shown=model.shown,
                total=model.total,
                marked=len(self.table.marks),
                loading=self.feed.status,
                pending_filter=model.pending_for_filter(),
                not_live_since=(
                    hhmm(self.feed.not_live_since, self.host.zone) if self.feed.not_live_since else ""
                ),
            )
        )
        self.query_one(ClockFace).show(now, self.host.zone)
        self.query_one(SummaryBar).show(
            SummaryState(
                counts=summary.counts,
                credits=summary.credits,
                exposure_usd=summary.exposure_usd,
                unassessed=summary.unassessed,
                total=summary.messages,
            )
        )
