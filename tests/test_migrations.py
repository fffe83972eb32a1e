"""Schema revisions: a new database at the head, the history's DDL, upgrades that keep every row
(files of earlier releases, each revision, both engines), refusals, and ``cockpit db``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, select, text

from cockpit import cli
from cockpit.clock import FixedClock, SystemClock
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.store.clock_mode import ClockRefused
from cockpit.store.engine import WRITE_OPTION, open_engine
from cockpit.store.migrations import HEAD_REVISION
from cockpit.store.repository import SCHEMA_ACTION, Repository
from cockpit.store.schema import (
    BEHIND,
    DatabaseTooNew,
    SchemaStatus,
    UpgradeRequired,
    alembic_config,
    check_openable,
)
from cockpit.store.tables import metadata
from cockpit.store.verify import verify_audit
from tests.conftest import NOW, make_send, postgres_database

FIXTURES = Path(__file__).parent / "migrations"
REVISIONS = ("0001", "0002", "0003", "0004")
LEGACY = {"first_release": None, "baseline": "0001", "judgement": "0002"}
"""Fixture -> the revision its tables match (``None``: older than the baseline)."""


# -- helpers -------------------------------------------------------------------------------------


def load_fixture(name: str, path: Path) -> Path:
    """A SQLite file at ``path`` holding fixture ``name`` (a database of an earlier release)."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript((FIXTURES / f"{name}.sql").read_text(encoding="utf-8"))
    finally:
        connection.close()
    return path


def sqlite_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (by column name, in rowid order), stored text as it is."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            names = [d[0] for d in cursor.description]
            found[table] = [tuple(sorted(zip(names, row, strict=True))) for row in cursor]
        return found
    finally:
        connection.close()


def ddl(path: Path) -> dict[str, str | None]:
    """``sqlite_master``'s text of every table and index (alembic's own table left out)."""
    connection = sqlite3.connect(path)
    try:
        return {
            f"{kind} {name}": sql
            for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master")
            if "alembic_version" not in name
        }
    finally:
        connection.close()


