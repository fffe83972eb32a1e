"""Aware instants round-trip exactly through the database (UTCDateTime), whatever their zone."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select
from sqlalchemy.exc import StatementError

from cockpit.services.actions import Actions
from cockpit.store.instant_text import decode_instant, encode_instant
from cockpit.store.repository import Repository
from cockpit.store.types import UTCDateTime
from tests.conftest import make_send

pytestmark = pytest.mark.all_backends

ZONES = ["UTC", "Asia/Kolkata", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham"]
NEW_YORK = ZoneInfo("America/New_York")

metadata = MetaData()
instants = Table(
    "instants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=True),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("instants") / "instants.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def round_trip(engine, value: datetime) -> datetime:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        row_id = conn.execute(insert(instants).values(at=value)).inserted_primary_key[0]
        back = conn.execute(select(instants.c.at).where(instants.c.id == row_id)).scalar_one()
    assert isinstance(back, datetime)
    return back


def assert_same_instant(back: datetime, original: datetime) -> None:
    # Compare as UTC: an ambiguous local time (fold) never compares equal across zones.
    assert back.utcoffset() == timedelta(0)
    assert back == original.astimezone(UTC)
    assert back.timestamp() == original.timestamp()


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    "local",
    [
        datetime(2026, 11, 28, 10, 48, 0),
        datetime(2026, 1, 15, 23, 59, 59, 999_999),
        datetime(2026, 6, 30, 0, 0, 0, 1),
        datetime(2026, 4, 5, 1, 45),  # Lord Howe leaves its half-hour DST this night
        datetime(2026, 10, 4, 2, 15),  # Lord Howe enters it
    ],
)
def test_zones_round_trip(engine, zone: str, local: datetime) -> None:  # type: ignore[no-untyped-def]
    value = local.replace(tzinfo=ZoneInfo(zone))
    assert_same_instant(round_trip(engine, value), value)


def test_half_hour_and_quarter_hour_offsets_are_kept(engine) -> None:  # type: ignore[no-untyped-def]
    kolkata = datetime(2026, 11, 28, 16, 18, tzinfo=ZoneInfo("Asia/Kolkata"))
    chatham = datetime(2026, 11, 28, 23, 48, tzinfo=ZoneInfo("Pacific/Chatham"))
    assert kolkata.utcoffset() == timedelta(hours=5, minutes=30)
    assert chatham.utcoffset() == timedelta(hours=13, minutes=45)  # +12:45 plus DST
    assert round_trip(engine, kolkata) == datetime(2026, 11, 28, 10, 48, tzinfo=UTC)
    assert round_trip(engine, chatham) == datetime(2026, 11, 28, 10, 3, tzinfo=UTC)


def test_spring_forward_new_york(engine) -> None:  # type: ignore[no-untyped-def]
    before = datetime(2026, 3, 8, 1, 59, 59, tzinfo=NEW_YORK)  # EST
    after = datetime(2026, 3, 8, 3, 0, 0, tzinfo=NEW_YORK)  # EDT
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(seconds=1)
    for value in (before, after):
        assert_same_instant(round_trip(engine, value), value)
    assert round_trip(engine, after) - round_trip(engine, before) == timedelta(seconds=1)


def test_fall_back_new_york_both_sides_of_the_repeated_hour(engine) -> None:  # type: ignore[no-untyped-def]
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=0)  # EDT, -04:00
    second = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=1)  # EST, -05:00
    assert first.utcoffset() == timedelta(hours=-4)
    assert second.utcoffset() == timedelta(hours=-5)
    back_first, back_second = round_trip(engine, first), round_trip(engine, second)
    assert back_first == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert back_second == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert back_second - back_first == timedelta(hours=1)
    assert encode_instant(first) < encode_instant(second)


@pytest.mark.parametrize("zone", ZONES)
def test_message_times_round_trip_through_the_repository(
    actions: Actions, repo: Repository, zone: str
) -> None:
    sent_at = datetime(2026, 11, 28, 14, 55, 30, 123_456, tzinfo=UTC).astimezone(ZoneInfo(zone))
    message_id = actions.add_send(make_send(sent_at=sent_at))
    message = repo.message(message_id)
    assert message is not None
    assert_same_instant(message.sent_at, sent_at)
    [entry] = repo.audit()
    assert entry.at.tzinfo is not None


def test_naive_datetime_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="naive"):
        encode_instant(datetime(2026, 11, 28, 10, 48))
    with pytest.raises(StatementError, match="naive"), engine.begin() as conn:
        conn.execute(insert(instants).values(at=datetime(2026, 11, 28, 10, 48)))


def test_null_stays_null(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        row_id = conn.execute(insert(instants).values(at=None)).inserted_primary_key[0]
        assert conn.execute(select(instants.c.at).where(instants.c.id == row_id)).scalar() is None


def test_stored_text_sorts_chronologically(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'sort.sqlite3'}")
    metadata.create_all(engine)
    base = datetime(2026, 11, 1, 5, 0, tzinfo=UTC)
    values = [
        (base + timedelta(minutes=37 * i, microseconds=i)).astimezone(ZoneInfo(ZONES[i % 5]))
        for i in range(30)
    ]
    values += [datetime(999, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)]
    with engine.begin() as conn:
        conn.execute(insert(instants), [{"at": v} for v in reversed(values)])
        ordered = conn.execute(select(instants.c.at).order_by(instants.c.at)).scalars().all()
    engine.dispose()
    assert ordered == sorted(v.astimezone(UTC) for v in values)
    conn = sqlite3.connect(tmp_path / "sort.sqlite3")
    texts = [row[0] for row in conn.execute("SELECT at FROM instants")]
    conn.close()
    assert all(len(t) == 27 and t.endswith("Z") for t in texts)
    assert sorted(texts) == [encode_instant(v) for v in sorted(values)]


aware = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.timezones(),
)


@settings(max_examples=200, deadline=None)
@given(value=aware)
def test_any_aware_instant_encodes_and_decodes_exactly(value: datetime) -> None:
    text = encode_instant(value)
    assert len(text) == 27
    assert_same_instant(decode_instant(text), value)


@settings(max_examples=50, deadline=None)
@given(value=aware)
def test_any_aware_instant_round_trips_through_sqlite(engine, value: datetime) -> None:  # type: ignore[no-untyped-def]
    assert_same_instant(round_trip(engine, value), value)


@settings(max_examples=100, deadline=None)
@given(first=aware, second=aware)
def test_encoding_preserves_order(first: datetime, second: datetime) -> None:
    a, b = encode_instant(first), encode_instant(second)
    assert (a < b) == (first.astimezone(UTC) < second.astimezone(UTC))
    assert (a == b) == (first.astimezone(UTC) == second.astimezone(UTC))
