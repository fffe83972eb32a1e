"""The audit log for reading on screen and for export (JSON or formula-safe CSV, written 0600)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from cockpit.domain.model import AuditRecord
from cockpit.services.export import csv_text
from cockpit.services.views import audit_json
from cockpit.store.repository import Repository
from cockpit.store.verify import VerifyResult, verify_audit

__all__ = ["AuditLine", "VerifyResult", "audit_line", "audit_lines", "export_audit", "verify"]
from cockpit.text import safe_text

CSV_HEADER = (
    "seq",
    "at",
    "actor",
    "action",
    "message_id",
    "batch",
    "from_status",
    "to_status",
    "reason",
    "details",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One entry as one safe line of text, with its action for colouring."""

    seq: int
    action: str
    text: str


def audit_line(entry: AuditRecord, zone: tzinfo) -> AuditLine:
    """One entry as a line: seq, local time, actor, action, message, change, reason, hash."""
    local = entry.at.astimezone(zone)
    target = f"#{entry.message_id}" if entry.message_id is not None else "-"
    change = f"{entry.from_status or '-'} → {entry.to_status}" if entry.to_status else ""
    reason = f"  “{safe_text(entry.reason, limit=120)}”" if entry.reason else ""
    batch = f" batch {safe_text(entry.batch, limit=30)}" if entry.batch else ""
    text = (
        f"{entry.seq:>7}  {local:%Y-%m-%d %H:%M:%S}  {safe_text(entry.actor, limit=16):<16} "
        f"{entry.action:<8} {target:>8}  {change:<20}{batch}{reason}  {entry.hash[:12]}"
    )
    return AuditLine(entry.seq, entry.action, text)


def audit_lines(repo: Repository, zone: tzinfo) -> list[AuditLine]:
    """Every entry, oldest first, as lines."""
    return [audit_line(entry, zone) for entry in repo.audit()]


def export_audit(repo: Repository, path: Path) -> int:
    """Write the whole log to ``path`` (``.csv``: CSV, otherwise JSON), atomically with mode 0600.

    Returns the number of entries written.
    """
    from cockpit.paths import write_private_atomic

    entries = repo.audit()
    if path.suffix.lower() == ".csv":
        rows = []
        for entry in entries:
            data = audit_json(entry)
            data["details"] = json.dumps(data["details"], sort_keys=True, ensure_ascii=False)
            rows.append([data[key] for key in CSV_HEADER])
        text = csv_text(CSV_HEADER, rows)
    else:
        text = json.dumps([audit_json(e) for e in entries], indent=2, ensure_ascii=False) + "\n"
    write_private_atomic(path, text.encode("utf-8"))
    return len(entries)


def verify(repo: Repository) -> VerifyResult:
    """Recompute the chain and replay it against the messages (``cockpit audit verify``)."""
    return verify_audit(repo)
