"""Services against real temporary SQLite files: each action, each refusal, conflicts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.model import Observation, Status
from cockpit.errors import BadInput, Conflict, Refused
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.store.repository import Repository
from tests.conftest import NOW, make_send

pytestmark = pytest.mark.all_backends

ORIGINAL_BODY = make_send().body


def snapshot(repo: Repository) -> dict[str, Any]:
    """Every message and revision row and the audit log, read with plain SQL."""
    with repo.engine.connect() as conn:
        return {
            table: [tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1")]
            for table in ("message", "revision", "audit_entry", "audit_head", "seat")
        }


def audit_count(repo: Repository) -> int:
    with repo.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM audit_entry").scalar_one())


def as_actor(actions: Actions, actor: str) -> Actions:
    return Actions(actions.repo, actions.clock, actions.policy, actor=actor)


# -- add -------------------------------------------------------------------------------------


def test_add_returns_id_and_writes_add_entry(actions: Actions, repo: Repository) -> None:
    first = actions.add_send(make_send())
    second = actions.add_send(make_send(recipient="Jason Lee"))
    assert (first, second) == (1, 2)
    message = repo.message(first)
    assert message is not None
    assert message.status == Status.SENT
    assert message.version == 1
    assert message.body == ORIGINAL_BODY
    assert message.sent_at == NOW - timedelta(minutes=5)
    entries = repo.audit()
    assert [(e.seq, e.action, e.message_id, e.to_status, e.actor) for e in entries] == [
        (1, "add", 1, "sent", "alice"),
        (2, "add", 2, "sent", "alice"),
    ]
    assert entries[0].details["external_id"] == message.external_id
    assert entries[1].prev_hash == entries[0].hash


def test_add_with_registered_seat(actions: Actions, repo: Repository) -> None:
    actions.add_seat("dana", "recruiter", time_zone="America/Chicago")
    message_id = actions.add_send(make_send(seat="dana"))
    message = repo.message(message_id)
    assert message is not None and message.seat == "dana"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"body": "   \n "}, "body"),
        ({"channel": "carrier_pigeon"}, "channel"),
        ({"recipient_state": "ZZ"}, "recipient_state"),
        ({"seat": "ghost"}, "not registered"),
        ({"sent_at": NOW + timedelta(hours=25)}, "future"),
        ({"recipient": "  "}, "recipient"),
    ],
    ids=["empty-body", "unknown-channel", "bad-state", "unknown-seat", "far-future", "no-recipient"],
)
def test_add_validation_errors_write_nothing(
    actions: Actions, db_path: Path, overrides: dict[str, object], expected: str
) -> None:
    actions.add_send(make_send(recipient="Someone Else"))
    before = snapshot(actions.repo)
    with pytest.raises(BadInput, match=expected):
        actions.add_send(make_send(**overrides))
    assert snapshot(actions.repo) == before


def test_add_duplicate_external_id_refused(actions: Actions, db_path: Path) -> None:
    actions.add_send(make_send(external_id="crm-42"))
    before = snapshot(actions.repo)
    with pytest.raises(BadInput, match="already logged"):
        actions.add_send(make_send(external_id="crm-42", recipient="Other Person"))
    # the same send without an explicit id derives the same key
    actions.add_send(make_send(recipient="Derived Key"))
    before = snapshot(actions.repo)
    with pytest.raises(BadInput, match="already logged"):
        actions.add_send(make_send(recipient="Derived Key"))
    assert snapshot(actions.repo) == before


# -- recall ----------------------------------------------------------------------------------


def test_recall_one(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send(minutes_ago=59))
    actions.recall_one(message_id, reason="wrong name")
    message = repo.message(message_id)
    assert message is not None
    assert (message.status, message.version, message.recalled_at) == ("recalled", 2, NOW)
    entry = repo.audit()[-1]
    assert (entry.action, entry.message_id, entry.from_status, entry.to_status) == (
        "recall",
        message_id,
        "sent",
        "recalled",
    )
    assert (entry.from_version, entry.reason, entry.actor) == (1, "wrong name", "alice")


def test_recall_several_ids(actions: Actions, repo: Repository) -> None:
    ids = [actions.add_send(make_send(recipient=f"R {i}")) for i in range(3)]
    outcome = actions.recall(ids)
    assert outcome.recalled == ids
    assert outcome.skipped == []
    assert all(m.status == "recalled" for m in repo.messages(ids))
    recalls = [e for e in repo.audit() if e.action == "recall"]
    assert [e.message_id for e in recalls] == ids
    assert all(e.details == {"bulk": 3} for e in recalls)


def test_recall_batch(actions: Actions, repo: Repository) -> None:
    in_batch = [actions.add_send(make_send(recipient=f"B {i}", batch="spring")) for i in range(3)]
    other = actions.add_send(make_send(recipient="Other", batch="autumn"))
    outcome = actions.recall(batch="spring", reason="broken template")
    assert sorted(outcome.recalled) == in_batch
    statuses = {m.id: m.status for m in repo.messages()}
    assert statuses == {**dict.fromkeys(in_batch, "recalled"), other: "sent"}
    recalls = [e for e in repo.audit() if e.action == "recall"]
    assert {e.batch for e in recalls} == {"spring"}
    assert len(recalls) == 3


def test_recall_unknown_batch_is_bad_input(actions: Actions, db_path: Path) -> None:
    actions.add_send(make_send(batch="spring"))
    before = snapshot(actions.repo)
    with pytest.raises(BadInput, match="no messages in batch"):
        actions.recall(batch="winter")
    with pytest.raises(BadInput):
        actions.recall([])
    assert snapshot(actions.repo) == before


def test_bulk_recall_lists_each_skipped_id_with_its_reason(
    actions: Actions, clock: FixedClock, repo: Repository
) -> None:
    ok1 = actions.add_send(make_send(recipient="A", minutes_ago=10))
    ok2 = actions.add_send(make_send(recipient="B", minutes_ago=20))
    late = actions.add_send(make_send(recipient="C", minutes_ago=61))
    sponsored = actions.add_send(make_send(recipient="D", channel="sponsored"))
    done = actions.add_send(make_send(recipient="E"))
    actions.recall_one(done)
    clock.advance(30)
    outcome = as_actor(actions, "bob").recall([ok1, late, sponsored, done, 999, ok2])
    assert outcome.recalled == [ok1, ok2]
    reasons = {s.message_id: s.reason for s in outcome.skipped}
    assert set(reasons) == {late, sponsored, done, 999}
    assert "window closed" in reasons[late]
    assert "cannot be recalled" in reasons[sponsored]
    assert reasons[done] == "already recalled by alice at 2026-11-28T15:00:00Z"
    assert "no message with id 999" in reasons[999]
    kinds = {s.message_id: s.kind for s in outcome.skipped}
    assert kinds == {late: "refused", sponsored: "refused", done: "refused", 999: "missing"}
    recalls = [e for e in repo.audit() if e.action == "recall" and e.actor == "bob"]
    assert [e.message_id for e in recalls] == [ok1, ok2]


def test_bulk_recall_with_nothing_recallable_writes_nothing(actions: Actions, db_path: Path) -> None:
    late = actions.add_send(make_send(recipient="C", minutes_ago=61))
    sponsored = actions.add_send(make_send(recipient="D", channel="sponsored"))
    before = snapshot(actions.repo)
    outcome = actions.recall([late, sponsored])
    assert outcome.recalled == []
    assert len(outcome.skipped) == 2
    assert snapshot(actions.repo) == before


# -- edit ------------------------------------------------------------------------------------


def test_edit_keeps_old_text_as_revision(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    revision = actions.edit(message_id, "Hi Priya, corrected text.", reason="typo", subject="New")
    assert revision == 1
    message = repo.message(message_id)
    assert message is not None
    assert (message.status, message.version, message.edited_at) == ("edited", 2, NOW)
    assert (message.body, message.subject) == ("Hi Priya, corrected text.", "New")
    [kept] = repo.revisions(message_id)
    assert (kept.number, kept.body, kept.subject) == (1, ORIGINAL_BODY, make_send().subject)
    assert (kept.actor, kept.reason) == ("alice", "typo")
    entry = repo.audit()[-1]
    assert (entry.action, entry.from_status, entry.to_status, entry.from_version) == (
        "edit",
        "sent",
        "edited",
        1,
    )
    assert entry.details["revision"] == 1


def test_second_edit_keeps_both_earlier_texts(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    actions.edit(message_id, "second text")
    assert actions.edit(message_id, "third text") == 2
    assert [r.body for r in repo.revisions(message_id)] == [ORIGINAL_BODY, "second text"]


@pytest.mark.parametrize("body", ["", "   ", "nul \x00 byte"])
def test_edit_bad_body_is_bad_input(actions: Actions, db_path: Path, body: str) -> None:
    message_id = actions.add_send(make_send())
    before = snapshot(actions.repo)
    with pytest.raises(BadInput):
        actions.edit(message_id, body)
    with pytest.raises(BadInput, match="same"):
        actions.edit(message_id, ORIGINAL_BODY)
    assert snapshot(actions.repo) == before


# -- revert ----------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_revert_needs_a_reason(actions: Actions, db_path: Path, reason: str) -> None:
    message_id = actions.add_send(make_send())
    actions.recall_one(message_id)
    before = snapshot(actions.repo)
    with pytest.raises(BadInput, match="reason"):
        actions.revert(message_id, reason)
    assert snapshot(actions.repo) == before


def test_revert_recall(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    actions.recall_one(message_id)
    assert actions.revert(message_id, "wrong row") == "sent"
    message = repo.message(message_id)
    assert message is not None
    assert (message.status, message.version, message.recalled_at) == ("sent", 3, None)
    recall, revert = repo.audit()[-2:]
    assert (revert.action, revert.from_status, revert.to_status, revert.reason) == (
        "revert",
        "recalled",
        "sent",
        "wrong row",
    )
    assert revert.details["reverts"] == recall.seq


def test_revert_edit_restores_text(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    actions.edit(message_id, "a bad edit", subject="bad subject")
    assert actions.revert(message_id, "edited the wrong message") == "sent"
    message = repo.message(message_id)
    assert message is not None
    assert (message.body, message.subject) == (ORIGINAL_BODY, make_send().subject)
    assert (message.status, message.edited_at) == ("sent", None)
    # the replaced text is kept too: nothing is ever lost
    assert [r.body for r in repo.revisions(message_id)] == [ORIGINAL_BODY, "a bad edit"]


def test_revert_undoes_the_newest_mark_first(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    actions.edit(message_id, "edited text")
    actions.recall_one(message_id)
    assert actions.revert(message_id, "recall was a mistake") == "edited"
    message = repo.message(message_id)
    assert message is not None
    assert (message.status, message.body, message.recalled_at) == ("edited", "edited text", None)
    assert actions.revert(message_id, "edit was a mistake too") == "sent"
    message = repo.message(message_id)
    assert message is not None
    assert (message.status, message.body) == ("sent", ORIGINAL_BODY)


def test_revert_without_a_mark_is_refused(actions: Actions, db_path: Path) -> None:
    message_id = actions.add_send(make_send())
    actions.recall_one(message_id)
    actions.revert(message_id, "oops")
    before = snapshot(actions.repo)
    with pytest.raises(Refused, match="no recall or edit mark"):
        actions.revert(message_id, "again")
    assert snapshot(actions.repo) == before


# -- observe ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "column", "expected"),
    [
        (Observation.REPLIED, "replied_at", "at"),
        (Observation.OPENED, "opened_at", "at"),
        (Observation.FORWARDED, "forwarded_at", "at"),
        (Observation.PUSH_DELIVERED, "push", "yes"),
        (Observation.NO_PUSH, "push", "no"),
    ],
)
def test_observe_each_kind(
    actions: Actions, repo: Repository, kind: Observation, column: str, expected: str
) -> None:
    message_id = actions.add_send(make_send(minutes_ago=30))
    at = NOW - timedelta(minutes=10)
    actions.observe(message_id, kind, at)
    message = repo.message(message_id)
    assert message is not None
    assert getattr(message, column) == (at if expected == "at" else expected)
    assert (message.status, message.version) == ("sent", 2)
    entry = repo.audit()[-1]
    assert (entry.action, entry.from_status, entry.to_status, entry.from_version) == (
        "observe",
        "sent",
        "sent",
        1,
    )
    assert entry.details == {"observed": kind.value, "at": "2026-11-28T14:50:00Z"}


def test_observe_defaults_to_now(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    actions.observe(message_id, Observation.OPENED)
    message = repo.message(message_id)
    assert message is not None and message.opened_at == NOW


@pytest.mark.parametrize(
    ("kind", "at", "error", "match"),
    [
        (Observation.REPLIED, NOW - timedelta(minutes=31), BadInput, "before the send"),
        (Observation.OPENED, NOW + timedelta(seconds=1), BadInput, "future"),
        (Observation.REPLIED, NOW - timedelta(minutes=1), Refused, "already recorded"),
        (Observation.PUSH_DELIVERED, None, Refused, "already recorded as yes"),
    ],
    ids=["before-send", "future", "duplicate-reply", "duplicate-push"],
)
def test_observe_refusals_write_nothing(
    actions: Actions,
    db_path: Path,
    kind: Observation,
    at: Any,
    error: type[Exception],
    match: str,
) -> None:
    message_id = actions.add_send(make_send(minutes_ago=30))
    actions.observe(message_id, Observation.REPLIED, NOW - timedelta(minutes=20))
    actions.observe(message_id, Observation.PUSH_DELIVERED)
    before = snapshot(actions.repo)
    with pytest.raises(error, match=match):
        actions.observe(message_id, kind, at)
    assert snapshot(actions.repo) == before


# -- refusals: nothing changes, no audit entry -----------------------------------------------


def _recall(actions: Actions, message_id: int) -> None:
    actions.recall_one(message_id)


def _edit(actions: Actions, message_id: int) -> None:
    actions.edit(message_id, "a new text")


@pytest.mark.parametrize(
    ("send", "prepare", "act", "match"),
    [
        ({"minutes_ago": 61}, None, _recall, "window closed 1 min ago"),
        ({"minutes_ago": 61}, None, _edit, "window closed"),
        ({"minutes_ago": 60}, None, _recall, "window closed"),
        ({"channel": "sponsored"}, None, _recall, "cannot be recalled"),
        ({"channel": "sponsored", "minutes_ago": 90}, None, _recall, "cannot be recalled"),
        ({"channel": "sponsored"}, None, _edit, "cannot be edited"),
        ({}, _recall, _recall, "already recalled by alice at 2026-11-28T15:00:00Z"),
        ({}, _recall, _edit, "recalled message cannot be edited"),
    ],
    ids=[
        "recall-61m",
        "edit-61m",
        "recall-60m",
        "recall-sponsored",
        "recall-sponsored-late",
        "edit-sponsored",
        "recall-recalled",
        "edit-recalled",
    ],
)
def test_refusal_changes_nothing(
    actions: Actions,
    clock: FixedClock,
    db_path: Path,
    send: dict[str, Any],
    prepare: Callable[[Actions, int], None] | None,
    act: Callable[[Actions, int], None],
    match: str,
) -> None:
    message_id = actions.add_send(make_send(**send))
    if prepare is not None:
        prepare(actions, message_id)
    clock.advance(45)
    before = snapshot(actions.repo)
    count = audit_count(actions.repo)
    with pytest.raises(Refused, match=match):
        act(as_actor(actions, "bob"), message_id)
    assert audit_count(actions.repo) == count
    assert snapshot(actions.repo) == before


def test_recall_at_59_minutes_is_allowed(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send(minutes_ago=59.99))
    actions.recall_one(message_id)
    message = repo.message(message_id)
    assert message is not None and message.status == "recalled"


def test_unknown_message_is_bad_input(actions: Actions, db_path: Path) -> None:
    actions.add_send(make_send())
    before = snapshot(actions.repo)
    for attempt in (
        lambda: actions.recall_one(404),
        lambda: actions.edit(404, "text"),
        lambda: actions.revert(404, "reason"),
        lambda: actions.observe(404, Observation.OPENED),
        lambda: actions.comment(404, "note"),
    ):
        with pytest.raises(BadInput, match="no message with id 404"):
            attempt()
    assert snapshot(actions.repo) == before


# -- conflicts -------------------------------------------------------------------------------


def _stale_recall(actions: Actions, message_id: int) -> None:
    actions.recall_one(message_id, expected_version=1)


def _stale_edit(actions: Actions, message_id: int) -> None:
    actions.edit(message_id, "my version", expected_version=1)


def _stale_revert(actions: Actions, message_id: int) -> None:
    actions.revert(message_id, "undo", expected_version=1)


def _stale_observe(actions: Actions, message_id: int) -> None:
    actions.observe(message_id, Observation.OPENED, expected_version=1)


@pytest.mark.parametrize("act", [_stale_recall, _stale_edit, _stale_revert, _stale_observe])
def test_stale_expected_version_is_a_conflict_naming_who_and_when(
    actions: Actions,
    clock: FixedClock,
    db_path: Path,
    act: Callable[[Actions, int], None],
) -> None:
    message_id = actions.add_send(make_send())  # alice saw version 1
    clock.advance(60)
    as_actor(actions, "bob").edit(message_id, "bob's fix")  # now version 2
    clock.advance(60)
    before = snapshot(actions.repo)
    with pytest.raises(Conflict) as raised:
        act(actions, message_id)
    assert "edit by bob at 2026-11-28T15:01:00Z" in str(raised.value)
    assert snapshot(actions.repo) == before


def test_bulk_recall_with_stale_version_skips_it_as_conflict(
    actions: Actions, clock: FixedClock, repo: Repository
) -> None:
    first = actions.add_send(make_send(recipient="A"))
    second = actions.add_send(make_send(recipient="B"))
    as_actor(actions, "bob").observe(second, Observation.OPENED)
    outcome = actions.recall([first, second], expected_versions={first: 1, second: 1})
    assert outcome.recalled == [first]
    [skip] = outcome.skipped
    assert (skip.message_id, skip.kind) == (second, "conflict")
    assert "observe by bob at 2026-11-28T15:00:00Z" in skip.reason
    message = repo.message(second)
    assert message is not None and message.status == "sent"


def test_current_expected_version_is_accepted(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    actions.edit(message_id, "new", expected_version=1)
    actions.recall_one(message_id, expected_version=2)
    actions.revert(message_id, "mistake", expected_version=3)
    message = repo.message(message_id)
    assert message is not None and (message.status, message.version) == ("edited", 4)


# -- seats -----------------------------------------------------------------------------------


def test_seat_add(actions: Actions, repo: Repository, policy: Policy) -> None:
    seat = actions.add_seat("Dana", "sales_navigator_advanced_plus", 80, "Asia/Kolkata")
    assert repo.seat("Dana") == seat
    assert (seat.plan, seat.monthly_credits, seat.time_zone) == (
        "sales_navigator_advanced_plus",
        80,
        "Asia/Kolkata",
    )
    entry = repo.audit()[-1]
    assert (entry.action, entry.message_id) == ("seat", None)
    assert entry.details == {
        "seat": "Dana",
        "plan": "sales_navigator_advanced_plus",
        "credits": 80,
        "time_zone": "Asia/Kolkata",
    }


@pytest.mark.parametrize(
    ("name", "plan", "credits", "tz", "match"),
    [
        ("new", "gold", None, "UTC", "plan 'gold'"),
        ("new", "recruiter", None, "Mars/Olympus_Mons", "time zone"),
        ("new", "recruiter", None, "../../etc/passwd", "time zone"),
        ("new", "recruiter", -1, "UTC", "credits"),
        ("new", "recruiter", 10**25, "UTC", "credits"),
        ("  ", "recruiter", None, "UTC", "seat name"),
        ("dana", "recruiter", None, "UTC", "already exists"),
    ],
    ids=["bad-plan", "bad-tz", "path-tz", "negative-credits", "huge-credits", "no-name", "duplicate"],
)
def test_seat_add_validation(
    actions: Actions,
    db_path: Path,
    name: str,
    plan: str,
    credits: int | None,
    tz: str,
    match: str,
) -> None:
    actions.add_seat("dana", "recruiter")
    before = snapshot(actions.repo)
    with pytest.raises(BadInput, match=match):
        actions.add_seat(name, plan, credits, tz)
    assert snapshot(actions.repo) == before


def test_comment_is_audited_without_changing_the_message(
    actions: Actions, db_path: Path, repo: Repository
) -> None:
    message_id = actions.add_send(make_send())
    before = snapshot(actions.repo)["message"]
    seq = actions.comment(message_id, "checked with legal")
    assert snapshot(actions.repo)["message"] == before
    entry = repo.audit()[-1]
    assert (entry.seq, entry.action, entry.reason, entry.to_status) == (
        seq,
        "comment",
        "checked with legal",
        None,
    )
