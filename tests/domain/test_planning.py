"""The triage plan: optimal against brute force, in time, explained."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.assessment import Risk
from cockpit.domain.planning import Job, Weighting, choose, learned_pace, make_plan, slots_before, weigh
from tests.domain.planning_exact import best_weight_by_deadline

NOW = datetime(2026, 11, 28, 15, 0, 0, tzinfo=UTC)
WEIGHTING = Weighting(
    base=10,
    severity={"low": 5, "medium": 10, "high": 20, "critical": 40},
    preview_percent=50,
    exposure_usd_per_point=5_000,
    exposure_max_points=20,
)


def _feasible(jobs: tuple[Job, ...], pace: float) -> bool:
    """Whether every job finishes by its deadline when run earliest deadline first from NOW."""
    at = NOW
    for job in sorted(jobs, key=lambda j: j.deadline):
        at += timedelta(seconds=pace)
        if at > job.deadline:
            return False
    return True


def _best_weight(jobs: list[Job], pace: float) -> int:
    best = 0
    for size in range(len(jobs) + 1):
        for subset in combinations(jobs, size):
            if _feasible(subset, pace):
                best = max(best, sum(j.weight for j in subset))
    return best


def jobs_of(*, seconds: int, weight: int, most: int) -> st.SearchStrategy[list[Job]]:
    """Up to ``most`` jobs, each closing within ``seconds`` of NOW and weighing 1..``weight``."""
    pairs = st.tuples(st.integers(min_value=0, max_value=seconds), st.integers(min_value=1, max_value=weight))
    return st.lists(pairs, max_size=most).map(
        lambda found: [Job(i + 1, NOW + timedelta(seconds=s), w) for i, (s, w) in enumerate(found)]
    )


job_lists = jobs_of(seconds=600, weight=60, most=8)


@settings(max_examples=300, deadline=None)
@given(jobs=job_lists, pace=st.sampled_from([1.0, 30.0, 45.0, 60.0, 97.5, 240.0]))
def test_the_plan_saves_the_most_weight_possible(jobs: list[Job], pace: float) -> None:
    plan = make_plan(jobs, NOW, pace)
    assert plan.saved_weight == _best_weight(jobs, pace)
    assert len(plan.steps) + len(plan.lost) == len(jobs)


@settings(max_examples=300, deadline=None)
@given(jobs=job_lists, pace=st.sampled_from([20.0, 45.0, 75.0]))
def test_every_step_finishes_by_its_deadline_earliest_deadline_first(jobs: list[Job], pace: float) -> None:
    plan = make_plan(jobs, NOW, pace)
    deadlines = [step.job.deadline for step in plan.steps]
    assert deadlines == sorted(deadlines)
    for index, step in enumerate(plan.steps):
        assert step.start == NOW + timedelta(seconds=pace * index)
        assert step.finish == step.start + timedelta(seconds=pace)
        assert step.finish <= step.job.deadline
        assert step.start <= step.act_by


def test_a_light_message_gives_way_to_a_heavy_one_when_only_one_fits() -> None:
    light = Job(1, NOW + timedelta(seconds=50), 10)
    heavy = Job(2, NOW + timedelta(seconds=55), 50)
    plan = make_plan([light, heavy], NOW, 45)
    assert [s.job.message_id for s in plan.steps] == [2]
    assert plan.lost[0].job.message_id == 1
    assert "the one recall that fits" in plan.lost[0].reason
    assert plan.finish == NOW + timedelta(seconds=45)


def test_a_window_closing_before_one_recall_can_finish_is_lost_and_says_so() -> None:
    plan = make_plan([Job(1, NOW + timedelta(seconds=20), 99)], NOW, 45)
    assert not plan.steps
    assert plan.lost[0].reason == "its window closes in 20 s, before one recall (45 s) can finish"
    assert plan.finish is None


def test_a_recall_that_finishes_exactly_at_the_deadline_saves_it() -> None:
    assert slots_before(NOW + timedelta(seconds=90), NOW, 45) == 2
    assert choose([Job(1, NOW + timedelta(seconds=45), 1)], NOW, 45)[0]


def test_weight_explains_each_part() -> None:
    def risk(code: str, severity: str, in_preview: bool) -> Risk:
        return Risk(code, severity, "body", "x", 0, 1, in_preview, None, None)

    weight = weigh(
        [risk("SSN", "critical", False), risk("NO_OPT_OUT", "high", True), risk("NO_OPT_OUT", "high", True)],
        53_088,
        WEIGHTING,
    )
    assert weight.points == 10 + 40 + 10 + 10
    assert weight.why == (
        "base 10",
        "SSN critical +40",
        "NO_OPT_OUT high +10 (already shown in the preview: 50% of 20)",
        "exposure $53,088 +10",
    )


def test_the_pace_is_the_median_gap_between_recalls_leaving_out_breaks() -> None:
    times = [NOW + timedelta(seconds=s) for s in (0, 30, 70, 100, 2000, 2040)]
    assert learned_pace(times, max_gap_seconds=600, min_gaps=3) == 30.0 + 5  # gaps 30, 40, 30, 40
    assert learned_pace(times[:2], max_gap_seconds=600, min_gaps=3) is None


big_job_lists = jobs_of(seconds=3_600, weight=200, most=120)


@settings(max_examples=200, deadline=None)
@given(jobs=big_job_lists, pace=st.sampled_from([15.0, 30.0, 60.0, 90.0]))
def test_the_plan_matches_an_independent_exact_method_on_batch_sized_cases(
    jobs: list[Job], pace: float
) -> None:
    assert make_plan(jobs, NOW, pace).saved_weight == best_weight_by_deadline(jobs, NOW, pace)
