"""``cockpit plan``: the saveable set at a pace, in deadline order, with what is lost and why."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.policy import load_policy
from cockpit.services.actions import Actions
from cockpit.store.repository import Repository
from tests.conftest import NOW, make_send
from tests.test_cli import Runner

PLAN_FIELDS = {
    "now", "pace_seconds", "pace_source", "pace_detail", "selected", "saveable", "unsaveable",
    "saved_weight", "lost_weight", "finish", "steps", "skipped",
}  # fmt: skip
SSN_BODY = "Hi Priya, for the background check please confirm your SSN 536-22-1847. Dana"


def _sends(db: Path, actor: str = "alice") -> tuple[Actions, dict[str, int]]:
    repo = Repository.open(db)
    repo.ensure_schema()
    clock = FixedClock(NOW)
    actions = Actions(repo, clock, load_policy(), actor)
    ids = {
        "light": actions.add_send(make_send(58.9, batch="b1", recipient="Priya Light")),
        "heavy": actions.add_send(make_send(58.9, batch="b1", recipient="Priya Heavy", body=SSN_BODY)),
        "too_late": actions.add_send(make_send(59.8, batch="b1", recipient="Priya Late")),
        "later": actions.add_send(make_send(40, batch="b1", recipient="Priya Later")),
        "closed": actions.add_send(make_send(75, batch="b1", recipient="Priya Closed")),
        "recalled": actions.add_send(make_send(20, batch="b1", recipient="Priya Done")),
        "other": actions.add_send(make_send(20, batch="b2", recipient="Priya Other")),
    }
    actions.recall_one(ids["recalled"])
    return actions, ids


def test_plan_json_saves_the_heavier_of_two_that_compete_for_one_slot(db: Path, run: Runner) -> None:
    _actions, ids = _sends(db)
    code, out, err = run("plan", "--batch", "b1", "--pace", "60", "--json")
    assert code == 0, err
    plan = json.loads(out)
    assert set(plan) == PLAN_FIELDS
    assert (plan["selected"], plan["saveable"], plan["unsaveable"]) == (6, 2, 2)
    assert [step["id"] for step in plan["steps"]] == [ids["heavy"], ids["later"]]
    assert plan["pace_seconds"] == 60 and plan["pace_source"] == "given"
    first = plan["steps"][0]
    assert first["start"].startswith("2026-11-28T15:00:00") and first["finish"].startswith(
        "2026-11-28T15:01:00"
    )
    assert first["deadline"] == "2026-11-28T15:01:06Z" and first["act_by"] == "2026-11-28T15:00:06Z"
    assert any(line.startswith("SSN ") for line in first["why"])
    assert first["recommendation"]["action"] == "recall" and "SSN" in first["recommendation"]["reason"]
    later = plan["steps"][1]
    assert later["template"] is not None and later["template"]["size"] >= 2
    assert plan["finish"].startswith("2026-11-28T15:02:00")
    kinds = {skip["id"]: (skip["kind"], skip["reason"]) for skip in plan["skipped"]}
    assert kinds[ids["light"]][0] == "lost" and "the one recall that fits" in kinds[ids["light"]][1]
    assert kinds[ids["too_late"]] == (
        "lost",
        "its window closes in 12 s, before one recall (60 s) can finish",
    )
    assert kinds[ids["closed"]][0] == "closed" and kinds[ids["recalled"]][0] == "recalled"
    assert ids["other"] not in kinds


def test_a_faster_pace_saves_both(db: Path, run: Runner) -> None:
    _actions, ids = _sends(db)
    code, out, _err = run("plan", "--batch", "b1", "--pace", "30", "--json")
    plan = json.loads(out)
    assert code == 0 and plan["saveable"] == 3
    assert {step["id"] for step in plan["steps"]} == {ids["heavy"], ids["light"], ids["later"]}


def test_the_pace_is_learned_from_the_actors_own_single_recalls(db: Path, run: Runner) -> None:
    repo = Repository.open(db)
    repo.ensure_schema()
    clock = FixedClock(NOW - timedelta(seconds=200))
    earlier = Actions(repo, clock, load_policy(), "alice")
    extra = [earlier.add_send(make_send(10, recipient=f"Priya {n}")) for n in range(4)]
    for message_id in extra:
        earlier.recall_one(message_id)
        clock.advance(45)
    _sends(db)
    code, out, err = run("plan", "--batch", "b1", "--json")
    assert code == 0, err
    plan = json.loads(out)
    assert plan["pace_source"] == "learned" and plan["pace_seconds"] == 45
    code, out, _err = run("--actor", "bob", "plan", "--batch", "b1", "--json")
    assert json.loads(out)["pace_source"] == "default"


def test_plan_text_names_the_pace_the_order_and_the_lost(db: Path, run: Runner) -> None:
    _sends(db)
    code, out, _err = run("plan", "--batch", "b1", "--pace", "60")
    assert code == 0
    assert "pace      60 s a recall (given with --pace" in out
    assert "saveable  2 of 4 still recallable" in out
    assert "Cannot be saved at 60 s a recall (2):" in out
    assert "Priya Heavy" in out and "Left out (2):" in out


def test_plan_bad_input_says_what_and_changes_nothing(db: Path, run: Runner) -> None:
    _sends(db)
    code, _out, err = run("plan", "--pace", "0")
    assert code == 2 and "--pace" in err
    code, _out, err = run("plan", "--pace", "fast")
    assert code == 2 and "expected seconds" in err
    code, _out, err = run("plan", "--batch", "nope")
    assert code == 1 and "no messages in batch 'nope'" in err
    code, _out, err = run("plan", "--filter", "phase:")
    assert code == 1


def test_plan_of_a_database_that_does_not_exist_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.sqlite3"
    code, _out, err = Runner(missing, capsys)("plan")
    assert "does not exist" in err or "no database" in err
    assert code == 1 and not missing.exists()


@pytest.mark.parametrize("pace", [30.0, 60.0])
def test_the_demo_batch_plan_is_the_heaviest_possible(tmp_path: Path, pace: float) -> None:
    from cockpit.domain.planning import Job
    from cockpit.live.model import LiveModel
    from cockpit.live.planning import Pace, Planner
    from cockpit.services.cockpit import Cockpit
    from cockpit.services.demo import build_demo, incident_batch
    from tests.domain.planning_exact import best_weight_by_deadline

    repo = Repository.open(tmp_path / "demo.sqlite3")
    cockpit = Cockpit(repo, FixedClock(NOW), load_policy(), "dana")
    build_demo(cockpit)
    model = LiveModel.read(cockpit, batch=incident_batch(), now=NOW)
    triage = Planner(model, model.shown_ids()).plan(NOW, Pace(pace, "given", "test"))
    jobs = [step.job for step in triage.plan.steps] + [
        Job(skip.message_id, skip.deadline, skip.weight.points)
        for skip in triage.skipped
        if skip.kind == "lost" and skip.deadline is not None and skip.weight is not None
    ]
    assert triage.saveable > 0 and triage.unsaveable > 0
    assert triage.plan.saved_weight == best_weight_by_deadline(jobs, NOW, pace)
    repo.close()
