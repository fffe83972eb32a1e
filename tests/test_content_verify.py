"""``audit verify`` vouches for what was sent: a message's content, its kept revisions and its mark
times, changed behind the log's back with the database's own driver, are caught and the entry that
vouches for them is named."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from cockpit.clock import FixedClock, iso_z
from cockpit.domain.content import CONTENT_FIELDS, content_fingerprint, text_fingerprint
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.service import import_file
from cockpit.store.repository import NewAudit, Repository, WriteTx
from cockpit.store.verify import verify_audit
from tests.conftest import NOW, make_send
from tests.test_audit_verify import raw

pytestmark = pytest.mark.all_backends


def _seq(repo: Repository, action: str, message_id: int, nth: int = 0) -> int:
    return [e.seq for e in repo.audit() if e.action == action and e.message_id == message_id][nth]


@pytest.fixture
def log(actions: Actions, clock: FixedClock, repo: Repository) -> Repository:
    """Sends 1-3 added (seat ``dana``); 1 edited twice and the second edit reverted (revisions 1-3);
    2 recalled; 3 recalled and the recall reverted."""
    actions.add_seat("dana", "recruiter")
    actions.add_sends([make_send(recipient=f"R {i}", seat="dana", batch="spring") for i in range(3)])
    clock.advance(60)
    actions.edit(1, "first fix", reason="typo")
    actions.edit(1, "second fix", subject="New subject", reason="again")
    actions.revert(1, "the first fix was right")
    actions.recall_one(2)
    actions.recall_one(3)
    actions.revert(3, "recalled the wrong one")
    return repo


def _problem(repo: Repository) -> str:
    result = verify_audit(repo)
    assert not result.ok
    assert result.problem is not None
    return result.problem


def test_a_clean_log_with_edits_reverts_and_recalls_verifies(log: Repository) -> None:
    result = verify_audit(log)
    assert result.ok, result.problems
    assert not any("not vouched for" in note for note in result.notes)
    assert [r.number for r in log.revisions(1)] == [1, 2, 3]


@pytest.mark.parametrize(
    ("change", "part"),
    [
        ("subject = 'Changed'", "content"),
        ("recipient = 'Someone Else'", "content"),
        ("sent_at = '2026-11-28T14:00:00.000000Z'", "content"),
        ("seat = NULL", "content"),
        ("channel = 'message'", "content"),
        ("body = 'no SSN here'", "body"),
    ],
)
def test_a_sent_field_changed_is_caught_naming_the_add_entry(log: Repository, change: str, part: str) -> None:
    seq = _seq(log, "add", 2)
    with raw(log) as conn:
        conn.execute(f"UPDATE message SET {change} WHERE id = 2")
    assert _problem(log).startswith(f"message 2's {part} does not match what its add entry (seq {seq})")


def test_an_edited_message_whose_text_is_changed_names_the_entry_that_wrote_it(log: Repository) -> None:
    seq = _seq(log, "revert", 1)
    with raw(log) as conn:
        conn.execute("UPDATE message SET body = 'rewritten' WHERE id = 1")
    assert _problem(log) == f"message 1's body does not match what its revert entry (seq {seq}) vouches for"


def test_the_original_text_kept_as_revision_1_is_checked_against_the_add_entry(log: Repository) -> None:
    add, edit = _seq(log, "add", 1), _seq(log, "edit", 1)
    with raw(log) as conn:
        conn.execute("UPDATE revision SET body = 'not what was sent' WHERE message_id = 1 AND number = 1")
    result = verify_audit(log)
    assert result.problems == [
        f"message 1's original body does not match what its add entry (seq {add}) vouches for",
        f"revision 1 of message 1 does not match what its edit entry (seq {edit}) vouches for",
    ]


def test_a_deleted_revision_is_caught(log: Repository) -> None:
    seq = _seq(log, "edit", 1, nth=1)
    with raw(log) as conn:
        conn.execute("DELETE FROM revision WHERE message_id = 1 AND number = 2")
    assert _problem(log) == f"revision 2 of message 1, kept by its edit entry (seq {seq}), is missing"


def test_a_changed_revision_names_the_entry_that_kept_it(log: Repository) -> None:
    seq = _seq(log, "revert", 1)
    with raw(log) as conn:
        conn.execute("UPDATE revision SET subject = 'x' WHERE message_id = 1 AND number = 3")
    assert (
        _problem(log)
        == f"revision 3 of message 1 does not match what its revert entry (seq {seq}) vouches for"
    )


def test_a_revision_no_entry_kept_is_caught(log: Repository) -> None:
    with raw(log) as conn:
        conn.execute(
            "INSERT INTO revision (message_id, number, subject, body, replaced_at, actor) "
            "VALUES (2, 1, 's', 'b', '2026-11-28T15:00:00.000000Z', 'mallory')"
        )
    assert "revision 1 of message 2 has no audit entry that kept it" in verify_audit(log).problems


@pytest.mark.parametrize(
    ("message_id", "change", "expected"),
    [
        (2, "recalled_at = '2026-11-28T14:59:00.000000Z'", "recalled_at is '2026-11-28T14:59:00.000000Z'"),
        (2, "recalled_at = NULL", "recalled_at is none"),
        (3, "recalled_at = '2026-11-28T14:59:00.000000Z'", "recalled_at is '2026-11-28T14:59:00.000000Z'"),
        (1, "edited_at = '2026-11-28T14:59:00.000000Z'", "edited_at is '2026-11-28T14:59:00.000000Z'"),
        (2, "edited_at = '2026-11-28T14:59:00.000000Z'", "edited_at is '2026-11-28T14:59:00.000000Z'"),
    ],
)
def test_a_mark_time_changed_is_caught(log: Repository, message_id: int, change: str, expected: str) -> None:
    with raw(log) as conn:
        conn.execute(f"UPDATE message SET {change} WHERE id = ?", (message_id,))
    assert _problem(log).startswith(f"message {message_id}'s {expected}")


def test_a_recall_time_names_the_recall_entry(log: Repository) -> None:
    seq = _seq(log, "recall", 2)
    with raw(log) as conn:
        conn.execute("UPDATE message SET recalled_at = NULL WHERE id = 2")
    assert _problem(log) == (
        f"message 2's recalled_at is none but the log gives {iso_z(NOW + timedelta(seconds=60))[:19]}"
        f".000000Z (entry {seq})"
    )


def _legacy_append(original: Any) -> Any:
    """``append_audit`` as before entries recorded fingerprints."""

    def append(tx: WriteTx, entries: Sequence[NewAudit]) -> list[int]:
        for entry in entries:
            for key in ("content_sha256", "revision_sha256"):
                entry.details.pop(key, None)
        return list(original(tx, entries))

    return append


def test_entries_written_before_fingerprints_are_counted_not_failed(
    actions: Actions, clock: FixedClock, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(WriteTx, "append_audit", _legacy_append(WriteTx.append_audit))
        actions.add_sends([make_send(recipient=f"R {i}") for i in range(3)])
        clock.advance(60)
        actions.edit(1, "older fix", reason="typo")
    actions.add_send(make_send(recipient="New"))
    actions.edit(2, "newer fix", reason="typo")
    result = verify_audit(repo)
    assert result.ok, result.problems
    assert "3 messages written before content fingerprints: their text is not vouched for" in result.notes
    with raw(repo) as conn:
        conn.execute("UPDATE message SET body = 'changed' WHERE id = 3")  # not vouched for
    assert verify_audit(repo).ok
    with raw(repo) as conn:
        conn.execute("UPDATE message SET body = 'changed' WHERE id = 4")
    assert _problem(repo).startswith("message 4's body does not match what its add entry")


def _write_sends(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sent_at", "recipient", "subject", "body", "seat", "external_id"])
        for index in range(3):
            sent = iso_z(NOW - timedelta(minutes=5 + index))
            writer.writerow(
                [sent, f"Person {index}", "Hello", f"Hi Person {index}, a role for you.", "", f"k{index}"]
            )


def _imported(repo: Repository, clock: FixedClock, policy: Policy, tmp_path: Path) -> tuple[Actions, int]:
    """Sends 1-3 imported; 2 edited, then the edit reverted, then edited again. Returns the import's seq."""
    path = tmp_path / "sends.csv"
    _write_sends(path)
    report = import_file(Cockpit(repo=repo, clock=clock, policy=policy, actor="alice"), str(path), fmt="csv")
    assert report.written, report.result.problems[:3]
    actions = Actions(repo, clock, policy, actor="alice")
    clock.advance(30)
    actions.edit(2, "first fix", reason="typo")
    actions.revert(2, "no, it was right")
    actions.edit(2, "second fix", reason="typo")
    (seq,) = [e.seq for e in repo.audit() if e.action == "import"]
    return actions, seq


