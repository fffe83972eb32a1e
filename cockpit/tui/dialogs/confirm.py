"""A confirmation before a state change: ``y`` or ``enter`` confirms; ``n`` or ``esc`` cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


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
