"""The live model: what every view shows of the messages at an instant.

One :class:`LiveModel` owns the loaded messages (columns, phases, filter and sort), their figures
(:mod:`cockpit.live.summary`) and the full judgement of any one message (:meth:`LiveModel.items`).
The screen keeps it loaded, judged and in step with the database through :class:`cockpit.live.feed.
LiveFeed`; a command reads it once with :meth:`LiveModel.read`. Views ask it for rows, pages and
counts and never hold its lists.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from cockpit.domain.filtering import Filter
from cockpit.domain.model import Message, Phase
from cockpit.domain.recommend import Recommendation, recommend
from cockpit.domain.rules import needs_second_confirmation
from cockpit.domain.window import message_window
from cockpit.live.assessing import assess_ids
from cockpit.live.batches import BatchFigures, batch_figures
from cockpit.live.columns import PHASE_NAMES, SUBJECT_KEEP, MessageColumns, RiskSummary
from cockpit.live.groups import TemplateGroup, message_group_key, template_group
from cockpit.live.history import HistoryFigures, history_split
from cockpit.live.history_reading import count_history
from cockpit.live.loading import iter_details, ledger_since, load_index
from cockpit.live.summary import Summary
from cockpit.live.table import LiveTable
from cockpit.live.view import actor_names
from cockpit.policy import WindowPolicy
from cockpit.services.cockpit import Assessed, Cockpit
from cockpit.store.people import ids_by_actor
from cockpit.store.rows import from_epoch_us

JUDGE_CHUNK = 500  # messages judged (and their judgements stored) per transaction by a command


@dataclass(frozen=True, slots=True)
class RowFacts:
    """One shown row as a view draws it (read from the model, never kept by the view)."""

    row: int
    message_id: int
    version: int
    status: str
    channel: str
    phase: Phase
    sent_at_us: int
    deadline_us: int | None  # None: a channel without recall
    recalled_at_us: int  # 0: not recalled
    recipient: str
    subject: str
    seat: str | None
    batch: str | None
    has_details: bool
    credit: str
    leaks: tuple[str, ...]
    assessed: bool
    risks: RiskSummary
    notes: tuple[int, bool] | None


class LineState(NamedTuple):
    """What decides how one row's line looks now: its countdown, and whether its cached rest is stale."""

    message_id: int
    version: int
    status: str
    sent_at_us: int
    recalled_at_us: int  # 0: not recalled
    recallable: bool  # False: a channel without recall
    has_details: int
    assessed: int
    risks_id: int
    notes: tuple[int, bool] | None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a read builds many objects that all stay alive: its
    passes over them would free nothing (about a quarter of a large read's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class LiveModel:
    """The messages as every view shows them: rows, pages, counts and the judgement of one message."""

    def __init__(self, cockpit: Cockpit, sort: str = "triage") -> None:
        self.cockpit = cockpit
        self.table = LiveTable(cockpit.policy, sort)

    # -- reading it once (the command line) ---------------------------------------------------

    @classmethod
    def read(
        cls,
        cockpit: Cockpit,
        *,
        flt: Filter | None = None,
        batch: str | None = None,
        sort: str = "triage",
        now: datetime | None = None,
        groups: bool = False,
        figures_only: bool = False,
    ) -> LiveModel:
        """Every message, with details and judgements, at ``now`` (default: the clock), then filtered.

        ``batch`` keeps only that batch's messages (exact name). ``groups``: work out every message's
        template group as it loads (done anyway when the filter has a ``group:`` term; otherwise
        :meth:`template_group` reads a message's batch when asked). ``figures_only`` (without a
        filter): load only the part that can still change and count the history by SQL, for a
        model asked only for its figures (:meth:`summary`, :meth:`batches`).
        """
        with _collector_paused():
            return cls._read(cockpit, flt, batch, sort, now, groups, figures_only)

    @classmethod
    def _read(
        cls,
        cockpit: Cockpit,
        flt: Filter | None,
        batch: str | None,
        sort: str,
        now: datetime | None,
        groups: bool,
        figures_only: bool,
    ) -> LiveModel:
        model = cls(cockpit, sort)
        at = now or cockpit.clock.now()
        repo, policy = cockpit.repo, cockpit.policy
        split = None
        history: Callable[[], HistoryFigures] | None = None
        if figures_only and (flt is None or flt.empty) and not groups:
            split = history_split(repo.seats(), policy, at)
            history = count_history(repo, policy, split, batch)  # while the recent part loads
        snapshot = load_index(repo, policy, at, sort, None, since=split)
        snapshot.columns.group_keys = groups or (flt is not None and any(t.key == "group" for t in flt.terms))
        model.table.swap(snapshot)
        for derived in iter_details(
            repo, snapshot.columns, since=cls._details_since(snapshot.columns, flt, at)
        ):
            model.table.apply_details(derived)
        columns = snapshot.columns
        missing = [columns.ids[row] for row in range(len(columns)) if not columns.assessed[row]]
        for start in range(0, len(missing), JUDGE_CHUNK):
            part = missing[start : start + JUDGE_CHUNK]
            model.table.apply_risks(assess_ids(repo, policy, part), part)
        model.table.view.batch = batch
        columns.actor_hits.update(ids_by_actor(repo, actor_names(flt)))
        model.table.set_filter(flt)
        if history is not None:
            model.table.history = history()
        model.now = at
        return model

    @staticmethod
    def _details_since(columns: MessageColumns, flt: Filter | None, now: datetime) -> datetime | None:
        """The oldest send a command's figures need details of: a command reads no row's credit or
        leaks but through the seats' credit ledgers (this billing month), unless its filter searches
        the bodies or the template groups (then every message's; None)."""
        if columns.group_keys or (flt is not None and any(t.key is None for t in flt.terms)):
            return None
        return ledger_since(columns, now)

    now: datetime | None = None
    """The instant a command's model was read at (None for the live screen: it follows the clock)."""

    def _at(self, now: datetime | None) -> datetime:
        return now or self.now or self.cockpit.clock.now()

    # -- rows and pages -----------------------------------------------------------------------

    @property
    def sort(self) -> str:
        """The current sort mode."""
        return self.table.view.sort

    @property
    def filter(self) -> Filter | None:
        """The current filter (None: every message)."""
        return self.table.view.filter

    @property
    def total(self) -> int:
        """How many messages there are (loaded, and in the history when it is counted apart)."""
        history = self.table.history
        return len(self.table.columns) + (history.messages if history is not None else 0)

    @property
    def shown(self) -> int:
        """How many messages the filter shows."""
        return len(self.table.view.rows)

    def row_at(self, position: int) -> int | None:
        """The row shown at ``position`` (0 is the top), or None past the end."""
        rows = self.table.view.rows
        return rows[position] if 0 <= position < len(rows) else None

    def position_of(self, row: int) -> int | None:
        """Where ``row`` is shown, or None when the filter hides it."""
        return self.table.view.position(row)

    def page(self, start: int, count: int) -> list[int]:
        """The rows shown from ``start``, at most ``count``."""
        return self.table.view.rows[max(0, start) : max(0, start) + count]

    def shown_ids(self) -> list[int]:
        """The ids of every shown message, in order."""
        ids = self.table.columns.ids
        return [ids[row] for row in self.table.view.rows]

    def row_of(self, message_id: int) -> int | None:
        """The row of a loaded message."""
        return self.table.columns.row_of(message_id)

    def id_of(self, row: int) -> int:
        """The message id of ``row``."""
        return self.table.columns.ids[row]

    def rule_message(self, row: int) -> Message:
        """What the domain rules need of ``row`` (status, times, channel), to ask them."""
        return self.table.columns.rule_message(row)

    def seat_names(self) -> list[str]:
        """The names of the known seats."""
        return [seat.name for seat in self.table.seats]

    @property
    def window(self) -> WindowPolicy:
        """The recall window's rules (length, phase thresholds)."""
        return self.cockpit.policy.window

    def pending_for_filter(self) -> int:
        """How many rows the filter cannot decide yet (risk terms, rows not assessed)."""
        return self.table.pending_for_filter()

    def set_filter(self, flt: Filter | None) -> None:
        """Show only what ``flt`` matches (None: every message)."""
        self.table.set_filter(flt)

    def set_sort(self, mode: str) -> None:
        """Order the shown rows by sort mode ``mode``."""
        self.table.set_sort(mode)

    def line_state(self, row: int) -> LineState:
        """The few facts a drawn line changes with (cheap: read once a second per visible line)."""
        c = self.table.columns
        message_id = c.ids[row]
        return LineState(
            message_id,
            c.version[row],
            c.status[row],
            c.sent_us[row],
            c.recalled_us[row],
            c.channel[row] not in c.no_recall,
            c.has_details[row],
            c.assessed[row],
            id(c.risks[row]),
            c.notes.get(message_id),
        )

    def facts(self, row: int) -> RowFacts:
        """What a view draws of one row."""
        c = self.table.columns
        recallable = c.recallable_channel(row)
        return RowFacts(
            row=row,
            message_id=c.ids[row],
            version=c.version[row],
            status=c.status[row],
            channel=c.channel[row],
            phase=Phase(PHASE_NAMES[c.phase[row]]),
            sent_at_us=c.sent_us[row],
            deadline_us=c.deadline_us(row) if recallable else None,
            recalled_at_us=c.recalled_us[row],
            recipient=c.recipient[row],
            subject=c.subject[row],
            seat=c.seat[row],
            batch=c.batch[row],
            has_details=bool(c.has_details[row]),
            credit=c.credit[row],
            leaks=c.leaks[row],
            assessed=bool(c.assessed[row]),
            risks=c.risks[row],
            notes=c.notes.get(c.ids[row]),
        )

    # -- figures ------------------------------------------------------------------------------

    def summary(self, now: datetime | None = None, *, shown_only: bool = False) -> Summary:
        """The figures at ``now`` of every loaded message, or of the shown ones only (phases as of the
        last tick)."""
        at = self._at(now)
        view = self.table.view
        rows = view.rows if shown_only and view.rows is not view.order else None
        return self.table.summary(at, rows)

    def batches(self, *, shown_only: bool = False) -> tuple[BatchFigures, ...]:
        """The batches of every loaded message (or of the shown ones only) with their figures,
        phases as of the last tick (one pass over the rows: for a report or a picker, not a tick)."""
        view = self.table.view
        rows = view.rows if shown_only else range(len(self.table.columns))
        history = self.table.history
        return batch_figures(self.table.columns, rows, history.batches if history is not None else None)

    def needs_second_confirmation(self, row: int) -> bool:
        """Whether a recall of ``row`` must be confirmed twice (its seat is a Recruiter seat)."""
        plans = {s.name: s.plan for s in self.table.seats}
        return needs_second_confirmation(plans.get(self.table.columns.seat[row] or ""), self.cockpit.policy)

    # -- one message in full ------------------------------------------------------------------

    def items(self, message_ids: Sequence[int], now: datetime | None = None) -> list[Assessed]:
        """The messages with these ids, judged and placed in their windows at ``now`` (in id order
        given; unknown ids are left out)."""
        cockpit = self.cockpit
        found = {m.id: m for m in cockpit.repo.messages(ids=list(message_ids))}
        ordered = [found[i] for i in message_ids if i in found]
        return cockpit.assessed(ordered, self._at(now))

    def item(self, message_id: int, now: datetime | None = None) -> Assessed | None:
        """One message, judged and placed in its window at ``now``."""
        message = self.cockpit.repo.message(message_id)
        if message is None:
            return None
        return self.cockpit.assessed([message], self._at(now))[0]

    def shown_items(self) -> list[Assessed]:
        """Every shown message in full, in the shown order."""
        return self.items(self.shown_ids())

    def deadline(self, row: int) -> datetime | None:
        """When ``row``'s window closes (None: a channel without recall)."""
        c = self.table.columns
        return from_epoch_us(c.deadline_us(row)) if c.recallable_channel(row) else None

    # -- template groups and what to do -------------------------------------------------------

    def template_group(self, message_id: int, now: datetime | None = None) -> TemplateGroup | None:
        """The template group of a message (None: no batch, or alone in its batch's template), with
        the siblings that can still be recalled at ``now`` (the screen: as of the last tick).

        Read from the loaded rows when the message's details are loaded, else from its batch in the
        database.
        """
        c = self.table.columns
        row = c.row_of(message_id)
        if row is not None and c.has_details[row] and c.group_keys and self.table.all_details():
            key, batch = c.groups.key(row), c.batch[row]
            if key is None or batch is None:
                return None
            members = [(c.ids[r], c.status[r], PHASE_NAMES[c.phase[r]]) for r in c.groups.rows(key)]
            return template_group(key, batch, message_id, members)
        return self.stored_template_group(message_id, self._at(now))

    def stored_template_group(self, message_id: int, now: datetime) -> TemplateGroup | None:
        """The template group of a message read from its batch in the database (reads only: may run
        off the UI thread), with the siblings that can still be recalled at ``now``."""
        message = self.cockpit.repo.message(message_id)
        if message is None or not message.batch:
            return None
        return self._stored_batch_groups(message.batch, now).get(message_id)

    def template_groups(
        self, message_ids: Sequence[int], now: datetime | None = None
    ) -> dict[int, TemplateGroup]:
        """The template group of each of these messages that is in one (see :meth:`template_group`);
        a batch not worked out yet is read from the database once."""
        at = self._at(now)
        c = self.table.columns
        found: dict[int, TemplateGroup] = {}
        stored: dict[str, dict[int, TemplateGroup]] = {}
        wanted = list(message_ids)
        batch_of = {m.id: m.batch for m in self.cockpit.repo.messages(ids=wanted)}
        for message_id in wanted:
            row = c.row_of(message_id)
            if row is not None and c.has_details[row] and c.group_keys and self.table.all_details():
                group = self.template_group(message_id)
            else:
                batch = batch_of.get(message_id)
                if not batch:
                    continue
                if batch not in stored:
                    stored[batch] = self._stored_batch_groups(batch, at)
                group = stored[batch].get(message_id)
            if group is not None:
                found[message_id] = group
        return found

    def _stored_batch_groups(self, batch: str, now: datetime) -> dict[int, TemplateGroup]:
        policy = self.cockpit.policy
        members: dict[str, list[tuple[int, str, Phase]]] = {}
        for m in self.cockpit.repo.messages(batch=batch):
            key = message_group_key(
                batch, m.subject[:SUBJECT_KEEP], m.body, m.recipient[:SUBJECT_KEEP], m.recipient_profile_url
            )
            if key is not None:
                phase = message_window(m.channel, m.sent_at, now, policy).phase
                members.setdefault(key, []).append((m.id, m.status, phase))
        groups: dict[int, TemplateGroup] = {}
        for key, found in members.items():
            for message_id, _status, _phase in found:
                group = template_group(key, batch, message_id, found)
                if group is not None:
                    groups[message_id] = group
        return groups

    def recommendation(self, item: Assessed) -> Recommendation:
        """What to do about one judged message now (see :func:`cockpit.domain.recommend.recommend`)."""
        return recommend(item.message, item.window, item.assessment.risks, self.cockpit.policy)
