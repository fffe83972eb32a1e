"""``audit verify``: recompute the chain, check the sequence, and replay the log against the messages."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, text

from cockpit.clock import iso_z
from cockpit.collection import collection_paused
from cockpit.domain.model import AuditRecord
from cockpit.domain.replay import LINK_ACTION, Replay, replay_links, replay_settings
from cockpit.store.chain_check import (
    AUDIT_COLUMNS,
    FETCH_ROWS,
    HELPER_MIN_ENTRIES,
    AuditRow,
    ChainCheck,
    ChainHelper,
    TimeOf,
    UnreadableTime,
    first_problem,
    sqlite_audit_rows,
)
from cockpit.store.clock_check import ClockCheck
from cockpit.store.clock_mode import clock_mode
from cockpit.store.content_check import check_content
from cockpit.store.convert import load_details
from cockpit.store.instant_text import decode_instant, encode_instant
from cockpit.store.links import stored_links
from cockpit.store.repository import Repository
from cockpit.store.tables import audit_head_table, audit_table, batch_setting_table, message_table, seat_table


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of a verification."""

    ok: bool
    entries: int
    messages: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str | None = None
    problems: list[str] = field(default_factory=list)
    drill: bool = False  # a drill database (a demo, or made with --now): its entries' times are simulated
    notes: list[str] = field(default_factory=list)  # about time: a drill, entries before wall-clock recording


_PLAIN_MARKS = frozenset({"recall", "edit", "revert"})  # replayed from their fields alone
_KEPT_ACTIONS = frozenset({LINK_ACTION, "seat", "batch"})  # kept for the links and settings checks


def _audit_rows(conn: Connection) -> tuple[Iterator[AuditRow], TimeOf]:
    """The audit log, oldest first, and how to read an entry's time (on SQLite straight from the
    driver: ``UnreadableTime`` for a time that does not decode)."""
    if conn.dialect.name != "sqlite":
        columns = [audit_table.c[name] for name in AUDIT_COLUMNS]
        rows = map(tuple, conn.execute(select(*columns).order_by(audit_table.c.seq)))
        return rows, lambda row: (row[1], encode_instant(row[1]))
    raw = conn.connection.driver_connection
    assert raw is not None
    return sqlite_audit_rows(raw)


def _record(row: AuditRow, at: datetime) -> AuditRecord:
    seq, _at, actor, action, message_id, batch, from_status, to_status, from_version, reason = row[:10]
    return AuditRecord(
        seq, at, actor, action, message_id, batch, from_status, to_status, from_version, reason,
        load_details(row[10]), row[11], row[12],
    )  # fmt: skip


@dataclass
class _Scan:
    """One pass over the log: the chain's first problem (unless it is checked elsewhere), and the
    log replayed."""

    entries: int = 0
    last_seq: int = 0
    last_hash: str = ""
    chain: tuple[int, str] | None = None
    replayed: Replay = field(default_factory=Replay)
    kept: list[AuditRecord] = field(default_factory=list)  # link, seat and batch entries
    clock: ClockCheck = field(default_factory=lambda: ClockCheck("real"))


def _scan(
    rows: Iterator[AuditRow], time_of: TimeOf, check_chain: bool = True, clock: ClockCheck | None = None
) -> _Scan:
    """Replay the log entry by entry, checking the chain too (``check_chain``) until its first
    problem, and the entries' times against the wall clock (``clock``); every entry's time is read.

    Raises:
        UnreadableTime: an entry's time does not decode.
    """
    scan = _Scan() if clock is None else _Scan(clock=clock)
    mark, feed, kept = scan.replayed.mark, scan.replayed.feed, scan.kept
    check_time = scan.clock.check
    chain = ChainCheck() if check_chain else None
    entries = 0
    row: AuditRow = ()
    for row in rows:
        entries += 1
        at = time_of(row)
        check_time(row, at)
        if chain is not None and chain.check(row, at):
            scan.chain = chain.problem
            for row in rows:  # the first problem is named; the rest is only counted
                time_of(row)
                entries += 1
            break
        action = row[3]
        if action in _PLAIN_MARKS:
            mark(row[0], row[4], row[6], row[8], row[7])
            continue
        record = _record(row, at[0])
        feed(record)
        if action in _KEPT_ACTIONS:
            kept.append(record)
    scan.entries = entries
    if entries:
        scan.last_seq, scan.last_hash = row[0], row[12]
    return scan


