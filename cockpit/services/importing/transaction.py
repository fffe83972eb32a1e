"""The import transaction: new rows inserted set-based, duplicates left alone, responses recorded,
and one ``import`` audit entry (plus one ``observe`` entry per response) in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cockpit.clock import iso_z
from cockpit.domain.model import Observation, Push, Status
from cockpit.errors import Conflict
from cockpit.policy import Policy
from cockpit.services.importing.model import ReadResult
from cockpit.services.importing.source import Source
from cockpit.store.bulk import (
    BATCH,
    EXTERNAL_ID,
    PUSH,
    REPLIED_AT,
    SENT_AT,
    VERSION,
    ImportRow,
    existing_keys,
    fast_instant,
    insert_import_rows,
    reply_targets,
)
from cockpit.store.repository import NewAudit, Repository
from cockpit.store.types import decode_instant

MAX_LISTED_LINES = 1_000


@dataclass
class ImportOutcome:
    """What the import wrote."""

    imported: int = 0
    already_stored: int = 0
    first_id: int | None = None
    last_id: int | None = None
    responses_new: int = 0
    responses_earlier: int = 0
    open_windows: int = 0
    audit_seq: int | None = None
    batches: list[str] = field(default_factory=list)


def _without_reply(row: ImportRow) -> ImportRow:
    values = list(row)
    values[REPLIED_AT] = None
    values[VERSION] = 1
    return tuple(values)


def commit_import(
    repo: Repository,
    actor: str,
    now: datetime,
    policy: Policy,
    source: Source,
    result: ReadResult,
    default_seat: str | None,
) -> ImportOutcome:
    """Write the valid rows of ``result`` and the audit entries, all in one transaction."""
    outcome = ImportOutcome()
    now_text = fast_instant(now)
    with repo.write(actor, now) as tx:
        stored = existing_keys(tx, [row[EXTERNAL_ID] for row in result.rows])
        new_rows: list[ImportRow] = []
        earlier_replies: dict[str, str] = {}
        for row in result.rows:
            if row[REPLIED_AT] is not None and row[REPLIED_AT] > now_text:
                row = _without_reply(row)  # a response "after now": the clock is behind the file
            if stored and row[EXTERNAL_ID] in stored:
                if row[REPLIED_AT] is not None:
                    earlier_replies[row[EXTERNAL_ID]] = row[REPLIED_AT]
                continue
            new_rows.append(row)
        outcome.already_stored = len(result.rows) - len(new_rows)
        span = insert_import_rows(tx, new_rows)
        ids: range = range(0)
        if span is not None:
            outcome.first_id, outcome.last_id = span
            ids = range(span[0], span[1] + 1)
        outcome.imported = len(ids)

        observes: list[NewAudit] = []
        pushes: dict[str, str] = {}
        unknown = Push.UNKNOWN.value
        window_opened_after = fast_instant(now - timedelta(minutes=policy.window.minutes))
        for mid, row in zip(ids, new_rows, strict=True):
            if row[PUSH] != unknown:
                pushes[str(mid)] = row[PUSH]
            if row[SENT_AT] > window_opened_after:
                outcome.open_windows += 1
            if row[REPLIED_AT] is not None:
                when = decode_instant(row[REPLIED_AT])
                observes.append(_observe(mid, row[BATCH], 1, Status.SENT.value, when))
        outcome.responses_new = len(observes)

        for target in reply_targets(tx, list(earlier_replies)):
            when = decode_instant(earlier_replies[target["external_id"]])
            if target["replied_at"] is not None or when < target["sent_at"]:
                continue
            if not tx.update_message(target["id"], target["status"], target["version"], {"replied_at": when}):
                raise Conflict(f"message {target['id']} changed during the import; nothing was imported")
            observes.append(
                _observe(target["id"], target["batch"], target["version"], target["status"], when)
            )
            outcome.responses_earlier += 1

        batches = sorted({str(row[BATCH]) for row in new_rows if row[BATCH] is not None})
        outcome.batches = batches
        details: dict[str, object] = {
            "file": source.name,
            "sha256": source.sha256,
            "bytes": source.size,
            "format": result.format,
            "counts": {
                "rows": result.rows_read,
                "imported": outcome.imported,
                "duplicates": outcome.already_stored + result.repeated,
                "skipped": sum(result.skipped.values()),
                "rejected": result.rejected,
                "responses": outcome.responses_new + outcome.responses_earlier,
            },
            "id_ranges": [[span[0], span[1]]] if span else [],
        }
        if source.member:
            details["member"] = source.member
        if result.skipped:
            details["skipped"] = dict(sorted(result.skipped.items()))
        if result.rejected:
            details["rejected_lines"] = sorted(result.rejected_lines)[:MAX_LISTED_LINES]
        if pushes:
            details["push_by_id"] = pushes
        if result.sender:
            details["sender"] = result.sender
            details["sender_guessed"] = result.sender_guessed
        if default_seat:
            details["seat"] = default_seat
        if result.repaired:
            details["mojibake_repaired"] = result.repaired
        entry = NewAudit(
            action="import",
            batch=batches[0] if len(batches) == 1 else None,
            to_status=Status.SENT.value if ids else None,
            details=details,
        )
        seqs = tx.append_audit([entry, *observes])
        outcome.audit_seq = seqs[0]
    return outcome


def _observe(message_id: int, batch: str | None, version: int, status: str, at: datetime) -> NewAudit:
    return NewAudit(
        action="observe",
        message_id=message_id,
        batch=batch,
        from_status=status,
        to_status=status,
        from_version=version,
        reason="response found in the imported file",
        details={"observed": Observation.REPLIED.value, "at": iso_z(at)},
    )
