"""``audit verify`` with the chain checked in a helper process names what checking it in-process
names, for every kind of change made behind the app's back."""

from __future__ import annotations

import pytest

import cockpit.store.verify as verify
from cockpit.store.repository import Repository
from cockpit.store.verify import VerifyResult, verify_audit
from tests.test_audit_verify import TARGET, log, raw

pytestmark = pytest.mark.all_backends

__all__ = ["log"]  # the fixture, used by name

TAMPERINGS = {
    "nothing": [],
    "a field edited": [f"UPDATE audit_entry SET reason = 'approved' WHERE seq = {TARGET}"],
    "details rewritten with spaces (same JSON)": [
        f"UPDATE audit_entry SET details = replace(details, ':', ': ') WHERE seq = {TARGET}"
    ],
    "details edited": [f"UPDATE audit_entry SET details = '{{\"bulk\":9}}' WHERE seq = {TARGET}"],
    "a middle row deleted": ["DELETE FROM audit_entry WHERE seq = 5"],
    "the newest row deleted": ["DELETE FROM audit_entry WHERE seq = 11"],
    "a seq changed": ["UPDATE audit_entry SET seq = 100 WHERE seq = 11"],
    "a message changed": ["UPDATE message SET status = 'sent', version = 1 WHERE id = 3"],
    "an entry's time hand-typed": [f"UPDATE audit_entry SET at = 'yesterday' WHERE seq = {TARGET}"],
    "a message time hand-typed": ["UPDATE message SET sent_at = '2026-02-30T10:00:00.000000Z' WHERE id = 2"],
    "a message time hand-typed and a row deleted": [
        "UPDATE message SET replied_at = '2026-11-28 14:59' WHERE id = 4",
        "DELETE FROM audit_entry WHERE seq = 5",
    ],
    "both times hand-typed": [
        "UPDATE message SET opened_at = 'soon' WHERE id = 1",
        "UPDATE audit_entry SET at = '2026-11-28T15:00:00Z' WHERE seq = 9",
    ],
}


def _verified(repo: Repository, monkeypatch: pytest.MonkeyPatch, helper: bool) -> VerifyResult:
    started: list[object] = []
    real = verify.ChainHelper

    def spy(path: str, max_seq: int) -> verify.ChainHelper:
        started.append(max_seq)
        return real(path, max_seq)

    with monkeypatch.context() as patch:
        patch.setattr(verify, "HELPER_MIN_ENTRIES", 0 if helper else 10**9)
        patch.setattr(verify, "ChainHelper", spy)
        result = verify_audit(repo)
    assert bool(started) == helper
    return result


@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_the_helper_names_what_checking_here_names(
    log: Repository, monkeypatch: pytest.MonkeyPatch, tampering: str
) -> None:
    if log.dialect != "sqlite":
        pytest.skip("the helper checks SQLite files only")
    with raw(log) as conn:
        for statement in TAMPERINGS[tampering]:
            conn.execute(statement)
    here = _verified(log, monkeypatch, helper=False)
    assert here.ok == (tampering in ("nothing", "details rewritten with spaces (same JSON)"))
    assert _verified(log, monkeypatch, helper=True) == here


def test_a_failed_helper_leaves_the_check_to_this_process(
    log: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    if log.dialect != "sqlite":
        pytest.skip("the helper checks SQLite files only")
    with raw(log) as conn:
        conn.execute(f"UPDATE audit_entry SET actor = 'mallory' WHERE seq = {TARGET}")
    expected = verify_audit(log)
    monkeypatch.setattr(verify, "HELPER_MIN_ENTRIES", 0)
    monkeypatch.setattr(verify.ChainHelper, "result", lambda _self: (_ for _ in ()).throw(RuntimeError("x")))
    assert verify_audit(log) == expected and expected.first_bad_seq == TARGET
