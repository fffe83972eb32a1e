"""`cockpit report` lists the batches: messages, what can still be recalled, the risky ones, exposure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.clock import FixedClock
from cockpit.domain.filtering import parse_filter
from cockpit.reports.summary import build_report
from cockpit.services.cockpit import Cockpit
from cockpit.services.demo import build_demo
from tests.conftest import NOW


@pytest.fixture
def demo(repo, clock, policy) -> Cockpit:
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    build_demo(cockpit)
    return cockpit


def _batches(cockpit: Cockpit, expression: str | None = None) -> dict[str, dict[str, object]]:
    flt = parse_filter(expression) if expression else None
    return {b["batch"]: b for b in build_report(cockpit, flt).to_json()["batches"]}


def test_report_json_lists_each_batch_with_its_figures(demo: Cockpit) -> None:
    data = build_report(demo).to_json()
    assert {"now", "messages", "by_phase", "by_status", "exposure_usd", "credits", "risks"} <= set(data)
    batches = {b["batch"]: b for b in data["batches"]}
    assert list(batches) == ["q4-pricing-blast", "holiday-message-ad"]  # open windows first
    blast = batches["q4-pricing-blast"]
    assert {"batch", "messages", "recallable", "risky", "exposure_usd"} <= set(blast)
    assert (blast["messages"], blast["recallable"], blast["risky"]) == (400, 394, 400)
    assert blast["by_status"] == {"sent": 394, "edited": 0, "recalled": 6}
    assert sum(blast["by_phase"].values()) == 394
    assert blast["first_deadline"].endswith("Z")
    # the batch's exposure is the report's exposure of that batch alone
    alone = build_report(demo, batch="q4-pricing-blast").summary.exposure_usd
    assert blast["exposure_usd"] == alone >= 21_235_200
    ads = batches["holiday-message-ad"]
    assert (ads["messages"], ads["recallable"], ads["risky"], ads["first_deadline"]) == (5, 0, 0, None)
    assert ads["by_phase"]["none"] == 5


def test_recalls_lower_what_can_be_recalled_not_the_risk_or_exposure(demo: Cockpit) -> None:
    before = _batches(demo)["q4-pricing-blast"]
    outcome = demo.actions.recall(batch="q4-pricing-blast", reason="bad template")
    after = _batches(demo)["q4-pricing-blast"]
    assert after["recallable"] == before["recallable"] - len(outcome.recalled)
    assert after["by_status"]["recalled"] == 6 + len(outcome.recalled)
    assert (after["risky"], after["exposure_usd"]) == (before["risky"], before["exposure_usd"])


def test_windows_that_close_unrecalled_count_as_closed(demo: Cockpit, clock: FixedClock) -> None:
    clock.advance(61 * 60)
    blast = _batches(demo)["q4-pricing-blast"]
    assert blast["recallable"] == 0 and blast["first_deadline"] is None
    assert blast["by_phase"]["closed"] == 394


def test_a_filter_limits_the_batches_listed(demo: Cockpit) -> None:
    assert list(_batches(demo, "batch:q4")) == ["q4-pricing-blast"]
    assert list(_batches(demo, "-batch:q4")) == ["holiday-message-ad"]


def test_report_text_lists_the_batches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.sqlite3"
    now = NOW.isoformat()
    assert main(["--db", str(db), "--now", now, "demo", "--no-tui"]) == 0
    assert main([
        "--db", str(db), "--now", now, "add", "--to", "Ann", "--subject", "Hi", "--body", "Hi Ann",
        "--ago", "3m", "--batch", "[red]x\x1b[2J",
    ]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--db", str(db), "--now", now, "--tz", "America/Chicago", "report"]) == 0
    text = capsys.readouterr().out
    assert "Batches (3)" in text
    line = next(line for line in text.splitlines() if "q4-pricing-blast" in line)
    assert line.split()[1:7] == ["400", "6", "394", "0", "400", "$21,235,610"]
    assert "08:" in line or "09:" in line  # the first window's close, in the user's zone
    assert "[red]x" in text and "\x1b[2J" not in text
    assert main(["--db", str(db), "--now", now, "report", "--json"]) == 0
    names = [b["batch"] for b in json.loads(capsys.readouterr().out)["batches"]]
    assert names[0] == "q4-pricing-blast" and "[red]x\x1b[2J" in names
