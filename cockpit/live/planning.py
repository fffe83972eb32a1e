"""The triage plan of a selection of the live model, at a pace, re-planned as often as asked.

:class:`Planner` weighs each message once per version (its risks do not change with the clock) and
plans the ones that can still be recalled; the rest are listed with why. :func:`pace_for` says how
long one manual recall takes: as given, learned from the actor's own recent recalls, or the policy's
default.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.clock import iso_z
from cockpit.domain.model import Status
from cockpit.domain.planning import Job, Plan, Weight, Weighting, learned_pace, make_plan, weigh
from cockpit.domain.rules import can_still_recall, remedy
from cockpit.domain.window import WindowState, message_window
from cockpit.live.model import LiveModel
from cockpit.services.cockpit import Assessed, Cockpit

GIVEN, LEARNED, DEFAULT = "given", "learned", "default"


@dataclass(frozen=True, slots=True)
class Pace:
    """Seconds one manual recall takes, and where that figure comes from."""

    seconds: float
    source: str  # GIVEN, LEARNED or DEFAULT
    detail: str

    @property
    def short(self) -> str:
        """Where the figure comes from, in a few words."""
        return {GIVEN: "set by you", LEARNED: "learned from your recalls"}.get(self.source, "policy default")

    def but(self, seconds: float) -> Pace:
        """This pace changed by hand to ``seconds``."""
        return Pace(seconds, GIVEN, "set by you")


def pace_for(cockpit: Cockpit, actor: str, now: datetime, given: float | None = None) -> Pace:
    """The pace to plan with: ``given``, else the median gap between ``actor``'s consecutive single
    recalls of the last hours (``[planning]`` in the policy), else the policy's default."""
    planning = cockpit.policy.planning
    if given is not None:
        return Pace(float(given), GIVEN, "given with --pace")
    since = now - timedelta(hours=planning.learn_hours)
    marks = [entry.at for entry in cockpit.repo.recall_marks(actor, since) if "bulk" not in entry.details]
    learned = learned_pace(
        marks, max_gap_seconds=planning.learn_max_gap_seconds, min_gaps=planning.learn_min_gaps
    )
    if learned is not None:
        seconds = min(max(learned, planning.min_pace_seconds), planning.max_pace_seconds)
        return Pace(
            float(round(seconds, 1)),
            LEARNED,
            f"learned: the median gap between your {len(marks)} single recalls "
            f"of the last {planning.learn_hours} h",
        )
    return Pace(
        float(planning.default_pace_seconds),
        DEFAULT,
        f"policy default: too few of your own recalls in the last {planning.learn_hours} h to learn yours",
    )


LOST, RECALLED, CLOSED, NO_RECALL, GONE = "lost", "recalled", "closed", "no_recall", "gone"


@dataclass(frozen=True, slots=True)
class Skip:
    """A selected message the plan leaves out, and why."""

    message_id: int
    kind: str  # LOST, RECALLED, CLOSED, NO_RECALL or GONE
    reason: str
    weight: Weight | None = None
    deadline: datetime | None = None


@dataclass(frozen=True, slots=True)
class TriagePlan:
    """The plan of a selection: the recalls in order, and every selected message left out with why."""

    plan: Plan
    pace: Pace
    selected: int
    skipped: tuple[Skip, ...]

    @property
    def saveable(self) -> int:
        """How many messages the plan saves."""
        return len(self.plan.steps)

    @property
    def unsaveable(self) -> int:
        """How many still-recallable messages cannot be saved at this pace."""
        return sum(1 for skip in self.skipped if skip.kind == LOST)


