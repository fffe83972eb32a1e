"""What opens where: the one module that knows every screen.

Screens post :mod:`cockpit.tui.messages`; the app hands them to a :class:`Navigator`, which opens
the screen asked for or runs the action on the main screen's flows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import App

from cockpit.services.cockpit import Cockpit
from cockpit.tui.keys import HelpSection, help_section
from cockpit.tui.messages import ActOn, OpenAudit, OpenDetails, OpenHelp, OpenWalk
from cockpit.tui.screens.main import MainScreen

# The other screens are imported when first opened: the first frame needs only the main screen.


def every_key(first: Sequence[HelpSection] = ()) -> tuple[HelpSection, ...]:
    """The whole key reference: the ``first`` sections (the opener's), then every other one."""
    from cockpit.tui.dialogs import ConfirmDialog, EditDialog
    from cockpit.tui.dialogs.new_send import NewSendScreen
    from cockpit.tui.screens.audit import AuditScreen
    from cockpit.tui.screens.details import DetailsScreen
    from cockpit.tui.screens.walk import WalkScreen

    known = [
        *MainScreen.help_sections(),
        *DetailsScreen.help_sections(),
        help_section("Confirmations", ConfirmDialog.BINDINGS, (("", "A Recruiter seat asks twice"),)),
        help_section(
            "Edit and new-send forms",
            [*EditDialog.BINDINGS, *NewSendScreen.BINDINGS],
            (("tab", "Next field"),),
        ),
        *WalkScreen.help_sections(),
        *AuditScreen.help_sections(),
    ]
    titles = {section.title for section in first}
    return (*first, *(section for section in known if section.title not in titles))


class Navigator:
    """Opens screens for the app in answer to what its screens ask."""

    def __init__(self, app: App[Any], cockpit: Cockpit) -> None:
        self.app = app
        self.cockpit = cockpit
        self._main: MainScreen | None = None

    @property
    def main(self) -> MainScreen:
        """The main screen (the table every other screen returns to)."""
        if self._main is None:
            self._main = MainScreen(self.cockpit)
        return self._main

    def first_screen(self) -> MainScreen:
        """The screen the app starts on."""
        return self.main

    def handle(self, message: OpenDetails | OpenAudit | OpenHelp | ActOn | OpenWalk) -> None:
        """Open what ``message`` asks for."""
        if isinstance(message, OpenWalk):
            from cockpit.tui.screens.walk import WalkScreen, WalkSelection

            main = self.main
            selection = WalkSelection(message.message_ids, message.title)
            self.app.push_screen(WalkScreen(main.model, selection, main.poll_now))
        elif isinstance(message, OpenDetails):
            self.open_details(message.message_id)
        elif isinstance(message, OpenAudit):
            from cockpit.tui.screens.audit import AuditScreen

            self.app.push_screen(AuditScreen(self.cockpit))
        elif isinstance(message, OpenHelp):
            from cockpit.tui.dialogs.help import HelpScreen

            self.app.push_screen(HelpScreen(every_key(message.sections)))
        else:
            self.main.flows.act(message.action, message.message_id, message.version)

    def open_details(self, message_id: int) -> None:
        """Show one loaded message in full."""
        model = self.main.model
        if model.row_of(message_id) is not None:
            from cockpit.tui.screens.details import DetailsScreen

            self.app.push_screen(DetailsScreen(model, message_id))
