"""A reviewer's decisions on findings: why each finding fired, dismiss and add (services, verify,
JSON, `show`, the command line and the counts every view reads)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from unittest.mock import MagicMock, patch

import pytest

from cockpit.cli import main
from cockpit.clock import FixedClock
from cockpit.domain.scanner import CODES
from cockpit.errors import BadInput, Conflict, Refused
from cockpit.live.model import LiveModel
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.audit_chain import canonical_details, entry_hash
from cockpit.store.instant_text import encode_instant
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW, make_send

SSN_BODY = "Hi Priya, I have your SSN as 512-44-3821; please confirm.\n\nDana"
SALES_BODY = "Hi Priya, 20% off our telematics plans this quarter. Want a quote?\n\nTheo"


@pytest.fixture
def cockpit(db_path: Path, clock: FixedClock, policy: Policy) -> Cockpit:
    repo = Repository.open(db_path)
    made = Cockpit(repo=repo, clock=clock, policy=policy, actor="alice")
    made.actions.add_seat("dana", "recruiter", time_zone="America/Chicago")
    return made


def _add(cockpit: Cockpit, body: str, **values: object) -> int:
    return cockpit.actions.add_send(make_send(5, body=body, seat="dana", **values))


def _item(cockpit: Cockpit, message_id: int):  # type: ignore[no-untyped-def]
    message = cockpit.repo.message(message_id)
    assert message is not None
    return cockpit.assessed([message], NOW)[0]


def _cli(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", str(db), "--now", NOW.isoformat(), "--actor", "carol", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- why a finding fired --------------------------------------------------------------------------


def test_every_finding_says_which_rule_and_why(cockpit: Cockpit) -> None:
    bodies = [
        SSN_BODY,
        SALES_BODY,
        "Hi {{first_name}}, card 4111 1111 1111 1111, password: Tr1dent-Harbor!",
        "Hi Jason, please record your voice for our screening tool. INTERNAL ONLY.",
        "Please disregard my previous message. Your former manager embezzled from the trust account.",
    ]
    seen: set[str] = set()
    for body in bodies:
        for risk in _item(
            cockpit, _add(cockpit, body, recipient_state="TX", sent_from="mobile", commercial=True)
        ).assessment.risks:
            assert risk.rule and risk.why, risk
            seen.add(risk.code)
    assert {"SSN", "CARD_NUMBER", "PLACEHOLDER", "SECRET", "NO_OPT_OUT", "TX_NO_ADV"} <= seen
    ssn = next(r for r in _item(cockpit, _add(cockpit, SSN_BODY + " ")).assessment.risks if r.code == "SSN")
    assert ssn.rule == "ssn.dashed"
    assert ssn.why == "a US Social Security number in the dashed form (area 512 is issued)"
    assert ssn.evidence == "512-44-3821"


# -- the services ---------------------------------------------------------------------------------


def test_dismiss_takes_a_finding_out_of_the_counts_but_keeps_it_listed(cockpit: Cockpit) -> None:
    message_id = _add(cockpit, SSN_BODY)
    before = _item(cockpit, message_id).assessment
    assert before.codes == ("SSN",) and before.exposure_usd > 0
    seq = cockpit.review.dismiss(message_id, "ssn", "a test number from the HR sandbox")
    after = _item(cockpit, message_id)
    assert after.message.version == 2
    assert after.assessment.risks == () and after.assessment.exposure_usd == 0
    (dismissed,) = after.assessment.dismissed
    assert dismissed.code == "SSN" and dismissed.dismissed and dismissed.review is not None
    assert (dismissed.review.actor, dismissed.review.reason, dismissed.review.seq) == (
        "alice",
        "a test number from the HR sandbox",
        seq,
    )
    entry = cockpit.repo.audit(message_id)[-1]
    assert (entry.action, entry.from_status, entry.to_status, entry.from_version) == (
        "risk",
        "sent",
        "sent",
        1,
    )
    # the log keeps the value masked: it is exported and shown to many
    assert entry.details == {"decision": "dismiss", "code": "SSN", "evidence": ["•••-••-3821"]}
    assert verify_audit(cockpit.repo).ok


def test_dismiss_refusals(cockpit: Cockpit) -> None:
    message_id = _add(cockpit, SSN_BODY)
    with pytest.raises(BadInput, match="unknown risk code 'NOPE'"):
        cockpit.review.dismiss(message_id, "NOPE", "why")
    with pytest.raises(Refused, match="no CARD_NUMBER finding"):
        cockpit.review.dismiss(message_id, "CARD_NUMBER", "why")
    with pytest.raises(BadInput, match="needs a reason"):
        cockpit.review.dismiss(message_id, "SSN", "  ")
    with pytest.raises(BadInput, match="no message with id 999"):
        cockpit.review.dismiss(999, "SSN", "why")
    with pytest.raises(Conflict):
        cockpit.review.dismiss(message_id, "SSN", "why", expected_version=7)
    cockpit.review.dismiss(message_id, "SSN", "sandbox number")
    with pytest.raises(Refused, match="already dismissed by alice"):
        cockpit.review.dismiss(message_id, "SSN", "again")
    assert [e.action for e in cockpit.repo.audit(message_id)] == ["add", "risk"]


def test_an_edit_that_brings_a_new_match_is_flagged_again(cockpit: Cockpit) -> None:
    message_id = _add(cockpit, SSN_BODY)
    cockpit.review.dismiss(message_id, "SSN", "sandbox number")
    cockpit.actions.edit(message_id, "Hi Priya, the right one is 512-44-3822.", reason="typo")
    assessment = _item(cockpit, message_id).assessment
    assert [r.evidence for r in assessment.risks] == ["512-44-3822"]


def test_add_counts_like_a_scanned_finding(cockpit: Cockpit) -> None:
    message_id = _add(cockpit, "Hi Priya, everyone knows what Mark did with the client money.\n\nDana")
    assert _item(cockpit, message_id).assessment.risks == ()
    cockpit.review.add(
        message_id,
        "ACCUSATION",
        "says the manager committed fraud",
        evidence="what Mark did with the client money",
    )
    (added,) = _item(cockpit, message_id).assessment.risks
    assert added.code == "ACCUSATION" and added.added and not added.dismissed
    assert (added.field, added.evidence) == ("body", "what Mark did with the client money")
    assert added.start == len("Hi Priya, everyone knows ")
    assert added.severity == cockpit.policy.risks["ACCUSATION"].severity
    assert added.rule == "reviewer.added" and "alice" in added.why
    with pytest.raises(Refused, match="already has a finding of ACCUSATION"):
        cockpit.review.add(message_id, "ACCUSATION", "again")
    with pytest.raises(BadInput, match="unknown risk code"):
        cockpit.review.add(message_id, "LIBEL", "why")
    # an added finding can be dismissed in turn
    cockpit.review.dismiss(message_id, "ACCUSATION", "it is a figure of speech")
    assessment = _item(cockpit, message_id).assessment
    assert assessment.risks == () and [r.code for r in assessment.dismissed] == ["ACCUSATION"]
    assert verify_audit(cockpit.repo).ok


def test_add_refuses_a_code_the_scanner_already_found(cockpit: Cockpit) -> None:
    message_id = _add(cockpit, SSN_BODY)
    with pytest.raises(Refused, match="already has a finding of SSN"):
        cockpit.review.add(message_id, "SSN", "double")


def test_add_of_a_penalised_code_raises_the_exposure(cockpit: Cockpit) -> None:
    message_id = _add(cockpit, "Hi Priya, quick one?")
    cockpit.review.add(message_id, "SSN", "the SSN was in the attachment")
    assessment = _item(cockpit, message_id).assessment
    assert assessment.codes == ("SSN",) and assessment.exposure_usd > 0
    assert assessment.risks[0].field == "meta"


# -- verify ---------------------------------------------------------------------------------------


def _rehash_from(db_path: Path, seq: int, change: dict[str, object]) -> None:
    """Change entry ``seq`` and recompute the hash of it and of every later entry (a forger who
    knows the chain's recipe)."""
    repo = Repository.open(db_path)
    entries = repo.audit()
    repo.close()
    conn = sqlite3.connect(db_path)
    with conn:
        prev = entries[seq - 2].hash if seq > 1 else ""
        for entry in entries[seq - 1 :]:
            details = dict(entry.details)
            reason = entry.reason
            if entry.seq == seq:
                details.update(change)
            digest = entry_hash(
                prev_hash=prev or entry.prev_hash,
                seq=entry.seq,
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                message_id=entry.message_id,
                batch=entry.batch,
                from_status=entry.from_status,
                to_status=entry.to_status,
                from_version=entry.from_version,
                reason=reason,
                details=canonical_details(details),
                wall_at=entry.wall_at,
            )
            conn.execute(
                "UPDATE audit_entry SET details = ?, prev_hash = ?, hash = ?, at = ? WHERE seq = ?",
                (
                    canonical_details(details),
                    prev or entry.prev_hash,
                    digest,
                    encode_instant(entry.at),
                    entry.seq,
                ),
            )
            prev = digest
        conn.execute("UPDATE audit_head SET hash = ?", (prev,))
    conn.close()


def test_verify_catches_a_decision_edited_in_place(cockpit: Cockpit, db_path: Path) -> None:
    message_id = _add(cockpit, SSN_BODY)
    seq = cockpit.review.dismiss(message_id, "SSN", "sandbox number")
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE audit_entry SET details = ? WHERE seq = ?",
            ('{"code":"NO_OPT_OUT","decision":"dismiss","evidence":["512-44-3821"]}', seq),
        )
    result = verify_audit(cockpit.repo)
    assert not result.ok and result.first_bad_seq == seq
    assert "edited" in (result.problem or "")


