"""``audit verify`` catches any change made behind the app's back with the database's own driver
(the sqlite3 module, psycopg), as someone with the database's shell would."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit import cli
from cockpit.clock import FixedClock
from cockpit.domain.model import Observation
from cockpit.services.actions import Actions
from cockpit.store.audit_chain import entry_hash
from cockpit.store.instant_text import decode_instant, encode_instant
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW, make_send

pytestmark = pytest.mark.all_backends

COLUMNS = (
    "seq",
    "at",
    "actor",
    "action",
    "message_id",
    "batch",
    "from_status",
    "to_status",
    "from_version",
    "reason",
    "details",
    "prev_hash",
    "hash",
    "wall_at",
)
TARGET = 6  # the recall of message 3 (batch "spring", reason, from_status, from_version set)


@pytest.fixture
def restore_umask() -> Iterator[None]:
    """``cli.main`` sets the process umask to 0o077; give the test process its own back."""
    previous = os.umask(0o077)
    os.umask(previous)
    yield
    os.umask(previous)


class Raw:
    """A plain driver connection taking ``?`` placeholders on either engine."""

    def __init__(self, conn: Any, postgres: bool) -> None:
        self.conn, self.postgres = conn, postgres

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        cursor = self.conn.cursor()
        cursor.execute(sql.replace("?", "%s") if self.postgres else sql, params)
        return cursor


@contextmanager
def raw(repo: Repository) -> Iterator[Raw]:
    """A plain driver connection to ``repo``'s database, committed at the end."""
    conn = repo.engine.raw_connection()
    try:
        yield Raw(conn, repo.dialect == "postgresql")
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def log(actions: Actions, clock: FixedClock, repo: Repository) -> Repository:
    """A log of 11 entries touching every kind of action."""
    actions.add_seat("dana", "recruiter")  # 1
    for index in range(4):  # 2-5
        actions.add_send(make_send(recipient=f"R {index}", batch="spring", seat="dana"))
    clock.advance(60)
    actions.recall_one(3, reason="wrong name")  # 6
    actions.edit(2, "fixed text", reason="typo")  # 7
    actions.observe(1, Observation.OPENED, NOW - timedelta(minutes=1))  # 8
    actions.comment(4, "looks fine")  # 9
    actions.recall_one(1)  # 10
    actions.revert(2, "edited the wrong one")  # 11
    assert verify_audit(repo).ok
    entry = repo.audit()[TARGET - 1]
    assert (entry.action, entry.batch, entry.reason, entry.from_version) == (
        "recall",
        "spring",
        "wrong name",
        1,
    )
    return repo


def test_clean_log_verifies(log: Repository) -> None:
    result = verify_audit(log)
    assert result.ok
    assert (result.entries, result.messages, result.first_bad_seq, result.problem) == (11, 4, None, None)
    assert result.head_hash == log.audit()[-1].hash
    assert log.audit_head() == (11, result.head_hash)


def test_empty_log_verifies(repo: Repository) -> None:
    result = verify_audit(repo)
    assert result.ok and result.entries == 0


def _tampered_value(column: str, current: object) -> object:
    replacements: dict[str, object] = {
        "at": "2026-11-28T15:00:01.000000Z",
        "actor": "mallory",
        "action": "edit",
        "message_id": 4,
        "batch": "autumn",
        "from_status": "edited",
        "to_status": "sent",
        "from_version": 2,
        "reason": "approved by counsel",
        "details": '{"bulk":2}',
        "prev_hash": "f" * 64,
        "hash": "e" * 64,
        "wall_at": "2026-11-28T15:00:01.000000Z",
    }
    value = replacements[column]
    assert value != current
    return value


@pytest.mark.parametrize("column", [c for c in COLUMNS if c != "seq"])
def test_editing_any_field_is_caught(log: Repository, column: str) -> None:
    with raw(log) as conn:
        (current,) = conn.execute(f"SELECT {column} FROM audit_entry WHERE seq = ?", (TARGET,)).fetchone()
        conn.execute(
            f"UPDATE audit_entry SET {column} = ? WHERE seq = ?",
            (_tampered_value(column, current), TARGET),
        )
    result = verify_audit(log)
    assert not result.ok
    assert result.first_bad_seq == TARGET
    assert result.problem is not None and f"entry {TARGET}" in result.problem


def test_editing_seq_is_caught(log: Repository) -> None:
    with raw(log) as conn:
        conn.execute("UPDATE audit_entry SET seq = 100 WHERE seq = 11")
    result = verify_audit(log)
    assert not result.ok
    assert result.first_bad_seq == 100


def test_setting_a_field_to_null_is_caught(log: Repository) -> None:
    with raw(log) as conn:
        conn.execute("UPDATE audit_entry SET reason = NULL WHERE seq = ?", (TARGET,))
    result = verify_audit(log)
    assert (result.ok, result.first_bad_seq) == (False, TARGET)


