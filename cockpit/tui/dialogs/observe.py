"""The choice of what was observed on the recipient's side (a reply, an open, a push, a forward)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cockpit.domain.model import Observation

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
