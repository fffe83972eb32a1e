"""In-memory columns of every message, for a live table of 100,000 rows.

Rows are addressed by their position in load order (``row``). Each message arrives in up to three
parts, each of which may come later than the previous one:

1. the *index* (status, names, channel, times): enough to show, sort and filter a row;
2. the *details* (body and recipient-side facts): free-text search, credit state and leak codes;
3. the *risks* (the content scan, the slow part): risk badges, severity and exposure.

Nothing here reads the clock or a database: callers pass ``now`` and records.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cockpit.domain.credits import message_credit
from cockpit.domain.leaks import message_leaks
from cockpit.domain.model import Message
from cockpit.domain.risk_summary import NO_RISK, RiskSummary, SummaryDecoder, judgement_basis
from cockpit.live.groups import TemplateGroups, message_group_key
from cockpit.policy import Policy
from cockpit.store.rows import DETAIL, INDEX, Record, epoch_us, from_epoch_us

__all__ = ["DerivedDetails", "MessageColumns", "RiskSummary", "epoch_us", "from_epoch_us"]

US = 1_000_000
OPEN, URGENT, CRITICAL, CLOSED, NO_WINDOW = 0, 1, 2, 3, 4
PHASE_NAMES: tuple[str, ...] = ("open", "urgent", "critical", "closed", "none")
"""Phase names by code (``NO_WINDOW`` is the phase ``none`` of a channel without recall)."""
SUBJECT_KEEP = 400  # characters of a subject kept in memory for display
_J_BASIS = INDEX["judged_basis"]  # where an index record's stored judgement starts


@dataclass(frozen=True, slots=True)
class DerivedDetails:
    """What the table keeps of one message's detail record."""

    row: int
    version: int
    body_cf: str  # casefolded body, for free-text search
    credit: str
    leaks: tuple[str, ...]
    group: str | None = None  # the template group key (see cockpit.live.groups)


