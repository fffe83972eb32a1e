"""The database's schema revision: where a database stands against the program, and the upgrade.

A database records its revision in alembic's ``alembic_version`` table. Opening one already at the
program's head costs one query and no alembic import; everything else loads alembic on demand. An
empty database is created at the head from :mod:`cockpit.store.tables` and stamped; an older one is
upgraded by the revisions in :mod:`cockpit.store.migrations`; a database written before revisions
existed is first recognised (and, if it is older than the baseline, given the baseline's additions)
and stamped with the revision its tables match. Every function here works inside the caller's
transaction, so an upgrade lands whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect, text

from cockpit.errors import BadInput
from cockpit.store.migrations import HEAD_REVISION, SCRIPTS_DIR
from cockpit.store.migrations.legacy import bring_to_baseline, lacks_baseline, matching_revision
from cockpit.store.tables import metadata

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

VERSION_TABLE = "alembic_version"
UNVERSIONED = "unversioned"
"""How a database written before revisions existed is named where a revision would be."""

_UPGRADE_LOCK = 0x636F636B  # PostgreSQL advisory lock: one upgrade at a time
_OWN_TABLES = frozenset(metadata.tables) | {VERSION_TABLE}

EMPTY, CURRENT, BEHIND, NEWER = "empty", "current", "behind", "newer"


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Where a database stands against the program.

    ``state`` is ``empty`` (no cockpit table yet), ``current`` (at the head), ``behind`` (an older
    revision, or written before revisions existed: ``revision`` is ``None`` and ``matches`` names
    the revision its tables match) or ``newer`` (a revision this program does not know).
    """

    state: str
    revision: str | None
    head: str
    matches: str | None = None
    pending: tuple[str, ...] = ()
    additive: bool = True

    @property
    def upgrade_needed(self) -> bool:
        """Whether ``cockpit db upgrade`` (or an automatic upgrade) has work to do."""
        return self.state == BEHIND


@dataclass(frozen=True, slots=True)
class SchemaUpgrade:
    """What an upgrade did: from which revision (``None``: unversioned or empty) to which."""

    from_revision: str | None
    to_revision: str
    applied: tuple[str, ...]
    created: bool = False
    adopted: str | None = None  # an unversioned database: the revision its tables matched
    added: tuple[str, ...] = ()  # an unversioned database: what it lacked of the baseline

    def details(self) -> dict[str, object]:
        """The audit entry's details."""
        found: dict[str, object] = {
            "from_revision": self.from_revision or UNVERSIONED,
            "to_revision": self.to_revision,
            "applied": list(self.applied),
        }
        if self.adopted is not None:
            found["matched"] = self.adopted
        if self.added:
            found["added"] = list(self.added)
        return found


class UpgradeRequired(BadInput):
    """The database is at an older revision and this engine is only upgraded on request."""

    def __init__(self, status: SchemaStatus) -> None:
        at = status.revision or f"{UNVERSIONED} (matches {status.matches})"
        super().__init__(
            f"the database is at schema revision {at}; this cockpit needs {status.head}: run "
            "`cockpit db upgrade` (with the same --db) to upgrade it; nothing was changed"
        )


class DatabaseTooNew(BadInput):
    """The database was upgraded by a newer cockpit than this one."""

    def __init__(self, status: SchemaStatus) -> None:
        super().__init__(
            f"the database is at schema revision {status.revision}, which this cockpit does not know "
            f"(it knows up to {status.head}): a newer cockpit upgraded it; install that version or "
            "newer; nothing was changed"
        )


def recorded_revision(conn: Connection) -> str | None:
    """The revision the database records; ``None`` when it records none."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return str(rows[0]) if len(rows) == 1 else ",".join(sorted(map(str, rows))) or None


def is_current(conn: Connection) -> bool:
    """Whether the database is at the program's head (one query; no alembic import)."""
    return recorded_revision(conn) == HEAD_REVISION


