"""The live table as one object: columns, phases, view and assessment queue, kept consistent.

Everything here runs on the UI thread and is cheap per call; the heavy parts (loading, sorting a
fresh table, scanning content) happen in :mod:`cockpit.live.loading` and
:mod:`cockpit.live.assessing` off that thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cockpit.domain.filtering import Filter
from cockpit.domain.model import Seat
from cockpit.live.alerts import Alert, Alerter
from cockpit.live.assessing import AssessmentQueue, Result
from cockpit.live.columns import CLOSED, DerivedDetails, MessageColumns
from cockpit.live.history import HistoryFigures
from cockpit.live.loading import Changes, Snapshot
from cockpit.live.phases import PhaseChange, PhaseTracker
from cockpit.live.summary import Summary, ledger_months, summarize
from cockpit.live.view import TableView, actor_names, body_needles, needs_details, needs_risks, triage_group
from cockpit.policy import Policy
from cockpit.store.rows import epoch_us


@dataclass
class Update:
    """What changed in one step: rows to redraw, rows to announce, whether the order moved."""

    rows: list[int] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    reordered: bool = False


class LiveTable:
    """Columns, phase tracker, view and assessment queue of the messages on screen."""

    def __init__(self, policy: Policy, sort: str = "triage") -> None:
        self.policy = policy
        self.columns = MessageColumns(policy)
        self.tracker = PhaseTracker(self.columns)
        self.view = TableView(self.columns, sort)
        self.queue = AssessmentQueue(self.columns)
        self.seats: list[Seat] = []
        self.audit_seq = 0
        self.max_id = 0
        self.complete = False
        self.details_loaded = False
        self.alerter = Alerter()
        self.history: HistoryFigures | None = None
        """The figures of the messages sent before the loaded ones (None: every message is loaded)."""

    # -- loading ------------------------------------------------------------------------------

    def swap(self, snapshot: Snapshot) -> None:
        """Replace the whole table by a snapshot, keeping filter and sort; details and risks already
        known for the same message versions are carried over."""
        old = self.columns
        new = snapshot.columns
        sort, flt, batch = self.view.sort, self.view.filter, self.view.batch
        carried: list[DerivedDetails] = []
        risks: list[Result] = []
        for row in range(len(old)):
            target = new.row_of(old.ids[row])
            if target is None or new.version[target] != old.version[row]:
                continue
            if old.has_details[row]:
                version, body = old.version[row], old.body_cf[row]
                group = old.groups.key_of(row)
                carried.append(DerivedDetails(target, version, body, old.credit[row], old.leaks[row], group))
            if old.assessed[row]:
                risks.append((old.ids[row], old.version[row], old.risks[row]))
        new.apply_details(carried)
        for message_id, version, summary in risks:
            target = new.row_of(message_id)
            if target is not None:
                new.set_risks(target, version, summary)
        self.columns = new
        self.tracker = snapshot.tracker
        self.view = snapshot.view
        self.view.filter = flt
        self.view.batch = batch
        if self.view.sort != sort:
            self.view.set_sort(sort)
        else:
            self.view.resort() if risks else self.view.refilter()
        self.queue = AssessmentQueue(new)
        self.seats = snapshot.seats
        self.audit_seq = snapshot.audit_seq
        self.max_id = snapshot.max_id
        self.complete = snapshot.complete

    def apply_details(self, derived: Iterable[DerivedDetails]) -> list[int]:
        """Attach background-loaded details; returns the rows to redraw."""
        rows = self.columns.apply_details(derived)
        if self.view.filter is not None and any(t.key in (None, "group") for t in self.view.filter.terms):
            self.view.update(rows)
        return rows

    def apply_changes(self, changes: Changes, now: datetime) -> Update:
        """Apply what other writers changed; returns the rows to redraw."""
        columns = self.columns
        new, changed = columns.add_index(changes.index)
        touched = new + changed
        self.tracker.track(touched, epoch_us(now))
        columns.apply_details(columns.derive_details(changes.details))
        if changes.notes is not None:
            before = columns.notes
            columns.notes = changes.notes
            for message_id in set(before) | set(changes.notes):
                if before.get(message_id) != changes.notes.get(message_id):
                    row = columns.row_of(message_id)
                    if row is not None:
                        touched.append(row)
        if changes.seats is not None:
            known = {seat.name: seat for seat in self.seats}
            new_seats = {seat.name for seat in changes.seats if known.get(seat.name) != seat}
            self.seats = changes.seats
            columns.set_ledger_months(ledger_months(changes.seats, now))
            if new_seats:  # a seat's default may be new: its messages are judged again
                columns.judge_again(lambda row: columns.seat[row] in new_seats)
        if changes.batch_defaults:
            batches = changes.batch_defaults
            columns.judge_again(lambda row: columns.batch[row] in batches)
        if new:
            self.max_id = max(self.max_id, max(columns.ids[row] for row in new))
        self.audit_seq = max(self.audit_seq, changes.audit_seq)
        self.view.update(touched)
        return Update(rows=touched, reordered=bool(touched))

    # -- time and risks -----------------------------------------------------------------------

    def tick(self, now: datetime) -> Update:
        """Advance phases to ``now``; returns rows whose phase changed and rows to announce."""
        changes = self.tracker.advance(epoch_us(now))
        if not changes:
            return Update()
        rows = [change.row for change in changes]
        reordered = self._affects_view(changes)
        if reordered:
            self.view.update(rows)
        alerts = self.alerter.from_phase_changes(self.columns, changes)
        return Update(rows=rows, alerts=alerts, reordered=reordered)

    def _affects_view(self, changes: Sequence[PhaseChange]) -> bool:
        flt = self.view.filter
        if flt is not None and any(t.key == "phase" for t in flt.terms):
            return True
        return self.view.sort == "triage" and any(c.new == CLOSED for c in changes)

    def apply_risks(self, results: Sequence[Result], batch: Iterable[int]) -> Update:
        """Attach assessment results (``batch``: the message ids asked for); returns rows to redraw
        and announce."""
        columns = self.columns
        self.queue.done(batch)
        touched: list[int] = []
        moved: list[int] = []
        by_risk = needs_risks(self.view.filter) or self.view.sort in ("risk", "exposure")
        for message_id, version, summary in results:
            row = columns.row_of(message_id)
            if row is None:
                continue
            previous = columns.set_risks(row, version, summary)
            if previous is None:
                continue
            touched.append(row)
            regrouped = triage_group(previous.top) != triage_group(summary.top)
            if by_risk or (self.view.sort == "triage" and regrouped):
                moved.append(row)
        self.view.update(moved)
        alerts = self.alerter.from_new_findings(columns, touched)
        return Update(rows=touched, alerts=alerts, reordered=bool(moved))

    # -- view ---------------------------------------------------------------------------------

    def set_filter(self, flt: Filter | None) -> None:
        """Show only rows that satisfy ``flt``."""
        self.view.set_filter(flt)

    def set_sort(self, mode: str) -> None:
        """Order rows by ``mode``."""
        self.view.set_sort(mode)

    def summary(self, now: datetime, rows: Sequence[int] | None = None) -> Summary:
        """The figures of ``rows`` (default: every loaded message) at ``now``, with the history's."""
        return summarize(self.columns, self.tracker, self.seats, now, rows, self.history)

    def unassessed(self) -> int:
        """Messages whose risks are not known yet."""
        return self.queue.remaining()

    def pending_for_filter(self) -> int:
        """Rows the filter cannot decide yet: rows not assessed for risk terms; rows without details
        for template groups, or for a search of the bodies not yet made in the database."""
        pending = self.unassessed() if needs_risks(self.view.filter) else 0
        columns = self.columns
        unsearched = any(n not in columns.body_hits for n in body_needles(self.view.filter))
        if needs_details(self.view.filter) or unsearched:
            pending += columns.has_details.count(0)
        if any(name not in columns.actor_hits for name in actor_names(self.view.filter)):
            pending = len(columns)  # not looked up in the audit log yet
        return pending

    def body_hits_found(self, hits: dict[str, set[int]]) -> Update:
        """Matches of free-text needles among the messages whose details are not loaded, searched in
        the database: the filter can decide them now."""
        self.columns.body_hits.update(hits)
        self.view.refilter()
        return Update(rows=[], reordered=True)

    def actor_hits_found(self, hits: dict[str, set[int]]) -> Update:
        """The messages each person of the filter's ``actor:`` terms logged or marked, from the
        audit log: the filter can decide them now."""
        self.columns.actor_hits.update(hits)
        self.view.refilter()
        return Update(rows=[], reordered=True)

    def all_details(self) -> bool:
        """Whether every loaded message has its details (older ones load on demand)."""
        return not self.columns.has_details.count(0)

    def live_window_rows(self) -> list[int]:
        """Rows whose window is still open."""
        phase = self.columns.phase
        return [row for row in self.tracker.active if phase[row] != CLOSED]
