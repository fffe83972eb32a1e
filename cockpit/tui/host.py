"""What screens, flows and the feed ask of the running app, without importing the app class."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any, Protocol, TypeVar

from textual.notifications import SeverityLevel
from textual.worker import Worker

from cockpit.live.loading import Snapshot
from cockpit.services.cockpit import Cockpit

T = TypeVar("T")


class CockpitHost(Protocol):
    """The cockpit app as its screens see it."""

    cockpit: Cockpit
    zone: tzinfo
    first_screen_rows: int
    assess_in_process: bool | None

    def take_first_snapshot(self) -> Snapshot | None:
        """The preloaded first screen, once."""
        ...

    def run_io(
        self,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        *,
        name: str,
        group: str = "io",
        exclusive: bool = False,
    ) -> Worker[T]:
        """Run ``work`` in a thread; ``done`` gets its result on the UI thread."""
        ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification (always as safe text)."""
        ...

    def alert(self, message: str, *, title: str) -> None:
        """Announce an alert that matters (a notification, and the bell when the user wants it)."""
        ...

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``callback`` on the UI thread and wait for its result."""
        ...
