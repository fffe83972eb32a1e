"""Links: a second source's key for a message already stored (the same send, imported twice).

A link row maps another file's ``external_id`` to the stored message; the import that writes it
writes a ``link`` audit entry in the same transaction, and ``audit verify`` checks the table against
those entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, or_, select

from cockpit.store.repository import WriteTx
from cockpit.store.tables import message_link_table, message_table

EXPORT_KEY_PREFIX = "linkedin:"
_IN_CHUNK = 500
_RANGES_PER_QUERY = 100


@dataclass(frozen=True, slots=True)
class StoredSend:
    """A stored message that an incoming row may be the same send as."""

    id: int
    external_id: str
    seat: str | None
    recipient: str
    recipient_profile_url: str | None
    body: str
    sent_at: datetime
    status: str
    batch: str | None
    linked: bool  # some other file's key already links to it


def linked_keys(tx: WriteTx, keys: Sequence[str]) -> set[str]:
    """The keys among ``keys`` that already link to a stored message."""
    found: set[str] = set()
    column = message_link_table.c.external_id
    for start in range(0, len(keys), _IN_CHUNK):
        chunk = list(keys[start : start + _IN_CHUNK])
        found.update(str(k) for k in tx.conn.execute(select(column).where(column.in_(chunk))).scalars())
    return found


def has_links(tx: WriteTx) -> bool:
    """Whether any link is stored (when none is, no key needs looking up)."""
    return tx.conn.execute(select(message_link_table.c.external_id).limit(1)).first() is not None


def merged_ranges(instants: Sequence[datetime], tolerance: timedelta) -> list[tuple[datetime, datetime]]:
    """``[t - tolerance, t + tolerance]`` for every instant, overlapping ranges merged, in order."""
    ranges: list[tuple[datetime, datetime]] = []
    for when in sorted(instants):
        low, high = when - tolerance, when + tolerance
        if ranges and low <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(high, ranges[-1][1]))
        else:
            ranges.append((low, high))
    return ranges


def sends_near(
    tx: WriteTx,
    instants: Sequence[datetime],
    tolerance: timedelta,
    *,
    from_export: bool,
    before_id: int,
) -> list[StoredSend]:
    """Stored messages sent within ``tolerance`` of any of ``instants``, with an id below
    ``before_id``: those imported from a LinkedIn export when ``from_export``, else the others."""
    m, link = message_table, message_link_table
    linked = select(link.c.message_id).where(link.c.message_id == m.c.id).exists()
    origin = m.c.external_id.like(f"{EXPORT_KEY_PREFIX}%")
    columns = (
        m.c.id, m.c.external_id, m.c.seat, m.c.recipient, m.c.recipient_profile_url, m.c.body, m.c.sent_at,
        m.c.status, m.c.batch, linked.label("linked"),
    )  # fmt: skip
    found: dict[int, StoredSend] = {}
    ranges = merged_ranges(instants, tolerance)
    for start in range(0, len(ranges), _RANGES_PER_QUERY):
        part = ranges[start : start + _RANGES_PER_QUERY]
        query = select(*columns).where(
            or_(*(m.c.sent_at.between(low, high) for low, high in part)),
            origin if from_export else ~origin,
            m.c.id < before_id,
        )
        for row in tx.conn.execute(query):
            found[int(row.id)] = StoredSend(
                int(row.id), str(row.external_id), row.seat, str(row.recipient), row.recipient_profile_url,
                str(row.body), row.sent_at, str(row.status), row.batch, bool(row.linked),
            )  # fmt: skip
    return [found[i] for i in sorted(found)]


def insert_links(tx: WriteTx, links: Sequence[tuple[str, int]]) -> None:
    """Store ``(key, message id)`` links."""
    if links:
        tx.conn.execute(
            insert(message_link_table),
            [{"external_id": key, "message_id": mid, "created_at": tx.at} for key, mid in links],
        )


def stored_links(conn: Connection) -> dict[str, int]:
    """Every stored link: key -> message id."""
    rows = conn.execute(select(message_link_table.c.external_id, message_link_table.c.message_id))
    return {str(key): int(mid) for key, mid in rows}
