"""A prompt for one line of text (a reason, a comment, a file name)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TextPrompt(ModalScreen[str | None]):
    """Ask for a line of text (a reason, a comment); enter submits, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self,
        title: Content,
        explanation: Content,
        placeholder: str = "",
        *,
        required: bool = True,
        value: str = "",
        submit: str = "save",
    ) -> None:
        """``value``: the text offered (pre-filled, editable); ``submit``: what enter does, in words."""
        super().__init__(classes="dialog-screen")
        self.title_content = title
        self.explanation = explanation
        self.placeholder = placeholder
        self.required = required
        self.value = value
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_content, classes="dialog-title")
            yield Static(self.explanation, classes="dialog-text")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", classes="field-error")
            yield Static(
                Content.assemble(
                    ("enter", "bold $accent"), f" {self.submit}    ", ("esc", "bold $accent"), " cancel"
                ),
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
