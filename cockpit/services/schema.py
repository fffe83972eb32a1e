"""The database's schema: where it stands against this program, and the upgrade (``cockpit db``)."""

from __future__ import annotations

import os

from cockpit.clock import Clock
from cockpit.store.repository import Repository
from cockpit.store.schema import SchemaStatus, SchemaUpgrade


def open_as_is(target: str | os.PathLike[str]) -> Repository:
    """The database at ``target`` opened without checking or changing its schema."""
    return Repository.connect(target)


def database_status(repo: Repository) -> SchemaStatus:
    """The database's schema revision against this program's head (reads only)."""
    return repo.schema_status()


def upgrade_database(repo: Repository, clock: Clock, actor: str) -> SchemaUpgrade | None:
    """Apply the pending revisions in one transaction with a ``schema`` audit entry (an empty
    database gets the schema at the head). Returns what was done; ``None`` when it was current.

    Raises:
        DatabaseTooNew: a newer cockpit upgraded the database (nothing is changed).
    """
    return repo.upgrade_schema(actor, clock.now())
