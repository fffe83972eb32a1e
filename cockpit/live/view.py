"""The table's view: which rows the filter shows, in which order, kept current as rows change.

``order`` holds every row sorted by the current sort; ``rows`` is the filtered part of it (same
order). Each row has one comparable key, unique because the row number is folded in, so a row whose
key changes is moved with two binary searches instead of a full sort. The filter semantics are those
of :mod:`cockpit.domain.filtering`, evaluated over columns one term at a time.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cockpit.domain.filtering import Filter, FilterTerm, actor_key, batch_matches
from cockpit.live.columns import CLOSED, PHASE_NAMES, MessageColumns

_ROW_BITS = 24
_ROW_MASK = (1 << _ROW_BITS) - 1
_TIME_BITS = 52
_LATEST = (1 << _TIME_BITS) - 1
_MONEY = (1 << 30) - 1


@dataclass(frozen=True, slots=True)
class SortMode:
    """One way to order the table."""

    name: str
    description: str


SORTS: tuple[SortMode, ...] = (
    SortMode("triage", "open windows, riskiest and least time left first; then newest"),
    SortMode("newest", "newest send first"),
    SortMode("risk", "most severe risk first, then exposure"),
    SortMode("exposure", "highest exposure first"),
    SortMode("recipient", "recipient A to Z"),
)
SORT_NAMES = tuple(mode.name for mode in SORTS)


def triage_group(top: int) -> int:
    """Where an open window goes in the triage order: critical risks, then high, then the rest."""
    return 0 if top >= 4 else (1 if top == 3 else 2)


def _key_function(columns: MessageColumns, mode: str) -> Callable[[int], Any]:
    sent, status, channel, phase, risks = (
        columns.sent_us,
        columns.status,
        columns.channel,
        columns.phase,
        columns.risks,
    )
    no_recall = columns.no_recall
    assessed = columns.assessed
    recipient = columns.recipient

    def triage(row: int) -> int:
        if phase[row] != CLOSED and status[row] != "recalled" and channel[row] not in no_recall:
            return (((triage_group(risks[row].top) << _TIME_BITS) | sent[row]) << _ROW_BITS) | row
        return (((3 << _TIME_BITS) | (_LATEST - sent[row])) << _ROW_BITS) | row

    def newest(row: int) -> int:
        return ((_LATEST - sent[row]) << _ROW_BITS) | row

    def risk(row: int) -> int:
        summary = risks[row]
        rank = 5 - summary.top if assessed[row] else 6
        money = _MONEY - min(summary.exposure_usd, _MONEY)
        return (((((rank << 30) | money) << _TIME_BITS) | (_LATEST - sent[row])) << _ROW_BITS) | row

    def exposure(row: int) -> int:
        money = _MONEY - min(risks[row].exposure_usd, _MONEY) if assessed[row] else _MONEY
        return (((money << _TIME_BITS) | (_LATEST - sent[row])) << _ROW_BITS) | row

    def by_recipient(row: int) -> tuple[str, int]:
        return (recipient[row].casefold(), row)

    functions: dict[str, Callable[[int], Any]] = {
        "triage": triage,
        "newest": newest,
        "risk": risk,
        "exposure": exposure,
        "recipient": by_recipient,
    }
    return functions[mode]


def _all_keys(columns: MessageColumns, mode: str) -> list[Any]:
    """Every row's key for ``mode`` at once (the same values as :func:`_key_function`, faster)."""
    sent, risks = columns.sent_us, columns.risks
    keys: list[Any] = []
    append = keys.append
    if mode == "newest":
        return [((_LATEST - s) << _ROW_BITS) | r for r, s in enumerate(sent)]
    if mode in ("risk", "exposure"):
        assessed = columns.assessed
        for r, (s, risk, known) in enumerate(zip(sent, risks, assessed, strict=True)):
            money = _MONEY - min(risk.exposure_usd, _MONEY) if known else _MONEY
            newest = _LATEST - s
            if mode == "risk":
                rank = 5 - risk.top if known else 6
                append((((((rank << 30) | money) << _TIME_BITS) | newest) << _ROW_BITS) | r)
            else:
                append((((money << _TIME_BITS) | newest) << _ROW_BITS) | r)
        return keys
    if mode == "triage":
        no_recall = columns.no_recall
        rows = zip(sent, columns.status, columns.channel, columns.phase, risks, strict=True)
        for r, (s, status, channel, phase, risk) in enumerate(rows):
            if phase != CLOSED and status != "recalled" and channel not in no_recall:
                top = risk.top
                group = 0 if top >= 4 else (1 if top == 3 else 2)
                append((((group << _TIME_BITS) | s) << _ROW_BITS) | r)
            else:
                append((((3 << _TIME_BITS) | (_LATEST - s)) << _ROW_BITS) | r)
        return keys
    key = _key_function(columns, mode)
    return [key(r) for r in range(len(columns))]


