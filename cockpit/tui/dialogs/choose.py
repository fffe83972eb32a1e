"""A choice from a short list (a finding to dismiss, a risk code to add); enter chooses, esc cancels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ChoiceDialog(ModalScreen[str | None]):
    """Choose one of ``choices`` (``(id, label)``); the dialog returns the id, or None on esc."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: Content, explanation: Content, choices: Sequence[tuple[str, Content]]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_content = title
        self.explanation = explanation
        self.choices = tuple(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_content, classes="dialog-title")
            yield Static(self.explanation, classes="dialog-text")
            yield OptionList(*[Option(label, id=key) for key, label in self.choices], id="choices")
            yield Static(
                Content.assemble(
                    ("enter", "bold $accent"), " choose    ", ("esc", "bold $accent"), " cancel"
                ),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Cancel."""
        self.dismiss(None)
