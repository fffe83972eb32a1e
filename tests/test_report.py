"""`cockpit report`: the JSON contract, exposure before and after recalls, and the terminal text."""

from __future__ import annotations

import json

import pytest

from cockpit.cli import main
from cockpit.domain.filtering import parse_filter
from cockpit.reports.summary import build_report
from cockpit.services.cockpit import Cockpit
from cockpit.services.demo import build_demo
from tests.conftest import NOW

pytestmark = pytest.mark.all_backends


@pytest.fixture
def demo(repo, clock, policy) -> Cockpit:
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    build_demo(cockpit)
    return cockpit


def test_report_json_has_the_contract_fields(demo):
    data = build_report(demo).to_json()
    assert {"now", "messages", "by_phase", "by_status", "exposure_usd", "credits", "risks"} <= set(data)
    assert data["now"] == "2026-11-28T15:00:00Z"
    assert data["messages"] == 465
    assert set(data["by_phase"]) == {"open", "urgent", "critical", "closed", "none"}
    assert sum(data["by_phase"].values()) == 465 - data["by_status"]["recalled"]
    assert data["by_status"]["recalled"] == 6
    for seat in data["credits"]:
        assert set(seat) == {"seat", "plan", "allowance", "consumed", "free", "refunded", "remaining"}
        assert seat["remaining"] == seat["allowance"] - seat["consumed"] + seat["refunded"]
    assert data["risks"]["PLACEHOLDER"] >= 400


def test_batch_exposure_is_unchanged_by_recalling_most_of_it(demo):
    batch = parse_filter("batch:q4-pricing-blast")
    before = build_report(demo, batch)
    can_spam = next(line for line in before.summary.exposure_lines if line.penalty == "can_spam")
    assert can_spam.messages == 400
    assert can_spam.total_usd == 21_235_200
    outcome = demo.actions.recall(batch="q4-pricing-blast", reason="bad template")
    assert len(outcome.recalled) > 300
    after = build_report(demo, batch)
    assert after.summary.exposure_usd == before.summary.exposure_usd


def test_report_command_prints_json_and_text(tmp_path, capsys):
    db = tmp_path / "r.sqlite3"
    now = NOW.isoformat()
    assert main(["--db", str(db), "--now", now, "demo", "--no-tui"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "--now", now, "report", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["messages"] == 465
    assert main(["--db", str(db), "--now", now, "report"]) == 0
    text = capsys.readouterr().out
    assert "Maximum exposure" in text
    assert "not legal advice" in text
    assert "A recall never refunds" in text