_SURELY_READABLE = re.compile(
    r"(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"\.[0-9]{6}Z"
).fullmatch  # a stored time of this form decodes (others are decoded to be sure)


def _message_rows(conn: Connection) -> Iterator[tuple[Any, ...]]:
    """``(id, status, version, push, opened_at, replied_at, forwarded_at, commercial_review, ...)``
    of every message by id, times as ISO 8601 with ``Z`` (more fields may follow).

    Raises:
        UnreadableTime: a message's time does not decode (SQLite).
    """
    if conn.dialect.name != "sqlite":
        m = message_table
        statement = select(
            m.c.id, m.c.status, m.c.version, m.c.push, m.c.opened_at, m.c.replied_at, m.c.forwarded_at,
            m.c.commercial_review,
        ).order_by(m.c.id)  # fmt: skip
        for row in conn.execute(statement):
            yield (
                row[0], row[1], row[2], row[3],
                *(iso_z(value) if value else None for value in row[4:7]),
                None if row[7] is None else bool(row[7]),
            )  # fmt: skip
        return
    raw = conn.connection.driver_connection
    assert raw is not None
    cursor = raw.execute(
        "SELECT id, status, version, push, opened_at, replied_at, forwarded_at, commercial_review, sent_at "
        "FROM message ORDER BY id"
    )
    while rows := cursor.fetchmany(FETCH_ROWS):
        for row in rows:
            sent = row[8]
            if not (sent.__class__ is str and _SURELY_READABLE(sent)):
                _iso_z_of(sent, row[0])
            if row[4] is None and row[5] is None and row[6] is None and row[7] is None:
                yield row  # nothing to convert (the compared fields end before ``sent_at``)
                continue
            yield (
                row[0], row[1], row[2], row[3],
                *(None if value is None else _iso_z_of(value, row[0]) for value in row[4:7]),
                None if row[7] is None else bool(row[7]),
            )  # fmt: skip


def _iso_z_of(value: object, message_id: int) -> str:
    """A message's stored time as ISO 8601 with ``Z``.

    Raises:
        UnreadableTime: it does not decode.
    """
    try:
        return iso_z(decode_instant(str(value)))
    except ValueError:
        raise UnreadableTime(value, message_id=message_id) from None


_D = "[0-9]"
_STORED_SHAPE = f"{_D * 4}-{_D * 2}-{_D * 2}T{_D * 2}:{_D * 2}:{_D * 2}.{_D * 6}Z"  # GLOB: the stored form
_MESSAGE_TIMES = ("sent_at", "opened_at", "replied_at", "forwarded_at")


def _maybe_unreadable(column: str) -> str:
    """An SQLite condition true for every value of ``column`` that might not decode (and for few
    that do): each value it lets through is decoded to be sure."""
    return (
        f"({column} IS NOT NULL AND NOT ({column} GLOB '{_STORED_SHAPE}' AND substr({column}, 1, 4) > '0000' "
        f"AND substr({column}, 6, 2) BETWEEN '01' AND '12' AND (substr({column}, 9, 2) BETWEEN '01' AND '28' "
        f"OR date(substr({column}, 1, 10)) IS substr({column}, 1, 10)) AND substr({column}, 12, 2) < '24' "
        f"AND substr({column}, 15, 2) < '60' AND substr({column}, 18, 2) < '60'))"
    )


def _unreadable_message_time(conn: Connection) -> str | None:
    """On SQLite, the first stored time of a message that is not in the cockpit's format (edited).

    Reading such a row would raise, so it is found from the raw text first (the database picks out
    the values that might be such, which are then decoded).
    """
    if conn.dialect.name != "sqlite":
        return None
    suspect = " OR ".join(map(_maybe_unreadable, _MESSAGE_TIMES))
    rows = conn.execute(
        text(f"SELECT id, {', '.join(_MESSAGE_TIMES)} FROM message WHERE {suspect} ORDER BY id")
    )
    for row in rows:
        for value in row[1:]:
            try:
                if value is not None:
                    decode_instant(str(value))
            except ValueError:
                return f"message {row[0]} has an unreadable time {value!r} (edited)"
    return None


