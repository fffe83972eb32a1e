"""The cockpit application and its factory (used by the command line and by the tests)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Footer, Header, Static

from cockpit.services.cockpit import Cockpit
from cockpit.text import safe_text


class MessageList(Static):
    """A plain live list of messages and their countdowns."""

    def __init__(self, cockpit: Cockpit) -> None:
        super().__init__()
        self.cockpit = cockpit

    def on_mount(self) -> None:
        self.refresh_list()
        self.set_interval(1, self.refresh_list)

    def refresh_list(self) -> None:
        items = self.cockpit.assessed(self.cockpit.repo.messages())
        items.sort(key=lambda i: (i.window.seconds_left <= 0, i.window.seconds_left, -i.message.id))
        lines = []
        for item in items[:200]:
            w, m = item.window, item.message
            left = "closed" if w.seconds_left <= 0 else f"{w.seconds_left // 60:02d}:{w.seconds_left % 60:02d}"
            lines.append(
                f"{left:>7}  {m.status:<9} {safe_text(m.recipient, limit=24):<24} {safe_text(m.subject, limit=60)}"
            )
        self.update(Content("\n".join(lines)))


class CockpitApp(App[None]):
    """Recall Cockpit."""

    TITLE = "Recall Cockpit"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, cockpit: Cockpit) -> None:
        super().__init__()
        self.cockpit = cockpit

    def compose(self) -> ComposeResult:
        yield Header()
        yield MessageList(self.cockpit)
        yield Footer()


def create_app(cockpit: Cockpit) -> CockpitApp:
    """The one factory that builds the app from a service bundle (repository, clock, policy)."""
    return CockpitApp(cockpit)
