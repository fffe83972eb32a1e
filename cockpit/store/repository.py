"""The repository: every read and write of the cockpit's database.

Writes happen inside :meth:`Repository.write`, one transaction that first takes the write lock
(``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL: :mod:`cockpit.store.write_lock`), so
a state change and its audit entry commit together or not at all, concurrent writers queue instead
of failing, and the audit chain stays linear. Reads (:meth:`Repository.read`) take no lock and never
wait for a writer.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, select, update
from sqlalchemy.exc import DatabaseError, OperationalError

from cockpit.clock import Clock, SystemClock
from cockpit.domain.escalation import ESCALATE_ACTION, RAISED, escalation_state_of
from cockpit.domain.model import AuditRecord, Message, Revision, Seat
from cockpit.domain.review import RISK_ACTION, RiskDecision, decisions_by_message
from cockpit.errors import BadInput, DatabaseBusy
from cockpit.store.audit_chain import GENESIS_HASH, canonical_details, entry_hash
from cockpit.store.clock_mode import DRILL, check_write_clock, clock_mode, record_clock_mode
from cockpit.store.convert import load_details, to_audit, to_message, to_revision, to_seat
from cockpit.store.engine import BUSY_TIMEOUT_MS, NOWAIT_OPTION, WRITE_OPTION, open_engine
from cockpit.store.instant_text import encode_instant
from cockpit.store.judgements import STATUS_FIELDS, StoredJudgement, count_judged, forget, store, unjudged_ids
from cockpit.store.schema import (
    EMPTY,
    SchemaStatus,
    SchemaUpgrade,
    check_openable,
    is_current,
    schema_status,
    upgrade,
)
from cockpit.store.tables import (
    audit_head_table,
    audit_table,
    batch_setting_table,
    message_table,
    revision_table,
    seat_table,
)
from cockpit.store.watch import ChangeWatch, announce_append, open_watch
from cockpit.store.write_lock import is_busy, take_write_lock

_IN_CHUNK = 500
SCHEMA_ACTION = "schema"
"""The audit action of a schema upgrade (details: ``from_revision``, ``to_revision``, ``applied``)."""
SCHEMA_ACTOR = "cockpit"
"""Who an automatic schema upgrade is recorded as when the opener names nobody."""

_AUDIT_COLUMNS = (
    "seq", "actor", "action", "message_id", "batch", "from_status", "to_status", "from_version",
    "reason", "details", "prev_hash", "hash",
)  # fmt: skip
_INSERT_AUDIT = (
    f"INSERT INTO audit_entry ({', '.join(_AUDIT_COLUMNS)}, at, wall_at) VALUES ({', '.join(['?'] * 14)})"
)


@dataclass(frozen=True, slots=True)
class NewAudit:
    """An audit entry to append; seq, time, actor and hashes are filled in by the chain."""

    action: str
    message_id: int | None = None
    batch: str | None = None
    from_status: str | None = None
    to_status: str | None = None
    from_version: int | None = None
    reason: str | None = None
    details: Mapping[str, object] = field(default_factory=dict)


def _chunks(values: Sequence[Any], size: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Reads:
    """Queries shared by read connections and write transactions."""

    conn: Connection

    def message(self, message_id: int) -> Message | None:
        row = (
            self.conn.execute(select(message_table).where(message_table.c.id == message_id))
            .mappings()
            .first()
        )
        return to_message(row) if row else None

    def messages_by_id(self, ids: Iterable[int]) -> list[Message]:
        wanted = sorted(set(ids))
        found: list[Message] = []
        for chunk in _chunks(wanted):
            rows = self.conn.execute(select(message_table).where(message_table.c.id.in_(chunk))).mappings()
            found.extend(to_message(row) for row in rows)
        found.sort(key=lambda m: m.id)
        return found

    def messages_in_batch(self, batch: str) -> list[Message]:
        rows = self.conn.execute(
            select(message_table).where(message_table.c.batch == batch).order_by(message_table.c.id)
        ).mappings()
        return [to_message(row) for row in rows]

    def seat(self, name: str) -> Seat | None:
        row = self.conn.execute(select(seat_table).where(seat_table.c.name == name)).mappings().first()
        return to_seat(row) if row else None

    def batch_settings(self) -> dict[str, bool | None]:
        """Each configured batch's commercial default."""
        rows = self.conn.execute(select(batch_setting_table.c.batch, batch_setting_table.c.commercial))
        return {str(b): None if c is None else bool(c) for b, c in rows}

    def last_audit_for(self, message_id: int, actions: Sequence[str] | None = None) -> AuditRecord | None:
        query = select(audit_table).where(audit_table.c.message_id == message_id)
        if actions:
            query = query.where(audit_table.c.action.in_(list(actions)))
        row = self.conn.execute(query.order_by(audit_table.c.seq.desc()).limit(1)).mappings().first()
        return to_audit(row) if row else None

    def audit_for(self, message_id: int) -> list[AuditRecord]:
        rows = self.conn.execute(
            select(audit_table).where(audit_table.c.message_id == message_id).order_by(audit_table.c.seq)
        ).mappings()
        return [to_audit(row) for row in rows]

    def risk_decisions(self, ids: Iterable[int] | None = None) -> dict[int, tuple[RiskDecision, ...]]:
        """The reviewers' risk decisions, oldest first, by message (of ``ids`` only when given)."""
        query = select(audit_table).where(audit_table.c.action == RISK_ACTION)
        if ids is None:
            rows = self.conn.execute(query.order_by(audit_table.c.seq)).mappings()
            return decisions_by_message(to_audit(row) for row in rows)
        records: list[AuditRecord] = []
        for chunk in _chunks(sorted(set(ids))):
            rows = self.conn.execute(query.where(audit_table.c.message_id.in_(chunk))).mappings()
            records.extend(to_audit(row) for row in rows)
        return decisions_by_message(sorted(records, key=lambda r: r.seq))

    def revisions(self, message_id: int) -> list[Revision]:
        rows = self.conn.execute(
            select(revision_table)
            .where(revision_table.c.message_id == message_id)
            .order_by(revision_table.c.number)
        ).mappings()
        return [to_revision(row) for row in rows]

    def unjudged_ids(self, basis: str, after_id: int = 0, limit: int = 1_000) -> list[int]:
        """Ids of messages (above ``after_id``, in id order) with no judgement made with ``basis``."""
        return unjudged_ids(self.conn, basis, after_id, limit)

    def count_judged(self, basis: str) -> int:
        """How many messages have a judgement made with ``basis``."""
        return count_judged(self.conn, basis)

    def existing_external_ids(self, external_ids: Iterable[str]) -> set[str]:
        wanted = list(set(external_ids))
        found: set[str] = set()
        for chunk in _chunks(wanted):
            found.update(
                self.conn.execute(
                    select(message_table.c.external_id).where(message_table.c.external_id.in_(chunk))
                ).scalars()
            )
        return found


