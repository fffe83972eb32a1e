"""The triage plan: which recalls to make, in which order, so that the most is saved in time.

Each still-recallable message is a job of one manual recall (``pace`` seconds) with a deadline (its
window closing) and a weight (what saving it is worth). A message is saved when its recall *finishes*
by its deadline. Unit-length jobs with deadlines and weights have an exact greedy solution: take the
heaviest first, each into the latest free slot that still finishes before its deadline; what cannot get
a slot is lost. The chosen ones are then run earliest deadline first, which keeps every one of them in
time (the chosen set is feasible, and a feasible set stays feasible in deadline order).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import floor

from cockpit.domain.assessment import SEVERITY_RANK, Risk
from cockpit.policy import PlanningPolicy


@dataclass(frozen=True, slots=True)
class Weighting:
    """How much saving a message is worth, in points (see ``[planning]`` in the policy file)."""

    base: int
    severity: dict[str, int]
    preview_percent: int
    """What a risk already shown in the leaked preview still counts, in percent of its points."""
    exposure_usd_per_point: int
    exposure_max_points: int

    @classmethod
    def from_policy(cls, planning: PlanningPolicy) -> Weighting:
        """The weighting of the policy's ``[planning]`` table."""
        return cls(
            base=planning.base_weight,
            severity=dict(planning.severity_weight),
            preview_percent=planning.preview_percent,
            exposure_usd_per_point=planning.exposure_usd_per_point,
            exposure_max_points=planning.exposure_max_points,
        )


@dataclass(frozen=True, slots=True)
class Weight:
    """A message's weight and the lines that explain it."""

    points: int
    why: tuple[str, ...]


