"""Escalations raised, resolved and withdrawn; how a recall mark was made (one by one, the walk, a
bulk mark), as the audit log, its text and the table's flag tell it."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from cockpit.domain.escalation import current_escalation, mark_how
from cockpit.errors import BadInput, Refused
from cockpit.services.actions import Actions
from cockpit.services.audit_view import audit_line
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import make_send

pytestmark = pytest.mark.all_backends


def snapshot(repo: Repository) -> dict[str, Any]:
    with repo.engine.connect() as conn:
        return {
            table: [tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1")]
            for table in ("message", "audit_entry", "audit_head")
        }


def test_an_escalation_is_raised_then_resolved(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    raised = actions.escalate(message_id, "SSN to the wrong person?")
    assert repo.annotations()[message_id] == (0, True)
    escalation = current_escalation(repo.audit(message_id))
    assert escalation is not None and escalation.open
    assert (escalation.state, escalation.actor, escalation.reason, escalation.seq) == (
        "raised",
        "alice",
        "SSN to the wrong person?",
        raised,
    )
    message_before = snapshot(repo)["message"]
    resolved = actions.resolve_escalation(message_id, "counsel: no breach")
    assert snapshot(repo)["message"] == message_before  # a note, not a change to the message
    entry = repo.audit(message_id)[-1]
    assert (entry.action, entry.reason, entry.details) == (
        "escalate",
        "counsel: no breach",
        {"escalation": "resolved", "settles": raised},
    )
    assert entry.seq == resolved
    assert repo.annotations()[message_id] == (0, False)  # flag:escalated no longer matches
    assert verify_audit(repo).ok


def test_a_withdrawn_escalation_can_be_raised_again(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    actions.escalate(message_id, "tone")
    actions.withdraw_escalation(message_id, "raised on the wrong message")
    escalation = current_escalation(repo.audit(message_id))
    assert escalation is not None and escalation.state == "withdrawn" and not escalation.open
    actions.escalate(message_id, "tone, after all")
    assert repo.annotations()[message_id] == (0, True)


@pytest.mark.parametrize("settle", ["resolve_escalation", "withdraw_escalation"])
def test_settling_without_an_open_escalation_is_refused(
    actions: Actions, repo: Repository, settle: str
) -> None:
    message_id = actions.add_send(make_send())
    before = snapshot(repo)
    with pytest.raises(Refused, match="has no open escalation"):
        getattr(actions, settle)(message_id, "nothing to settle")
    actions.escalate(message_id, "look")
    actions.resolve_escalation(message_id, "done")
    before = snapshot(repo)
    with pytest.raises(Refused, match="the last one was resolved by alice"):
        getattr(actions, settle)(message_id, "again")
    assert snapshot(repo) == before


def test_settling_needs_a_reason_and_a_message(actions: Actions, repo: Repository) -> None:
    message_id = actions.add_send(make_send())
    actions.escalate(message_id, "look")
    before = snapshot(repo)
    with pytest.raises(BadInput, match="needs some text"):
        actions.resolve_escalation(message_id, "  ")
    with pytest.raises(BadInput, match="no message with id 404"):
        actions.withdraw_escalation(404, "why")
    assert snapshot(repo) == before


def test_how_each_recall_was_marked_is_recorded_and_shown(actions: Actions, repo: Repository) -> None:
    single, walked, *bulk = (actions.add_send(make_send(5, recipient=f"R {n}")) for n in range(4))
    actions.recall_one(single, reason="typo")
    actions.recall_one(walked, via="walk")
    actions.recall(bulk, reason="deleted by hand earlier")
    details = {e.message_id: e.details for e in repo.audit() if e.action == "recall"}
    assert details == {single: {}, walked: {"via": "walk"}, bulk[0]: {"bulk": 2}, bulk[1]: {"bulk": 2}}
    assert [mark_how(details[m]) for m in (single, walked, bulk[0])] == ["", "via walk", "bulk mark of 2"]
    lines = {e.message_id: audit_line(e, UTC).text for e in repo.audit() if e.action == "recall"}
    assert "sent → recalled (bulk mark of 2)" in lines[bulk[0]]
    assert "sent → recalled (via walk)" in lines[walked]
    assert "(" not in lines[single].split("recalled", 1)[1].split("“")[0]


def test_an_escalation_written_before_states_counts_as_raised(actions: Actions, repo: Repository) -> None:
    from cockpit.store.repository import NewAudit

    message_id = actions.add_send(make_send())
    with repo.write("alice", actions.clock.now()) as tx:  # an entry of an earlier version: no details
        tx.append_audit([NewAudit(action="escalate", message_id=message_id, reason="old style")])
    escalation = current_escalation(repo.audit(message_id))
    assert escalation is not None and escalation.open
    assert repo.annotations()[message_id] == (0, True)
    actions.resolve_escalation(message_id, "dealt with")
    assert repo.annotations()[message_id] == (0, False)


def test_escalation_text_is_safe(actions: Actions, repo: Repository, tmp_path: Path) -> None:
    message_id = actions.add_send(make_send())
    actions.escalate(message_id, "[bold]x\x1b[2J")
    line = audit_line(repo.audit(message_id)[-1], UTC).text
    assert "escalation raised" in line and "\x1b" not in line
