"""``cockpit db status`` and ``cockpit db upgrade``: the database's schema revision, and its upgrade."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.cli.context import NoDatabase, actor_name, db_target, make_clock, missing_sqlite_file
from cockpit.cli.options import DbOptions, GlobalOptions
from cockpit.cli.output import out, print_json
from cockpit.text import safe_text

if TYPE_CHECKING:
    from cockpit.store.repository import Repository
    from cockpit.store.schema import SchemaStatus, SchemaUpgrade


def _open(options: GlobalOptions) -> Repository:
    """The database named by the options, as it is; a SQLite file that does not exist is refused."""
    from cockpit.services.schema import open_as_is

    target = db_target(options)
    if missing_sqlite_file(target) is not None:
        raise NoDatabase(target)
    return open_as_is(target)


def _status_lines(status: SchemaStatus, automatic: bool) -> list[str]:
    head = status.head
    if status.state == "empty":
        return [f"empty: the first command creates the schema at revision {head}"]
    if status.state == "current":
        return [f"revision {status.revision}, this cockpit's head: up to date"]
    if status.state == "newer":
        return [
            f"revision {status.revision}, newer than this cockpit (head {head}): a newer cockpit "
            "upgraded it; this one refuses it"
        ]
    recorded = (
        status.revision or f"none recorded (written before revisions; its tables match {status.matches})"
    )
    pending = ", ".join(status.pending) or "none: only the revision is recorded"
    when = (
        "the next command that opens it upgrades it in place, or run `cockpit db upgrade`"
        if automatic and status.additive
        else "run `cockpit db upgrade`; until then commands refuse it"
    )
    return [
        f"revision {recorded}; this cockpit's head is {head}: upgrade needed",
        f"pending: {pending}",
        when,
    ]


def status(options: GlobalOptions, opts: DbOptions) -> int:
    """Show the database's schema revision, this program's head and whether an upgrade is needed."""
    from cockpit.services.schema import database_status
    from cockpit.store.schema import status_fields

    repo = _open(options)
    try:
        found = database_status(repo)
        if opts.json:
            print_json(
                {
                    "database": repo.location,
                    "engine": repo.dialect,
                    **status_fields(found),
                    "upgrades_automatically": repo.upgrades_automatically,
                }
            )
            return 0
        out(f"database: {safe_text(repo.location)} ({repo.dialect})")
        for line in _status_lines(found, repo.upgrades_automatically):
            out(line)
        return 0
    finally:
        repo.close()


def _upgrade_line(done: SchemaUpgrade | None, head: str) -> str:
    if done is None:
        return f"schema already at revision {head}: nothing to do"
    if done.created:
        return f"created the schema at revision {done.to_revision}"
    origin = (
        f"revision {done.from_revision}"
        if done.from_revision
        else f"an unversioned database (tables matching {done.adopted})"
    )
    line = f"upgraded the schema from {origin} to {done.to_revision}"
    steps = []
    if done.added:
        steps.append(f"added {', '.join(done.added)}")
    if done.applied:
        steps.append(f"applied {', '.join(done.applied)}")
    elif done.from_revision is None:
        steps.append("recorded its revision")
    return f"{line} ({'; '.join(steps)})" if steps else line


def upgrade(options: GlobalOptions, opts: DbOptions) -> int:
    """Apply the pending schema revisions (one transaction, audited); prints from and to."""
    from cockpit.services.schema import upgrade_database
    from cockpit.store.migrations import HEAD_REVISION

    repo = _open(options)
    try:
        done = upgrade_database(repo, make_clock(options), actor_name(options))
    finally:
        repo.close()
    if opts.json:
        print_json(
            {
                "from_revision": HEAD_REVISION if done is None else done.from_revision,
                "to_revision": HEAD_REVISION,
                "changed": done is not None,
                "created": done is not None and done.created,
                "matched": None if done is None else done.adopted,
                "applied": [] if done is None else list(done.applied),
            }
        )
        return 0
    out(_upgrade_line(done, HEAD_REVISION))
    return 0
