"""Fast reads for the live table: plain tuples of the columns it needs, instants as epoch microseconds.

Converting 100,000 rows to domain ``Message`` objects takes longer than a first paint may, so these
reads select only what the table needs, in two parts: the *index* fields (what a row shows and is
sorted and filtered by) and the *detail* fields (body and recipient-side facts, used for free-text
search, credits and leaks), which can follow in the background.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, String, func, or_, select, type_coerce

from cockpit.clock import EARLIEST_NOW, LATEST_NOW, UNREADABLE_INSTANT
from cockpit.store.repository import Repository
from cockpit.store.tables import audit_head_table, audit_table, judgement_table, message_table

#: Fields of an index record, in order.
INDEX_FIELDS: tuple[str, ...] = (
    "id",
    "version",
    "status",
    "channel",
    "seat",
    "batch",
    "recipient_state",
    "recipient",
    "subject",
    "sent_at",
    "recalled_at",
    "edited_at",
    # the stored judgement, if any (see cockpit.store.judgements)
    "judged_basis",
    "judged_codes",
    "judged_top",
    "judged_exposure",
    "judged_penalties",
)
_JUDGED = {
    "judged_basis": judgement_table.c.basis,
    "judged_codes": judgement_table.c.codes,
    "judged_top": judgement_table.c.top,
    "judged_exposure": judgement_table.c.exposure_usd,
    "judged_penalties": judgement_table.c.penalties,
    "judged_template": judgement_table.c.template,
}
#: Fields of a detail record, in order.
DETAIL_FIELDS: tuple[str, ...] = (
    "id",
    "version",
    "body",
    "opened_at",
    "replied_at",
    "forwarded_at",
    "open_profile",
    "push",
    "sent_from",
    "commercial",
    "external_id",
    "recipient_profile_url",
    "commercial_review",
    # the stored judgement's basis and template group key, if any
    "judged_basis",
    "judged_template",
)
INDEX = {name: position for position, name in enumerate(INDEX_FIELDS)}
DETAIL = {name: position for position, name in enumerate(DETAIL_FIELDS)}
_INSTANTS = frozenset({"sent_at", "recalled_at", "edited_at", "opened_at", "replied_at", "forwarded_at"})

Record = tuple[Any, ...]
"""One message's fields in :data:`INDEX_FIELDS` or :data:`DETAIL_FIELDS` order; instants are
integer microseconds since the epoch (or None)."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CHUNK = 500


def epoch_us(value: datetime) -> int:
    """An aware instant as integer microseconds since the epoch (exact)."""
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


_UNREADABLE_US = epoch_us(UNREADABLE_INSTANT)
_SANE_FROM_US, _SANE_UNTIL_US = epoch_us(EARLIEST_NOW), epoch_us(LATEST_NOW)


def from_epoch_us(value: int) -> datetime:
    """The aware UTC instant of :func:`epoch_us`."""
    return _EPOCH + timedelta(microseconds=value)


def _to_us(value: Any) -> int | None:
    """A stored instant in microseconds; one that does not decode (naive, garbage) or lies outside
    the years a send can be recalled in is ``UNREADABLE_INSTANT``'s."""
    if value is None:
        return None
    try:
        at = value.astimezone(UTC) if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        found = epoch_us(at)
    except (ValueError, TypeError, OverflowError):
        return _UNREADABLE_US
    return found if _SANE_FROM_US <= found < _SANE_UNTIL_US else _UNREADABLE_US


def _select(fields: Sequence[str], dialect: str) -> Select[Any]:
    columns: list[Any] = []
    for name in fields:
        if name in _JUDGED:
            columns.append(_JUDGED[name])
            continue
        column: Any = message_table.c[name]
        if name in _INSTANTS and dialect == "sqlite":
            column = type_coerce(column, String).label(name)  # raw UTC text, parsed below
        columns.append(column)
    query = select(*columns)
    if any(name in _JUDGED for name in fields):
        joined = message_table.outerjoin(judgement_table, judgement_table.c.message_id == message_table.c.id)
        query = query.select_from(joined)
    return query


