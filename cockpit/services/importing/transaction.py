"""The import transaction: new rows inserted set-based, duplicates left alone, responses recorded,
and one ``import`` audit entry (plus one ``observe`` entry per response) in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter

from cockpit.clock import iso_z
from cockpit.domain.model import Observation, Push, Status
from cockpit.errors import Conflict
from cockpit.policy import Policy
from cockpit.services.fingerprints import range_sha256
from cockpit.services.importing.linking import MAX_LISTED_WARNINGS, Linker, LinkWarning
from cockpit.services.importing.model import ReadResult
from cockpit.services.importing.source import Source
from cockpit.store.bulk import (
    create_indexes,
    drop_message_indexes,
    existing_keys,
    insert_import_rows,
    next_message_id,
    record_channels,
    record_replies,
    reply_targets,
    table_is_empty,
)
from cockpit.store.import_rows import BATCH, EXTERNAL_ID, PUSH, SENT_AT, ImportRow
from cockpit.store.instant_text import decode_instant, encode_instant, iso_z_of_stored
from cockpit.store.links import has_links, linked_keys
from cockpit.store.repository import NewAudit, WriteTx

MAX_LISTED_LINES = 1_000


@dataclass
class ImportOutcome:
    """What the import wrote."""

    imported: int = 0
    already_stored: int = 0
    linked: int = 0  # rows found to be sends already stored from another file (no new message)
    link_warnings: list[LinkWarning] = field(default_factory=list)
    linked_ids: list[int] = field(default_factory=list)
    first_id: int | None = None
    last_id: int | None = None
    responses_new: int = 0
    responses_earlier: int = 0
    open_windows: int = 0
    audit_seq: int | None = None
    batches: list[str] = field(default_factory=list)


_key, _push, _sent_at, _batch = (itemgetter(i) for i in (EXTERNAL_ID, PUSH, SENT_AT, BATCH))


class ImportWriter:
    """Writes an import inside one write transaction: rows as they arrive, then the audit entries.

    New rows get consecutive ids in the order they are added; rows already stored (by
    ``external_id``, or a key linked to a message) are left alone, and a response found for one of
    them is recorded on it. A row that is a send stored from another source (``from_export``: the
    rows are a LinkedIn export's) is linked to it instead of added (:mod:`.linking`).
    """

    def __init__(
        self, tx: WriteTx, policy: Policy, now: datetime, keep_ids: bool = False, from_export: bool = False
    ) -> None:
        self.tx = tx
        self._ids: dict[str, tuple[int, str | None]] | None = {} if keep_ids else None
        self.outcome = ImportOutcome()
        self._was_empty = table_is_empty(tx)
        self._any_links = not self._was_empty and has_links(tx)
        tolerance = timedelta(seconds=policy.link_tolerance_seconds)
        self._linker = None if self._was_empty else Linker(tx, tolerance, from_export, next_message_id(tx))
        self._now_text = encode_instant(now)
        self._window_opened_after = encode_instant(now - timedelta(minutes=policy.window.minutes))
        self._pushes: dict[str, str] = {}
        self._observes: list[NewAudit] = []
        self._earlier_replies: dict[str, str] = {}
        self._batches: set[str] = set()
        self._dropped_indexes: list[str] | None = None  # made again at the end (see drop_message_indexes)

    def add(self, rows: list[ImportRow]) -> None:
        """Insert the rows not stored yet."""
        if not rows:
            return
        outcome = self.outcome
        keys = [] if self._was_empty else [row[EXTERNAL_ID] for row in rows]
        stored = existing_keys(self.tx, keys) if keys else set()
        if self._any_links:
            stored |= linked_keys(self.tx, keys)
        new_rows = [row for row in rows if row[EXTERNAL_ID] not in stored] if stored else rows
        outcome.already_stored += len(rows) - len(new_rows)
        if self._linker is not None and new_rows:
            unlinked = self._linker.take(new_rows)
            outcome.linked += len(new_rows) - len(unlinked)
            new_rows = unlinked
        if not new_rows:
            return
        if self._was_empty and self._dropped_indexes is None:
            self._dropped_indexes = drop_message_indexes(self.tx)  # an empty table: nothing to look up
        first = next_message_id(self.tx) if outcome.last_id is None else outcome.last_id + 1
        span = insert_import_rows(self.tx, new_rows, first)
        assert span is not None
        if outcome.first_id is None:
            outcome.first_id = span[0]
        outcome.last_id = span[1]
        outcome.imported += len(new_rows)
        ids = range(span[0], span[1] + 1)
        unknown = Push.UNKNOWN.value
        self._pushes.update(
            (str(mid), push) for mid, push in zip(ids, map(_push, new_rows), strict=True) if push != unknown
        )
        opened_after = self._window_opened_after
        outcome.open_windows += sum(1 for sent in map(_sent_at, new_rows) if sent > opened_after)
        self._batches.update(batch for batch in map(_batch, new_rows) if batch is not None)
        if self._ids is not None:
            self._ids.update(
                zip(map(_key, new_rows), zip(ids, map(_batch, new_rows), strict=True), strict=True)
            )

    def add_replies(self, replies: dict[str, str]) -> None:
        """Record the response (stored text) found for each send key: on a message this import
        inserted (needs ``keep_ids``), or on one stored earlier."""
        assert self._ids is not None
        updates: list[tuple[int, str]] = []
        for key, replied in replies.items():
            if replied > self._now_text:
                continue  # a response "after now": the clock is behind the file
            inserted = self._ids.get(key)
            if inserted is None:
                self._earlier_replies[key] = replied
                continue
            mid, batch = inserted
            updates.append((mid, replied))
            self._observes.append(_observe(mid, batch, 1, Status.SENT.value, iso_z_of_stored(replied)))
        record_replies(self.tx, sorted(updates))

    def fix_channels(self, channels: dict[str, str]) -> None:
        """Set the channel the whole file showed on the messages this import inserted (needs
        ``keep_ids``); messages stored earlier keep theirs."""
        assert self._ids is not None
        ids = self._ids
        record_channels(
            self.tx, sorted((ids[key][0], channel) for key, channel in channels.items() if key in ids)
        )

    def finish(
        self,
        source: Source,
        result: ReadResult,
        default_seat: str | None,
        extra: dict[str, object] | None = None,
    ) -> ImportOutcome:
        """Record responses to earlier imports and write the audit entries (``extra``: more details
        for the ``import`` entry); returns the outcome."""
        tx, outcome = self.tx, self.outcome
        if outcome.last_id is not None and next_message_id(tx) != outcome.last_id + 1:
            raise RuntimeError("imported message ids are not consecutive; nothing was imported")
        if self._dropped_indexes:
            create_indexes(tx, self._dropped_indexes)
        outcome.responses_new = len(self._observes)
        observes = self._observes
        for target in reply_targets(tx, list(self._earlier_replies)):
            when = decode_instant(self._earlier_replies[target["external_id"]])
            if target["replied_at"] is not None or when < target["sent_at"]:
                continue
            if not tx.update_message(target["id"], target["status"], target["version"], {"replied_at": when}):
                raise Conflict(f"message {target['id']} changed during the import; nothing was imported")
            observes.append(
                _observe(target["id"], target["batch"], target["version"], target["status"], iso_z(when))
            )
            outcome.responses_earlier += 1

        batches = sorted(self._batches)
        outcome.batches = batches
        span = None if outcome.first_id is None else [outcome.first_id, outcome.last_id]
        details: dict[str, object] = {
            "file": source.name,
            "sha256": source.sha256,
            "bytes": source.size,
            "format": result.format,
            "counts": {
                "rows": result.rows_read,
                "imported": outcome.imported,
                "duplicates": outcome.already_stored + result.repeated + outcome.linked,
                "skipped": sum(result.skipped.values()),
                "rejected": result.rejected,
                "responses": outcome.responses_new + outcome.responses_earlier,
            },
            "id_ranges": [span] if span else [],
        }
        if outcome.first_id is not None and outcome.last_id is not None:  # read back after the channels
            details["content_sha256"] = range_sha256(tx, outcome.first_id, outcome.last_id)
        if source.member:
            details["member"] = source.member
        if result.skipped:
            details["skipped"] = dict(sorted(result.skipped.items()))
        if result.rejected:
            details["rejected_lines"] = sorted(result.rejected_lines)[:MAX_LISTED_LINES]
        if self._pushes:
            details["push_by_id"] = self._pushes
        if result.sender:
            details["sender"] = result.sender
            details["sender_guessed"] = result.sender_guessed
        if default_seat:
            details["seat"] = default_seat
        if outcome.linked:
            counts = details["counts"]
            assert isinstance(counts, dict)
            counts["linked"] = outcome.linked  # counted among the duplicates
        if result.repaired:
            details["mojibake_repaired"] = result.repaired
        if result.kind_counts:
            details["kinds"] = dict(sorted(result.kind_counts.items()))
        if result.shapes:
            details["shapes"] = dict(sorted(result.shapes.items()))
        if result.attachments and self._ids is not None:
            attachments = {str(self._ids[k][0]): v for k, v in result.attachments.items() if k in self._ids}
            if attachments:
                details["attachments_by_id"] = attachments
        links: list[NewAudit] = []
        if self._linker is not None:
            outcome.link_warnings = self._linker.warnings
            outcome.linked_ids = [link.message_id for link in self._linker.links]
            if self._linker.warnings:
                details["link_warnings"] = [
                    {"sent_at": w.sent_at, "message_ids": list(w.message_ids), "reason": w.reason}
                    for w in self._linker.warnings[:MAX_LISTED_WARNINGS]
                ]
            links = self._linker.audit_entries(source.name, source.sha256)
        if extra:
            details.update(extra)
        entry = NewAudit(
            action="import",
            batch=batches[0] if len(batches) == 1 else None,
            to_status=Status.SENT.value if outcome.imported else None,
            details=details,
        )
        seqs = tx.append_audit([entry, *links, *observes])
        outcome.audit_seq = seqs[0]
        return outcome


def _observe(message_id: int, batch: str | None, version: int, status: str, at: str) -> NewAudit:
    """The audit entry of a response found in the file (``at``: ISO 8601 with ``Z``)."""
    return NewAudit(
        action="observe",
        message_id=message_id,
        batch=batch,
        from_status=status,
        to_status=status,
        from_version=version,
        reason="response found in the imported file",
        details={"observed": Observation.REPLIED.value, "at": at},
    )
