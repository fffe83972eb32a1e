"""The reviewer's keys on a message's findings: dismiss one as a false alarm, add one the scanner
missed. Each asks what it needs, then calls :class:`cockpit.services.risk_review.RiskReview` in a
thread with the version the user saw."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.content import Content
from textual.screen import Screen

from cockpit.domain.assessment import Assessment
from cockpit.domain.scanner import CODES
from cockpit.services.cockpit import Cockpit
from cockpit.tui.dialogs import ChoiceDialog, TextPrompt
from cockpit.tui.format import data
from cockpit.tui.host import CockpitHost


@dataclass(frozen=True, slots=True)
class Target:
    """The message as the user saw it, and how dialogs name it."""

    message_id: int
    version: int
    label: Content


@dataclass(frozen=True, slots=True)
class Steps:
    """What the flows of the main screen lend: the app, the cockpit, dialogs and background work."""

    app: CockpitHost
    cockpit: Cockpit
    push: Callable[[Screen[Any], Callable[[Any], None]], None]
    run: Callable[[Callable[[], Any], Callable[[Any], None], str], None]


class RiskFlows:
    """Dismiss and add findings, for the flows of the main screen."""

    def __init__(self, steps: Steps) -> None:
        self.flows = steps

    def _assessment(self, target: Target, then: Callable[[Assessment], None]) -> None:
        cockpit = self.flows.cockpit

        def work() -> Assessment | None:
            message = cockpit.repo.message(target.message_id)
            return cockpit.assess(message) if message is not None else None

        def loaded(assessment: Assessment | None) -> None:
            if assessment is None:
                self.flows.app.notify(f"message {target.message_id} no longer exists", severity="error")
            else:
                then(assessment)

        self.flows.app.run_io(work, loaded, name="findings", group="action")

    def _decide(
        self,
        target: Target,
        choices: list[tuple[str, Content]],
        verb: str,
        question: str,
        explanation: str,
        record: Callable[[str, str], int],
    ) -> None:
        """Ask which code (``question``), then why (``explanation``), then ``record(code, reason)`` in a
        thread; say what was done (``verb``: "dismiss" or "add")."""

        def chosen(code: str | None) -> None:
            if code is None:
                return

            def answered(reason: str | None) -> None:
                if not reason:
                    return
                self.flows.run(
                    lambda: record(code, reason),
                    lambda _seq: self.flows.app.notify(
                        f"message {target.message_id}: {code} {verb}ed",
                        title=f"Finding {verb}ed",
                    ),
                    f"{verb} finding",
                )

            title = Content.assemble(f"{verb.capitalize()} {code} {'on' if verb == 'dismiss' else 'to'} ",
                                     target.label)  # fmt: skip
            self.flows.push(TextPrompt(title, Content(explanation), "reason"), answered)

        heading = Content.assemble(f"{verb.capitalize()} a finding {'of' if verb == 'dismiss' else 'to'} ",
                                   target.label)  # fmt: skip
        self.flows.push(ChoiceDialog(heading, Content(question), choices), chosen)

    def dismiss(self, target: Target) -> None:
        """Choose a standing finding, give a reason, dismiss it (audited)."""
        review = self.flows.cockpit.review

        def chosen_from(assessment: Assessment) -> None:
            codes = list(dict.fromkeys(r.code for r in assessment.risks))
            if not codes:
                self.flows.app.notify(f"message {target.message_id} has no finding to dismiss")
                return
            choices = []
            for code in codes:
                first = next(r for r in assessment.risks if r.code == code)
                why = data(first.why or first.evidence, limit=70)
                choices.append((code, Content.assemble((f"{code:<19}", "bold"), why)))
            self._decide(
                target,
                choices,
                "dismiss",
                "Which finding is a false alarm?",
                "Why it is a false alarm (audited). It stays listed as dismissed but leaves the counts "
                "and the exposure.",
                lambda code, reason: review.dismiss(
                    target.message_id, code, reason, expected_version=target.version
                ),
            )

        self._assessment(target, chosen_from)

    def add(self, target: Target) -> None:
        """Choose a risk code the scanner missed, give a reason, add it (audited)."""
        review = self.flows.cockpit.review
        policy = self.flows.cockpit.policy

        def chosen_from(assessment: Assessment) -> None:
            standing = {r.code for r in assessment.risks}
            choices = [
                (
                    code,
                    Content.assemble(
                        (f"{code:<19}", "bold"),
                        (policy.risks[code].severity if code in policy.risks else "", "$text-muted"),
                    ),
                )
                for code in CODES
                if code not in standing
            ]
            self._decide(
                target,
                choices,
                "add",
                "Which risk did the scanner miss?",
                "Why it is a risk (audited). It counts like a scanned finding, marked as added by you.",
                lambda code, reason: review.add(
                    target.message_id, code, reason, expected_version=target.version
                ),
            )

        self._assessment(target, chosen_from)
