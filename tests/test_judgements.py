"""Stored content judgements: made once per message version, kept by status marks, forgotten by
what changes a judgement, and used by every reader instead of scanning again."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cockpit.clock import FixedClock
from cockpit.domain.risk_summary import SummaryDecoder, judgement_basis
from cockpit.live import assessing
from cockpit.live.model import LiveModel
from cockpit.policy import Policy
from cockpit.services.actions import Actions
from cockpit.services.cockpit import Cockpit
from cockpit.services.judging import judge_missing
from cockpit.store.judgements import StoredJudgement
from cockpit.store.repository import Repository
from cockpit.store.tables import judgement_table
from tests.conftest import NOW, make_send
from tests.test_cli import Runner

pytestmark = pytest.mark.all_backends

SSN_BODY = "Hi Priya, please send your SSN 512-34-8870 for the background check. Dana"


def stored(repo: Repository) -> dict[int, tuple[int, str, str]]:
    """message id -> (judged version, basis, codes)."""
    with repo.read() as r:
        rows = r.conn.execute(
            select(
                judgement_table.c.message_id,
                judgement_table.c.version,
                judgement_table.c.basis,
                judgement_table.c.codes,
            )
        ).all()
    return {int(m): (int(v), str(b), str(c)) for m, v, b, c in rows}


def test_a_logged_send_is_judged_in_its_own_transaction(
    actions: Actions, repo: Repository, policy: Policy
) -> None:
    message_id = actions.add_send(make_send(body=SSN_BODY))
    version, basis, codes = stored(repo)[message_id]
    assert (version, basis) == (1, judgement_basis(policy))
    assert "SSN:" in codes


def test_a_status_mark_keeps_the_judgement_an_edit_replaces_it(actions: Actions, repo: Repository) -> None:
    kept = actions.add_send(make_send(body=SSN_BODY, minutes_ago=5))
    edited = actions.add_send(make_send(body=SSN_BODY, minutes_ago=6))
    before = stored(repo)
    actions.recall([kept])
    actions.edit(edited, "Hi Priya, thanks for your time. Dana", reason="removed the SSN")
    after = stored(repo)
    assert after[kept] == before[kept]  # judged at version 1, still current at version 2
    assert repo.message(kept).version == 2  # type: ignore[union-attr]
    assert "SSN" not in after[edited][2] and after[edited][0] == repo.message(edited).version  # type: ignore[union-attr]


def test_a_batch_default_forgets_the_batch_judgements(actions: Actions, repo: Repository) -> None:
    inside = actions.add_send(make_send(batch="q4"))
    outside = actions.add_send(make_send(batch="other", minutes_ago=6))
    actions.set_batch_commercial("q4", True)
    assert inside not in stored(repo) and outside in stored(repo)


def test_a_judgement_of_an_older_version_is_never_stored(
    actions: Actions, repo: Repository, policy: Policy
) -> None:
    message_id = actions.add_send(make_send(body=SSN_BODY))
    actions.edit(message_id, "Hi Priya, thanks. Dana", reason="fix")
    stale = StoredJudgement(message_id, 1, judgement_basis(policy), "SSN:4", 4, 0, "")
    with repo.write("cockpit", NOW) as tx:
        assert tx.store_judgements([stale]) == 0
    assert "SSN" not in stored(repo)[message_id][2]


def test_readers_use_stored_judgements_without_scanning(
    actions: Actions, repo: Repository, clock: FixedClock, policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    risky = actions.add_send(make_send(body=SSN_BODY))
    actions.add_send(make_send(minutes_ago=7))

    def no_scan(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("a stored judgement was judged again")

    monkeypatch.setattr(assessing, "judge_and_store", no_scan)
    model = LiveModel.read(Cockpit(repo, clock, policy, "alice"))
    row = model.row_of(risky)
    assert row is not None and model.facts(row).assessed
    assert [code for code, _rank in model.facts(row).risks.codes] == ["SSN"]
    assert model.summary().risks == {"SSN": 1}


def test_a_new_policy_judges_again(
    actions: Actions, repo: Repository, clock: FixedClock, policy: Policy
) -> None:
    message_id = actions.add_send(make_send(body=SSN_BODY))
    stricter = dataclasses.replace(
        policy, risks={**policy.risks, "SSN": dataclasses.replace(policy.risks["SSN"], severity="low")}
    )
    assert judgement_basis(stricter) != judgement_basis(policy)
    sponsored = dataclasses.replace(policy.channels["sponsored"], recallable=True)
    no_recall_rule = dataclasses.replace(policy, channels={**policy.channels, "sponsored": sponsored})
    assert judgement_basis(no_recall_rule) != judgement_basis(policy)  # NO_RECALL_CHANNEL reads it
    unrelated = dataclasses.replace(policy, path="elsewhere.toml", planning_table=None)
    assert judgement_basis(unrelated) == judgement_basis(policy)
    model = LiveModel.read(Cockpit(repo, clock, stricter, "alice"))
    row = model.row_of(message_id)
    assert row is not None and dict(model.facts(row).risks.codes) == {"SSN": 1}
    assert stored(repo)[message_id][1] == judgement_basis(stricter)  # and the new one is kept


def test_judge_missing_judges_what_bulk_writes_left(
    actions: Actions, repo: Repository, policy: Policy
) -> None:
    ids = actions.add_sends(
        [make_send(body=SSN_BODY, minutes_ago=m, external_id=f"k{m}") for m in range(1, 8)]
    )
    assert not set(ids) & set(stored(repo))  # a bulk write leaves its messages to be judged after
    seen: list[tuple[int, int]] = []
    assert judge_missing(repo, policy, NOW, batch=3, progress=lambda d, t: seen.append((d, t))) == 7
    assert seen == [(3, 7), (6, 7), (7, 7)]
    assert set(ids) <= set(stored(repo))
    assert judge_missing(repo, policy, NOW) == 0


def test_the_decoder_shares_equal_summaries() -> None:
    decode = SummaryDecoder()
    first = decode("SSN:4 PLACEHOLDER:2", 4, 500, "can_spam")
    assert first is decode("SSN:4 PLACEHOLDER:2", 4, 500, "can_spam")
    assert first.codes == (("SSN", 4), ("PLACEHOLDER", 2)) and first.penalties == frozenset({"can_spam"})
    assert decode("", 0, 0, "").codes == ()


def test_cockpit_judge_after_an_import(tmp_path: Path, run: Runner) -> None:
    sends = tmp_path / "sends.jsonl"
    lines = [
        json.dumps(
            {
                "sent_at": (NOW - timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "recipient": "Priya Raman",
                "subject": "Hi",
                "body": f"SSN 512-34-8870 n{m}",
                "external_id": f"e{m}",
            }
        )
        for m in range(1, 6)
    ]
    sends.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = run("import", str(sends))
    assert code == 0, err
    code, out, err = run("judge", "--json")
    assert code == 0, err
    assert (json.loads(out)["judged"], json.loads(out)["messages"]) == (5, 5)
    code, out, _err = run("judge")
    assert code == 0 and out.startswith("Judged 0 of 5 messages")


def test_a_report_judges_what_an_import_left_and_keeps_it(tmp_path: Path, run: Runner, db: Path) -> None:
    from cockpit.policy import load_policy
    from cockpit.services.judging import missing_judgements

    sends, stamp = tmp_path / "sends.csv", "%Y-%m-%dT%H:%M:%SZ"
    sends.write_text(
        "sent_at,recipient,subject,body,external_id\n"
        + "".join(
            f"{(NOW - timedelta(minutes=m)).strftime(stamp)},Priya Raman,Hi,SSN 512-34-8870 n{m},c{m}\n"
            for m in range(1, 4)
        ),
        encoding="utf-8",
    )
    code, _out, err = run("import", str(sends))
    assert code == 0, err
    repo = Repository.open(db)
    try:
        assert missing_judgements(repo, load_policy()) == 3
        code, out, err = run("report", "--json")
        assert code == 0, err
        assert json.loads(out)["risks"] == {"SSN": 3}
        assert missing_judgements(repo, load_policy()) == 0
    finally:
        repo.close()


def test_the_template_group_key_is_stored_and_used_by_the_details(
    actions: Actions, repo: Repository, clock: FixedClock, policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cockpit.domain.templates import message_group_key
    from cockpit.live import groups

    body = "Hi {name}, our Q4 pricing is live: 40% off annual plans until Friday."
    ids = [
        actions.add_send(
            make_send(recipient=name, body=body.format(name=name.split()[0]), batch="q4", minutes_ago=m)
        )
        for m, name in enumerate(["Priya Raman", "Jonas Berg", "Mei Chen"], start=1)
    ]
    with repo.read() as r:
        keys = dict(r.conn.execute(select(judgement_table.c.message_id, judgement_table.c.template)).all())
    expected = message_group_key(
        "q4", "Senior Backend Engineer at Northwind", body.format(name="Priya"), "Priya Raman", None
    )
    assert expected is not None and {keys[i] for i in ids} == {expected}

    def no_key(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("a stored template key was worked out again")

    monkeypatch.setattr(groups, "message_group_key", no_key)
    monkeypatch.setattr("cockpit.live.columns.message_group_key", no_key)
    model = LiveModel.read(Cockpit(repo, clock, policy, "alice"), groups=True)
    group = model.template_group(ids[0])
    assert group is not None and group.key == expected and group.size == 3


def test_judge_missing_in_worker_processes(actions: Actions, repo: Repository, policy: Policy) -> None:
    ids = actions.add_sends(
        [make_send(body=SSN_BODY, minutes_ago=m, external_id=f"w{m}") for m in range(1, 8)]
    )
    assert judge_missing(repo, policy, NOW, batch=2, workers=2) == 7
    assert set(ids) <= set(stored(repo))
    assert judge_missing(repo, policy, NOW, workers=2) == 0


def test_a_command_reads_details_only_for_its_figures_and_they_stay_the_same(
    repo: Repository, clock: FixedClock, policy: Policy
) -> None:
    from cockpit.domain.filtering import parse_filter
    from cockpit.domain.model import Observation

    cockpit = Cockpit(repo, clock, policy, "alice")
    actions = cockpit.actions
    actions.add_seat("dana", "recruiter_lite")
    old = actions.add_send(make_send(minutes_ago=60 * 24 * 45, seat="dana", body="Hi Priya, old role. Dana"))
    answered = actions.add_send(
        make_send(minutes_ago=60 * 24 * 2, seat="dana", body="Hi Priya, new role. Dana")
    )
    actions.add_send(make_send(minutes_ago=30, seat="dana"))
    actions.observe(answered, Observation.REPLIED)
    actions.observe(old, Observation.REPLIED)
    lean = LiveModel.read(cockpit)
    full = LiveModel.read(cockpit, groups=True)  # template groups need every message's details
    lean_row, full_row = lean.row_of(old), full.row_of(old)
    assert lean_row is not None and full_row is not None
    assert not lean.facts(lean_row).has_details and full.facts(full_row).has_details
    assert lean.summary().credits == full.summary().credits
    (ledger,) = lean.summary().credits
    assert ledger.refunded == 1  # this month's answered InMail; last month's is not in this ledger
    searched = LiveModel.read(cockpit, flt=parse_filter("old role"))
    assert searched.shown_ids() == [old]  # a search of the bodies reads every message's


def test_a_default_set_elsewhere_judges_again_only_what_it_covers(
    repo: Repository, clock: FixedClock, policy: Policy
) -> None:
    from cockpit.live.loading import load_changes

    cockpit = Cockpit(repo, clock, policy, "alice")
    actions = cockpit.actions
    spring = actions.add_send(make_send(minutes_ago=3, batch="spring"))
    other = actions.add_send(make_send(minutes_ago=4, batch="other"))
    loose = actions.add_send(make_send(minutes_ago=5, seat=None))
    model = LiveModel.read(cockpit)
    table = model.table
    seq, max_id = table.audit_seq, table.max_id
    actions.set_batch_commercial("spring", True)
    actions.add_seat("lee", "premium_career")
    changes = load_changes(repo, seq, max_id)
    assert changes.batch_defaults == frozenset({"spring"}) and changes.seats is not None
    table.apply_changes(changes, NOW)
    judged = {mid: bool(model.facts(model.row_of(mid)).assessed) for mid in (spring, other, loose)}  # type: ignore[arg-type]
    assert judged == {spring: False, other: True, loose: True}


def test_a_search_of_older_bodies_in_the_database(actions: Actions, repo: Repository) -> None:
    from cockpit.store.rows import ids_with_body_text

    old = actions.add_send(make_send(minutes_ago=600, body="Hallo Jürgen, die STRASSE ist gesperrt."))
    actions.add_send(make_send(minutes_ago=700, body="Nothing here."))
    recent = actions.add_send(make_send(minutes_ago=5, body="die strasse again"))
    found = ids_with_body_text(repo, ["strasse", "jürgen", "absent"], NOW - timedelta(minutes=60))
    assert found == {"strasse": {old}, "jürgen": {old}, "absent": set()}
    assert recent not in found["strasse"]  # sent after the limit
