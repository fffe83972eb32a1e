"""The audit log for reading on screen and for export (JSON or formula-safe CSV, written 0600)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

from cockpit.clock import iso_z, parse_instant
from cockpit.domain.escalation import ESCALATE_ACTION, escalation_state_of, mark_how
from cockpit.domain.model import AuditRecord
from cockpit.services.export import csv_text, json_text
from cockpit.store.repository import Repository
from cockpit.store.verify import VerifyResult, verify_audit
from cockpit.text import safe_text

__all__ = [
    "AuditLine",
    "ExportResult",
    "VerifyResult",
    "audit_csv",
    "audit_json_text",
    "audit_line",
    "audit_lines",
    "entry_change",
    "export_audit",
    "export_audit_to",
    "export_path",
    "observed_text",
    "verify",
]
from cockpit.zones import zone_label


def audit_json(entry: AuditRecord) -> dict[str, Any]:
    """One audit entry as in ``audit --json``."""
    return {
        "seq": entry.seq,
        "at": iso_z(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "message_id": entry.message_id,
        "batch": entry.batch,
        "from_status": entry.from_status,
        "to_status": entry.to_status,
        "from_version": entry.from_version,
        "reason": entry.reason,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
        "wall_at": None if entry.wall_at is None else iso_z(entry.wall_at),
    }


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
    "wall_at",
)


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One entry as one safe line of text, with its action for colouring."""

    seq: int
    action: str
    text: str


OBSERVED_WORDS = {
    "replied": "replied",
    "opened": "opened",
    "push_delivered": "push delivered",
    "no_push": "no push",
    "forwarded": "forwarded",
}


def observed_text(details: dict[str, object], zone: tzinfo) -> str:
    """What an ``observe`` entry recorded, as words: ``opened at 2026-11-28 09:12:00``."""
    kind = details.get("observed")
    what = OBSERVED_WORDS.get(kind, safe_text(kind, limit=30)) if isinstance(kind, str) else "?"
    at = details.get("at")
    if not isinstance(at, str) or not at:
        return what
    try:
        when = f"{parse_instant(at).astimezone(zone):%Y-%m-%d %H:%M:%S}"
    except ValueError:
        when = safe_text(at, limit=40)
    return f"{what} at {when}"


def risk_decision_text(details: dict[str, object]) -> str:
    """What a ``risk`` entry decided: ``dismiss SSN`` or ``add ACCUSATION``."""
    return f"{safe_text(str(details.get('decision', '?')))} {safe_text(str(details.get('code', '?')))}"


def entry_change(entry: AuditRecord, zone: tzinfo) -> str:
    """What an entry changed, as safe words: ``sent → recalled (bulk mark of 6)``, ``opened at ...``,
    ``dismiss SSN``, ``escalation resolved``; empty when it changed nothing it can name."""
    if entry.action == "observe":
        return observed_text(entry.details, zone)
    if entry.action == "risk":
        return risk_decision_text(entry.details)
    if entry.action == ESCALATE_ACTION:
        return f"escalation {escalation_state_of(entry.details)}"
    if not entry.to_status:
        return ""
    change = f"{entry.from_status or '-'} → {entry.to_status}"
    how = mark_how(entry.details) if entry.action == "recall" else ""
    return f"{change} ({safe_text(how, limit=40)})" if how else change


def audit_line(entry: AuditRecord, zone: tzinfo, *, zone_shown: bool = False) -> AuditLine:
    """One entry as a line: seq, local time, actor, action, message, change (or what was
    observed), reason, hash.

    ``zone_shown``: the time carries the zone's abbreviation or offset (``CST``).
    """
    local = entry.at.astimezone(zone)
    when = f"{local:%Y-%m-%d %H:%M:%S}" + (f" {zone_label(local)}" if zone_shown else "")
    target = f"#{entry.message_id}" if entry.message_id is not None else "-"
    change = entry_change(entry, zone)
    reason = f"  “{safe_text(entry.reason, limit=120)}”" if entry.reason else ""
    batch = f" batch {safe_text(entry.batch, limit=30)}" if entry.batch else ""
    text = (
        f"{entry.seq:>7}  {when}  {safe_text(entry.actor, limit=16):<16} "
        f"{entry.action:<8} {target:>8}  {change:<20}{batch}{reason}  {entry.hash[:12]}"
    )
    return AuditLine(entry.seq, entry.action, text)


def audit_lines(repo: Repository, zone: tzinfo) -> list[AuditLine]:
    """Every entry, oldest first, as lines."""
    return [audit_line(entry, zone) for entry in repo.audit()]


def audit_csv(entries: list[AuditRecord]) -> str:
    """The log as formula-safe CSV (``audit --csv``)."""
    rows = []
    for entry in entries:
        data = audit_json(entry)
        data["details"] = json.dumps(data["details"], sort_keys=True, ensure_ascii=False)
        rows.append([data[key] for key in CSV_HEADER])
    return csv_text(CSV_HEADER, rows)


def audit_json_text(entries: list[AuditRecord]) -> str:
    """The log as a JSON array, oldest first (``audit --json``)."""
    return json_text([audit_json(e) for e in entries])


def export_audit(repo: Repository, path: Path) -> int:
    """Write the whole log to ``path`` (``.csv``: CSV, otherwise JSON), atomically with mode 0600.

    Returns the number of entries written.
    """
    from cockpit.paths import write_private_atomic

    entries = repo.audit()
    text = audit_csv(entries) if path.suffix.lower() == ".csv" else audit_json_text(entries)
    write_private_atomic(path, text.encode("utf-8"))
    return len(entries)


@dataclass(frozen=True, slots=True)
class ExportResult:
    """Where an export went and how many entries it holds, or why nothing was written."""

    path: Path | None
    entries: int = 0
    problem: str | None = None


def export_path(answer: str, folder: Path, default_name: str) -> Path:
    """The file an answer names: ``~`` expanded; a bare or relative name inside ``folder`` (never the
    current directory); a folder gets ``default_name`` inside it."""
    text = answer.strip()
    path = Path(text).expanduser() if text else folder / default_name
    if not path.is_absolute():
        path = folder / path
    if path.is_dir():
        path = path / default_name
    return path


def export_audit_to(repo: Repository, answer: str, folder: Path, default_name: str) -> ExportResult:
    """Export the whole log where ``answer`` says (see :func:`export_path`), mode 0600, never over an
    existing file and never into a folder that does not exist; a problem is returned in words and
    nothing is written."""
    path = export_path(answer, folder, default_name)
    shown = safe_text(str(path), limit=200)
    if not path.parent.is_dir():
        folder_shown = safe_text(str(path.parent), limit=200)
        return ExportResult(None, problem=f"there is no folder {folder_shown}: check the path")
    if path.exists():
        return ExportResult(None, problem=f"{shown} already exists: choose another name")
    try:
        count = export_audit(repo, path)
    except OSError as exc:
        why = safe_text(exc.strerror or type(exc).__name__, limit=80)
        return ExportResult(None, problem=f"cannot write {shown}: {why}")
    return ExportResult(path, entries=count)


def verify(repo: Repository) -> VerifyResult:
    """Recompute the chain and replay it against the messages (``cockpit audit verify``)."""
    return verify_audit(repo)
