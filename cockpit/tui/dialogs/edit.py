"""The edit form: the new subject, body and a reason; every piece of message data in it is safe
text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from cockpit.text import safe_text


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