def test_verify_replays_a_rehashed_forged_decision(cockpit: Cockpit, db_path: Path) -> None:
    message_id = _add(cockpit, SSN_BODY)
    seq = cockpit.review.dismiss(message_id, "SSN", "sandbox number")
    _rehash_from(db_path, seq, {"code": "NOT_A_CODE"})
    result = verify_audit(cockpit.repo)
    assert not result.ok and result.first_bad_seq == seq
    assert "unknown risk code 'NOT_A_CODE'" in (result.problem or "")


def test_verify_catches_a_decision_entry_deleted_with_its_version(cockpit: Cockpit, db_path: Path) -> None:
    message_id = _add(cockpit, SSN_BODY)
    seq = cockpit.review.dismiss(message_id, "SSN", "sandbox number")
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM audit_entry WHERE seq = ?", (seq,))
        conn.execute("UPDATE audit_head SET seq = ?", (seq - 1,))
        conn.execute("UPDATE audit_head SET hash = (SELECT hash FROM audit_entry WHERE seq = ?)", (seq - 1,))
    result = verify_audit(cockpit.repo)
    assert not result.ok
    assert f"message {message_id} is sent v2 but the log gives sent v1" in (result.problem or "")


# -- JSON, show and the command line --------------------------------------------------------------


def test_cli_dismiss_add_and_what_json_and_show_say(
    cockpit: Cockpit, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ssn_id = _add(cockpit, SSN_BODY)
    plain_id = _add(cockpit, "Hi Priya, everyone knows what Mark did with the client money.")
    cockpit.repo.close()

    code, out, _err = _cli(db_path, "show", str(ssn_id), "--json", capsys=capsys)
    (risk,) = json.loads(out)["risks"]
    assert risk["rule"] == "ssn.dashed" and "area 512" in risk["why"]
    assert (risk["dismissed"], risk["added"], risk["review"]) == (False, False, None)
    for key in ("code", "severity", "evidence", "start", "end", "in_preview", "statute", "penalty_usd"):
        assert key in risk

    code, out, err = _cli(
        db_path, "risk", "dismiss", str(ssn_id), "SSN", "--reason", "[b]sandbox[/b]", capsys=capsys
    )
    assert code == 0 and "SSN dismissed" in out, err
    code, out, err = _cli(db_path, "risk", "dismiss", str(ssn_id), "SSN", "--reason", "again", capsys=capsys)
    assert code == 3 and "already dismissed by carol" in err
    code, out, err = _cli(db_path, "risk", "dismiss", str(ssn_id), "BOGUS", "--reason", "x", capsys=capsys)
    assert code == 1 and "unknown risk code" in err
    code, out, err = _cli(db_path, "risk", "add", str(plain_id), "ACCUSATION", "--reason", "fraud claim",
                          "--evidence", "the client money", capsys=capsys)  # fmt: skip
    assert code == 0 and "ACCUSATION added" in out, err
    with pytest.raises(SystemExit) as usage:  # no --reason
        _cli(db_path, "risk", "dismiss", str(ssn_id), "SSN", capsys=capsys)
    assert usage.value.code == 2

    code, out, _err = _cli(db_path, "list", "--json", capsys=capsys)
    by_id = {m["id"]: m for m in json.loads(out)}
    (dismissed,) = by_id[ssn_id]["risks"]
    assert dismissed["dismissed"] is True and by_id[ssn_id]["exposure_usd"] == 0
    assert dismissed["review"]["actor"] == "carol" and dismissed["review"]["reason"] == "[b]sandbox[/b]"
    assert dismissed["review"]["decision"] == "dismiss" and dismissed["review"]["at"].endswith("Z")
    (added,) = by_id[plain_id]["risks"]
    assert added["added"] is True and added["dismissed"] is False and added["evidence"] == "the client money"

    code, out, _err = _cli(db_path, "report", "--json", capsys=capsys)
    report = json.loads(out)
    assert "SSN" not in report["risks"] and report["risks"]["ACCUSATION"] == 1
    assert report["exposure_usd"] == 0

    code, out, _err = _cli(db_path, "show", str(ssn_id), capsys=capsys)
    assert "DISMISSED SSN" in out and "dismissed by carol" in out and "[b]sandbox[/b]" in out
    assert "why it fired: a US Social Security number" in out and "risk dismiss SSN" in out
    code, out, _err = _cli(db_path, "audit", "verify", capsys=capsys)
    assert code == 0


def test_the_live_model_and_the_report_drop_a_dismissed_finding(cockpit: Cockpit) -> None:
    ssn_id = _add(cockpit, SSN_BODY)
    _add(cockpit, SSN_BODY.replace("3821", "3822"))
    before = LiveModel.read(cockpit, now=NOW).summary()
    cockpit.review.dismiss(ssn_id, "SSN", "sandbox number")
    after = LiveModel.read(cockpit, now=NOW).summary()
    assert dict(after.risks)["SSN"] == dict(before.risks)["SSN"] - 1
    assert after.exposure_usd <= before.exposure_usd


def test_codes_are_the_scanners() -> None:
    assert "SSN" in CODES and "NO_RECALL_CHANNEL" in CODES


def test_why_names_where_the_commercial_judgement_came_from(policy) -> None:
    from datetime import UTC, datetime

    from cockpit.domain.scanner import ScanInput, scan

    def why(**values: object) -> str:
        message = ScanInput(
            subject="", body="We cut cloud bills 30% for teams like yours. Worth 15 minutes?",
            recipient="Priya Raman", recipient_state=None, channel="inmail",
            sent_at=datetime(2026, 11, 27, 15, tzinfo=UTC), sender_time_zone="UTC", sent_from="desktop",
            **values,  # type: ignore[arg-type]
        )  # fmt: skip
        found = next(f for f in scan(message, policy).findings if f.code == "NO_OPT_OUT")
        return found.why

    for source in ("seat", "batch"):
        said = why(commercial=None, commercial_default=True, commercial_default_source=source)
        assert f"the {source}'s default" in said
    assert "as recorded for the send" in why(commercial=True)
    assert "guessed from the text" in why(commercial=None)


def test_a_dismissal_names_a_sensitive_value_masked_or_as_found_before() -> None:
    """Entries written before sensitive values were masked in the log name the value as found."""
    from datetime import UTC, datetime

    from cockpit.domain.assessment import apply_decisions
    from cockpit.domain.review import RiskDecision

    risk = MagicMock(code="SSN", evidence="512-44-3821")
    for named in (("•••-••-3821",), ("512-44-3821",)):
        decision = RiskDecision(
            1, 1, "dismiss", "SSN", "ann", datetime(2026, 1, 1, tzinfo=UTC), "test", named
        )
        with patch("cockpit.domain.assessment.replace", lambda r, review: ("dismissed", r)):
            standing, dismissed = apply_decisions([risk], [decision], {})
        assert standing == () and dismissed == (("dismissed", risk),)
