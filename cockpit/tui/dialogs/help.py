"""The key reference: the sections its opener gives, each generated from bindings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from cockpit.tui.format import TABLE_LEGEND
from cockpit.tui.keys import HelpSection


def _section(section: HelpSection) -> Content:
    lines: list[Content] = [Content.styled(f"\n{section.title}\n", "bold $accent")]
    for key in section.keys:
        tip = (key.tip, "$text-muted") if key.tip else ""
        lines.append(Content.assemble((f"  {key.key:>12}  ", "bold $accent"), key.description, tip, "\n"))
    return Content("").join(lines)


def help_content(sections: Sequence[HelpSection]) -> Content:
    """The key reference made of ``sections``."""
    return Content("").join(
        [
            Content.styled("Every key of Recall Cockpit", "bold"),
            Content.styled(
                "\nThe cockpit never deletes anything on LinkedIn: delete the message there, "
                "then mark it here.",
                "$text-muted",
            ),
            *[_section(section) for section in sections],
            _legend(),
        ]
    )


def _legend() -> Content:
    """What the table's symbols and short words mean."""
    lines: list[Content] = [Content.styled("\nSymbols in the table\n", "bold $accent")]
    for symbol, meaning in TABLE_LEGEND:
        lines.append(Content.assemble((f"  {symbol:>12}  ", "bold $accent"), meaning, "\n"))
    return Content("").join(lines)


class HelpScreen(ModalScreen[None]):
    """The key reference; esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help-close"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__(classes="dialog-screen")
        self.sections = tuple(sections)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="help"):
            with VerticalScroll(id="help-body"):
                yield Static(help_content(self.sections))
            yield Static(
                Content.assemble(("esc", "bold $accent"), " close    ", ("↑↓", "bold $accent"), " scroll"),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Close the key reference."""
        self.dismiss()
