"""The reviewer's notes on a message: a comment, an escalation for counsel, and resolving or
withdrawing that escalation. Each asks what it needs, then calls the service in a thread."""

from __future__ import annotations

from textual.content import Content

from cockpit.domain.escalation import RESOLVED, WITHDRAWN
from cockpit.tui.dialogs import ChoiceDialog, TextPrompt
from cockpit.tui.screens.risk_flows import Steps, Target

SETTLE_CHOICES = (
    (RESOLVED, "Resolve it: counsel has dealt with it"),
    (WITHDRAWN, "Withdraw it: it was raised in error"),
)


class ReviewFlows:
    """Comment, escalate, resolve or withdraw an escalation, for the flows of the main screen."""

    def __init__(self, steps: Steps) -> None:
        self.flows = steps

    def annotate(self, kind: str, target: Target) -> None:
        """Add a comment (``kind`` "comment") or escalate (``kind`` "escalate")."""
        if kind == "comment":
            title = Content.assemble("Comment on ", target.label)
            text = "A reviewer's note, kept in the audit log. Find commented messages with flag:commented."
        else:
            title = Content.assemble("Escalate ", target.label, " for counsel")
            text = (
                "Why counsel should look at it (audited). Find open escalations with flag:escalated; "
                "X on the message's details resolves or withdraws it."
            )
        actions = self.flows.cockpit.actions
        app = self.flows.app

        def answered(note: str | None) -> None:
            if not note:
                return
            call = actions.comment if kind == "comment" else actions.escalate
            self.flows.run(
                lambda: call(target.message_id, note),
                lambda _seq: app.notify(
                    f"message {target.message_id}: "
                    + ("comment saved" if kind == "comment" else "escalated"),
                    title="Comment" if kind == "comment" else "Escalated",
                ),
                kind,
            )

        self.flows.push(TextPrompt(title, Content(text), "note"), answered)

    def settle(self, target: Target) -> None:
        """Resolve or withdraw the message's open escalation: choose which, then give a reason."""
        actions = self.flows.cockpit.actions
        app = self.flows.app

        def chosen(state: str | None) -> None:
            if state not in (RESOLVED, WITHDRAWN):
                return
            verb = "Resolve" if state == RESOLVED else "Withdraw"
            prompt = TextPrompt(
                Content.assemble(f"{verb} the escalation of ", target.label),
                Content("Why (required; kept in the audit log)."),
                "reason",
            )

            def answered(reason: str | None) -> None:
                if not reason:
                    return
                call = actions.resolve_escalation if state == RESOLVED else actions.withdraw_escalation
                self.flows.run(
                    lambda: call(target.message_id, reason),
                    lambda _seq: app.notify(
                        f"message {target.message_id}: escalation {state}", title="Escalation"
                    ),
                    "settle escalation",
                )

            self.flows.push(prompt, answered)

        dialog = ChoiceDialog(
            Content.assemble("The escalation of ", target.label),
            Content("Resolve or withdraw it; either asks why and is audited."),
            [(key, Content(label)) for key, label in SETTLE_CHOICES],
        )
        self.flows.push(dialog, chosen)
