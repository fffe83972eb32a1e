"""The guided walk: the live triage plan of a selection, one message at a time.

The next message to delete in LinkedIn is shown big (recipient, subject, first words, sent time);
``enter``/``r`` says "I deleted it in LinkedIn" and marks that one message recalled at that instant,
``e`` marks it edited instead, ``k`` skips it. The plan is made again every second and after every
mark (anyone's), at the pace the user sets with ``+``/``-``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from cockpit.domain.recommend import Recommendation
from cockpit.errors import CockpitError
from cockpit.humanize import relative_time
from cockpit.live.groups import TemplateGroup
from cockpit.live.model import LiveModel
from cockpit.live.planning import CLOSED, RECALLED, Pace, Planner, TriagePlan, pace_for
from cockpit.tui.dialogs import ConfirmDialog
from cockpit.tui.format import clock_text, data, data_text, mmss
from cockpit.tui.host import CockpitHost
from cockpit.tui.keys import HelpSection, help_section
from cockpit.tui.messages import ActOn, OpenHelp
from cockpit.tui.widgets.footer import FittedFooter

FIRST_WORDS = 160
UPCOMING = 6


@dataclass(frozen=True, slots=True)
class WalkSelection:
    """What to walk: the messages and how to name them."""

    message_ids: tuple[int, ...]
    title: str


@dataclass(frozen=True, slots=True)
class NextMessage:
    """What the walk shows of the next message beyond its row: its first words, what to do about
    it, and its template group."""

    message_id: int
    version: int
    words: str = "…"
    recommendation: Recommendation | None = None
    group: TemplateGroup | None = None


@dataclass(slots=True)
class WalkProgress:
    """What the walk has done so far."""

    saved: dict[int, datetime]
    edited: dict[int, int]
    """Messages sent to the edit form from the walk, with the version they had then."""
    passed: set[int]
    open_at_start: set[int]

    def handled(self) -> set[int]:
        """Messages the walk no longer plans: recalled or edited here, or skipped."""
        return {*self.saved, *self.edited, *self.passed}


class WalkScreen(Screen[None]):
    """One message at a time, in the order that saves the most before the windows close."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,r",
            "deleted",
            "Deleted it",
            id="walk-deleted",
            tooltip="I deleted it in LinkedIn: mark it recalled now",
        ),
        Binding("e", "edited", "Edited it", id="walk-edited", tooltip="I edited it in LinkedIn instead"),
        Binding("k", "skip", "Skip", id="walk-skip", tooltip="Leave it for now; the plan is made again"),
        Binding(
            "plus", "pace(1)", "Slower", id="walk-slower", key_display="+", tooltip="One recall takes longer"
        ),
        Binding(
            "minus", "pace(-1)", "Faster", id="walk-faster", key_display="-", tooltip="One recall takes less"
        ),
        Binding("escape", "back", "End walk", id="walk-end"),
        Binding("question_mark", "help", "Help", id="walk-help", key_display="?"),
    ]

    def __init__(self, model: LiveModel, selection: WalkSelection, poll: Callable[[], None]) -> None:
        """``model``: the live model the table shows; ``poll``: look for changes now (after a mark)."""
        super().__init__()
        self.model = model
        self.cockpit = model.cockpit
        self.selection = selection
        self.poll = poll
        self.planner = Planner(model, selection.message_ids)
        self.pace: Pace | None = None
        self.triage: TriagePlan | None = None
        self.progress = WalkProgress({}, {}, set(), set())
        self.recruiter_confirmed: datetime | None = None
        self.busy = False
        self._weighing = False
        self._next: NextMessage | None = None

    @property
    def host(self) -> CockpitHost:
        """The running cockpit app."""
        return cast(CockpitHost, self.app)

    @classmethod
    def help_sections(cls) -> list[HelpSection]:
        """This screen's keys."""
        return [
            help_section(
                "Guided walk (p)",
                cls.BINDINGS,
                (("", "Recruiter seats: one confirmation for the whole walk, asked at the first one"),),
            )
        ]

    def compose(self) -> ComposeResult:
        yield Static("", id="walk-title")
        yield Static("", id="walk-progress")
        with Vertical(id="walk-next"):
            yield Static(Content.styled("planning…", "italic $text-muted"), id="walk-next-body")
        yield Static("", id="walk-upcoming")
        yield FittedFooter(keep=("back", "help", "deleted"), drop_first=("pace", "skip", "edited"))

    def on_mount(self) -> None:
        cockpit, planner = self.cockpit, self.planner
        planner.keep_open(cockpit.clock.now())

        def prepare() -> Pace:
            planner.weigh()
            now = cockpit.clock.now()
            return pace_for(cockpit, cockpit.actor, now)

        def ready(pace: Pace) -> None:
            self.pace = pace
            self.replan()
            self.progress.open_at_start = set(planner.ids)
            self.set_interval(1.0, self.replan, name="walk-tick")
            self.refresh_bindings()

        self.host.run_io(prepare, ready, name="walk plan", group="walk")

    def _plan(self) -> TriagePlan:
        assert self.triage is not None
        return self.triage

    # -- planning -----------------------------------------------------------------------------

    def replan(self) -> None:
        """Make the plan again at the current instant (and weigh what changed, off this thread)."""
        if self.pace is None:
            return
        stale = self.planner.stale()
        if stale and not self._weighing:
            self._weighing = True
            planner = self.planner

            def weighed(_: None) -> None:
                self._weighing = False
                self.replan()

            self.host.run_io(lambda: planner.weigh(stale), weighed, name="walk weigh", group="walk-weigh")
        now = self.cockpit.clock.now()
        had_next = self._next_step_id() is not None
        self.triage = self.planner.plan(now, self.pace, leave_out=self.progress.handled(), weigh_stale=False)
        if had_next != (self._next_step_id() is not None):
            self.refresh_bindings()
        self._show(now)

    def _next_step_id(self) -> int | None:
        steps = self.triage.plan.steps if self.triage else ()
        return steps[0].job.message_id if steps else None

    # -- drawing ------------------------------------------------------------------------------

    def _show(self, now: datetime) -> None:
        if not (self.is_mounted and self.is_attached) or self.triage is None or self.pace is None:
            return
        triage, zone, progress = self.triage, self.host.zone, self.progress
        pace = self.pace
        title: list[Content | tuple[str, str] | str] = [
            ("Guided walk ", "bold"),
            data(self.selection.title, "bold"),
            (f"  ·  {clock_text(now, zone)}", "$text-muted"),
            (f"  ·  pace {pace.seconds:g} s a recall ", ""),
            (f"({pace.short})", "$text-muted"),
        ]
        if self.recruiter_confirmed is not None:
            title.append(
                (
                    "  ·  Recruiter two-step confirmed once for this walk at "
                    + clock_text(self.recruiter_confirmed, zone),
                    "$warning",
                )
            )
        self.query_one("#walk-title", Static).update(Content.assemble(*title))
        closed = sum(
            1 for skip in triage.skipped if skip.kind == CLOSED and skip.message_id in progress.open_at_start
        )
        elsewhere = sum(
            1
            for skip in triage.skipped
            if skip.kind == RECALLED
            and skip.message_id in progress.open_at_start
            and skip.message_id not in progress.saved
        )
        finish = triage.plan.finish
        parts: list[Content | tuple[str, str] | str] = [
            ("saved ", "$text-muted"),
            (f"{len(progress.saved)}", "bold $success"),
            ("  ·  remaining ", "$text-muted"),
            (f"{triage.saveable}", "bold"),
            ("  ·  lost so far ", "$text-muted"),
            (f"{closed}", "bold $error" if closed else "bold"),
            ("  ·  cannot be saved at this pace ", "$text-muted"),
            (f"{triage.unsaveable}", "bold $warning" if triage.unsaveable else "bold"),
        ]
        if elsewhere:
            parts += [("  ·  recalled elsewhere ", "$text-muted"), (f"{elsewhere}", "bold")]
        edited = self._edited()
        if edited or progress.passed:
            parts += [
                ("  ·  edited ", "$text-muted"),
                f"{edited}",
                ("  skipped ", "$text-muted"),
                f"{len(progress.passed)}",
            ]
        parts += [("  ·  done by ", "$text-muted"), (clock_text(finish, zone) if finish else "-", "bold")]
        self.query_one("#walk-progress", Static).update(Content.assemble(*parts))
        self.query_one("#walk-next-body", Static).update(self._next_content(now))
        self.query_one("#walk-upcoming", Static).update(self._upcoming_content(now))

    def _next_content(self, now: datetime) -> Content:
        triage, zone = self._plan(), self.host.zone
        if not triage.plan.steps:
            lost = triage.unsaveable
            return Content.assemble(
                ("Nothing left to save in this selection. ", "bold"),
                f"Saved {len(self.progress.saved)} in this walk",
                f"; {lost} cannot be saved at this pace." if lost else ".",
                ("\nesc ends the walk; the incident report lists each mark with its time.", "$text-muted"),
            )
        step = triage.plan.steps[0]
        mid = step.job.message_id
        row = self.model.row_of(mid)
        if row is None:
            return Content("")
        facts = self.model.facts(row)
        shown = self._load_next(mid, facts.version)
        left = int((step.job.deadline - now).total_seconds())
        slack = int((step.act_by - now).total_seconds())
        sent = self.model.rule_message(row).sent_at
        return Content.assemble(
            ("NEXT ", "bold $accent"),
            (f"1 of {triage.saveable}  ·  #{mid}  ·  ", "$text-muted"),
            ("window closes in ", "$text-muted"),
            (mmss(left), "bold $error" if slack < 60 else "bold $warning"),
            ("  ·  start within ", "$text-muted"),
            (mmss(slack), "bold"),
            "\n\n",
            data(facts.recipient, "bold $text", limit=60),
            "\n",
            ("Subject  ", "$text-muted"),
            data(facts.subject, "bold", limit=120),
            "\n",
            ("Begins   ", "$text-muted"),
            data(shown.words, limit=FIRST_WORDS),
            "\n",
            ("Sent     ", "$text-muted"),
            f"{clock_text(sent, zone)} ({relative_time(sent, now)})",
            ("  ·  seat ", "$text-muted"),
            data(facts.seat or "-", limit=30),
            ("  ·  batch ", "$text-muted"),
            data(facts.batch or "-", limit=30),
            "\n",
            ("Weight   ", "$text-muted"),
            (f"{step.job.weight}: ", "bold"),
            data("; ".join(step.job.why), "$text-muted"),
            *self._advice(shown),
            "\n\n",
            ("enter", "bold $accent"),
            (" when you have deleted it in LinkedIn  ·  ", "$text-muted"),
            ("e", "bold $accent"),
            (" edited instead  ·  ", "$text-muted"),
            ("k", "bold $accent"),
            (" skip", "$text-muted"),
        )

    def _upcoming_content(self, now: datetime) -> Content:
        triage, zone = self._plan(), self.host.zone
        steps = triage.plan.steps[1 : 1 + UPCOMING]
        if not steps:
            return Content("")
        lines: list[Content | tuple[str, str] | str] = [("Then", "bold")]
        for index, step in enumerate(steps, start=2):
            row = self.model.row_of(step.job.message_id)
            recipient = self.model.facts(row).recipient if row is not None else ""
            lines += [
                "\n",
                (
                    f"{index:>4}  start {clock_text(step.start, zone)}  "
                    f"closes {clock_text(step.job.deadline, zone)}  ",
                    "$text-muted",
                ),
                (f"#{step.job.message_id:<6} ", ""),
                Content(data_text(recipient, limit=28).ljust(28)),
                (f"  weight {step.job.weight}", "$text-muted"),
            ]
        more = triage.saveable - 1 - len(steps)
        if more > 0:
            lines += ["\n", (f"      … and {more} more", "$text-muted")]
        return Content.assemble(*lines)

    def _advice(self, shown: NextMessage) -> list[Content | tuple[str, str] | str]:
        parts: list[Content | tuple[str, str] | str] = []
        if shown.recommendation is not None:
            advice = shown.recommendation
            parts += ["\n", ("Do       ", "$text-muted"), (advice.action, "bold"), ": ", data(advice.reason)]
            for caution in advice.cautions:
                parts += ["\n", ("         caution: ", "$warning"), data(caution)]
        if shown.group is not None:
            group = shown.group
            parts += [
                "\n",
                ("Group    ", "$text-muted"),
                f"template group {group.key}: {group.size:,} messages, {group.open_members:,} still open",
            ]
        return parts

    def _load_next(self, message_id: int, version: int) -> NextMessage:
        """What is known of the next message; reads the rest off the screen's thread when it changes."""
        if self._next is not None and (self._next.message_id, self._next.version) == (message_id, version):
            return self._next
        self._next = NextMessage(message_id, version)
        model = self.model

        def work() -> NextMessage:
            item = model.item(message_id)
            if item is None:
                return NextMessage(message_id, version, "")
            return NextMessage(
                message_id,
                version,
                " ".join(item.message.body.split()),
                model.recommendation(item),
                model.template_group(message_id),
            )

        def loaded(found: NextMessage) -> None:
            if self._next is not None and (self._next.message_id, self._next.version) == (
                message_id,
                version,
            ):
                self._next = found
                self._show(self.cockpit.clock.now())

        self.host.run_io(work, loaded, name="walk next message", group="walk-words", exclusive=True)
        return self._next

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("deleted", "edited", "skip"):
            return True if self._next_step_id() is not None and not self.busy else None
        if action == "pace":
            return True if self.pace is not None else None
        return True

    def action_deleted(self) -> None:
        """The next message was deleted in LinkedIn: mark it recalled now (audited, one entry)."""
        mid = self._next_step_id()
        if mid is None or self.busy:
            return
        row = self.model.row_of(mid)
        if row is None:
            return
        if self.recruiter_confirmed is None and self.model.needs_second_confirmation(row):
            self._confirm_recruiter(lambda: self._mark(mid))
            return
        self._mark(mid)

    def _confirm_recruiter(self, then: Callable[[], None]) -> None:
        recruiter = sum(
            1
            for step in self._plan().plan.steps
            if (row := self.model.row_of(step.job.message_id)) is not None
            and self.model.needs_second_confirmation(row)
        )
        dialog = ConfirmDialog(
            Content.styled("Recruiter seats: confirm once for this walk", "bold $error"),
            Content.assemble(
                f"{recruiter} of the messages in this walk are on Recruiter seats, whose recalls need a "
                "second confirmation.\n\n",
                "Confirm once now: for the rest of this walk, ",
                ("enter", "bold"),
                " marks the message you deleted without asking again. The walk's title says so, and each "
                "mark is recorded in the audit log with its own time.",
            ),
            "confirm for this walk",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.recruiter_confirmed = self.cockpit.clock.now()
                then()

        self.app.push_screen(dialog, answered)

    def _mark(self, message_id: int) -> None:
        row = self.model.row_of(message_id)
        if row is None:
            return
        version = self.model.facts(row).version
        actions = self.cockpit.actions
        self.busy = True
        self.refresh_bindings()

        def work() -> str | None:
            try:
                actions.recall_one(message_id, expected_version=version, via="walk")
            except CockpitError as error:
                return str(error)
            return None

        def done(refusal: str | None) -> None:
            self.busy = False
            self.refresh_bindings()
            if refusal is not None:
                self.host.notify(refusal, title="Not marked", severity="error", timeout=10)
                self.progress.passed.add(message_id)
            else:
                self.progress.saved[message_id] = self.cockpit.clock.now()
            self.poll()
            self.replan()

        self.host.run_io(work, done, name="walk recall", group="walk-mark")

    def action_edited(self) -> None:
        """The next message was edited in LinkedIn instead: open the edit form, then move on."""
        mid = self._next_step_id()
        if mid is None:
            return
        row = self.model.row_of(mid)
        if row is None:
            return
        version = self.model.facts(row).version
        self.progress.edited[mid] = version
        self.post_message(ActOn("edit", mid, version))
        self.replan()

    def _edited(self) -> int:
        """How many of the messages sent to the edit form were edited (their version moved on)."""
        return sum(
            1
            for mid, version in self.progress.edited.items()
            if (row := self.model.row_of(mid)) is not None and self.model.facts(row).version > version
        )

    def on_screen_resume(self) -> None:
        """Back from a form: an edit form closed without saving puts its message back in the plan
        (checked once the change, if any, has been read back)."""
        if self.progress.edited:
            self.set_timer(1.5, self._settle_edits, name="walk-settle-edits")

    def _settle_edits(self) -> None:
        for mid, version in list(self.progress.edited.items()):
            row = self.model.row_of(mid)
            if row is not None and self.model.facts(row).version == version:
                del self.progress.edited[mid]
        self.replan()

    def action_skip(self) -> None:
        """Leave the next message for now; the plan is made again without it."""
        mid = self._next_step_id()
        if mid is not None:
            self.progress.passed.add(mid)
            self.replan()

    def action_pace(self, direction: int) -> None:
        """One recall takes ``pace_step_seconds`` longer (1) or shorter (-1)."""
        if self.pace is None:
            return
        planning = self.cockpit.policy.planning
        seconds = self.pace.seconds + direction * planning.pace_step_seconds
        seconds = min(max(seconds, planning.min_pace_seconds), planning.max_pace_seconds)
        self.pace = self.pace.but(seconds)
        self.replan()

    def action_back(self) -> None:
        """End the walk and say what it did."""
        saved = len(self.progress.saved)
        self.host.notify(
            f"walk ended: {saved} marked recalled, each at its own time; {self._edited()} edited, "
            f"{len(self.progress.passed)} skipped",
            title="Guided walk",
        )
        self.app.pop_screen()

    def action_help(self) -> None:
        self.post_message(OpenHelp(self.help_sections()))