def test_an_import_then_an_edit_and_a_revert_verifies(
    repo: Repository, clock: FixedClock, policy: Policy, tmp_path: Path
) -> None:
    _imported(repo, clock, policy, tmp_path)
    result = verify_audit(repo)
    assert result.ok, result.problems
    assert not any("not vouched for" in note for note in result.notes)
    (entry,) = [e for e in repo.audit() if e.action == "import"]
    assert isinstance(entry.details["content_sha256"], str)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            "UPDATE message SET recipient = 'x' WHERE id = 3",
            "messages 1-3 do not match what their import entry",
        ),
        ("UPDATE revision SET body = 'x' WHERE message_id = 2 AND number = 1", "messages 1-3 do not match"),
        ("UPDATE message SET body = 'x' WHERE id = 2", "message 2's body does not match what its edit entry"),
    ],
)
def test_an_imported_message_changed_is_caught(
    repo: Repository, clock: FixedClock, policy: Policy, tmp_path: Path, sql: str, expected: str
) -> None:
    _actions, seq = _imported(repo, clock, policy, tmp_path)
    with raw(repo) as conn:
        conn.execute(sql)
    problem = _problem(repo)
    assert problem.startswith(expected)
    if "import" in expected:
        assert f"(seq {seq})" in problem


def test_the_fingerprint_separates_fields_and_covers_each() -> None:
    values: list[object] = ["k", "R", None, None, False, "inmail", None, None, "s", "b", "t", "desktop", None]
    assert len(values) == len(CONTENT_FIELDS)
    base = content_fingerprint(values)
    for index, value in enumerate(values):
        changed = list(values)
        changed[index] = "other" if isinstance(value, str) or value is None else True
        assert content_fingerprint(changed) != base, CONTENT_FIELDS[index]
    assert content_fingerprint([*values[:8], "sb", "", *values[10:]]) != content_fingerprint(
        [*values[:8], "s", "b", *values[10:]]
    )
    assert content_fingerprint([*values[:12], 0]) == content_fingerprint([*values[:12], False])
    assert content_fingerprint([*values[:12], None]) != content_fingerprint([*values[:12], False])
    assert text_fingerprint("ab", "") != text_fingerprint("a", "b")


def test_a_log_wholly_before_fingerprints_still_checks_mark_times_and_revisions(
    actions: Actions, clock: FixedClock, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WriteTx, "append_audit", _legacy_append(WriteTx.append_audit))
    actions.add_sends([make_send(recipient=f"R {i}") for i in range(2)])
    clock.advance(60)
    actions.edit(1, "older fix", reason="typo")
    actions.recall_one(2)
    result = verify_audit(repo)
    assert result.ok, result.problems
    assert "2 messages written before content fingerprints: their text is not vouched for" in result.notes
    with raw(repo) as conn:
        conn.execute("UPDATE message SET recalled_at = NULL WHERE id = 2")
        conn.execute("DELETE FROM revision WHERE message_id = 1")
    assert verify_audit(repo).problems == [
        "message 2's recalled_at is none but the log gives 2026-11-28T15:01:00.000000Z "
        f"(entry {_seq(repo, 'recall', 2)})",
        f"revision 1 of message 1, kept by its edit entry (seq {_seq(repo, 'edit', 1)}), is missing",
    ]
