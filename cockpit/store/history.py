"""The history's figures by SQL: counts of the messages sent before an instant, grouped by the few
fields the figures need, so a report never loads the history row by row.

The grouping fields (batch, status, channel and the stored judgement's codes, top severity and
penalties) take few distinct values, so a year of a team's sends comes back as a few hundred groups;
the caller splits the stored strings in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, func, or_, select, text

from cockpit.store.repository import Repository
from cockpit.store.tables import judgement_table, message_table
from cockpit.store.types import UTCDateTime


class HistoryGroup(NamedTuple):
    """How many judged messages share these fields."""

    batch: str | None
    status: str
    channel: str
    codes: str
    top: int
    penalties: str
    messages: int


class UnjudgedMessage(NamedTuple):
    """A message of the history with no judgement made with the basis asked for."""

    id: int
    batch: str | None
    status: str
    channel: str


def history_groups(
    repo: Repository, before: datetime, basis: str, batch: str | None = None
) -> tuple[list[HistoryGroup], list[UnjudgedMessage]]:
    """The messages sent before ``before`` (only ``batch``'s when given), judged with ``basis``,
    grouped; and those not judged with it, one by one. Both from one read snapshot."""
    m, j = message_table.c, judgement_table.c
    joined = message_table.outerjoin(judgement_table, j.message_id == m.id)
    where = [m.sent_at < before]
    if batch is not None:
        where.append(m.batch == batch)
    grouped = (
        select(m.batch, m.status, m.channel, j.codes, j.top, j.penalties, func.count())
        .select_from(joined)
        .where(*where, j.basis == basis)
        .group_by(m.batch, m.status, m.channel, j.codes, j.top, j.penalties)
    )
    missing: list[UnjudgedMessage] = []
    with repo.read() as r:
        found = (
            _tallied(r.conn, before, basis, batch) if repo.dialect == "sqlite" else r.conn.execute(grouped)
        )
        groups = [
            HistoryGroup(b, str(s), str(c), str(codes or ""), int(top or 0), str(pen or ""), int(n))
            for b, s, c, codes, top, pen, n in found
        ]
        total = r.conn.execute(select(func.count()).select_from(message_table).where(*where)).scalar_one()
        if int(total) > sum(group.messages for group in groups):  # few, usually: read to be judged
            query = (
                select(m.id, m.batch, m.status, m.channel)
                .select_from(joined)
                .where(*where, or_(j.basis.is_(None), j.basis != basis))
                .order_by(m.id)
            )
            missing = [UnjudgedMessage(int(i), b, str(s), str(c)) for i, b, s, c in r.conn.execute(query)]
    return groups, missing


_TALLY = """
INSERT INTO temp.history_tally
SELECT m.batch IS NULL, ifnull(m.batch, ''), m.status, m.channel, j.codes, j.top, j.penalties, 1
FROM message AS m JOIN judgement AS j ON j.message_id = m.id
WHERE m.sent_at < :before AND j.basis = :basis {batch}
ON CONFLICT DO UPDATE SET messages = messages + 1
"""


def _tallied(conn: Connection, before: datetime, basis: str, batch: str | None) -> list[Sequence[Any]]:
    """The grouped counts on SQLite, tallied into a small keyed temporary table as the rows are read:
    SQLite groups by sorting every row first, which takes about half again as long."""
    conn.exec_driver_sql("DROP TABLE IF EXISTS temp.history_tally")
    conn.exec_driver_sql(
        "CREATE TEMP TABLE history_tally (no_batch INTEGER, batch TEXT, status TEXT, channel TEXT, "
        "codes TEXT, top INTEGER, penalties TEXT, messages INTEGER, "
        "PRIMARY KEY (no_batch, batch, status, channel, codes, top, penalties)) WITHOUT ROWID"
    )
    tally = text(_TALLY.format(batch="AND m.batch = :batch" if batch is not None else "")).bindparams(
        bindparam("before", type_=UTCDateTime())
    )
    params: dict[str, Any] = {"before": before, "basis": basis}
    if batch is not None:
        params["batch"] = batch
    conn.execute(tally, params)
    found = conn.exec_driver_sql(
        "SELECT CASE WHEN no_batch THEN NULL ELSE batch END, status, channel, codes, top, penalties, "
        "messages FROM temp.history_tally"
    ).all()
    conn.exec_driver_sql("DROP TABLE temp.history_tally")
    return [tuple(row) for row in found]