def _link_problems(entries: list[AuditRecord], links: dict[str, int]) -> list[tuple[int | None, str]]:
    """The stored links against the ``link`` entries of the log: ``(seq or None, problem)``."""
    logged, replay_problems = replay_links(entries)
    problems: list[tuple[int | None, str]] = [
        (p.seq, f"entry {p.seq} (message {p.message_id}): {p.problem}") for p in replay_problems
    ]
    for key, (message_id, seq) in sorted(logged.items(), key=lambda item: item[1][1]):
        stored = links.get(key)
        if stored is None:
            problems.append(
                (seq, f"entry {seq} links key {key!r} to message {message_id}, but the link is missing")
            )
        elif stored != message_id:
            problems.append(
                (
                    seq,
                    f"entry {seq} links key {key!r} to message {message_id}, "
                    f"but the link names message {stored}",
                )
            )
    for key in sorted(set(links) - set(logged)):
        problems.append(
            (None, f"the link of key {key!r} to message {links[key]} has no audit entry that made it")
        )
    return problems


def _setting_problems(entries: list[AuditRecord], conn: Connection) -> list[tuple[int | None, str]]:
    """Seats' and batches' commercial defaults against the ``seat`` and ``batch`` entries."""
    logged = replay_settings(entries)
    seats = {str(n): c for n, c in conn.execute(select(seat_table.c.name, seat_table.c.commercial))}
    batches = {
        str(b): c
        for b, c in conn.execute(select(batch_setting_table.c.batch, batch_setting_table.c.commercial))
    }
    problems: list[tuple[int | None, str]] = []
    for kind, stored, log in (("seat", seats, logged.seats), ("batch", batches, logged.batches)):
        for name in sorted(stored):
            value = None if stored[name] is None else bool(stored[name])
            expected, seq = log.get(name, (None, None))
            if value != expected:
                problems.append(
                    (
                        seq,
                        f"{kind} {name!r} is commercial={value} but the log gives {expected}"
                        + (f" (entry {seq})" if seq is not None else " (no entry set it)"),
                    )
                )
        for name in sorted(set(log) - set(stored)):
            if kind == "batch":
                problems.append((log[name][1], f"batch {name!r} setting of entry {log[name][1]} is missing"))
    return problems


def verify_audit(repo: Repository) -> VerifyResult:
    """Check the whole audit log of ``repo``; the first problem found is named.

    The log is read once, a batch of entries at a time, and replayed as it is read, while each
    entry's place in the chain is checked (for a long log on SQLite, in a helper process meanwhile:
    :mod:`~cockpit.store.chain_check`); then the messages are compared with the replayed states. A
    stored time that does not decode (hand-edited) is named first: an entry's, else a message's.
    """
    with collection_paused(), repo.read() as r:
        conn = r.conn
        damage = file_damage(conn)
        if damage is not None:
            problem = f"the database file is damaged (SQLite's check: {damage}); restore it from a backup"
            return VerifyResult(False, 0, 0, "", None, problem, [problem])
        head = conn.execute(
            select(audit_head_table.c.seq, audit_head_table.c.hash).where(audit_head_table.c.id == 1)
        ).first()
        head_seq, head_hash = (int(head[0]), str(head[1])) if head else (0, "")
        helper = _chain_helper(conn)
        clock = ClockCheck(clock_mode(conn))
        try:
            scan = _scan(*_audit_rows(conn), check_chain=helper is None, clock=clock)
            if helper is not None:
                scan.chain = _helper_result(helper, conn)
            outcome = _outcome(scan, head_seq, head_hash, conn)
            if isinstance(outcome, tuple):
                unreadable = _unreadable_message_time(conn)  # named before any problem of the chain
                if unreadable is not None:
                    return _failed(conn, scan.entries, None, unreadable, "", clock)
                return _failed(conn, scan.entries, *outcome, scan.last_hash, clock)
            return _with_content(outcome, conn)
        except UnreadableTime as exc:
            return _failed(conn, None, exc.seq, exc.problem(), "", clock)
        finally:
            if helper is not None:
                helper.stop()


FULL_CHECK_BYTES = 64 << 20  # above this, SQLite's quick check (seconds at a million messages)


def file_damage(conn: Connection) -> str | None:
    """SQLite's own check of the file's structure (``integrity_check``; ``quick_check`` on files over
    :data:`FULL_CHECK_BYTES`): its first finding, or None when the file is sound or not SQLite."""
    if conn.dialect.name != "sqlite":
        return None
    pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())
    size = int(conn.exec_driver_sql("PRAGMA page_size").scalar_one())
    pragma = "quick_check" if pages * size > FULL_CHECK_BYTES else "integrity_check"
    found = [str(row[0]) for row in conn.exec_driver_sql(f"PRAGMA {pragma}(3)")]
    return None if found == ["ok"] else "; ".join(found)


