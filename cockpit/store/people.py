"""Who did what: one person's entries in the audit log, and the messages they logged or marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from cockpit.domain.filtering import LOGGING_ACTIONS, MARKING_ACTIONS, actor_key
from cockpit.domain.model import AuditRecord
from cockpit.domain.replay import created_ids
from cockpit.store.convert import load_details, to_audit
from cockpit.store.tables import audit_table

if TYPE_CHECKING:
    from cockpit.store.repository import Repository


@dataclass(slots=True)
class ActorWork:
    """One person's work in the audit log: the messages they logged (the actor of the ``add`` or
    ``import`` entry that created them), the messages they marked (``recall``, ``edit``, ``revert``)
    and how many entries of each action they wrote."""

    name: str
    spellings: set[str] = field(default_factory=set)
    logged: set[int] = field(default_factory=set)
    marked: dict[str, set[int]] = field(default_factory=dict)
    entries: dict[str, int] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None

    @property
    def messages(self) -> set[int]:
        """Every message they logged or marked."""
        return self.logged.union(*self.marked.values())


def _folded(repo: Repository, column: Any) -> Any:
    """``column`` folded as :func:`actor_key` folds names (SQLite: Python's casefold; else lower)."""
    return func.casefold(column) if repo.dialect == "sqlite" else func.lower(column)


def actor_work(repo: Repository, name: str) -> ActorWork:
    """The work of the person called ``name`` (compared case-insensitively)."""
    work = ActorWork(name)
    key = actor_key(name)
    audit = audit_table.c
    with repo.read() as r:
        mine = _folded(repo, audit.actor) == key
        counts = r.conn.execute(
            select(audit.action, audit.actor, func.count(), func.min(audit.at), func.max(audit.at))
            .where(mine)
            .group_by(audit.action, audit.actor)
        ).all()
        for action, actor, count, first, last in counts:
            work.entries[action] = work.entries.get(action, 0) + int(count)
            work.spellings.add(str(actor))
            work.first = first if work.first is None else min(work.first, first)
            work.last = last if work.last is None else max(work.last, last)
        touching = sorted(LOGGING_ACTIONS | MARKING_ACTIONS)
        rows = r.conn.execute(
            select(audit.seq, audit.at, audit.action, audit.message_id, audit.details).where(
                mine, audit.action.in_(touching)
            )
        ).all()
    for seq, at, action, message_id, details in rows:
        if action in LOGGING_ACTIONS:
            entry = AuditRecord(
                seq=seq, at=at, actor=name, action=action, message_id=message_id,
                batch=None, from_status=None, to_status=None, from_version=None, reason=None,
                details=load_details(details) if action == "import" else {},
                prev_hash="", hash="",
            )  # fmt: skip
            work.logged.update(created_ids(entry))
        elif message_id is not None:
            work.marked.setdefault(action, set()).add(int(message_id))
    return work


def ids_by_actor(repo: Repository, names: Sequence[str]) -> dict[str, set[int]]:
    """For each name of an ``actor:`` filter term (its :func:`actor_key`), the ids of the messages
    that person logged or marked."""
    return {actor_key(name): actor_work(repo, name).messages for name in names}


def logged_entry(repo: Repository, message_id: int) -> AuditRecord | None:
    """The entry that logged the message: its ``add`` entry, else the ``import`` entry whose ids
    include it (imports write one entry per file, so there are few)."""
    audit = audit_table.c
    with repo.read() as r:
        row = (
            r.conn.execute(
                select(audit_table).where(audit.action == "add", audit.message_id == message_id).limit(1)
            )
            .mappings()
            .first()
        )
        if row is not None:
            return to_audit(row)
        for row in r.conn.execute(
            select(audit_table).where(audit.action == "import").order_by(audit.seq)
        ).mappings():
            entry = to_audit(row)
            if message_id in created_ids(entry):
                return entry
    return None