def test_deleting_a_middle_row_is_caught(log: Repository) -> None:
    with raw(log) as conn:
        conn.execute("DELETE FROM audit_entry WHERE seq = 5")
    result = verify_audit(log)
    assert not result.ok
    assert result.first_bad_seq == 6
    assert result.problem is not None and "entry 5 is missing" in result.problem


@pytest.mark.parametrize("removed", [1, 2, 3])
def test_deleting_the_newest_rows_is_caught_by_the_head(log: Repository, removed: int) -> None:
    with raw(log) as conn:
        conn.execute("DELETE FROM audit_entry WHERE seq > ?", (11 - removed,))
    result = verify_audit(log)
    assert not result.ok
    assert result.first_bad_seq == 12 - removed
    assert result.problem is not None and "removed" in result.problem


def test_deleting_the_newest_row_and_fixing_the_head_is_caught_by_replay(log: Repository) -> None:
    with raw(log) as conn:
        conn.execute("DELETE FROM audit_entry WHERE seq = 11")
        conn.execute("UPDATE audit_head SET seq = 10, hash = (SELECT hash FROM audit_entry WHERE seq = 10)")
    result = verify_audit(log)
    assert not result.ok
    assert result.problem is not None and "message 2" in result.problem


def test_swapping_two_rows_is_caught(log: Repository) -> None:
    fields = ", ".join(f"{c} = ?" for c in COLUMNS[1:])
    with raw(log) as conn:
        rows = {
            seq: conn.execute(
                f"SELECT {', '.join(COLUMNS[1:])} FROM audit_entry WHERE seq = ?", (seq,)
            ).fetchone()
            for seq in (6, 7)
        }
        conn.execute(f"UPDATE audit_entry SET {fields} WHERE seq = 6", (*rows[7],))
        conn.execute(f"UPDATE audit_entry SET {fields} WHERE seq = 7", (*rows[6],))
    result = verify_audit(log)
    assert not result.ok
    assert result.first_bad_seq == 6


def test_inserting_a_row_in_the_middle_is_caught(log: Repository) -> None:
    """A forged entry with a correct hash, and every later entry renumbered."""
    with raw(log) as conn:
        for seq in range(11, 4, -1):
            conn.execute("UPDATE audit_entry SET seq = ? WHERE seq = ?", (seq + 1, seq))
        (prev_hash,) = conn.execute("SELECT hash FROM audit_entry WHERE seq = 4").fetchone()
        at = decode_instant("2026-11-28T15:00:00.000000Z")
        forged = {
            "seq": 5,
            "at": at,
            "actor": "mallory",
            "action": "comment",
            "message_id": 1,
            "batch": None,
            "from_status": None,
            "to_status": None,
            "from_version": None,
            "reason": "nothing to see",
            "details": "{}",
        }
        digest = entry_hash(prev_hash=prev_hash, **forged)  # type: ignore[arg-type]
        stored = {**forged, "at": "2026-11-28T15:00:00.000000Z"}
        conn.execute(
            f"INSERT INTO audit_entry ({', '.join(COLUMNS[:13])}) VALUES ({', '.join('?' * 13)})",
            (*stored.values(), prev_hash, digest),
        )
        conn.execute("UPDATE audit_head SET seq = 12")
    result = verify_audit(log)
    assert not result.ok
    assert result.first_bad_seq == 6  # the forged entry links; the renumbered one does not


def test_inserting_an_unhashed_row_is_caught(log: Repository) -> None:
    with raw(log) as conn:
        for seq in range(11, 4, -1):
            conn.execute("UPDATE audit_entry SET seq = ? WHERE seq = ?", (seq + 1, seq))
        conn.execute(
            "INSERT INTO audit_entry (seq, at, actor, action, details, prev_hash, hash) "
            "VALUES (5, '2026-11-28T15:00:00.000000Z', 'mallory', 'comment', '{}', ?, ?)",
            ("0" * 64, "1" * 64),
        )
    result = verify_audit(log)
    assert (result.ok, result.first_bad_seq) == (False, 5)


@pytest.mark.parametrize(
    "change",
    ["status = 'recalled'", "version = version + 1", "status = 'sent', recalled_at = NULL"],
)
def test_changing_a_message_behind_the_logs_back_is_caught(log: Repository, change: str) -> None:
    message_id = 3 if "NULL" in change else 4
    with raw(log) as conn:
        conn.execute(f"UPDATE message SET {change} WHERE id = ?", (message_id,))
    result = verify_audit(log)
    assert not result.ok
    assert result.problem is not None and f"message {message_id}" in result.problem