def _converter(fields: Sequence[str]) -> Any:
    positions = [i for i, name in enumerate(fields) if name in _INSTANTS]
    flags = [i for i, name in enumerate(fields) if name == "open_profile"]
    optional = [i for i, name in enumerate(fields) if name in ("commercial", "commercial_review")]

    def convert(row: Sequence[Any]) -> Record:
        values = list(row)
        for i in positions:
            if values[i] is not None:
                values[i] = _to_us(values[i])
        for i in flags:
            values[i] = bool(values[i])
        for i in optional:
            values[i] = None if values[i] is None else bool(values[i])
        return tuple(values)

    return convert


_index = _converter(INDEX_FIELDS)
_detail = _converter(DETAIL_FIELDS)


def first_index(repo: Repository, now: datetime, window_minutes: int, limit: int) -> list[Record]:
    """What the first screen shows: messages whose window is open (least time left first), then
    the newest of the rest; at most ``limit`` of each."""
    cutoff = now - timedelta(minutes=window_minutes)
    base = _select(INDEX_FIELDS, repo.dialect)
    sent_at = message_table.c.sent_at
    with repo.read() as r:
        recent = r.conn.execute(base.where(sent_at > cutoff).order_by(sent_at.asc()).limit(limit)).all()
        older = r.conn.execute(base.where(sent_at <= cutoff).order_by(sent_at.desc()).limit(limit)).all()
    return [_index(row) for row in [*recent, *older]]


def _iter(
    fields: Sequence[str],
    repo: Repository,
    chunk: int,
    after_id: int,
    since: datetime | None = None,
    before: datetime | None = None,
) -> Iterator[list[Record]]:
    convert = _index if fields is INDEX_FIELDS else _detail
    query = _select(fields, repo.dialect)
    if after_id:  # (a range on the id would keep SQLite from the send-time index)
        query = query.where(message_table.c.id > after_id)
    if since is not None:  # a recent part: found by the send-time index, in no particular order
        query = query.where(message_table.c.sent_at >= since)
    else:
        query = query.order_by(message_table.c.id)
    if before is not None:
        query = query.where(message_table.c.sent_at < before)
    with repo.read() as r:
        result = r.conn.execution_options(yield_per=chunk).execute(query)
        for part in result.partitions(chunk):
            yield [convert(row) for row in part]


def iter_index_columns(
    repo: Repository, chunk: int = 10_000, after_id: int = 0, since: datetime | None = None
) -> Iterator[list[Sequence[Any]]]:
    """Index fields of every message with an id above ``after_id`` (sent at or after ``since`` when
    given), in id order, a chunk at a time, column by column (:data:`INDEX_FIELDS` order)."""
    query = _select(INDEX_FIELDS, repo.dialect)
    if after_id:  # (a range on the id would keep SQLite from the send-time index)
        query = query.where(message_table.c.id > after_id)
    instants = [i for i, name in enumerate(INDEX_FIELDS) if name in _INSTANTS]

    def as_columns(part: Sequence[Sequence[Any]]) -> list[Sequence[Any]]:
        columns: list[Sequence[Any]] = list(zip(*part, strict=True))
        for i in instants:
            columns[i] = [None if v is None else _to_us(v) for v in columns[i]]
        return columns

    with repo.read() as r:
        if since is not None:  # a recent part, found by the send-time index, then put in id order
            recent = r.conn.execute(query.where(message_table.c.sent_at >= since)).all()
            found = sorted(recent, key=lambda row: int(row[0]))
            for start in range(0, len(found), chunk):
                yield as_columns(found[start : start + chunk])
            return
        result = r.conn.execution_options(yield_per=chunk).execute(query.order_by(message_table.c.id))
        for part in result.partitions(chunk):
            yield as_columns(part)


def iter_details(
    repo: Repository,
    chunk: int = 10_000,
    after_id: int = 0,
    since: datetime | None = None,
    before: datetime | None = None,
) -> Iterator[list[Record]]:
    """Detail records of every message with an id above ``after_id`` (sent at or after ``since``,
    and before ``before``, when given), in id order (in no particular order with ``since``)."""
    return _iter(DETAIL_FIELDS, repo, chunk, after_id, since, before)