def shape(path: Path) -> dict[str, Any]:
    """What SQLite says of each table: columns (name, type, not null, key), indexes, foreign keys."""
    connection = sqlite3.connect(path)
    try:
        tables = sorted(
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name != "alembic_version"
        )
        found: dict[str, Any] = {}
        for table in tables:
            columns = [row[1:] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            indexes = sorted(
                (row[1], row[2], tuple(c[2] for c in connection.execute(f'PRAGMA index_info("{row[1]}")')))
                for row in connection.execute(f'PRAGMA index_list("{table}")')
            )
            keys = sorted(row[2:5] for row in connection.execute(f'PRAGMA foreign_key_list("{table}")'))
            found[table] = (columns, indexes, keys)
        return found
    finally:
        connection.close()


def migrate(engine: Engine, revision: str) -> None:
    """Run the revisions up to ``revision`` on ``engine`` (one transaction)."""
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        command.upgrade(alembic_config(conn), revision)


def recorded(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def engine_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database on the backend: a SQLite path or a PostgreSQL URL."""
    if backend == "postgresql":
        with postgres_database(request.getfixturevalue("postgres_admin_url")) as url:
            yield url
        return
    yield str(tmp_path / "empty.sqlite3")


both = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


# -- the scripts ---------------------------------------------------------------------------------


def test_the_head_named_in_code_is_the_scripts_head() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [HEAD_REVISION]
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert chain == list(REVISIONS)
    for script in scripts.walk_revisions():
        assert script.module.ADDITIVE is True, script.revision


def test_the_scripts_ship_inside_the_package() -> None:
    import cockpit.store.migrations as package

    folder = Path(package.__file__).parent
    assert (folder / "env.py").is_file()
    assert sorted(p.name for p in (folder / "versions").glob("v*.py")) == [
        "v0001_baseline.py",
        "v0002_judgement.py",
        "v0003_judgement_template.py",
        "v0004_wall_clock.py",
    ]


# -- a new database ------------------------------------------------------------------------------


def test_a_new_sqlite_database_is_the_tables_schema_stamped_at_the_head(tmp_path: Path) -> None:
    repo = Repository.open(tmp_path / "new.sqlite3")
    repo.close()
    bare = tmp_path / "bare.sqlite3"
    engine = create_engine(f"sqlite:///{bare}")
    metadata.create_all(engine)
    engine.dispose()
    assert ddl(tmp_path / "new.sqlite3") == ddl(bare)
    assert recorded(open_engine(tmp_path / "new.sqlite3")) == HEAD_REVISION
    assert Repository.open(tmp_path / "new.sqlite3").audit() == []  # creating is not an upgrade


def test_the_baseline_is_the_schema_before_judgements_exactly(tmp_path: Path) -> None:
    """Revision 0001 on an empty file writes the DDL the release before judgements wrote; 0002 the
    DDL of the release that added them."""
    for revision, fixture in (("0001", "baseline"), ("0002", "judgement")):
        migrated = tmp_path / f"m{revision}.sqlite3"
        migrate(open_engine(migrated), revision)
        assert ddl(migrated) == ddl(load_fixture(fixture, tmp_path / f"{fixture}.sqlite3"))


def test_the_revisions_from_nothing_give_the_tables_schema_on_sqlite(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.sqlite3"
    migrate(open_engine(migrated), "head")
    bare = tmp_path / "bare.sqlite3"
    engine = create_engine(f"sqlite:///{bare}")
    metadata.create_all(engine)
    engine.dispose()
    assert shape(migrated) == shape(bare)


@both
def test_the_revisions_from_nothing_give_the_tables_schema(engine_url: str) -> None:
    engine = open_engine(engine_url)
    migrate(engine, "head")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


@both
def test_a_new_database_on_either_engine_is_at_the_head(engine_url: str) -> None:
    repo = Repository.open(engine_url)
    try:
        assert repo.schema_status().state == "current"
        with repo.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        repo.close()


@both
def test_the_revisions_go_down_to_the_baseline_and_up_again(engine_url: str) -> None:
    engine = open_engine(engine_url)
    migrate(engine, "head")
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        command.downgrade(alembic_config(conn), "0001")
    assert recorded(engine) == "0001"
    assert not inspect(engine).has_table("judgement")
    migrate(engine, "head")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


# -- files written before revisions existed ------------------------------------------------------


@pytest.mark.parametrize("fixture", sorted(LEGACY))
def test_a_file_of_an_earlier_release_upgrades_in_place_keeping_every_row(
    fixture: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = load_fixture(fixture, tmp_path / "old.sqlite3")
    before = sqlite_rows(path)
    status = Repository.connect(path).schema_status()
    assert (status.state, status.revision, status.matches) == (BEHIND, None, LEGACY[fixture] or "0001")

    Repository.open(path, actor="ops").close()  # what every command does first

    after = sqlite_rows(path)
    for table, rows in before.items():
        if table == "audit_head":  # moves to the upgrade's entry: verify checks it below
            continue
        names = {name for name, _value in rows[0]} if rows else set()
        kept = [tuple(item for item in row if item[0] in names) for row in after[table]]
        if table == "audit_entry":
            kept = kept[: len(rows)]
        assert kept == rows, table
    assert recorded(open_engine(path)) == HEAD_REVISION
    repo = Repository.open(path)
    entry = repo.audit()[-1]
    assert (entry.action, entry.actor, entry.message_id) == (SCHEMA_ACTION, "ops", None)
    assert entry.details["from_revision"] == "unversioned"
    assert entry.details["to_revision"] == HEAD_REVISION
    assert entry.details["matched"] == (LEGACY[fixture] or "0001")
    if LEGACY[fixture] is None:
        assert entry.details["added"] == [
            "message_link", "batch_setting", "seat.commercial", "message.commercial_review"
        ]  # fmt: skip
    assert verify_audit(repo).ok
    repo.close()
    code, out, err = run(capsys, "--db", str(path), "list", "--json")
    assert code == 0, err
    assert len(json.loads(out)) == len(before["message"])
    assert run(capsys, "--db", str(path), "audit", "verify")[0] == 0


def test_a_file_of_the_release_before_revisions_is_only_stamped(
    tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    """The current schema without ``alembic_version`` (a file of the last release before schema
    revisions): nothing to add, the revision is recorded."""
    path = tmp_path / "current.sqlite3"
    repo = Repository.open(path)
    Actions(repo, clock, policy, "alice").add_send(make_send())
    repo.close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DROP TABLE alembic_version")
    connection.close()
    before = sqlite_rows(path)
    status = Repository.connect(path).schema_status()
    assert (status.revision, status.matches, status.pending) == (None, HEAD_REVISION, ())
    repo = Repository.open(path)
    assert repo.message_count() == 1
    after = sqlite_rows(path)
    assert after["message"] == before["message"]
    assert after["audit_entry"][:1] == before["audit_entry"]
    assert [e.action for e in repo.audit()] == ["add", SCHEMA_ACTION]
    assert repo.audit()[-1].details["applied"] == []
    assert verify_audit(repo).ok
    repo.close()


def test_a_failed_upgrade_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = load_fixture("first_release", tmp_path / "old.sqlite3")
    before_rows, before_ddl = sqlite_rows(path), ddl(path)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(command, "upgrade", broken)
    with pytest.raises(RuntimeError):
        Repository.open(path)
    assert sqlite_rows(path) == before_rows
    assert ddl(path) == before_ddl
    assert recorded(open_engine(path)) is None


def test_a_table_missing_from_every_cockpit_database_is_not_patched(tmp_path: Path) -> None:
    path = load_fixture("baseline", tmp_path / "odd.sqlite3")
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DROP TABLE revision")
    connection.close()
    with pytest.raises(Exception, match="not a cockpit database"):
        Repository.open(path)
    assert recorded(open_engine(path)) is None


# -- each revision, both engines -----------------------------------------------------------------


def copy_fixture_rows(fixture: str, tmp_path: Path, target: Engine) -> dict[str, list[dict[str, Any]]]:
    """Copy every row of a fixture into ``target`` (at the fixture's revision) through the tables'
    types; returns the rows as read."""
    source = create_engine(f"sqlite:///{load_fixture(fixture, tmp_path / f'{fixture}.sqlite3')}")
    copied: dict[str, list[dict[str, Any]]] = {}
    with source.connect() as src, target.begin() as dst:
        for table in metadata.sorted_tables:
            if not inspect(src).has_table(table.name):
                continue
            present = {c["name"] for c in inspect(src).get_columns(table.name)}
            columns = [c for c in table.columns if c.name in present]
            key = list(table.primary_key.columns)
            rows = [dict(r) for r in src.execute(select(*columns).order_by(*key)).mappings()]
            if rows:
                dst.execute(table.insert(), rows)
            copied[table.name] = rows
        if target.dialect.name == "postgresql":
            for table in ("message", "revision"):
                dst.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
    source.dispose()
    return copied


def read_rows(engine: Engine, like: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name not in like:
                continue
            names = list(like[table.name][0]) if like[table.name] else [c.name for c in table.primary_key]
            query = select(*(table.c[n] for n in names)).order_by(*table.primary_key.columns)
            found[table.name] = [dict(r) for r in conn.execute(query).mappings()]
    return found


@both
@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_an_upgrade_from_each_older_revision_keeps_every_row(
    engine_url: str,
    backend: str,
    revision: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
    policy: Policy,
) -> None:
    engine = open_engine(engine_url)
    migrate(engine, revision)
    fixture = {"0001": "baseline", "0002": "judgement"}[revision]
    rows = copy_fixture_rows(fixture, tmp_path, engine)
    engine.dispose()
    assert sum(map(len, rows.values())) > 15

    if backend == "postgresql":  # shared: upgraded on request only, and refused until then
        with pytest.raises(UpgradeRequired, match="cockpit db upgrade"):
            Repository.open(engine_url)
        code, _, err = run(capsys, "--db", engine_url, "list")
        assert code == 1 and f"schema revision {revision}" in err and "`cockpit db upgrade`" in err
        assert recorded(open_engine(engine_url)) == revision  # nothing was changed
        code, out, err = run(capsys, "--db", engine_url, "--actor", "ops", "db", "upgrade")
        assert code == 0, err
        assert out == f"upgraded the schema from revision {revision} to {HEAD_REVISION} (applied " + (
            "0002, 0003, 0004)\n" if revision == "0001" else "0003, 0004)\n"
        )
    repo = Repository.open(engine_url, actor="ops", at=NOW)
    assert recorded(repo.engine) == HEAD_REVISION
    kept = read_rows(repo.engine, rows)
    kept["audit_entry"] = kept["audit_entry"][: len(rows["audit_entry"])]
    assert kept.pop("audit_head") != rows.pop("audit_head")  # moved to the upgrade's entry
    assert kept == rows
    entry = repo.audit()[-1]
    assert (entry.action, entry.details["from_revision"], entry.details["to_revision"]) == (
        SCHEMA_ACTION, revision, HEAD_REVISION
    )  # fmt: skip
    assert verify_audit(repo).ok
    # a database from before clock modes runs on the real clock: the fixed clock may not write
    with pytest.raises(ClockRefused):
        Actions(repo, clock, policy, "alice").add_send(make_send(external_id="after-upgrade"))
    Actions(repo, SystemClock(), policy, "alice").add_send(make_send(external_id="after-upgrade"))
    assert repo.message_count() == len(rows["message"]) + 1
    repo.close()


# -- refusals ------------------------------------------------------------------------------------


def test_only_additive_upgrades_are_automatic() -> None:
    behind = SchemaStatus(BEHIND, "0001", HEAD_REVISION, pending=("0002", "0003"))
    check_openable(behind, automatic=True)
    with pytest.raises(UpgradeRequired):
        check_openable(behind, automatic=False)
    with pytest.raises(UpgradeRequired):
        check_openable(SchemaStatus(BEHIND, "0001", HEAD_REVISION, additive=False), automatic=True)


@both
def test_a_database_newer_than_the_program_is_refused(
    engine_url: str, backend: str, capsys: pytest.CaptureFixture[str], clock: FixedClock, policy: Policy
) -> None:
    repo = Repository.open(engine_url)
    Actions(repo, clock, policy, "alice").add_send(make_send())
    with repo.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    repo.close()
    with pytest.raises(DatabaseTooNew, match="0999"):
        Repository.open(engine_url)
    for argv in (["list"], ["add", "--to", "X", "--body", "b"], ["db", "upgrade"]):
        code, out, err = run(capsys, "--db", engine_url, *argv)
        assert (code, out) == (1, ""), argv
        assert "schema revision 0999" in err and "newer cockpit" in err
    code, out, _ = run(capsys, "--db", engine_url, "db", "status", "--json")
    status = json.loads(out)
    assert code == 0
    assert (status["state"], status["revision"], status["upgrade_needed"]) == ("newer", "0999", False)
    repo = Repository.connect(engine_url)
    assert repo.message_count() == 1 and len(repo.audit()) == 1  # nothing was written
    repo.close()


# -- cockpit db ----------------------------------------------------------------------------------


def test_db_status_says_where_a_database_stands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = load_fixture("judgement", tmp_path / "old.sqlite3")
    code, out, _ = run(capsys, "--db", str(path), "db", "status")
    assert code == 0
    assert out.splitlines() == [
        f"database: {path} (sqlite)",
        f"revision none recorded (written before revisions; its tables match 0002); this cockpit's head "
        f"is {HEAD_REVISION}: upgrade needed",
        "pending: 0003, 0004",
        "the next command that opens it upgrades it in place, or run `cockpit db upgrade`",
    ]
    code, out, _ = run(capsys, "--db", str(path), "db", "status", "--json")
    assert json.loads(out) == {
        "database": str(path),
        "engine": "sqlite",
        "revision": None,
        "matches": "0002",
        "head": HEAD_REVISION,
        "state": "behind",
        "upgrade_needed": True,
        "pending": ["0003", "0004"],
        "additive": True,
        "upgrades_automatically": True,
    }
    assert recorded(open_engine(path)) is None  # status changes nothing
    code, out, _ = run(capsys, "--db", str(path), "db", "upgrade")
    assert out == (
        f"upgraded the schema from an unversioned database (tables matching 0002) to {HEAD_REVISION} "
        "(applied 0003, 0004)\n"
    )
    code, out, _ = run(capsys, "--db", str(path), "db", "status")
    assert out.splitlines()[1] == f"revision {HEAD_REVISION}, this cockpit's head: up to date"
    code, out, _ = run(capsys, "--db", str(path), "db", "upgrade", "--json")
    assert json.loads(out)["changed"] is False
    assert run(capsys, "--db", str(path), "db", "upgrade")[1] == (
        f"schema already at revision {HEAD_REVISION}: nothing to do\n"
    )


def test_db_status_of_an_empty_file_and_its_creation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    _code, out, _ = run(capsys, "--db", str(path), "db", "status")
    assert out.splitlines()[1] == f"empty: the first command creates the schema at revision {HEAD_REVISION}"
    _code, out, _ = run(capsys, "--db", str(path), "db", "upgrade", "--json")
    assert json.loads(out) == {
        "from_revision": None, "to_revision": HEAD_REVISION, "changed": True, "created": True,
        "matched": None, "applied": [],
    }  # fmt: skip