def weigh(risks: Iterable[Risk], exposure_usd: int, weighting: Weighting) -> Weight:
    """The weight of recalling one message: a base, each risk code's severity (a code whose every
    finding lies in the leaked preview counts only ``preview_percent``), and its exposure."""
    points = weighting.base
    why = [f"base {weighting.base}"]
    by_code: dict[str, list[Risk]] = {}
    for risk in risks:
        if not risk.dismissed:
            by_code.setdefault(risk.code, []).append(risk)
    for code, found in by_code.items():
        severity = max((r.severity for r in found), key=lambda s: SEVERITY_RANK.get(s, 0))
        full = weighting.severity.get(severity, 0)
        if all(r.in_preview for r in found):
            part = full * weighting.preview_percent // 100
            why.append(
                f"{code} {severity} +{part} "
                f"(already shown in the preview: {weighting.preview_percent}% of {full})"
            )
        else:
            part = full
            why.append(f"{code} {severity} +{part}")
        points += part
    if exposure_usd > 0 and weighting.exposure_usd_per_point > 0:
        extra = min(weighting.exposure_max_points, exposure_usd // weighting.exposure_usd_per_point)
        if extra:
            why.append(f"exposure ${exposure_usd:,} +{extra}")
            points += extra
    return Weight(points, tuple(why))


@dataclass(frozen=True, slots=True)
class Job:
    """One message that can still be recalled: when its window closes and what saving it is worth."""

    message_id: int
    deadline: datetime
    weight: int
    why: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
    """One recall of the plan: start it at ``start``; it finishes at ``finish``; starting after
    ``act_by`` loses it."""

    job: Job
    start: datetime
    finish: datetime
    act_by: datetime


@dataclass(frozen=True, slots=True)
class Lost:
    """A still-recallable message the plan cannot save at this pace, and why."""

    job: Job
    reason: str


@dataclass(frozen=True, slots=True)
class Plan:
    """The recalls to make, in order, and what is lost at ``pace_seconds`` a recall."""

    now: datetime
    pace_seconds: float
    steps: tuple[Step, ...]
    lost: tuple[Lost, ...]

    @property
    def finish(self) -> datetime | None:
        """When the last planned recall is expected to finish (None: nothing to do)."""
        return self.steps[-1].finish if self.steps else None

    @property
    def saved_weight(self) -> int:
        """The total weight the plan saves."""
        return sum(step.job.weight for step in self.steps)

    @property
    def lost_weight(self) -> int:
        """The total weight the plan cannot save."""
        return sum(lost.job.weight for lost in self.lost)


def slots_before(deadline: datetime, now: datetime, pace_seconds: float) -> int:
    """How many recalls of ``pace_seconds`` fit, one after another from ``now``, before ``deadline``."""
    if pace_seconds <= 0:
        raise ValueError("the pace must be a positive number of seconds")
    left = (deadline - now).total_seconds()
    return max(0, floor(left / pace_seconds + 1e-9))


class _FreeSlots:
    """The latest free slot at or before an index (disjoint-set forest over slot indices)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size + 1))  # index 0 stands for "no slot left"

    def latest(self, limit: int) -> int:
        """The latest free slot numbered 1..limit, or 0 when none is free."""
        root = limit
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[limit] != root:  # path compression
            self.parent[limit], limit = root, self.parent[limit]
        return root

    def take(self, slot: int) -> None:
        self.parent[slot] = slot - 1


def choose(jobs: Sequence[Job], now: datetime, pace_seconds: float) -> tuple[list[Job], list[Job]]:
    """The heaviest set of jobs that can all finish by their deadlines, and the rest.

    Heaviest first (ties: earlier deadline, then lower id), each into the latest free slot before its
    deadline. Optimal for unit-length jobs (a matroid's greedy).
    """
    limits = {job.message_id: slots_before(job.deadline, now, pace_seconds) for job in jobs}
    free = _FreeSlots(min(len(jobs), max(limits.values(), default=0)))
    size = len(free.parent) - 1
    chosen: list[Job] = []
    rest: list[Job] = []
    for job in sorted(jobs, key=lambda j: (-j.weight, j.deadline, j.message_id)):
        slot = free.latest(min(limits[job.message_id], size))
        if slot:
            free.take(slot)
            chosen.append(job)
        else:
            rest.append(job)
    return chosen, rest


def make_plan(jobs: Sequence[Job], now: datetime, pace_seconds: float) -> Plan:
    """The plan for ``jobs`` at ``now``: the chosen recalls earliest deadline first, and the lost ones
    with their reasons."""
    chosen, rest = choose(jobs, now, pace_seconds)
    pace = timedelta(seconds=pace_seconds)
    steps: list[Step] = []
    start = now
    for job in sorted(chosen, key=lambda j: (j.deadline, -j.weight, j.message_id)):
        finish = start + pace
        steps.append(Step(job, start, finish, job.deadline - pace))
        start = finish
    lost = tuple(
        Lost(job, _lost_reason(job, now, pace_seconds)) for job in sorted(rest, key=lambda j: j.deadline)
    )
    return Plan(now, pace_seconds, tuple(steps), lost)


def _lost_reason(job: Job, now: datetime, pace_seconds: float) -> str:
    limit = slots_before(job.deadline, now, pace_seconds)
    seconds = max(0, round((job.deadline - now).total_seconds()))
    if limit == 0:
        return f"its window closes in {seconds} s, before one recall ({pace_seconds:g} s) can finish"
    fit = f"the {limit} recalls that fit" if limit != 1 else "the one recall that fits"
    return f"{fit} before its window closes go to messages weighing at least as much (it weighs {job.weight})"


def learned_pace(recall_times: Sequence[datetime], *, max_gap_seconds: float, min_gaps: int) -> float | None:
    """The median gap between consecutive single recalls (gaps longer than ``max_gap_seconds`` are
    breaks and left out), or None when fewer than ``min_gaps`` gaps remain."""
    ordered = sorted(recall_times)
    gaps = sorted(
        gap
        for gap in ((b - a).total_seconds() for a, b in itertools.pairwise(ordered))
        if 0 < gap <= max_gap_seconds
    )
    if len(gaps) < max(1, min_gaps):
        return None
    middle = len(gaps) // 2
    return gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2