def _by_id(fields: Sequence[str], repo: Repository, ids: Iterable[int]) -> list[Record]:
    convert = _index if fields is INDEX_FIELDS else _detail
    wanted = sorted(set(ids))
    found: list[Record] = []
    base = _select(fields, repo.dialect)
    with repo.read() as r:
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            rows = r.conn.execute(base.where(message_table.c.id.in_(part)).order_by(message_table.c.id)).all()
            found.extend(convert(row) for row in rows)
    return found


def index_by_id(repo: Repository, ids: Iterable[int]) -> list[Record]:
    """Index records of the messages with these ids."""
    return _by_id(INDEX_FIELDS, repo, ids)


def details_by_id(repo: Repository, ids: Iterable[int]) -> list[Record]:
    """Detail records of the messages with these ids."""
    return _by_id(DETAIL_FIELDS, repo, ids)


def history_page(
    repo: Repository, before: datetime, after: tuple[int, int] | None, limit: int
) -> list[Record]:
    """A page of the history in the newest-first order (send time, then id, both descending): index
    records of messages sent before ``before``, after the row whose ``(sent_at, id)`` (epoch
    microseconds, id) is ``after`` (None: from the newest), at most ``limit``. A keyset page: as cheap
    deep in the history as at its top."""
    sent_at, message_id = message_table.c.sent_at, message_table.c.id
    query = _select(INDEX_FIELDS, repo.dialect)
    if after is None:
        query = query.where(sent_at < before)
    else:  # (a key of the history is before ``before``: one bound, where the send-time index starts)
        last = from_epoch_us(after[0])
        query = query.where(sent_at <= last, or_(sent_at < last, message_id < after[1]))
    query = query.order_by(sent_at.desc(), message_id.desc()).limit(limit)
    with repo.read() as r:
        return [_index(row) for row in r.conn.execute(query)]


def history_key_at(repo: Repository, before: datetime, position: int) -> tuple[int, int] | None:
    """The ``(sent_at, id)`` of the history's message at ``position`` in the newest-first order
    (None past its end): where a jump deep into the history starts its keyset pages (read from the
    send-time index alone)."""
    message_id = message_table.c.id
    sent_at: Any = message_table.c.sent_at
    if repo.dialect == "sqlite":
        sent_at = type_coerce(sent_at, String)  # raw UTC text, parsed below
    query = (
        select(sent_at, message_id)
        .where(message_table.c.sent_at < before)
        .order_by(message_table.c.sent_at.desc(), message_id.desc())
        .offset(max(0, position))
        .limit(1)
    )
    with repo.read() as r:
        found = r.conn.execute(query).first()
    if found is None:
        return None
    sent_us = _to_us(found[0])
    return (sent_us, int(found[1])) if sent_us is not None else None


def ids_with_body_text(repo: Repository, needles: Sequence[str], before: datetime) -> dict[str, set[int]]:
    """For each casefolded ``needle``, the ids of messages sent before ``before`` whose casefolded body
    contains it (a search of the history without holding its bodies; PostgreSQL folds with
    ``lower``)."""
    body, sent_at = message_table.c.body, message_table.c.sent_at
    sqlite = repo.dialect == "sqlite"
    folded = func.casefold(body) if sqlite else func.lower(body)
    found: dict[str, set[int]] = {}
    with repo.read() as r:
        for needle in needles:
            position = func.instr(folded, needle) if sqlite else func.strpos(folded, needle)
            query = select(message_table.c.id).where(sent_at < before, position > 0)
            found[needle] = {int(i) for i in r.conn.execute(query).scalars()}
    return found


def max_message_id(repo: Repository) -> int:
    """The highest message id (0 when there is none)."""
    with repo.read() as r:
        return int(r.conn.execute(select(func.coalesce(func.max(message_table.c.id), 0))).scalar_one())


def changes_since(repo: Repository, seq: int) -> tuple[int, list[tuple[str, int | None, str | None]]]:
    """The audit head and ``(action, message_id, batch)`` of every entry written after ``seq``."""
    with repo.read() as r:
        head = r.conn.execute(select(audit_head_table.c.seq).where(audit_head_table.c.id == 1)).scalar()
        rows = r.conn.execute(
            select(audit_table.c.action, audit_table.c.message_id, audit_table.c.batch)
            .where(audit_table.c.seq > seq)
            .order_by(audit_table.c.seq)
        ).all()
    return int(head or 0), [(str(action), message_id, batch) for action, message_id, batch in rows]
