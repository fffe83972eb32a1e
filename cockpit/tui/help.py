"""Every key of the cockpit, generated from the bindings themselves so it never falls behind."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "space": "space",
    "escape": "esc",
    "enter": "enter",
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "pagedown": "pgdn",
    "pageup": "pgup",
}


def _keys(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return "/".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


def _section(title: str, bindings: list[BindingType], extra: tuple[tuple[str, str], ...] = ()) -> Content:
    lines: list[Content] = [Content.styled(f"\n{title}\n", "bold $accent")]
    seen: set[str] = set()
    for item in bindings:
        if not isinstance(item, Binding) or item.action in seen:
            continue
        seen.add(item.action)
        tip = f" · {item.tooltip}" if item.tooltip else ""
        lines.append(
            Content.assemble(
                (f"  {_keys(item):>12}  ", "bold $accent"), item.description, (tip, "$text-muted"), "\n"
            )
        )
    for key, text in extra:
        lines.append(Content.assemble((f"  {key:>12}  ", "bold $accent"), text, "\n"))
    return Content("").join(lines)


def help_content() -> Content:
    """The full key reference."""
    from cockpit.tui.audit_screen import AuditScreen
    from cockpit.tui.details import DetailsScreen
    from cockpit.tui.dialogs import ConfirmDialog, EditDialog
    from cockpit.tui.main_screen import MainScreen
    from cockpit.tui.message_table import MessageTable
    from cockpit.tui.new_send import NewSendScreen

    return Content("").join(
        [
            Content.styled("Every key of Recall Cockpit", "bold"),
            Content.styled(
                "\nThe cockpit never deletes anything on LinkedIn: delete the message there, "
                "then mark it here.",
                "$text-muted",
            ),
            _section(
                "Messages (main screen)",
                MainScreen.BINDINGS,
                (("ctrl+p", "Command palette: every action, the theme switcher, screenshots"),),
            ),
            _section(
                "Moving in the table", MessageTable.BINDINGS, (("mouse", "Click a row; wheel scrolls"),)
            ),
            _section(
                "Filter box",
                [],
                (
                    ("enter", "Apply the filter and return to the table (it stays shown in the title line)"),
                    ("esc", "Close the box without changing the filter"),
                    ("terms", "free text, phase:open|urgent|critical|closed, status:sent|edited|recalled,"),
                    ("", "risk:CODE|any|none, batch:, seat:, channel:, state:TX, flag:commented|escalated;"),
                    ("", "values comma-separated; a leading - negates a term"),
                ),
            ),
            _section("Details of a message", DetailsScreen.BINDINGS),
            _section("Confirmations", ConfirmDialog.BINDINGS, (("", "A Recruiter seat asks twice"),)),
            _section(
                "Edit and new-send forms",
                [*EditDialog.BINDINGS, *NewSendScreen.BINDINGS],
                (("tab", "Next field"),),
            ),
            _section("Audit log", AuditScreen.BINDINGS, (("↑↓ pgup pgdn", "Scroll"),)),
        ]
    )


class HelpScreen(ModalScreen[None]):
    """The key reference; esc, q or ? closes it."""

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help-close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="help"):
            with VerticalScroll(id="help-body"):
                yield Static(help_content())
            yield Static(
                Content.assemble(("esc", "bold $accent"), " close    ", ("↑↓", "bold $accent"), " scroll"),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Close the key reference."""
        self.dismiss()