class WriteTx(_Reads):
    """One write transaction. Every method runs inside it; nothing is visible until it commits."""

    def __init__(self, conn: Connection, actor: str, at: datetime, wall: datetime | None = None) -> None:
        self.conn = conn
        self.actor = actor
        self.at = at
        self.wall = wall or SystemClock().now()  # the wall-clock instant its entries are written

    def insert_seat(self, values: Mapping[str, Any]) -> None:
        self.conn.execute(insert(seat_table).values(**values, created_at=self.at))
        forget(self.conn, seat=str(values["name"]))  # its sends' default may be new

    def store_judgements(self, judgements: Sequence[StoredJudgement]) -> int:
        """Store content judgements of messages still at the judged version; returns how many."""
        return store(self.conn, judgements)

    def set_batch_commercial(self, batch: str, commercial: bool | None) -> None:
        """Record whether ``batch``'s sends are commercial by default (``None``: no default)."""
        values = {"commercial": commercial, "updated_at": self.at}
        changed = self.conn.execute(
            update(batch_setting_table).where(batch_setting_table.c.batch == batch).values(**values)
        )
        if changed.rowcount == 0:
            self.conn.execute(insert(batch_setting_table).values(batch=batch, **values))
        forget(self.conn, batch=batch)

    def insert_message(self, values: Mapping[str, Any]) -> int:
        result = self.conn.execute(insert(message_table).values(**values, created_at=self.at, version=1))
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def insert_messages(self, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert many messages at once; returns their ids in order."""
        if not rows:
            return []
        first = self.conn.execute(select(func.coalesce(func.max(message_table.c.id), 0))).scalar_one()
        prepared = [
            {**row, "id": first + index + 1, "created_at": self.at, "version": 1}
            for index, row in enumerate(rows)
        ]
        self.conn.execute(insert(message_table), prepared)
        self.sync_id_sequence()
        return [row["id"] for row in prepared]

    def sync_id_sequence(self) -> None:
        """After rows were written with explicit ids, move PostgreSQL's id sequence past them."""
        if self.conn.dialect.name == "postgresql":
            self.conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('message', 'id'), "
                "(SELECT COALESCE(MAX(id), 1) FROM message))"
            )

    def update_message(
        self, message_id: int, expected_status: str, expected_version: int, values: Mapping[str, Any]
    ) -> bool:
        """Apply ``values`` (and bump the version) only if status and version are as expected."""
        result = self.conn.execute(
            update(message_table)
            .where(
                and_(
                    message_table.c.id == message_id,
                    message_table.c.status == expected_status,
                    message_table.c.version == expected_version,
                )
            )
            .values(**values, version=expected_version + 1)
        )
        if result.rowcount != 1:
            return False
        if not values or not STATUS_FIELDS.issuperset(values):  # not only a status mark
            forget(self.conn, [message_id])
        return True

    def update_messages(self, changes: Sequence[tuple[int, str, int]], values: Mapping[str, Any]) -> int:
        """Set-based conditional update of many messages: ``(id, expected_status, expected_version)``.

        Returns the number of rows changed.
        """
        if not changes:
            return 0
        statement = (
            update(message_table)
            .where(
                and_(
                    message_table.c.id == _bind("m_id"),
                    message_table.c.status == _bind("m_status"),
                    message_table.c.version == _bind("m_version"),
                )
            )
            .values(**values, version=_bind("m_next"))
        )
        params = [
            {"m_id": mid, "m_status": status, "m_version": version, "m_next": version + 1}
            for mid, status, version in changes
        ]
        result = self.conn.execute(statement, params)
        if not values or not STATUS_FIELDS.issuperset(values):  # not only a status mark
            forget(self.conn, [mid for mid, _status, _version in changes])
        return int(result.rowcount)

    def insert_revision(self, message: Message, reason: str | None) -> int:
        """Keep the current subject and body of ``message`` as its next revision."""
        number = (
            self.conn.execute(
                select(func.coalesce(func.max(revision_table.c.number), 0)).where(
                    revision_table.c.message_id == message.id
                )
            ).scalar_one()
            + 1
        )
        self.conn.execute(
            insert(revision_table).values(
                message_id=message.id,
                number=number,
                subject=message.subject,
                body=message.body,
                replaced_at=self.at,
                actor=self.actor,
                reason=reason,
            )
        )
        return int(number)

    def append_audit(self, entries: Sequence[NewAudit]) -> list[int]:
        """Append ``entries`` to the chain, in order; returns their sequence numbers."""
        if not entries:
            return []
        head = self.conn.execute(
            select(audit_head_table.c.seq, audit_head_table.c.hash)
            .where(audit_head_table.c.id == 1)
            .with_for_update()
        ).first()
        check_write_clock(clock_mode(self.conn), self.at, self.wall)
        seq, prev = (head[0], head[1]) if head else (0, GENESIS_HASH)
        prev = prev or GENESIS_HASH
        rows: list[dict[str, Any]] = []
        for entry in entries:
            seq += 1
            details = canonical_details(entry.details)
            digest = entry_hash(
                prev_hash=prev,
                seq=seq,
                at=self.at,
                actor=self.actor,
                action=entry.action,
                message_id=entry.message_id,
                batch=entry.batch,
                from_status=entry.from_status,
                to_status=entry.to_status,
                from_version=entry.from_version,
                reason=entry.reason,
                details=details,
                wall_at=self.wall,
            )
            rows.append(
                {
                    "seq": seq,
                    "at": self.at,
                    "actor": self.actor,
                    "action": entry.action,
                    "message_id": entry.message_id,
                    "batch": entry.batch,
                    "from_status": entry.from_status,
                    "to_status": entry.to_status,
                    "from_version": entry.from_version,
                    "reason": entry.reason,
                    "details": details,
                    "prev_hash": prev,
                    "hash": digest,
                    "wall_at": self.wall,
                }
            )
            prev = digest
        if self.conn.dialect.name == "sqlite":  # straight to the driver: no per-row processing
            raw = self.conn.connection.driver_connection
            assert raw is not None
            at, wall = encode_instant(self.at), encode_instant(self.wall)
            raw.executemany(_INSERT_AUDIT, [(*itemgetter(*_AUDIT_COLUMNS)(row), at, wall) for row in rows])
        else:
            self.conn.execute(insert(audit_table), rows)
        if head is None:
            self.conn.execute(insert(audit_head_table).values(id=1, seq=seq, hash=prev))
        else:
            self.conn.execute(
                update(audit_head_table).where(audit_head_table.c.id == 1).values(seq=seq, hash=prev)
            )
        announce_append(self.conn, seq)
        return [row["seq"] for row in rows]