def alembic_config(conn: Connection | None = None) -> Config:
    """Alembic's configuration, built in code (no ``alembic.ini``): the packaged scripts, and the
    connection the revisions run on."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS_DIR))
    config.attributes["connection"] = conn
    return config


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _pending(scripts: ScriptDirectory, since: str | None) -> tuple[tuple[str, ...], bool]:
    """The revisions after ``since`` up to the head, oldest first, and whether all only add."""
    found = list(scripts.iterate_revisions(HEAD_REVISION, since))
    found.reverse()
    additive = all(bool(getattr(script.module, "ADDITIVE", False)) for script in found)
    return tuple(script.revision for script in found), additive


def schema_status(conn: Connection) -> SchemaStatus:
    """Where the database on ``conn`` stands against the program (reads only).

    Raises:
        NotACockpitDatabase: it has tables of the cockpit but lacks ones every cockpit database has.
    """
    revision = recorded_revision(conn)
    if revision == HEAD_REVISION:
        return SchemaStatus(CURRENT, revision, HEAD_REVISION)
    if revision is None and not _OWN_TABLES & set(inspect(conn).get_table_names()):
        return SchemaStatus(EMPTY, None, HEAD_REVISION, pending=(HEAD_REVISION,))
    scripts = _scripts()
    if revision is None:
        lacks_baseline(conn)  # refuses a database that is not the cockpit's
        matches = matching_revision(conn)
        pending, additive = _pending(scripts, matches)
        return SchemaStatus(BEHIND, None, HEAD_REVISION, matches, pending, additive)
    from alembic.util import CommandError

    try:
        known = scripts.get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        return SchemaStatus(NEWER, revision, HEAD_REVISION)
    pending, additive = _pending(scripts, revision)
    return SchemaStatus(BEHIND, revision, HEAD_REVISION, pending=pending, additive=additive)


def check_openable(status: SchemaStatus, automatic: bool) -> None:
    """Refuse a database this program cannot use as it is.

    Raises:
        DatabaseTooNew: a newer program upgraded it.
        UpgradeRequired: it is behind, and upgrades of this database are made on request only
            (``automatic`` false) or one of its pending revisions does more than add.
    """
    if status.state == NEWER:
        raise DatabaseTooNew(status)
    if status.state == BEHIND and not (automatic and status.additive):
        raise UpgradeRequired(status)


def lock_for_upgrade(conn: Connection) -> None:
    """Serialise upgrades: PostgreSQL takes an advisory lock until the transaction ends (SQLite's
    ``BEGIN IMMEDIATE`` already holds the write lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK})


def upgrade(conn: Connection) -> SchemaUpgrade | None:
    """Bring the database on ``conn`` to the head inside the caller's write transaction: create an
    empty one, recognise and stamp an unversioned one, apply the pending revisions. Returns what
    was done; ``None`` when it was current already.

    Raises:
        DatabaseTooNew: a newer program upgraded it (nothing is changed).
    """
    lock_for_upgrade(conn)
    status = schema_status(conn)
    if status.state == CURRENT:
        return None
    if status.state == NEWER:
        raise DatabaseTooNew(status)
    from alembic import command

    config = alembic_config(conn)
    if status.state == EMPTY:
        metadata.create_all(conn)
        command.stamp(config, HEAD_REVISION)
        return SchemaUpgrade(None, HEAD_REVISION, (), created=True)
    added: tuple[str, ...] = ()
    if status.revision is None:
        added = tuple(bring_to_baseline(conn))
        command.stamp(config, matching_revision(conn))
    command.upgrade(config, HEAD_REVISION)
    return SchemaUpgrade(status.revision, HEAD_REVISION, status.pending, adopted=status.matches, added=added)


def status_fields(status: SchemaStatus) -> dict[str, Any]:
    """``cockpit db status --json``'s fields for ``status`` (without the database and engine)."""
    return {
        "revision": status.revision,
        "matches": status.matches,
        "head": status.head,
        "state": status.state,
        "upgrade_needed": status.upgrade_needed,
        "pending": list(status.pending),
        "additive": status.additive,
    }
