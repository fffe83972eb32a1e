"""The history's figures by SQL: counts of the messages sent before an instant, grouped by the few
fields the figures need, so a report never loads the history row by row.

The grouping fields (batch, status, channel and the stored judgement's codes, top severity and
penalties) take few distinct values, so a year of a team's sends comes back as a few hundred groups;
the caller splits the stored strings in Python.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, or_, select

from cockpit.store.repository import Repository
from cockpit.store.tables import judgement_table, message_table


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
        groups = [
            HistoryGroup(b, str(s), str(c), str(codes or ""), int(top or 0), str(pen or ""), int(n))
            for b, s, c, codes, top, pen, n in r.conn.execute(grouped)
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