def _chain_helper(conn: Connection) -> ChainHelper | None:
    """A helper process checking the chain of a long log in an SQLite file (``None`` otherwise, or
    when it cannot be started)."""
    if (
        conn.dialect.name != "sqlite"
        or not conn.engine.url.database
        or conn.engine.url.database == ":memory:"
    ):
        return None
    count, last = conn.execute(select(func.count(), func.max(audit_table.c.seq))).one()
    if count < HELPER_MIN_ENTRIES:
        return None
    try:
        return ChainHelper(conn.engine.url.database, int(last))
    except OSError:
        return None


def _helper_result(helper: ChainHelper, conn: Connection) -> tuple[int, str] | None:
    """The helper's finding; if it failed, the chain checked here instead."""
    try:
        return helper.result()
    except RuntimeError:
        return first_problem(*_audit_rows(conn))


def _failed(
    conn: Connection, entries: int | None, seq: int | None, problem: str, head_hash: str, clock: ClockCheck
) -> VerifyResult:
    """The result naming one problem, with the counts of entries (counted when ``None``) and messages."""
    if entries is None:
        entries = int(conn.execute(select(func.count()).select_from(audit_table)).scalar_one())
    messages = int(conn.execute(select(func.count()).select_from(message_table)).scalar_one())
    return VerifyResult(
        False, entries, messages, head_hash, seq, problem, [problem], clock.drill, clock.notes()
    )


def _outcome(scan: _Scan, head_seq: int, head_hash: str, conn: Connection) -> VerifyResult | tuple[int, str]:
    """The result of a scan whose chain is sound, or the chain's first problem ``(seq, problem)``."""
    if scan.chain is not None:
        return scan.chain
    last_seq, last_hash = scan.last_seq, scan.last_hash
    if head_seq != last_seq or (scan.entries and head_hash != last_hash):
        if head_seq > last_seq:
            return (
                last_seq + 1,
                f"the log ends at entry {last_seq} but entry {head_seq} was written: "
                f"entries {last_seq + 1}-{head_seq} were removed",
            )
        return last_seq, f"the chain head does not match entry {last_seq} (tampered)"

    states, replay_problems = scan.replayed.states, scan.replayed.problems
    problems = [f"entry {p.seq} (message {p.message_id}): {p.problem}" for p in replay_problems]
    first_seq = replay_problems[0].seq if replay_problems else None
    if scan.clock.problem is not None:  # out of time: named first
        first_seq = scan.clock.problem[0]
        problems.insert(0, scan.clock.problem[1])
    messages = matched = 0
    for row in _message_rows(conn):
        messages += 1
        state = states.get(row[0])
        if state is None:
            problems.append(f"message {row[0]} has no audit entry that created it")
            continue
        matched += 1
        if row[1:8] != state:  # status, version, push, opened, replied, forwarded, commercial review
            problems.append(
                f"message {row[0]} is {row[1]} v{row[2]} but the log gives "
                f"{state.status} v{state.version}"
                + ("" if row[1:3] != state[:2] else " (observations or corrections differ)")
            )
    if matched != len(states):
        known = {int(mid) for (mid,) in conn.execute(select(message_table.c.id))}
        for message_id in sorted(set(states) - known):
            problems.append(f"message {message_id} is in the log but missing from the messages")
    links = stored_links(conn)
    for seq, problem in [*_link_problems(scan.kept, links), *_setting_problems(scan.kept, conn)]:
        problems.append(problem)
        if first_seq is None:
            first_seq = seq
    return VerifyResult(
        ok=not problems,
        entries=scan.entries,
        messages=messages,
        head_hash=last_hash,
        first_bad_seq=first_seq,
        problem=problems[0] if problems else None,
        problems=problems,
        drill=scan.clock.drill,
        notes=scan.clock.notes(),
    )


def _with_content(result: VerifyResult, conn: Connection) -> VerifyResult:
    """``result`` with the check of what was sent added (:mod:`~cockpit.store.content_check`)."""
    findings = check_content(conn)
    note = findings.note()
    if not findings.problems and note is None:
        return result
    problems = [*result.problems, *(problem for _seq, problem in findings.problems)]
    first_seq = result.first_bad_seq
    if first_seq is None and result.ok and findings.problems:
        first_seq = findings.problems[0][0]
    return dataclasses.replace(
        result,
        ok=not problems,
        first_bad_seq=first_seq,
        problem=problems[0] if problems else None,
        problems=problems,
        notes=[*result.notes, *([note] if note else [])],
    )