def _term_rows(columns: MessageColumns, term: FilterTerm, rows: list[int]) -> list[int]:
    """The rows of ``rows`` that pass one term (as ``cockpit.domain.filtering.matches`` decides)."""
    neg = term.negate
    values = set(term.values)
    key = term.key
    if key is None:
        needle = term.values[0]
        subject, body, recipient = columns.subject_cf, columns.body_cf, columns.recipient
        subjects = {s for s in set(subject) if needle in s}  # few distinct subjects: test each once
        # rows whose details are not loaded: their body's match found in the database, if asked
        hits, has_details, ids = columns.body_hits.get(needle, ()), columns.has_details, columns.ids

        def in_body(r: int) -> bool:
            return needle in body[r] if has_details[r] else ids[r] in hits

        return [
            r
            for r in rows
            if (in_body(r) or subject[r] in subjects or needle in recipient[r].casefold()) != neg
        ]
    if key == "phase":
        codes = {i for i, name in enumerate(PHASE_NAMES) if name in values}
        phase = columns.phase
        return [r for r in rows if (phase[r] in codes) != neg]
    if key == "risk":
        risks, assessed = columns.risks, columns.assessed
        if "any" in values:
            return [r for r in rows if assessed[r] and bool(risks[r].codes) != neg]
        wants_none = "none" in values
        return [
            r
            for r in rows
            if assessed[r]
            and (
                any(code.lower() in values for code, _ in risks[r].codes)
                or (wants_none and not risks[r].codes)
            )
            != neg
        ]
    if key == "flag":
        notes, ids = columns.notes, columns.ids
        want_comment, want_escalated = "commented" in values, "escalated" in values

        def flagged(r: int) -> bool:
            note = notes.get(ids[r])
            return note is not None and ((want_comment and note[0] > 0) or (want_escalated and note[1]))

        return [r for r in rows if flagged(r) != neg]
    if key == "batch":
        batches = columns.batch
        wanted = {name for name in set(batches) if batch_matches(name, term.values)}  # few distinct names
        return [r for r in rows if (batches[r] in wanted) != neg]
    if key == "actor":
        by_actor = columns.actor_hits
        touched: set[int] = set().union(*(by_actor.get(actor_key(v), ()) for v in values))
        ids = columns.ids
        return [r for r in rows if (ids[r] in touched) != neg]
    if key == "group":
        key_of = columns.groups.key_of
        return [r for r in rows if (key_of(r) in values) != neg]
    columns_by_key: dict[str, list[Any]] = {
        "status": columns.status,
        "seat": columns.seat,
        "channel": columns.channel,
        "state": columns.state,
    }
    column = columns_by_key[key]
    if key in ("status", "channel"):
        return [r for r in rows if (column[r] in values) != neg]
    return [r for r in rows if ((column[r] or "").lower() in values) != neg]


def filter_rows(columns: MessageColumns, flt: Filter | None, rows: list[int]) -> list[int]:
    """The rows of ``rows`` (order kept) that satisfy every term of ``flt``; cheap terms first."""
    if flt is None or flt.empty:
        return rows
    terms = sorted(flt.terms, key=lambda t: t.key is None)
    for term in terms:
        rows = _term_rows(columns, term, rows)
        if not rows:
            break
    return rows


