"""The log records real time: drills and real-clock databases, ``--now`` for reading only on the
latter, the wall-clock instant of every entry, and verify failing on entries out of time."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock, SystemClock, iso_z
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.store.audit_chain import entry_hash
from cockpit.store.clock_mode import CLOCK_TOLERANCE, ClockRefused
from cockpit.store.instant_text import decode_instant, encode_instant
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW, make_send
from tests.test_cli import Runner, snapshot
from tests.test_migrations import load_fixture

WALL = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)


def _real_database(run: Runner) -> int:
    """A database made on the real clock, with a seat and a send of three minutes ago; its id."""
    code, _, err = run("seat", "add", "dana", "--plan", "recruiter", now=None)
    assert code == 0, err
    code, out, err = run(
        "add", "--to", "Priya Raman", "--subject", "Role", "--body", "Hi Priya", "--ago", "3m", now=None
    )
    assert code == 0, err
    return int(out)


def _stored(db: Path, query: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


# -- the command line ----------------------------------------------------------------------------


def test_a_real_clock_database_refuses_now_for_every_writing_command(
    run: Runner, db: Path, tmp_path: Path
) -> None:
    message_id = _real_database(run)
    sent = decode_instant(str(_stored(db, "SELECT sent_at FROM message")[0][0]))
    fake = iso_z(sent + timedelta(minutes=10))
    sends = tmp_path / "sends.csv"
    sends.write_text(f"sent_at,recipient,body\n{iso_z(sent)},Ann Lee,Hi Ann\n", encoding="utf-8")
    before = snapshot(db)
    for argv in (
        ("recall", str(message_id), "--reason", "wrong role"),
        ("edit", str(message_id), "--body", "fixed"),
        ("comment", str(message_id), "looks fine"),
        ("observe", str(message_id), "--opened"),
        ("add", "--to", "Jason", "--body", "Hi Jason"),
        ("seat", "add", "sam", "--plan", "recruiter"),
        ("batch", "set", "spring", "--commercial"),
        ("import", str(sends)),
    ):
        code, out, err = run(*argv, now=fake)
        assert code == 1, (argv, out, err)
        assert "runs on the real clock" in err and "--now is for reading here" in err, argv
        assert "nothing was changed" in err
    assert snapshot(db) == before
    for argv in (("list", "--json"), ("show", str(message_id)), ("report",), ("audit",)):
        code, _, err = run(*argv, now=fake)
        assert code == 0, (argv, err)
    code, out, _ = run("audit", "verify", now=None)
    assert code == 0 and "DRILL" not in out
    assert run("recall", str(message_id), now=None)[0] == 0  # the real clock writes


def test_a_database_made_with_now_is_a_drill_and_says_so(run: Runner) -> None:
    message_id = run.add("--body", "Hi Priya", "--ago", "3m")
    assert run("recall", str(message_id), now="2026-11-28T15:02:00Z")[0] == 0
    code, out, _ = run("audit", "verify")
    assert code == 0
    assert "note: this is a DRILL database" in out
    code, out, err = run("incident", "--filter", "Priya")
    assert code == 0, err
    assert "**DRILL.**" in out


def test_the_demo_database_is_a_drill(tmp_path: Path) -> None:
    from cockpit import cli

    db = tmp_path / "demo.sqlite3"
    assert cli.main(["--db", str(db), "demo", "--no-tui"]) == 0
    assert Repository.connect(db).is_drill


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59Z", "2002-12-31T23:59:59Z", "2100-01-01T00:00:00Z"])
def test_a_now_outside_the_sane_range_is_refused(run: Runner, db: Path, value: str) -> None:
    code, out, err = run("add", "--to", "Priya Raman", "--body", "Hi", now=value)
    assert (code, out) == (1, "")
    assert "outside 2003-2099" in err
    assert not db.exists()


def test_an_automatic_upgrade_under_now_is_recorded_at_the_wall_clock(run: Runner, db: Path) -> None:
    load_fixture("judgement", db)
    code, _, err = run("list", now="2026-11-28T15:00:00Z")  # reading under --now upgrades the file
    assert code == 0, err
    (at, wall), *_ = _stored(db, "SELECT at, wall_at FROM audit_entry WHERE action = 'schema'")
    assert abs(decode_instant(str(at)) - datetime.now(UTC)) < timedelta(minutes=5)
    assert at == wall
    code, out, err = run("audit", "verify", now=None)
    assert code == 0, err
    assert "entries were written before wall-clock recording" in out


# -- the store -----------------------------------------------------------------------------------


def test_the_store_refuses_another_clock_on_a_real_clock_database(tmp_path: Path, policy: Policy) -> None:
    repo = Repository.open(tmp_path / "real.sqlite3", drill=False)
    assert not repo.is_drill
    with pytest.raises(ClockRefused, match="runs on the real clock"):
        Actions(repo, FixedClock(NOW), policy, "alice").add_send(make_send())
    assert repo.message_count() == 0 and repo.audit() == []
    Actions(repo, SystemClock(), policy, "alice").add_send(make_send())
    assert verify_audit(repo).ok


def test_every_entry_records_the_wall_clock_instant_beside_its_own(
    repo: Repository, policy: Policy, db_path: Path
) -> None:
    assert repo.is_drill  # the suite's databases are drills
    repo.wall = FixedClock(WALL)
    Actions(repo, FixedClock(NOW), policy, "alice").add_send(make_send())
    entry = repo.audit()[0]
    assert (entry.at, entry.wall_at) == (NOW, WALL)
    assert _stored(db_path, "SELECT at, wall_at FROM audit_entry") == [
        (encode_instant(NOW), encode_instant(WALL))
    ]
    fields = {
        name: getattr(entry, name)
        for name in ("seq", "at", "actor", "action", "message_id", "batch", "from_status", "to_status",
                     "from_version", "reason")
    }  # fmt: skip
    stored_details = str(_stored(db_path, "SELECT details FROM audit_entry")[0][0])
    assert entry.hash == entry_hash(prev_hash="0" * 64, **fields, details=stored_details, wall_at=WALL)  # type: ignore[arg-type]
    result = verify_audit(repo)
    assert result.ok and result.drill
    assert any("DRILL" in note for note in result.notes)


def test_a_wall_clock_that_goes_back_fails_verify(repo: Repository, policy: Policy) -> None:
    wall = FixedClock(WALL)
    repo.wall = wall
    actions = Actions(repo, FixedClock(NOW), policy, "alice")
    actions.add_send(make_send(recipient="A One"))  # 1
    wall.set(WALL - CLOCK_TOLERANCE / 2)  # within the tolerance: a stepped clock
    actions.add_send(make_send(recipient="B Two"))  # 2
    assert verify_audit(repo).ok
    wall.set(WALL - timedelta(minutes=5))
    actions.add_send(make_send(recipient="C Three"))  # 3
    result = verify_audit(repo)
    assert (result.ok, result.first_bad_seq) == (False, 3)
    assert result.problem is not None and "the clock went back" in result.problem
    assert "before entry 1" in result.problem


def test_a_backdated_entry_on_a_real_clock_database_fails_verify(tmp_path: Path, policy: Policy) -> None:
    """The attack of a recall recorded 50 minutes before it was made: the mode flipped to drill in
    SQL for the write, and back."""
    path = tmp_path / "real.sqlite3"
    repo = Repository.open(path, drill=False)
    repo.wall = FixedClock(NOW)
    actions = Actions(repo, FixedClock(NOW), policy, "alice")
    message_id = actions.add_send(make_send(minutes_ago=70))
    assert verify_audit(repo).ok
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE clock_mode SET mode = 'drill'")
    Actions(repo, FixedClock(NOW - timedelta(minutes=50)), policy, "alice").recall_one(message_id)
    with conn:
        conn.execute("UPDATE clock_mode SET mode = 'real'")
    conn.close()
    result = verify_audit(repo)
    assert (result.ok, result.first_bad_seq, result.drill) == (False, 2, False)
    assert result.problem is not None and "claims 2026-11-28T14:10:00Z but was written at" in result.problem


def test_entries_before_wall_clock_recording_are_accepted_but_not_after_one_that_has_it(
    tmp_path: Path, policy: Policy
) -> None:
    path = load_fixture("judgement", tmp_path / "old.sqlite3")
    repo = Repository.open(path)  # upgraded: a database from before clock modes runs on the real clock
    assert not repo.is_drill
    old = len(repo.audit()) - 1  # the upgrade's own entry records its wall-clock instant
    result = verify_audit(repo)
    assert result.ok, result.problem
    assert f"{old} entries were written before wall-clock recording" in " ".join(result.notes)
    Actions(repo, SystemClock(), policy, "alice").add_send(make_send(external_id="new"))
    assert verify_audit(repo).ok
    newest = repo.audit()[-1]
    rehashed = entry_hash(
        prev_hash=newest.prev_hash, seq=newest.seq, at=newest.at, actor=newest.actor,
        action=newest.action, message_id=newest.message_id, batch=newest.batch,
        from_status=newest.from_status, to_status=newest.to_status, from_version=newest.from_version,
        reason=newest.reason,
        details=str(_stored(path, f"SELECT details FROM audit_entry WHERE seq = {newest.seq}")[0][0]),
    )  # fmt: skip
    conn = sqlite3.connect(path)
    with conn:  # passed off as an old entry, with a consistent hash and head
        conn.execute("UPDATE audit_entry SET wall_at = NULL, hash = ? WHERE seq = ?", (rehashed, newest.seq))
        conn.execute("UPDATE audit_head SET hash = ?", (rehashed,))
    conn.close()
    result = verify_audit(repo)
    assert (result.ok, result.first_bad_seq) == (False, newest.seq)
    assert result.problem is not None and "no wall-clock instant" in result.problem