class MessageColumns:
    """Column storage of every loaded message, plus the facts derived from each."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.window_us = policy.window.minutes * 60 * US
        self.ids: array[int] = array("q")
        self.version: list[int] = []
        self.status: list[str] = []
        self.channel: list[str] = []
        self.seat: list[str | None] = []
        self.batch: list[str | None] = []
        self.state: list[str | None] = []
        self.recipient: list[str] = []
        self.subject: list[str] = []
        self.subject_cf: list[str] = []
        self.sent_us: array[int] = array("q")
        self.recalled_us: array[int] = array("q")  # 0: not recalled
        self.edited: bytearray = bytearray()
        # details
        self.has_details: bytearray = bytearray()
        self.body_cf: list[str] = []  # casefolded body, for free-text search (identical ones shared)
        self.credit: list[str] = []
        self.leaks: list[tuple[str, ...]] = []
        self.groups = TemplateGroups()  # template groups within each batch, from the details
        self.group_keys = True  # whether details work out group keys (a command may not need them)
        # risks
        self.assessed: bytearray = bytearray()
        self.risks: list[RiskSummary] = []
        # live: the phase code of each row (see cockpit.live.phases), kept current by the tracker;
        # NO_WINDOW for a channel without recall
        self.phase: bytearray = bytearray()
        # review notes by message id: (number of comments, escalated?)
        self.notes: dict[int, tuple[int, bool]] = {}
        # running totals, kept current by every change
        self.status_counts: Counter[str] = Counter()
        self.live_total = 0  # not recalled, on a channel that can be recalled (in an inbox, with a window)
        self.penalty_counts: Counter[str] = Counter()
        self.code_counts: Counter[str] = Counter()  # risk code -> assessed messages with it
        self.ledger_since: dict[str, int] = {}  # seat -> first instant of its billing month
        self.ledger_counts: dict[str, Counter[str]] = {}  # seat -> credit state -> sends this month
        self.no_recall = frozenset(n for n, c in policy.channels.items() if not c.recallable)
        self.basis = judgement_basis(policy)  # what a stored judgement must carry to be used
        self._decode = SummaryDecoder()
        # free-text needle -> ids of messages without details whose body contains it (from the database)
        self.body_hits: dict[str, set[int]] = {}
        # the ids of the messages each person of an ``actor:`` term logged or marked (by actor_key)
        self.actor_hits: dict[str, set[int]] = {}
        self._row_of = _RowIndex()
        self._max_id = 0
        self._cf_cache: dict[str, str] = {}
        self._leak_cache: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._risk_cache: dict[RiskSummary, RiskSummary] = {}
        self._body_cache: dict[str, str] = {}
        self._judged: dict[
            tuple[object, ...], tuple[str, tuple[str, ...]]
        ] = {}  # the same template sent many times is kept once

    def __len__(self) -> int:
        return len(self.ids)

    def row_of(self, message_id: int) -> int | None:
        """The row of a message id, or None when it is not loaded."""
        return self._row_of.get(message_id)

    def deadline_us(self, row: int) -> int:
        """When the row's recall window closes (epoch microseconds)."""
        return self.sent_us[row] + self.window_us

    def recallable_channel(self, row: int) -> bool:
        """Whether the row's channel allows a recall at all."""
        return self.channel[row] not in self.no_recall

    def is_live(self, row: int) -> bool:
        """Whether the row still counts for its window: not recalled, on a recallable channel."""
        return self.status[row] != "recalled" and self.channel[row] not in self.no_recall

    def _count_status(self, row: int, sign: int) -> None:
        self.status_counts[self.status[row]] += sign
        if self.is_live(row):
            self.live_total += sign

    def _count_credit(self, row: int, credit: str, sign: int) -> None:
        seat = self.seat[row]
        since = self.ledger_since.get(seat or "")
        if seat is None or since is None or not credit or self.sent_us[row] < since:
            return
        self.ledger_counts.setdefault(seat, Counter())[credit] += sign

    def set_ledger_months(self, since: dict[str, int]) -> None:
        """Start each seat's ledger at its billing month (epoch microseconds) and recount it."""
        self.ledger_since = dict(since)
        self.ledger_counts = {seat: Counter() for seat in since}
        for row, credit in enumerate(self.credit):
            if credit:
                self._count_credit(row, credit, 1)

    # -- index ------------------------------------------------------------------------------

    def _subject_cf(self, subject: str) -> str:
        cached = self._cf_cache.get(subject)
        if cached is None:
            cached = sys.intern(subject.casefold())
            self._cf_cache[subject] = cached
        return cached

    def append_index_columns(self, columns: Sequence[Sequence[Any]]) -> range:
        """Append messages not loaded yet, given column-wise (:data:`INDEX_FIELDS` order), as a
        whole load does; returns their rows. Much faster than :meth:`add_index` row by row."""
        ids = columns[INDEX["id"]]
        if self.ids and min(ids) <= self._max_id:
            rows = list(zip(*columns, strict=True))
            new, _changed = self.add_index(rows)
            return range(new[0], new[-1] + 1) if new else range(0)
        intern = sys.intern
        first = len(self.ids)
        count = len(ids)
        for offset, message_id in enumerate(ids):
            self._row_of.set(message_id, first + offset)
        self.ids.extend(ids)
        self._max_id = max(self._max_id, max(ids, default=0))
        self.version.extend(columns[INDEX["version"]])
        statuses = [intern(v) for v in columns[INDEX["status"]]]
        channels = [intern(v) for v in columns[INDEX["channel"]]]
        self.status.extend(statuses)
        self.channel.extend(channels)
        for name in ("seat", "batch", "recipient_state"):
            target = self.state if name == "recipient_state" else getattr(self, name)
            target.extend([intern(v) if v is not None else None for v in columns[INDEX[name]]])
        self.recipient.extend([v[:SUBJECT_KEEP] for v in columns[INDEX["recipient"]]])
        subject_cf = self._subject_cf
        raw_subjects = columns[INDEX["subject"]]
        self.subject.extend([intern(v) if len(v) < 200 else v[:SUBJECT_KEEP] for v in raw_subjects])
        self.subject_cf.extend([subject_cf(v) for v in raw_subjects])
        self.sent_us.extend(columns[INDEX["sent_at"]])
        self.recalled_us.extend([v or 0 for v in columns[INDEX["recalled_at"]]])
        self.edited.extend(bytes(0 if v is None else 1 for v in columns[INDEX["edited_at"]]))
        self.has_details.extend(bytes(count))
        self.body_cf.extend([""] * count)
        self.credit.extend([""] * count)
        self.leaks.extend([()] * count)
        self.assessed.extend(bytes(count))
        self.risks.extend([NO_RISK] * count)
        self.phase.extend(bytes([CLOSED]) * count)
        self.status_counts.update(statuses)
        no_recall = self.no_recall
        self.live_total += sum(
            1
            for status, channel in zip(statuses, channels, strict=True)
            if status != "recalled" and channel not in no_recall
        )
        if len(columns) > _J_BASIS:
            self._use_stored_columns(first, columns[_J_BASIS:])
        return range(first, first + count)

    def _use_stored_columns(self, first: int, judged: Sequence[Sequence[Any]]) -> None:
        """Take the stored judgements of rows just appended from ``first`` (new rows: no risks to
        take back), counting each distinct summary once."""
        bases, codes, tops, exposures, penalties = judged
        basis, decode, risks, assessed = self.basis, self._decode, self.risks, self.assessed
        tally: Counter[int] = Counter()  # by id: the decoder shares one object per distinct summary
        shared: dict[int, RiskSummary] = {}
        for offset, found in enumerate(bases):
            if found == basis:
                row = first + offset
                summary = decode(codes[offset], tops[offset], exposures[offset], penalties[offset])
                risks[row] = summary
                assessed[row] = 1
                tally[id(summary)] += 1
                shared[id(summary)] = summary
        for key, count in tally.items():
            summary = shared[key]
            for code, _rank in summary.codes:
                self.code_counts[code] += count
            for penalty in summary.penalties:
                self.penalty_counts[penalty] += count

    def _use_stored(self, row: int, judged: Sequence[Any]) -> None:
        """Take a stored judgement (basis, codes, top, exposure, penalties) as the row's risks."""
        _basis, codes, top, exposure, penalties = judged
        self.set_risks(row, self.version[row], self._decode(codes, top, exposure, penalties))

    def add_index(self, records: Iterable[Record]) -> tuple[list[int], list[int]]:
        """Add or update index records. Returns ``(new rows, changed rows)``.

        A record older than (or as old as) what is loaded is ignored. A changed version makes the
        row's details and risks stale until they are loaded again.
        """
        new: list[int] = []
        changed: list[int] = []
        intern = sys.intern
        i_id, i_ver, i_status, i_channel = INDEX["id"], INDEX["version"], INDEX["status"], INDEX["channel"]
        i_seat, i_batch, i_state = INDEX["seat"], INDEX["batch"], INDEX["recipient_state"]
        i_rcpt, i_subj, i_sent = INDEX["recipient"], INDEX["subject"], INDEX["sent_at"]
        i_rec, i_edit = INDEX["recalled_at"], INDEX["edited_at"]
        for rec in records:
            message_id = rec[i_id]
            row = self._row_of.get(message_id)
            subject = rec[i_subj][:SUBJECT_KEEP]
            subject = intern(subject) if len(subject) < 200 else subject
            values = (
                rec[i_ver],
                intern(rec[i_status]),
                intern(rec[i_channel]),
                intern(rec[i_seat]) if rec[i_seat] is not None else None,
                intern(rec[i_batch]) if rec[i_batch] is not None else None,
                intern(rec[i_state]) if rec[i_state] is not None else None,
                rec[i_rcpt][:SUBJECT_KEEP],
                subject,
            )
            if row is None:
                row = len(self.ids)
                self._row_of.set(message_id, row)
                self.ids.append(message_id)
                self._max_id = max(self._max_id, message_id)
                self.version.append(values[0])
                self.status.append(values[1])
                self.channel.append(values[2])
                self.seat.append(values[3])
                self.batch.append(values[4])
                self.state.append(values[5])
                self.recipient.append(values[6])
                self.subject.append(values[7])
                self.subject_cf.append(self._subject_cf(rec[i_subj]))
                self.sent_us.append(rec[i_sent])
                self.recalled_us.append(rec[i_rec] or 0)
                self.edited.append(1 if rec[i_edit] is not None else 0)
                self.has_details.append(0)
                self.body_cf.append("")
                self.credit.append("")
                self.leaks.append(())
                self.assessed.append(0)
                self.risks.append(NO_RISK)
                self.phase.append(CLOSED)
                self._count_status(row, 1)
                if len(rec) > _J_BASIS and rec[_J_BASIS] == self.basis:
                    self._use_stored(row, rec[_J_BASIS:])
                new.append(row)
                continue
            if values[0] <= self.version[row]:
                continue
            self._count_status(row, -1)
            self.version[row] = values[0]
            self.status[row] = values[1]
            self.channel[row] = values[2]
            self.seat[row] = values[3]
            self.batch[row] = values[4]
            self.state[row] = values[5]
            self.recipient[row] = values[6]
            self.subject[row] = values[7]
            self.subject_cf[row] = self._subject_cf(rec[i_subj])
            self.sent_us[row] = rec[i_sent]
            self.recalled_us[row] = rec[i_rec] or 0
            self.edited[row] = 1 if rec[i_edit] is not None else 0
            self.has_details[row] = 0
            self.assessed[row] = 0
            self._count_status(row, 1)
            if len(rec) > _J_BASIS and rec[_J_BASIS] == self.basis:
                self._use_stored(row, rec[_J_BASIS:])
            changed.append(row)
        return new, changed

    # -- details ----------------------------------------------------------------------------

    def message_of(self, row: int, detail: Record) -> Message:
        """A domain ``Message`` rebuilt from the row's index and a detail record."""
        d = detail
        recalled = self.recalled_us[row]
        return Message(
            id=self.ids[row],
            external_id=d[DETAIL["external_id"]],
            recipient=self.recipient[row],
            recipient_profile_url=d[DETAIL["recipient_profile_url"]],
            recipient_state=self.state[row],
            open_profile=d[DETAIL["open_profile"]],
            channel=self.channel[row],
            seat=self.seat[row],
            batch=self.batch[row],
            subject=self.subject[row],
            body=d[DETAIL["body"]],
            sent_at=from_epoch_us(self.sent_us[row]),
            sent_from=d[DETAIL["sent_from"]],
            commercial=d[DETAIL["commercial"]],
            commercial_review=d[DETAIL["commercial_review"]],
            push=d[DETAIL["push"]],
            opened_at=_instant(d[DETAIL["opened_at"]]),
            replied_at=_instant(d[DETAIL["replied_at"]]),
            forwarded_at=_instant(d[DETAIL["forwarded_at"]]),
            status=self.status[row],
            edited_at=None,
            recalled_at=from_epoch_us(recalled) if recalled else None,
            version=self.version[row],
        )

    def rule_message(self, row: int) -> Message:
        """The row as last seen, for the rules that need only status, channel and times (no body)."""
        recalled = self.recalled_us[row]
        return Message(
            id=self.ids[row],
            external_id="",
            recipient=self.recipient[row],
            recipient_profile_url=None,
            recipient_state=self.state[row],
            open_profile=False,
            channel=self.channel[row],
            seat=self.seat[row],
            batch=self.batch[row],
            subject=self.subject[row],
            body="",
            sent_at=from_epoch_us(self.sent_us[row]),
            sent_from="desktop",
            commercial=None,
            push="unknown",
            opened_at=None,
            replied_at=None,
            forwarded_at=None,
            status=self.status[row],
            edited_at=None,
            recalled_at=from_epoch_us(recalled) if recalled else None,
            version=self.version[row],
        )

    def derive_details(self, records: Sequence[Record]) -> list[DerivedDetails]:
        """What the table keeps from detail records (pure reads: may run off the UI thread).

        Credit state and leak codes come from the domain rules. Both depend only on a few facts of
        a message (channel, open profile, push, opened, recalled, forwarded; a reply needs its
        date checked), so each distinct combination is judged once and reused.
        """
        derived: list[DerivedDetails] = []
        i_id, i_ver, i_body = DETAIL["id"], DETAIL["version"], DETAIL["body"]
        i_push, i_open = DETAIL["push"], DETAIL["open_profile"]
        i_opened, i_replied, i_forwarded = DETAIL["opened_at"], DETAIL["replied_at"], DETAIL["forwarded_at"]
        i_profile = DETAIL["recipient_profile_url"]
        i_judged, i_template = DETAIL["judged_basis"], DETAIL["judged_template"]
        policy = self.policy
        judged = self._judged
        body_cache = self._body_cache
        for rec in records:
            row = self._row_of.get(rec[i_id])
            if row is None or rec[i_ver] != self.version[row]:
                continue
            replied = rec[i_replied] is not None
            signature = (
                self.channel[row],
                rec[i_open],
                rec[i_push],
                rec[i_opened] is not None,
                self.status[row] == "recalled" and self.recalled_us[row] != 0,
                rec[i_forwarded] is not None,
            )
            found = None if replied else judged.get(signature)
            if found is None:
                message = self.message_of(row, rec)
                codes = tuple(leak.code for leak in message_leaks(message, policy))
                found = (
                    message_credit(message, policy).state.value,
                    self._leak_cache.setdefault(codes, codes),
                )
                if not replied:
                    judged[signature] = found
            body = rec[i_body].casefold()
            if len(body_cache) > 4_096:
                body_cache.clear()
            body = body_cache.setdefault(body, body)
            batch = self.batch[row]
            group = None
            if batch and self.group_keys:
                if rec[i_judged] == self.basis:  # the key stored with a current judgement
                    group = rec[i_template]
                else:
                    group = message_group_key(
                        batch, self.subject[row], rec[i_body], self.recipient[row], rec[i_profile]
                    )
            derived.append(DerivedDetails(row, rec[i_ver], body, found[0], found[1], group))
        return derived

    def apply_details(self, derived: Iterable[DerivedDetails]) -> list[int]:
        """Attach derived details to rows still at the same version; returns those rows."""
        done: list[int] = []
        for item in derived:
            row = item.row
            if row >= len(self.ids) or item.version != self.version[row]:
                continue
            if self.credit[row]:
                self._count_credit(row, self.credit[row], -1)
            if item.credit:
                self._count_credit(row, item.credit, 1)
            self.body_cf[row] = item.body_cf
            self.credit[row] = item.credit
            self.leaks[row] = item.leaks
            self.groups.place(row, item.group)
            self.has_details[row] = 1
            done.append(row)
        return done

    # -- risks ------------------------------------------------------------------------------

    def set_risks(self, row: int, version: int, summary: RiskSummary) -> RiskSummary | None:
        """Attach a risk summary if it is for the row's current version; returns the previous one."""
        if version != self.version[row]:
            return None
        summary = self._risk_cache.setdefault(summary, summary)
        previous = self.risks[row]
        self.penalty_counts.subtract(previous.penalties)
        self.penalty_counts.update(summary.penalties)
        self.code_counts.subtract(code for code, _rank in previous.codes)
        self.code_counts.update(code for code, _rank in summary.codes)
        self.risks[row] = summary
        self.assessed[row] = 1
        return previous

    def judge_again(self, which: Callable[[int], bool]) -> None:
        """Mark the rows ``which`` selects as not judged, so the content scan judges them again (a
        seat's or batch's commercial default changed); their badges stay until it has."""
        assessed = self.assessed
        for row in range(len(self.ids)):
            if assessed[row] and which(row):
                assessed[row] = 0

    def unassessed_rows(self, limit: int, start: int = 0) -> list[int]:
        """Up to ``limit`` rows (from ``start``, wrapping once) whose risks are not known yet."""
        found: list[int] = []
        assessed = self.assessed
        position = start
        wrapped = False
        while len(found) < limit:
            position = assessed.find(0, position)
            if position < 0:
                if wrapped or start == 0:
                    break
                wrapped, position = True, 0
                continue
            if wrapped and position >= start:
                break
            found.append(position)
            position += 1
        return found


_NO_ROW = array("l", (-1,))


class _RowIndex:
    """Message id to row: an array for the dense ids the database hands out, a dict for the rest."""

    _DENSE = 1 << 22

    def __init__(self) -> None:
        self._dense: array[int] = array("l")
        self._sparse: dict[int, int] = {}

    def get(self, message_id: int) -> int | None:
        if 0 <= message_id < len(self._dense):
            row = self._dense[message_id]
            return row if row >= 0 else None
        return self._sparse.get(message_id)

    def set(self, message_id: int, row: int) -> None:
        if 0 <= message_id < self._DENSE:
            if message_id >= len(self._dense):
                self._dense.extend(_NO_ROW * (message_id + 1 - len(self._dense) + 1024))
            self._dense[message_id] = row
        else:
            self._sparse[message_id] = row


def _instant(value: int | None) -> datetime | None:
    return from_epoch_us(value) if value is not None else None