def needs_details(flt: Filter | None) -> bool:
    """Whether the filter searches the template groups (rows without details cannot be decided)."""
    return flt is not None and any(t.key == "group" for t in flt.terms)


def body_needles(flt: Filter | None) -> list[str]:
    """The free-text terms of the filter (searched in the bodies too)."""
    return [] if flt is None else [t.values[0] for t in flt.terms if t.key is None]


def actor_names(flt: Filter | None) -> list[str]:
    """The names of the filter's ``actor:`` terms (their messages are looked up in the audit log)."""
    if flt is None:
        return []
    return list(dict.fromkeys(actor_key(v) for t in flt.terms if t.key == "actor" for v in t.values))


def needs_risks(flt: Filter | None) -> bool:
    """Whether the filter looks at risk codes (so unassessed rows cannot be decided yet)."""
    return flt is not None and any(t.key == "risk" for t in flt.terms)


class TableView:
    """The sorted, filtered list of rows the table shows."""

    def __init__(self, columns: MessageColumns, sort: str = "triage") -> None:
        self.columns = columns
        self.sort = sort
        self.filter: Filter | None = None
        self.batch: str | None = None  # only this batch (exact name), or every batch
        self.order: list[int] = []
        self.rows: list[int] = []
        self._keys: list[Any] = []
        self._key = _key_function(columns, sort)

    def resort(self) -> None:
        """Recompute every key and the order, then the filtered rows."""
        if self.sort == "recipient":
            names = [name.casefold() for name in self.columns.recipient]
            self.order = sorted(range(len(names)), key=names.__getitem__)
            self._keys = list(zip(names, range(len(names)), strict=True))
        else:
            keys = _all_keys(self.columns, self.sort)
            self._keys = keys
            self.order = [k & _ROW_MASK for k in sorted(keys)]
        self.refilter()

    def _restricted(self) -> bool:
        return self.filter is not None or self.batch is not None

    def _select(self, rows: list[int]) -> list[int]:
        if self.batch is not None:
            batch = self.columns.batch
            wanted = self.batch
            rows = [r for r in rows if batch[r] == wanted]
        return filter_rows(self.columns, self.filter, rows) if self.filter else rows

    def refilter(self) -> None:
        """Recompute the filtered rows from the order."""
        self.rows = self._select(self.order) if self._restricted() else self.order

    def position(self, row: int) -> int | None:
        """Where ``row`` stands in the shown rows, or None when it is not shown."""
        if row >= len(self._keys) or self._keys[row] is None:
            return None
        at = bisect_left(self.rows, self._keys[row], key=self._keys.__getitem__)
        return at if at < len(self.rows) and self.rows[at] == row else None

    def set_sort(self, mode: str) -> None:
        """Order by ``mode`` (one of :data:`SORT_NAMES`)."""
        self.sort = mode
        self._key = _key_function(self.columns, mode)
        self.resort()

    def set_filter(self, flt: Filter | None) -> None:
        """Show only the rows that satisfy ``flt`` (None or empty shows all)."""
        self.filter = flt if flt is not None and not flt.empty else None
        self.refilter()

    def update(self, rows: Iterable[int]) -> None:
        """Re-place rows that are new or whose key or filter result may have changed."""
        changed = list(dict.fromkeys(rows))
        if not changed:
            return
        if len(changed) > max(500, len(self.order) // 50):
            self.resort()
            return
        keys = self._keys
        lookup = keys.__getitem__
        filtered = self.rows is not self.order
        for row in changed:
            old = keys[row] if row < len(keys) else None
            if old is not None:
                position = bisect_left(self.order, old, key=lookup)
                if position < len(self.order) and self.order[position] == row:
                    del self.order[position]
                if filtered:
                    position = bisect_left(self.rows, old, key=lookup)
                    if position < len(self.rows) and self.rows[position] == row:
                        del self.rows[position]
            elif row >= len(keys):
                keys.extend([None] * (row + 1 - len(keys)))
            keys[row] = self._key(row)
            insort(self.order, row, key=lookup)
            if filtered and self._select([row]):
                insort(self.rows, row, key=lookup)
