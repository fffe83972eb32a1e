"""Databases written before the schema had revisions (no ``alembic_version`` table): which revision
their tables match, and the additions that bring the oldest of them to the baseline.

Before revisions existed the cockpit created missing tables and added missing nullable columns when
it opened a database. The files it wrote lack, depending on their age, the ``message_link`` and
``batch_setting`` tables and the ``seat.commercial`` and ``message.commercial_review`` columns of the
baseline (revision ``0001``). Those are added here exactly as the cockpit used to add them; every
later difference is a revision.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    inspect,
)

from cockpit.errors import BadInput

CORE_TABLES = frozenset({"seat", "message", "revision", "audit_entry", "audit_head"})
"""Tables every cockpit database has had since the first release."""

_INSTANT = String(27).with_variant(DateTime(timezone=True), "postgresql")

_baseline_additions = MetaData()
_referenced = Table("message", MetaData(), Column("id", Integer, primary_key=True))
Table(
    "message_link",
    _baseline_additions,
    Column("external_id", String, primary_key=True),
    Column("message_id", Integer, ForeignKey(_referenced.c.id), nullable=False, index=True),
    Column("created_at", _INSTANT, nullable=False),
)
Table(
    "batch_setting",
    _baseline_additions,
    Column("batch", String, primary_key=True),
    Column("commercial", Boolean, nullable=True),
    Column("updated_at", _INSTANT, nullable=False),
)
_BASELINE_COLUMNS = (("seat", "commercial"), ("message", "commercial_review"))
"""Nullable ``BOOLEAN`` columns of the baseline that older files lack."""


class NotACockpitDatabase(BadInput):
    """The database has some of the cockpit's tables but not the ones every cockpit database has."""

    def __init__(self, missing: Iterable[str]) -> None:
        super().__init__(
            f"the database is not a cockpit database (it lacks the tables {', '.join(sorted(missing))}); "
            "nothing was changed"
        )


def matching_revision(conn: Connection) -> str:
    """The revision an unversioned database's tables match once it is at least at the baseline."""
    inspector = inspect(conn)
    if inspector.has_table("clock_mode"):
        return "0004"
    if not inspector.has_table("judgement"):
        return "0001"
    columns = {c["name"] for c in inspector.get_columns("judgement")}
    return "0003" if "template" in columns else "0002"


def lacks_baseline(conn: Connection) -> list[str]:
    """What an unversioned database lacks of the baseline (``table`` or ``table.column``).

    Raises:
        NotACockpitDatabase: a table every cockpit database has is missing.
    """
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    if missing := CORE_TABLES - tables:
        raise NotACockpitDatabase(missing)
    lacking = [name for name in _baseline_additions.tables if name not in tables]
    for table, column in _BASELINE_COLUMNS:
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            lacking.append(f"{table}.{column}")
    return lacking


def bring_to_baseline(conn: Connection) -> list[str]:
    """Add what an unversioned database lacks of the baseline; returns what was added."""
    lacking = lacks_baseline(conn)
    quote = conn.dialect.identifier_preparer.quote
    for name in lacking:
        if "." in name:
            table, column = name.split(".")
            kind = Boolean().compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} {kind}")
        else:
            _baseline_additions.tables[name].create(conn)
    return lacking