class Planner:
    """Plans a selection of the live model; a message is weighed again only when its version changes."""

    def __init__(self, model: LiveModel, message_ids: Sequence[int]) -> None:
        self.model = model
        self.ids = list(dict.fromkeys(message_ids))
        self.selected = len(self.ids)
        """How many messages were selected (``ids`` may be narrowed to the open ones)."""
        self.weighting = Weighting.from_policy(model.cockpit.policy.planning)
        self._weights: dict[int, tuple[int, Weight]] = {}
        self._items: dict[int, Assessed] = {}

    def keep_open(self, now: datetime) -> None:
        """Plan only the selected messages that can still be recalled at ``now``: a closed window
        never opens again, so a walk need not look at the rest every second."""
        model = self.model
        self.ids = [
            mid
            for mid in self.ids
            if (row := model.row_of(mid)) is not None
            and can_still_recall(model.facts(row).status, self._window(row, now).phase)
        ]

    def _window(self, row: int, now: datetime) -> WindowState:
        message = self.model.rule_message(row)
        return message_window(message.channel, message.sent_at, now, self.model.cockpit.policy)

    def stale(self) -> dict[int, int]:
        """The selected messages (loaded, still in an inbox) whose weight is missing or of an older
        version: ``{id: version}``."""
        found: dict[int, int] = {}
        for mid in self.ids:
            row = self.model.row_of(mid)
            if row is None:
                continue
            facts = self.model.facts(row)
            if facts.status != Status.RECALLED and self._weights.get(mid, (-1, None))[0] != facts.version:
                found[mid] = facts.version
        return found

    def weigh(self, wanted: dict[int, int] | None = None) -> None:
        """Weigh ``wanted`` (default: every stale message) from their full judgement (reads the
        database: run it off the screen's thread)."""
        wanted = self.stale() if wanted is None else wanted
        for item in self.model.items(list(wanted)):
            assessment = item.assessment
            weight = weigh(assessment.risks, assessment.exposure_usd, self.weighting)
            self._weights[item.message.id] = (item.message.version, weight)
            self._items[item.message.id] = item

    def item(self, message_id: int) -> Assessed | None:
        """The message as last weighed, with its judgement and its window then."""
        return self._items.get(message_id)

    def plan(
        self, now: datetime, pace: Pace, *, leave_out: Collection[int] = (), weigh_stale: bool = True
    ) -> TriagePlan:
        """The plan at ``now`` at ``pace``, without the ``leave_out`` messages.

        ``weigh_stale``: weigh what is stale first (reads the database); otherwise a message keeps its
        last weight, and one never weighed is left out of this plan.
        """
        if weigh_stale:
            self.weigh()
        model, policy = self.model, self.model.cockpit.policy
        skipped: list[Skip] = []
        open_rows: dict[int, tuple[int, datetime]] = {}
        for mid in self.ids:
            if mid in leave_out:
                continue
            row = model.row_of(mid)
            if row is None:
                skipped.append(Skip(mid, GONE, "no longer in the database"))
                continue
            facts = model.facts(row)
            message = model.rule_message(row)
            window = self._window(row, now)
            if facts.status == Status.RECALLED:
                at = message.recalled_at
                when = f" at {iso_z(at)}" if at is not None else ""
                skipped.append(Skip(mid, RECALLED, f"already recalled{when}"))
            elif window.deadline is None:
                skipped.append(Skip(mid, NO_RECALL, remedy(message.channel, policy)))
            elif window.deadline <= now:
                skipped.append(
                    Skip(
                        mid,
                        CLOSED,
                        "its window has closed: only documenting it is left",
                        deadline=window.deadline,
                    )
                )
            else:
                open_rows[mid] = (facts.version, window.deadline)
        weights = {mid: self._weights[mid][1] for mid in open_rows if mid in self._weights}
        jobs = [
            Job(mid, deadline, weights[mid].points, weights[mid].why)
            for mid, (_, deadline) in open_rows.items()
            if mid in weights
        ]
        plan = make_plan(jobs, now, pace.seconds)
        skipped.extend(
            Skip(lost.job.message_id, LOST, lost.reason, weights[lost.job.message_id], lost.job.deadline)
            for lost in plan.lost
        )
        return TriagePlan(plan, pace, self.selected, tuple(skipped))
