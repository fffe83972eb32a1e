"""Loading the live table from the database: first screen, whole index, details, outside changes.

Each function here does its reading and the heavy preparation (sorting, phase placement) on fresh
objects, so it can run in a worker thread; the caller swaps the result in on the UI thread.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cockpit.domain.filtering import Filter
from cockpit.domain.model import Seat
from cockpit.live.columns import DerivedDetails, MessageColumns
from cockpit.live.phases import PhaseTracker
from cockpit.live.summary import ledger_months
from cockpit.live.view import TableView
from cockpit.policy import Policy
from cockpit.store import rows
from cockpit.store.repository import Repository
from cockpit.store.rows import Record, epoch_us, from_epoch_us


@dataclass
class Snapshot:
    """A complete table state built off the UI thread."""

    columns: MessageColumns
    tracker: PhaseTracker
    view: TableView
    seats: list[Seat]
    audit_seq: int
    max_id: int
    complete: bool


def _build(
    repo: Repository,
    policy: Policy,
    now: datetime,
    chunks: Iterator[Sequence[Sequence[Any]]],
    sort: str,
    flt: Filter | None,
    audit_seq: int,
    complete: bool,
) -> Snapshot:
    columns = MessageColumns(policy)
    seats = repo.seats()
    columns.notes = repo.annotations()
    columns.set_ledger_months(ledger_months(seats, now))
    for chunk in chunks:
        columns.append_index_columns(chunk)
    tracker = PhaseTracker(columns)
    tracker.track(range(len(columns)), epoch_us(now))
    view = TableView(columns, sort)
    view.filter = flt if flt is not None and not flt.empty else None
    view.resort()
    max_id = max(columns.ids) if len(columns) else 0
    return Snapshot(columns, tracker, view, seats, audit_seq, max_id, complete)


def load_first(
    repo: Repository, policy: Policy, now: datetime, limit: int, sort: str, flt: Filter | None
) -> Snapshot:
    """A table of what the first screen shows (open windows, then the newest), with details."""
    audit_seq = repo.change_marker()[0]
    records = rows.first_index(repo, now, policy.window.minutes, limit)
    chunks = iter([list(zip(*records, strict=True))] if records else [])
    snapshot = _build(repo, policy, now, chunks, sort, flt, audit_seq, complete=False)
    columns = snapshot.columns
    details = rows.details_by_id(repo, list(columns.ids))
    columns.apply_details(columns.derive_details(details))
    return snapshot


def load_index(
    repo: Repository,
    policy: Policy,
    now: datetime,
    sort: str,
    flt: Filter | None,
    since: datetime | None = None,
) -> Snapshot:
    """A table of every message (sent at or after ``since`` when given) (index fields only; details
    and risks follow)."""
    audit_seq = repo.change_marker()[0]
    chunks = rows.iter_index_columns(repo, chunk=5_000, since=since)
    return _build(repo, policy, now, chunks, sort, flt, audit_seq, complete=True)


def iter_details(
    repo: Repository,
    columns: MessageColumns,
    chunk: int = 5_000,
    since: datetime | None = None,
    before: datetime | None = None,
) -> Iterator[list[DerivedDetails]]:
    """Derived details of every loaded message (sent at or after ``since``, and before ``before``,
    when given), a chunk at a time (reads only)."""
    for records in rows.iter_details(repo, chunk=chunk, since=since, before=before):
        yield columns.derive_details(records)


def details_of(repo: Repository, columns: MessageColumns, message_ids: Sequence[int]) -> list[DerivedDetails]:
    """Derived details of these loaded messages (reads only)."""
    return columns.derive_details(rows.details_by_id(repo, message_ids))


def ledger_since(columns: MessageColumns, now: datetime) -> datetime:
    """The oldest send the credit ledgers count: the start of the earliest seat's billing month."""
    return from_epoch_us(min(columns.ledger_since.values(), default=epoch_us(now)))


@dataclass
class Changes:
    """What other writers (or this user) changed since an audit position."""

    audit_seq: int
    index: list[Record] = field(default_factory=list)
    details: list[Record] = field(default_factory=list)
    notes: dict[int, tuple[int, bool]] | None = None
    seats: list[Seat] | None = None
    # batches whose commercial default was set: their messages are judged again
    batch_defaults: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.index and self.notes is None and self.seats is None and not self.batch_defaults


def load_changes(repo: Repository, since_seq: int, max_id: int) -> Changes:
    """Messages written after audit entry ``since_seq`` (and any with an id above ``max_id``)."""
    head, entries = rows.changes_since(repo, since_seq)
    ids = {message_id for _action, message_id, _batch in entries if message_id is not None}
    actions = {action for action, _id, _batch in entries}
    changes = Changes(audit_seq=head)
    newest = rows.max_message_id(repo)
    if newest > max_id:
        ids.update(range(max_id + 1, newest + 1))
    if ids:
        changes.index = rows.index_by_id(repo, ids)
        changes.details = rows.details_by_id(repo, ids)
    if actions & {"comment", "escalate"}:
        changes.notes = repo.annotations()
    if "seat" in actions:
        changes.seats = repo.seats()
    changes.batch_defaults = frozenset(b for action, _id, b in entries if action == "batch" and b is not None)
    return changes
