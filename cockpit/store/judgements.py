"""Stored content judgements: written after a scan, forgotten when what they were judged on changes.

A judgement is only stored while the message is still at the version that was judged (a guarded
insert), so a scan that raced an edit can never store a judgement of the old text. Status marks
(recall, edit mark without new text) keep a message's judgement; any other change to a message
forgets it, as do changes of a seat's or batch's commercial default.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import Connection, and_, delete, exists, func, insert, literal, select

from cockpit.store.tables import judgement_table, message_table

#: Message fields whose change keeps a stored judgement valid (a status mark).
STATUS_FIELDS = frozenset({"status", "recalled_at", "edited_at"})

_CHUNK = 500


class StoredJudgement(NamedTuple):
    """One judgement to store: the message version it was made at and its encoded summary."""

    message_id: int
    version: int
    basis: str
    codes: str
    top: int
    exposure_usd: int
    penalties: str
    template: str | None = None


def store(conn: Connection, judgements: Sequence[StoredJudgement]) -> int:
    """Store judgements of messages still at the judged version (replacing older ones); returns how
    many were stored."""
    if not judgements:
        return 0
    ids = [j.message_id for j in judgements]
    stored = 0
    for start in range(0, len(ids), _CHUNK):
        part = judgements[start : start + _CHUNK]
        current: dict[int, int] = dict(
            conn.execute(
                select(message_table.c.id, message_table.c.version).where(
                    message_table.c.id.in_([j.message_id for j in part])
                )
            ).all()
        )
        fresh = [j for j in part if current.get(j.message_id) == j.version]
        if not fresh:
            continue
        conn.execute(
            delete(judgement_table).where(judgement_table.c.message_id.in_([j.message_id for j in fresh]))
        )
        conn.execute(insert(judgement_table), [j._asdict() for j in fresh])
        stored += len(fresh)
    return stored


def forget(
    conn: Connection, ids: Iterable[int] | None = None, *, batch: str | None = None, seat: str | None = None
) -> None:
    """Forget the judgements of these messages, or of a batch's or a seat's messages."""
    if ids is not None:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _CHUNK):
            conn.execute(
                delete(judgement_table).where(
                    judgement_table.c.message_id.in_(wanted[start : start + _CHUNK])
                )
            )
        return
    column = message_table.c.batch if batch is not None else message_table.c.seat
    value = batch if batch is not None else seat
    if value is None:
        return
    owned = exists().where(and_(message_table.c.id == judgement_table.c.message_id, column == literal(value)))
    conn.execute(delete(judgement_table).where(owned))


def unjudged_ids(conn: Connection, basis: str, after_id: int = 0, limit: int = 1_000) -> list[int]:
    """Ids of messages (above ``after_id``, in id order) with no judgement made with ``basis``."""
    judged = exists().where(
        and_(judgement_table.c.message_id == message_table.c.id, judgement_table.c.basis == basis)
    )
    query = (
        select(message_table.c.id)
        .where(and_(message_table.c.id > after_id, ~judged))
        .order_by(message_table.c.id)
        .limit(limit)
    )
    return [int(i) for i in conn.execute(query).scalars()]


def count_judged(conn: Connection, basis: str) -> int:
    """How many messages have a judgement made with ``basis``."""
    query = select(func.count()).select_from(judgement_table).where(judgement_table.c.basis == basis)
    return int(conn.execute(query).scalar_one())