def test_a_message_inserted_without_a_log_entry_is_caught(log: Repository) -> None:
    with raw(log) as conn:
        conn.execute(
            "INSERT INTO message (id, external_id, recipient, open_profile, channel, subject, body,"
            " sent_at, sent_from, push, status, version, created_at) VALUES (9, 'x', 'Ghost', false,"
            " 'inmail', '', 'boo', '2026-11-28T14:00:00.000000Z', 'desktop', 'unknown', 'sent', 1,"
            " '2026-11-28T14:00:00.000000Z')"
        )
    result = verify_audit(log)
    assert not result.ok
    assert result.problem is not None and "message 9" in result.problem


def test_an_observation_changed_behind_the_logs_back_is_caught(log: Repository) -> None:
    with raw(log) as conn:
        conn.execute("UPDATE message SET opened_at = NULL WHERE id = 1")
    assert not verify_audit(log).ok


def test_cli_audit_verify_fails_and_names_the_entry(
    log: Repository, database_url: str, capsys: pytest.CaptureFixture[str], restore_umask: None
) -> None:
    assert cli.main(["--db", database_url, "audit", "verify"]) == 0
    assert "11 entries" in capsys.readouterr().out
    with raw(log) as conn:
        conn.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = ?", (TARGET,))
    code = cli.main(["--db", database_url, "audit", "verify"])
    captured = capsys.readouterr()
    assert code != 0
    assert f"entry {TARGET}" in captured.err
    assert "mallory" in captured.err  # the entry is described as it now stands
    assert captured.out == ""


@pytest.mark.parametrize("value", ["2026-11-28 15:00:00", "2026-11-28T15:00:00Z", "yesterday"])
def test_a_hand_typed_time_is_caught_not_crashed_on(log: Repository, value: str) -> None:
    with raw(log) as conn:
        conn.execute("UPDATE audit_entry SET at = ? WHERE seq = ?", (value, TARGET))
    result = verify_audit(log)
    assert (result.ok, result.first_bad_seq) == (False, TARGET)
    assert result.problem is not None and f"entry {TARGET}" in result.problem


def test_a_hand_typed_message_time_is_caught(log: Repository, backend: str) -> None:
    if backend == "postgresql":
        pytest.skip("a timestamptz column holds only instants: hand-typed text is parsed or refused")
    with raw(log) as conn:
        conn.execute("UPDATE message SET opened_at = '2026-11-28 14:59' WHERE id = 1")
    result = verify_audit(log)
    assert not result.ok
    assert result.problem is not None and "message 1" in result.problem


_texts = st.none() | st.text(max_size=40)
_integers = st.none() | st.integers(min_value=-(2**63), max_value=2**63)


@settings(max_examples=300)
@given(
    seq=st.integers(min_value=1, max_value=2**62),
    actor=st.text(max_size=20),
    action=st.sampled_from(["add", "recall", "edit", "observe", "import"]),
    message_id=_integers,
    batch=_texts,
    from_status=_texts,
    to_status=_texts,
    from_version=_integers,
    reason=_texts,
    details=st.text(max_size=60),
    wall=st.booleans(),
)
def test_entry_hash_is_sha256_over_the_compact_json_of_the_fields(
    seq: int,
    actor: str,
    action: str,
    message_id: int | None,
    batch: str | None,
    from_status: str | None,
    to_status: str | None,
    from_version: int | None,
    reason: str | None,
    details: str,
    wall: bool,
) -> None:
    """The chain's definition, independent of how the encoding is built: the wall-clock instant
    closes the array when the entry records one."""
    wall_at = NOW + timedelta(seconds=7) if wall else None
    fields = [seq, encode_instant(NOW), actor, action, message_id, batch, from_status, to_status,
              from_version, reason, details]  # fmt: skip
    if wall_at is not None:
        fields.append(encode_instant(wall_at))
    encoded = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    expected = hashlib.sha256(f"{'a' * 64}\n{encoded}".encode()).hexdigest()
    assert (
        entry_hash(
            prev_hash="a" * 64,
            seq=seq,
            at=NOW,
            actor=actor,
            action=action,
            message_id=message_id,
            batch=batch,
            from_status=from_status,
            to_status=to_status,
            from_version=from_version,
            reason=reason,
            details=details,
            wall_at=wall_at,
        )
        == expected
    )


def test_details_naming_a_key_twice_are_caught_though_the_hash_still_matches(log: Repository) -> None:
    """A first-wins reader would see the forged value; the last-wins canonical form still hashes."""
    with raw(log) as conn:
        seq, details = conn.execute(
            "SELECT seq, details FROM audit_entry WHERE details NOT IN ('', '{}') ORDER BY seq LIMIT 1"
        ).fetchone()
        key = next(iter(json.loads(details)))
        forged = '{"' + key + '":"forged",' + details[1:]
        conn.execute("UPDATE audit_entry SET details = ? WHERE seq = ?", (forged, seq))
    result = verify_audit(log)
    assert not result.ok and result.first_bad_seq == seq
    assert result.problem is not None and f"names the key '{key}' twice" in result.problem
