"""What screens ask the app for: the app (through :mod:`cockpit.tui.navigation`) decides what
opens, so no screen imports another."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from cockpit.tui.keys import HelpSection


class OpenDetails(Message):
    """Show one message in full."""

    def __init__(self, message_id: int) -> None:
        super().__init__()
        self.message_id = message_id


class OpenAudit(Message):
    """Show the audit log."""


class OpenHelp(Message):
    """Show the key reference, the opener's own keys first."""

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = tuple(sections)


class ActOn(Message):
    """Run an action key's flow (recall, edit, revert, observe, comment, escalate, settle_escalation,
    dismiss_risk, add_risk) on one message, as the user saw it (``version``: the version shown; None:
    the table's)."""

    def __init__(self, action: str, message_id: int, version: int | None = None) -> None:
        super().__init__()
        self.action = action
        self.message_id = message_id
        self.version = version


class OpenWalk(Message):
    """Start the guided walk over these messages (named by ``title``)."""

    def __init__(self, message_ids: Sequence[int], title: str) -> None:
        super().__init__()
        self.message_ids = tuple(message_ids)
        self.title = title