def _bind(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name)


class Repository:
    """Access to one cockpit database."""

    def __init__(self, engine: Engine, wall: Clock | None = None) -> None:
        self.engine = engine
        self.wall: Clock = wall or SystemClock()
        """The wall clock each audit entry records (never ``--now``'s)."""

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str],
        *,
        actor: str = SCHEMA_ACTOR,
        at: datetime | None = None,
        drill: bool = False,
    ) -> Repository:
        """Open the database at ``target`` (path or URL) ready for use: see :meth:`ensure_schema`
        (``actor`` and ``at`` go into the audit entry of an automatic upgrade; ``drill``: a database
        created now is a drill, not on the real clock)."""
        repo = cls(open_engine(target))
        repo.ensure_schema(actor, at, drill)
        return repo

    @classmethod
    def connect(cls, target: str | os.PathLike[str]) -> Repository:
        """Open the database at ``target`` as it is, whatever its schema (``cockpit db``)."""
        return cls(open_engine(target))

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def upgrades_automatically(self) -> bool:
        """Whether an older schema is upgraded on open: a SQLite file has one user, who gets the
        upgrade in place when it only adds; a server database is shared, and waits for
        ``cockpit db upgrade``."""
        return self.dialect == "sqlite"

    def ensure_schema(
        self, actor: str = SCHEMA_ACTOR, at: datetime | None = None, drill: bool = False
    ) -> None:
        """Make the database usable by this program, or refuse it with nothing changed.

        An empty database gets the schema at the head; a SQLite file at an older revision (or
        written before revisions existed) is upgraded in place when the pending revisions only add,
        with a ``schema`` audit entry. Otherwise it is refused.

        Raises:
            UpgradeRequired: the database is behind and must be upgraded with ``cockpit db upgrade``.
            DatabaseTooNew: a newer cockpit upgraded the database.
            BadInput: the database cannot be opened, or is not a cockpit database.
        """
        try:
            with self.engine.connect() as conn, conn.begin():
                if is_current(conn):
                    return
                status = schema_status(conn)
            if status.state != EMPTY:
                check_openable(status, self.upgrades_automatically)
            self.upgrade_schema(actor, at, drill)
        except DatabaseError as exc:
            raise BadInput(self._cannot_open(exc)) from None

    def schema_status(self) -> SchemaStatus:
        """Where the database's schema stands against this program (reads only)."""
        try:
            with self.engine.connect() as conn, conn.begin():
                return schema_status(conn)
        except DatabaseError as exc:
            raise BadInput(self._cannot_open(exc)) from None

    def upgrade_schema(
        self, actor: str = SCHEMA_ACTOR, at: datetime | None = None, drill: bool = False
    ) -> SchemaUpgrade | None:
        """Bring the schema to this program's head in one transaction: create it on an empty
        database (recording whether it is a drill), apply the pending revisions (with a ``schema``
        audit entry, at ``at`` in a drill, else now) otherwise. Returns what was done; ``None`` when
        it was current.

        Raises:
            DatabaseTooNew: a newer cockpit upgraded the database (nothing is changed).
        """
        try:
            with self.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                take_write_lock(conn)
                done = upgrade(conn)
                wall = self.wall.now()
                if done is not None and done.created:
                    record_clock_mode(conn, drill, wall)
                elif done is not None:
                    drilling = clock_mode(conn) == DRILL
                    tx = WriteTx(conn, actor, (at or wall) if drilling else wall, wall)
                    tx.append_audit([NewAudit(SCHEMA_ACTION, details=done.details())])
                return done
        except DatabaseError as exc:
            raise BadInput(self._cannot_open(exc)) from None

    def _cannot_open(self, exc: DatabaseError) -> str:
        from cockpit.store.faults import database_fault

        return database_fault(exc, self.location) or f"cannot open database {self.location}: {exc.orig}"

    @property
    def location(self) -> str:
        """The database as shown to a person: an SQLite file's path, else its URL with any password
        hidden."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return url.database
        return url.render_as_string(hide_password=True)

    @contextmanager
    def write(self, actor: str, at: datetime, wait: bool = True) -> Iterator[WriteTx]:
        """One write transaction holding the write lock; commits on success. ``wait=False`` is for
        optional writes (stored judgements) that give way to any other writer.

        Raises:
            DatabaseBusy: the lock was not had (past the busy timeout, or at once without ``wait``).
        """
        options = {WRITE_OPTION: True, NOWAIT_OPTION: not wait}
        try:
            with self.engine.connect().execution_options(**options) as conn, conn.begin():
                take_write_lock(conn, wait)
                yield WriteTx(conn, actor, at, self.wall.now())
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            waited = f"for {BUSY_TIMEOUT_MS // 1000} s " if wait else ""
            raise DatabaseBusy(
                f"the database is busy: another cockpit held it {waited}while writing; "
                "nothing was changed, try again"
            ) from None

    @contextmanager
    def read(self) -> Iterator[_Reads]:
        """A consistent read snapshot."""
        with self.engine.connect() as conn, conn.begin():
            reads = _Reads()
            reads.conn = conn
            yield reads

    # Convenience reads, each in its own snapshot.

    def message(self, message_id: int) -> Message | None:
        with self.read() as r:
            return r.message(message_id)

    def messages(self, ids: Iterable[int] | None = None, batch: str | None = None) -> list[Message]:
        """Messages by id, by batch, or all of them, ordered by id."""
        with self.read() as r:
            if ids is not None:
                return r.messages_by_id(ids)
            if batch is not None:
                return r.messages_in_batch(batch)
            rows = r.conn.execute(select(message_table).order_by(message_table.c.id)).mappings()
            return [to_message(row) for row in rows]

    def message_count(self) -> int:
        with self.read() as r:
            return int(r.conn.execute(select(func.count()).select_from(message_table)).scalar_one())

    def seats(self) -> list[Seat]:
        with self.read() as r:
            rows = r.conn.execute(select(seat_table).order_by(seat_table.c.name)).mappings()
            return [to_seat(row) for row in rows]

    def seat(self, name: str) -> Seat | None:
        with self.read() as r:
            return r.seat(name)

    def batch_settings(self) -> dict[str, bool | None]:
        with self.read() as r:
            return r.batch_settings()

    def revisions(self, message_id: int) -> list[Revision]:
        with self.read() as r:
            return r.revisions(message_id)

    def risk_decisions(self, ids: Iterable[int] | None = None) -> dict[int, tuple[RiskDecision, ...]]:
        """The reviewers' risk decisions, oldest first, by message (of ``ids`` only when given)."""
        with self.read() as r:
            return r.risk_decisions(ids)

    def audit(self, message_id: int | None = None) -> list[AuditRecord]:
        """The audit log, oldest first (only ``message_id``'s entries when given)."""
        with self.read() as r:
            if message_id is not None:
                return r.audit_for(message_id)
            rows = r.conn.execute(select(audit_table).order_by(audit_table.c.seq)).mappings()
            return [to_audit(row) for row in rows]

    def recall_marks(self, actor: str, since: datetime) -> list[AuditRecord]:
        """``actor``'s recall entries at or after ``since``, oldest first (bulk marks included: their
        ``details`` say so)."""
        with self.read() as r:
            rows = r.conn.execute(
                select(audit_table)
                .where(
                    audit_table.c.action == "recall",
                    audit_table.c.actor == actor,
                    audit_table.c.at >= since,
                )
                .order_by(audit_table.c.seq)
            ).mappings()
            return [to_audit(row) for row in rows]

    def annotations(self) -> dict[int, tuple[int, bool]]:
        """Per message with review notes: ``(number of comments, escalation open?)``. An escalation
        is open while its newest ``escalate`` entry raised it (not resolved or withdrawn)."""
        with self.read() as r:
            comments = r.conn.execute(
                select(audit_table.c.message_id, func.count())
                .where(audit_table.c.action == "comment")
                .group_by(audit_table.c.message_id)
            ).all()
            escalations = r.conn.execute(
                select(audit_table.c.message_id, audit_table.c.details)
                .where(audit_table.c.action == ESCALATE_ACTION)
                .order_by(audit_table.c.seq)
            ).all()
        found: dict[int, tuple[int, bool]] = {int(mid): (int(count), False) for mid, count in comments}
        for message_id, details in escalations:
            state = escalation_state_of(load_details(details))
            count, _open = found.get(message_id, (0, False))
            found[message_id] = (count, state == RAISED)
        return found

    def clock_mode(self) -> str:
        """Whether the database runs on the real clock (``real``) or is a drill (``drill``)."""
        with self.read() as r:
            return clock_mode(r.conn)

    @property
    def is_drill(self) -> bool:
        """Whether the database is a drill (a demo, or made with ``--now``)."""
        return self.clock_mode() == DRILL

    def audit_head(self) -> tuple[int, str]:
        """The recorded newest entry of the chain: ``(seq, hash)``; ``(0, "")`` when empty."""
        with self.read() as r:
            row = r.conn.execute(
                select(audit_head_table.c.seq, audit_head_table.c.hash).where(audit_head_table.c.id == 1)
            ).first()
            return (int(row[0]), str(row[1])) if row else (0, "")

    def watch_changes(self) -> ChangeWatch:
        """A dedicated connection that notices what other connections commit (see
        :mod:`cockpit.store.watch`).

        Raises:
            WatchLost: the connection cannot be opened.
        """
        return open_watch(self.engine)

    def change_marker(self) -> tuple[int, int]:
        """Cheap marker that changes whenever anything is written: ``(audit head seq, highest message
        id)`` (two lookups by key, whatever the size of the history; messages are never deleted)."""
        with self.read() as r:
            head = r.conn.execute(select(audit_head_table.c.seq).where(audit_head_table.c.id == 1)).scalar()
            newest = r.conn.execute(select(func.max(message_table.c.id))).scalar()
            return (int(head or 0), int(newest or 0))
