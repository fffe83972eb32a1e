"""Dialogs: confirmations (y/enter confirms, n/esc cancels), a reason prompt, observation choice
and the edit form. Every piece of message data in them is safe ``Content``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from cockpit.domain.model import Observation
from cockpit.text import safe_text


class ConfirmDialog(ModalScreen[bool]):
    """Ask before a state change. ``y`` or ``enter`` confirms; ``n`` or ``esc`` cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "confirm", "Confirm", id="confirm"),
        Binding("n,escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(
        self, title: Content, body: Content, confirm: str = "confirm", *, danger: bool = True
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_content = title
        self.body_content = body
        self.confirm_label = confirm
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog" + (" -danger" if self.danger else "")):
            yield Static(self.title_content, classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.body_content)
            yield Static(
                Content.assemble(
                    ("y", "bold $accent"),
                    ("/", "$text-muted"),
                    ("enter", "bold $accent"),
                    (f" {self.confirm_label}    ", ""),
                    ("n", "bold $accent"),
                    ("/", "$text-muted"),
                    ("esc", "bold $accent"),
                    (" cancel", ""),
                ),
                classes="dialog-keys",
            )

    def action_confirm(self) -> None:
        """Confirm."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Cancel."""
        self.dismiss(False)


class TextPrompt(ModalScreen[str | None]):
    """Ask for a line of text (a reason, a comment); enter submits, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self, title: Content, explanation: Content, placeholder: str = "", *, required: bool = True
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_content = title
        self.explanation = explanation
        self.placeholder = placeholder
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_content, classes="dialog-title")
            yield Static(self.explanation, classes="dialog-text")
            yield Input(placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", classes="field-error")
            yield Static(
                Content.assemble(("enter", "bold $accent"), " save    ", ("esc", "bold $accent"), " cancel"),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if self.required and not text:
            self.query_one("#prompt-error", Static).update(
                Content("required: type some text, or esc to cancel")
            )
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        """Cancel."""
        self.dismiss(None)


OBSERVATIONS: tuple[tuple[Observation, str], ...] = (
    (Observation.REPLIED, "Replied (a reply within 90 days refunds the credit)"),
    (Observation.OPENED, "Opened (the recipient saw the original text)"),
    (Observation.PUSH_DELIVERED, "Push delivered (the preview was shown)"),
    (Observation.NO_PUSH, "No push went out (no preview was shown)"),
    (Observation.FORWARDED, "Forwarded (a copy is out of reach)"),
)


class ObserveDialog(ModalScreen[Observation | None]):
    """Choose what was observed on the recipient's side; enter or 1-5 chooses, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        *[
            Binding(str(i + 1), f"choose({i})", label, show=False)
            for i, (_k, label) in enumerate(OBSERVATIONS)
        ],
    ]

    def __init__(self, title: Content) -> None:
        super().__init__(classes="dialog-screen")
        self.title_content = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_content, classes="dialog-title")
            yield OptionList(
                *[
                    Option(Content(f"{i + 1}  {label}"), id=kind.value)
                    for i, (kind, label) in enumerate(OBSERVATIONS)
                ],
                id="observations",
            )
            yield Static(
                Content.assemble(
                    ("enter", "bold $accent"),
                    "/",
                    ("1-5", "bold $accent"),
                    " record    ",
                    ("esc", "bold $accent"),
                    " cancel",
                ),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Observation(event.option.id or ""))

    def action_choose(self, index: int) -> None:
        """Record choice ``index``."""
        self.dismiss(OBSERVATIONS[index][0])

    def action_cancel(self) -> None:
        """Cancel."""
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class EditRequest:
    """What the edit form returns."""

    subject: str
    body: str
    reason: str | None


class EditDialog(ModalScreen[EditRequest | None]):
    """The new text of a message: subject, body and a reason. ctrl+s saves, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, title: Content, subject: str, body: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_content = title
        self.safe_subject = safe_text(subject)
        self.safe_body = safe_text(body, multiline=True)
        self.changed_by_safety = self.safe_body != body.replace("\r\n", "\n").replace("\t", "    ")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Static(self.title_content, classes="dialog-title")
            if self.changed_by_safety:
                yield Static(
                    Content.styled(
                        "The text holds control or invisible characters; they are shown as visible "
                        "symbols and saved as shown.",
                        "$warning",
                    ),
                    classes="dialog-text",
                )
            yield Static("Subject", classes="field-label")
            yield Input(self.safe_subject, id="edit-subject")
            yield Static("Body (the text as it reads now on LinkedIn)", classes="field-label")
            yield TextArea(self.safe_body, id="edit-body", soft_wrap=True)
            yield Static("Reason (recorded in the audit log; optional)", classes="field-label")
            yield Input(placeholder="e.g. fixed the greeting", id="edit-reason")
            yield Static("", id="edit-error", classes="field-error")
            yield Static(
                Content.assemble(
                    ("ctrl+s", "bold $accent"),
                    " save (keeps the old text as a revision)    ",
                    ("esc", "bold $accent"),
                    " cancel",
                ),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#edit-body", TextArea).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Return the new text."""
        body = self.query_one("#edit-body", TextArea).text
        if not body.strip():
            self.query_one("#edit-error", Static).update(Content("the body cannot be empty"))
            return
        reason = self.query_one("#edit-reason", Input).value.strip() or None
        self.dismiss(EditRequest(self.query_one("#edit-subject", Input).value, body, reason))

    def action_cancel(self) -> None:
        """Cancel."""
        self.dismiss(None)
