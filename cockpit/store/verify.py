"""``audit verify``: recompute the chain, check the sequence, and replay the log against the messages."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, text

from cockpit.clock import iso_z
from cockpit.domain.model import AuditRecord
from cockpit.domain.replay import replay, replay_links, replay_settings
from cockpit.store.audit_chain import GENESIS_HASH, canonical_details, entry_hash
from cockpit.store.instant_text import decode_instant
from cockpit.store.links import stored_links
from cockpit.store.repository import Repository
from cockpit.store.tables import batch_setting_table, message_table, seat_table


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


def _describe(entry: AuditRecord) -> str:
    target = f" of message {entry.message_id}" if entry.message_id is not None else ""
    return f"entry {entry.seq} ({entry.action}{target} by {entry.actor} at {iso_z(entry.at)})"


def _chain_problem(entries: list[AuditRecord]) -> tuple[int, str] | None:
    prev_hash = GENESIS_HASH
    expected_seq = 1
    for entry in entries:
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                missing = (
                    f"entry {expected_seq} is missing"
                    if entry.seq == expected_seq + 1
                    else f"entries {expected_seq}-{entry.seq - 1} are missing"
                )
                return entry.seq, f"sequence gap before entry {entry.seq}: {missing} (deleted?)"
            return entry.seq, f"entry {entry.seq} is out of order"
        if entry.prev_hash != prev_hash:
            return entry.seq, (
                f"{_describe(entry)} does not link to the entry before it "
                "(an entry was deleted, inserted or reordered)"
            )
        recomputed = entry_hash(
            prev_hash=entry.prev_hash,
            seq=entry.seq,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            message_id=entry.message_id,
            batch=entry.batch,
            from_status=entry.from_status,
            to_status=entry.to_status,
            from_version=entry.from_version,
            reason=entry.reason,
            details=canonical_details(entry.details),
        )
        if recomputed != entry.hash:
            return entry.seq, f"{_describe(entry)} does not match its hash (the entry was edited)"
        prev_hash = entry.hash
        expected_seq += 1
    return None


def _unreadable_time(repo: Repository) -> tuple[int | None, str, int, int] | None:
    """On SQLite, the first stored instant that is not in the cockpit's format (hand-edited).

    Reading such a row would raise, so it is found from the raw text first.
    Returns ``(seq or None, problem, audit rows, message rows)``.
    """
    if repo.dialect != "sqlite":
        return None
    with repo.read() as r:
        audit_rows = r.conn.execute(text("SELECT seq, at FROM audit_entry ORDER BY seq")).all()
        message_rows = r.conn.execute(
            text("SELECT id, sent_at, opened_at, replied_at, forwarded_at FROM message ORDER BY id")
        ).all()
    counts = (len(audit_rows), len(message_rows))
    for seq, at in audit_rows:
        try:
            decode_instant(str(at))
        except ValueError:
            return seq, f"entry {seq} has an unreadable time {at!r} (the entry was edited)", *counts
    for row in message_rows:
        for value in row[1:]:
            try:
                if value is not None:
                    decode_instant(str(value))
            except ValueError:
                return None, f"message {row[0]} has an unreadable time {value!r} (edited)", *counts
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


def _setting_problems(entries: list[AuditRecord], repo: Repository) -> list[tuple[int | None, str]]:
    """Seats' and batches' commercial defaults against the ``seat`` and ``batch`` entries."""
    logged = replay_settings(entries)
    with repo.read() as r:
        seats = {str(n): c for n, c in r.conn.execute(select(seat_table.c.name, seat_table.c.commercial))}
        batches = {
            str(b): c
            for b, c in r.conn.execute(select(batch_setting_table.c.batch, batch_setting_table.c.commercial))
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
    """Check the whole audit log of ``repo``; the first problem found is named."""
    unreadable = _unreadable_time(repo)
    if unreadable is not None:
        seq, problem, entry_count, message_count = unreadable
        return VerifyResult(False, entry_count, message_count, "", seq, problem, [problem])
    entries = repo.audit()
    head_seq, head_hash = repo.audit_head()
    with repo.read() as r:
        rows = r.conn.execute(
            select(
                message_table.c.id,
                message_table.c.status,
                message_table.c.version,
                message_table.c.push,
                message_table.c.opened_at,
                message_table.c.replied_at,
                message_table.c.forwarded_at,
                message_table.c.commercial_review,
            )
        ).all()
        links = stored_links(r.conn)
    last_hash = entries[-1].hash if entries else ""

    def result(seq: int | None, problem: str | None, problems: list[str] | None = None) -> VerifyResult:
        return VerifyResult(
            ok=problem is None,
            entries=len(entries),
            messages=len(rows),
            head_hash=last_hash,
            first_bad_seq=seq,
            problem=problem,
            problems=problems or ([problem] if problem else []),
        )

    chain = _chain_problem(entries)
    if chain is not None:
        return result(*chain)
    last_seq = entries[-1].seq if entries else 0
    if head_seq != last_seq or (entries and head_hash != last_hash):
        if head_seq > last_seq:
            return result(
                last_seq + 1,
                f"the log ends at entry {last_seq} but entry {head_seq} was written: "
                f"entries {last_seq + 1}-{head_seq} were removed",
            )
        return result(last_seq, f"the chain head does not match entry {last_seq} (tampered)")

    states, replay_problems = replay(entries)
    problems = [f"entry {p.seq} (message {p.message_id}): {p.problem}" for p in replay_problems]
    first_seq = replay_problems[0].seq if replay_problems else None
    for row in rows:
        state = states.get(row.id)
        if state is None:
            problems.append(f"message {row.id} has no audit entry that created it")
            continue
        actual = (
            row.status,
            row.version,
            row.push,
            iso_z(row.opened_at) if row.opened_at else None,
            iso_z(row.replied_at) if row.replied_at else None,
            iso_z(row.forwarded_at) if row.forwarded_at else None,
            None if row.commercial_review is None else bool(row.commercial_review),
        )
        expected = (
            state.status,
            state.version,
            state.push,
            state.opened_at,
            state.replied_at,
            state.forwarded_at,
            state.commercial_review,
        )
        if actual != expected:
            problems.append(
                f"message {row.id} is {row.status} v{row.version} but the log gives "
                f"{state.status} v{state.version}"
                + ("" if actual[:2] != expected[:2] else " (observations or corrections differ)")
            )
    known = {row.id for row in rows}
    for message_id in sorted(set(states) - known):
        problems.append(f"message {message_id} is in the log but missing from the messages")
    for seq, problem in [*_link_problems(entries, links), *_setting_problems(entries, repo)]:
        problems.append(problem)
        if first_seq is None:
            first_seq = seq
    if problems:
        return result(first_seq, problems[0], problems)
    return result(None, None)
