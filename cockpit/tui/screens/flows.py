"""What each action key does: ask what is needed, call the service in a thread, say what happened.

Every state change goes through :class:`cockpit.services.actions.Actions` with the version the user
saw, so a message someone else changed meanwhile is refused with who and when, not overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from textual.app import App
from textual.content import Content
from textual.screen import Screen

from cockpit.domain.model import Observation
from cockpit.domain.rules import edit_refusal, recall_refusal
from cockpit.live.model import LiveModel
from cockpit.services.actions import Actions, RecallOutcome
from cockpit.services.cockpit import Cockpit
from cockpit.tui.dialogs import ConfirmDialog, EditDialog, EditRequest, ObserveDialog, TextPrompt
from cockpit.tui.dialogs.new_send import NewSendScreen
from cockpit.tui.format import data, hhmm, mmss
from cockpit.tui.host import CockpitHost
from cockpit.tui.screens.review_flows import ReviewFlows
from cockpit.tui.screens.risk_flows import RiskFlows, Steps
from cockpit.tui.screens.risk_flows import Target as RiskTarget
from cockpit.tui.widgets.message_table import MessageTable

R = TypeVar("R")

LEAK_WORDS = {
    "PUSH_PREVIEW": "the push/e-mail preview already shown",
    "OPENED": "what the recipient already read (it was opened)",
    "MOBILE_CACHE": "the copy cached on the recipient's phone (up to 48 h)",
    "FORWARDED": "the forwarded copy",
    "METADATA_RETAINED": "the metadata LinkedIn keeps (7+ years)",
}


@dataclass(frozen=True, slots=True)
class Target:
    """A message as the user saw it: id, version and the row it was on."""

    message_id: int
    version: int
    row: int


class FlowScreen(Protocol):
    """The screen whose table the flows act on (the main screen)."""

    cockpit: Cockpit
    model: LiveModel

    @property
    def host(self) -> CockpitHost:
        """The running cockpit app."""
        ...

    @property
    def app(self) -> App[Any]:
        """The app, to open dialogs on."""
        ...

    @property
    def table(self) -> MessageTable:
        """The message table (cursor and marks)."""
        ...

    def poll_now(self) -> None:
        """Look for changes now."""
        ...


class Flows:
    """The action flows of the main screen; the details screen asks for them by message."""

    def __init__(self, screen: FlowScreen) -> None:
        self.screen = screen
        # the reason of the last recall in each batch, offered again for the next one in it
        self.batch_reasons: dict[str, str] = {}

    @property
    def app(self) -> CockpitHost:
        return self.screen.host

    @property
    def actions(self) -> Actions:
        return self.screen.cockpit.actions

    def _push(self, dialog: Screen[R], answered: Callable[[R | None], None]) -> None:
        self.screen.app.push_screen(dialog, answered)

    def _current(self) -> Target | None:
        row = self.screen.table.current_row()
        if row is None:
            return None
        facts = self.screen.model.facts(row)
        return Target(facts.message_id, facts.version, row)

    def act(self, action: str, message_id: int, version: int | None = None) -> None:
        """Run the flow of ``action`` (recall, edit, revert, observe, comment, escalate,
        settle_escalation, dismiss_risk, add_risk) on one message as the user saw it."""
        target = self.target(message_id, version)
        if target is None:
            self.app.notify(f"message {message_id} is not loaded; nothing was changed", severity="error")
            return
        if action == "recall":
            self.recall(target)
        elif action == "edit":
            self.edit_current(target)
        elif action == "revert":
            self.revert_current(target)
        elif action == "observe":
            self.observe_current(target)
        elif action in ("comment", "escalate"):
            self.annotate_current(action, target)
        elif action == "settle_escalation":
            self.settle_escalation(target)
        elif action in ("dismiss_risk", "add_risk"):
            flows = RiskFlows(Steps(self.app, self.screen.cockpit, self._push, self._run))
            seen = RiskTarget(target.message_id, target.version, self._label(target))
            (flows.dismiss if action == "dismiss_risk" else flows.add)(seen)

    def target(self, message_id: int, version: int | None = None) -> Target | None:
        """The message ``message_id`` as last seen (``version`` overrides the table's)."""
        model = self.screen.model
        row = model.row_of(message_id)
        if row is None:
            return None
        return Target(message_id, version if version is not None else model.facts(row).version, row)

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], name: str) -> None:
        def finished(result: Any) -> None:
            done(result)
            self.screen.poll_now()

        self.app.run_io(work, finished, name=name, group="action")

    def _label(self, target: Target) -> Content:
        facts = self.screen.model.facts(target.row)
        return Content.assemble(
            (f"#{target.message_id} ", "bold"),
            ("to ", "$text-muted"),
            data(facts.recipient, "bold", limit=40),
            ("  “", "$text-muted"),
            data(facts.subject, limit=60),
            ("”", "$text-muted"),
        )

    def _is_recruiter(self, row: int) -> bool:
        return self.screen.model.needs_second_confirmation(row)

    # -- details ------------------------------------------------------------------------------

    def _refused(self, target: Target, refusal: str) -> None:
        """Say that a rule refused an action on ``target`` (nothing was changed)."""
        self.app.notify(
            f"message {target.message_id}: {refusal}; nothing was changed",
            title="Refused",
            severity="error",
            timeout=10,
        )

    # -- recall -------------------------------------------------------------------------------

    def recall(self, target: Target | None = None) -> None:
        """Recall ``target`` (default: the marked messages, else the one under the cursor)."""
        if target is None and self.screen.table.marks:
            self.recall_marked()
            return
        target = target or self._current()
        if target is None:
            return
        model = self.screen.model
        now = self.screen.cockpit.clock.now()
        policy = self.screen.cockpit.policy
        refusal = recall_refusal(model.rule_message(target.row), now, policy)
        if refusal is not None:
            self._refused(target, refusal)
            return
        deadline = model.deadline(target.row)
        seconds = max(0, int((deadline - now).total_seconds())) if deadline is not None else 0
        facts = model.facts(target.row)
        leaks = [LEAK_WORDS[c] for c in (*facts.leaks, "METADATA_RETAINED") if c in LEAK_WORDS]
        body = Content.assemble(
            self._label(target),
            "\n\n",
            ("Window: ", "$text-muted"),
            (f"{mmss(int(seconds))} left", "bold $warning"),
            "\n\nDelete it in LinkedIn, then confirm to mark it recalled here (audited).\n",
            "A recall removes it from both inboxes. It does NOT undo:\n",
            *[f"  • {leak}\n" for leak in dict.fromkeys(leaks)],
            ("The credit is not refunded: a recall never refunds.", "$warning"),
        )
        title = Content.styled(f"Recall message #{target.message_id}?", "bold")

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            if self._is_recruiter(target.row):
                second = ConfirmDialog(
                    Content.styled("Recruiter seat: confirm again", "bold $error"),
                    Content.assemble(
                        "Recalls on a Recruiter seat need a second confirmation.\n\n",
                        self._label(target),
                    ),
                    "recall it",
                )
                self._push(second, lambda again: self._ask_reason([target], reasoned) if again else None)
                return
            self._ask_reason([target], reasoned)

        def reasoned(reason: str | None) -> None:
            self._recall_one(target, reason)

        self._push(ConfirmDialog(title, body, "mark recalled"), confirmed)

    def _ask_reason(self, targets: list[Target], then: Callable[[str | None], None]) -> None:
        """Ask for the recall's optional reason (kept in the audit entry), offering again the last one
        given in the same batch; ``then(reason)`` unless cancelled."""
        model = self.screen.model
        batches = {model.facts(t.row).batch for t in targets}
        batch = batches.pop() if len(batches) == 1 else None
        offered = self.batch_reasons.get(batch, "") if batch else ""
        what = f"#{targets[0].message_id}" if len(targets) == 1 else f"{len(targets)} messages"
        explanation = Content.assemble(
            "Why it is recalled, kept in the audit entry. Empty is fine.\n",
            (
                Content.assemble("The last reason given in batch ", data(batch, "bold"), " is offered.\n")
                if offered
                else ""
            ),
            ("enter marks it recalled; esc cancels and marks nothing.", "$text-muted"),
        )
        prompt = TextPrompt(
            Content.styled(f"Reason for recalling {what} (optional)", "bold"),
            explanation,
            "why (optional)",
            required=False,
            value=offered,
            submit="mark recalled",
        )

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            if batch:
                self.batch_reasons[batch] = reason
            then(reason or None)

        self._push(prompt, answered)

    def _recall_one(self, target: Target, reason: str | None = None) -> None:
        actions = self.actions

        def work() -> None:
            actions.recall_one(target.message_id, reason=reason, expected_version=target.version)

        self._run(
            work,
            lambda _r: self.app.notify(f"message {target.message_id} marked recalled", title="Recalled"),
            "recall",
        )

    def recall_marked(self) -> None:
        """Bulk recall of the marked messages: one confirmation listing what will be skipped."""
        screen = self.screen
        model = screen.model
        now = screen.cockpit.clock.now()
        policy = screen.cockpit.policy
        ready: list[Target] = []
        skipped: list[tuple[Target, str]] = []
        for message_id in sorted(screen.table.marks):
            target = self.target(message_id)
            if target is None:
                continue
            refusal = recall_refusal(model.rule_message(target.row), now, policy)
            if refusal is None:
                ready.append(target)
            else:
                skipped.append((target, refusal))
        total = len(ready) + len(skipped)
        at = hhmm(now, self.app.zone)
        lines: list[Content] = [
            Content.assemble(
                (f"{len(ready)}", "bold $success"),
                f" of {total} marked messages will be marked recalled (one audit entry each).\n\n",
                ("This records the marks now, all at one time", "bold"),
                f" ({at}), ",
                ("not when each was deleted in LinkedIn", "bold"),
                f": each audit entry says it was a bulk mark of {len(ready)}. Use it for messages you have "
                "already deleted there (LinkedIn has no bulk recall: each is deleted by hand).\n",
                (
                    "To record each deletion as you make it, recall one message at a time (r on its row) "
                    "or use the walk (p).\n",
                    "$text-muted",
                ),
            )
        ]
        if skipped:
            lines.append(Content.styled(f"\n{len(skipped)} will be skipped:\n", "bold $warning"))
            for target, reason in skipped:
                lines.append(Content.assemble(self._label(target), "\n    ", data(reason, "$warning"), "\n"))
        recruiter = [t for t in ready if self._is_recruiter(t.row)]
        if recruiter:
            lines.append(
                Content.styled(
                    f"\n{len(recruiter)} are on Recruiter seats: you will be asked again.\n", "$error"
                )
            )
        lines.append(
            Content.styled("\nA recall never refunds credits, and does not reduce exposure.", "$text-muted")
        )
        title = Content.styled(f"Recall {len(ready)} of {total} marked messages?", "bold")
        if not ready:
            title = Content.styled(f"None of the {total} marked messages can be recalled", "bold $error")

        def confirmed(yes: bool | None) -> None:
            if not yes or not ready:
                return
            if recruiter:
                again = ConfirmDialog(
                    Content.styled("Recruiter seats: confirm again", "bold $error"),
                    Content(f"{len(recruiter)} of the {len(ready)} messages are on Recruiter seats."),
                    f"recall {len(ready)}",
                )
                self._push(again, lambda second: self._ask_reason(ready, reasoned) if second else None)
                return
            self._ask_reason(ready, reasoned)

        def reasoned(reason: str | None) -> None:
            self._recall_many(ready, reason)

        self._push(ConfirmDialog(title, Content("").join(lines), f"mark {len(ready)} now"), confirmed)

    def _recall_many(self, ready: list[Target], reason: str | None = None) -> None:
        versions = {t.message_id: t.version for t in ready}
        actions = self.actions

        def work() -> RecallOutcome:
            return actions.recall(list(versions), reason=reason, expected_versions=versions)

        def done(outcome: RecallOutcome) -> None:
            text = f"recalled {len(outcome.recalled)} of {len(ready)}" + (
                " in one bulk mark, recorded now" if len(outcome.recalled) > 1 else ""
            )
            if outcome.skipped:
                details = "; ".join(f"#{s.message_id}: {s.reason}" for s in outcome.skipped[:5])
                more = f" (and {len(outcome.skipped) - 5} more)" if len(outcome.skipped) > 5 else ""
                text += f"; skipped {len(outcome.skipped)}: {details}{more}"
            self.app.notify(
                text,
                title="Bulk recall",
                severity="warning" if outcome.skipped else "information",
                timeout=12,
            )
            self.screen.table.marks.difference_update(outcome.recalled)

        self._run(work, done, "bulk recall")

    # -- edit, revert, observe, annotate, new send --------------------------------------------

    def edit_current(self, target: Target | None = None) -> None:
        """Edit the message's text (the old text is kept as a revision)."""
        target = target or self._current()
        if target is None:
            return
        refusal = edit_refusal(
            self.screen.model.rule_message(target.row),
            self.screen.cockpit.clock.now(),
            self.screen.cockpit.policy,
        )
        if refusal is not None:
            self._refused(target, refusal)
            return
        repo = self.screen.cockpit.repo

        def opened(message: Any) -> None:
            if message is None:
                return
            from cockpit.services.new_send import MAX_BODY

            if len(message.body) > MAX_BODY:
                self.app.notify(
                    f"message {target.message_id}: the body is longer than {MAX_BODY:,} "
                    "characters and cannot be edited here",
                    severity="error",
                )
                return
            dialog = EditDialog(Content.assemble("Edit ", self._label(target)), message.subject, message.body)
            self._push(dialog, lambda request: self._save_edit(target, dialog, request))

        self.app.run_io(lambda: repo.message(target.message_id), opened, name="open for edit", group="read")

    def _save_edit(self, target: Target, dialog: EditDialog, request: EditRequest | None) -> None:
        if request is None:
            return
        subject = None if request.subject == dialog.safe_subject else request.subject
        actions = self.actions

        def work() -> int:
            revision: int = actions.edit(
                target.message_id,
                request.body,
                reason=request.reason,
                expected_version=target.version,
                subject=subject,
            )
            return revision

        self._run(
            work,
            lambda revision: self.app.notify(
                f"message {target.message_id} marked edited; the earlier text is kept as revision {revision}",
                title="Edited",
            ),
            "edit",
        )

    def revert_current(self, target: Target | None = None) -> None:
        """Undo the newest recall or edit mark, with a reason."""
        target = target or self._current()
        if target is None:
            return
        status = self.screen.model.facts(target.row).status
        prompt = TextPrompt(
            Content.assemble(f"Revert the {status} mark of ", self._label(target)),
            Content("Use this when the mark was made in error. The reason is recorded in the audit log."),
            "why the mark was wrong",
        )

        actions = self.actions

        def answered(reason: str | None) -> None:
            if reason:
                self._run(
                    lambda: actions.revert(target.message_id, reason, expected_version=target.version),
                    lambda new_status: self.app.notify(
                        f"message {target.message_id}: mark reverted, now {new_status}", title="Reverted"
                    ),
                    "revert",
                )

        self._push(prompt, answered)

    def observe_current(self, target: Target | None = None) -> None:
        """Record a reply, an open, a push (or none) or a forward."""
        target = target or self._current()
        if target is None:
            return

        actions = self.actions

        def chosen(kind: Observation | None) -> None:
            if kind is None:
                return
            self._run(
                lambda: actions.observe(target.message_id, kind, expected_version=target.version),
                lambda _r: self.app.notify(
                    f"message {target.message_id}: recorded {kind.value.replace('_', ' ')}", title="Observed"
                ),
                "observe",
            )

        self._push(ObserveDialog(Content.assemble("What happened to ", self._label(target), "?")), chosen)

    def annotate_current(self, kind: str, target: Target | None = None) -> None:
        """Add a comment (``kind`` "comment") or escalate (``kind`` "escalate")."""
        target = target or self._current()
        if target is not None:
            self._review().annotate(kind, RiskTarget(target.message_id, target.version, self._label(target)))

    def settle_escalation(self, target: Target) -> None:
        """Resolve or withdraw the message's open escalation, with a reason."""
        self._review().settle(RiskTarget(target.message_id, target.version, self._label(target)))

    def _review(self) -> ReviewFlows:
        return ReviewFlows(Steps(self.app, self.screen.cockpit, self._push, self._run))

    def new_send(self) -> None:
        """Log a send with the quick form."""
        screen = self.screen
        actions = self.actions

        def submitted(send: Any) -> None:
            if send is None:
                return
            self._run(
                lambda: actions.add_send(send),
                lambda message_id: self.app.notify(f"logged as message {message_id}", title="Send logged"),
                "add send",
            )

        self._push(NewSendScreen(screen.cockpit, screen.model.seat_names()), submitted)
