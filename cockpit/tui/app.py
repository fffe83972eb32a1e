"""The cockpit application and its factory (used by the command line and by the tests)."""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from cockpit.errors import CockpitError, Conflict, DatabaseBusy, Refused
from cockpit.live.alerts import rings_bell
from cockpit.live.loading import Snapshot, load_first
from cockpit.paths import user_config_dir, write_private_atomic
from cockpit.services.cockpit import Cockpit
from cockpit.store.faults import database_fault
from cockpit.text import safe_text
from cockpit.tui.format import user_zone
from cockpit.tui.messages import ActOn, OpenAudit, OpenDetails, OpenHelp, OpenWalk
from cockpit.tui.navigation import Navigator

T = TypeVar("T")
SETTINGS_FILE = "tui.json"


def redacted_traceback(error: BaseException) -> str:
    """Where an unexpected error happened: its type and the frames, never its text or any locals
    (either could quote a message)."""
    lines = [f"cockpit: internal error ({type(error).__name__}); the screen was closed."]
    for frame in traceback.extract_tb(error.__traceback__)[-8:]:
        lines.append(f"  at {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    lines.append("Set COCKPIT_DEBUG=1 for the full traceback (it may show message text).")
    return "\n".join(lines)


class CockpitApp(App[None]):
    """Recall Cockpit: live recall windows, credits, leaks and risks of sent InMail."""

    CSS_PATH = "cockpit.tcss"
    TITLE = "Recall Cockpit"
    NOTIFICATION_TIMEOUT = 6
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="quit-now"),
    ]

    def __init__(
        self,
        cockpit: Cockpit,
        *,
        zone: str | None = None,
        config_dir: Path | None = None,
        assess_in_process: bool | None = None,
        first_screen_rows: int = 120,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        self.cockpit = cockpit
        self.zone = user_zone(zone)
        self.config_dir = config_dir if config_dir is not None else user_config_dir()
        self.assess_in_process = assess_in_process
        self.first_screen_rows = first_screen_rows
        self.quiet = quiet
        self._done: dict[Worker[Any], Callable[[Any], None]] = {}
        self._restoring_theme = False
        self._first: Snapshot | None = None
        self.navigator = Navigator(self, cockpit)

    def preload(self) -> None:
        """Read what the first screen shows now, before the screen exists (a limited query)."""
        c = self.cockpit
        self._first = load_first(c.repo, c.policy, c.clock.now(), self.first_screen_rows, "triage", None)

    def take_first_snapshot(self) -> Snapshot | None:
        """The preloaded first screen, once."""
        first, self._first = self._first, None
        return first

    # -- screens ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return self.navigator.first_screen()

    def on_open_details(self, message: OpenDetails) -> None:
        """A screen asked for one message in full."""
        self.navigator.handle(message)

    def on_open_audit(self, message: OpenAudit) -> None:
        """A screen asked for the audit log."""
        self.navigator.handle(message)

    def on_open_help(self, message: OpenHelp) -> None:
        """A screen asked for the key reference."""
        self.navigator.handle(message)

    def on_open_walk(self, message: OpenWalk) -> None:
        """A screen asked for the guided walk."""
        self.navigator.handle(message)

    def on_act_on(self, message: ActOn) -> None:
        """A screen asked for an action key's flow on one message."""
        self.navigator.handle(message)

    def on_mount(self) -> None:
        """Restore the remembered theme and remember later choices."""
        self._restore_theme()
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    # -- safe text everywhere -----------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification goes through the safe-text function and is never read as markup."""
        super().notify(
            safe_text(message, limit=600),
            title=safe_text(title, limit=80),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def action_help_quit(self) -> None:
        """Textual's hint when ctrl+c does not quit, in plain text (its own says ``[b]key[/b]``, and
        notifications here never read markup)."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {self.get_key_display(active.binding)} to quit", title="Quit?")
                return

    def alert(self, message: str, *, title: str) -> None:
        """An alert that matters: a warning notification, with the terminal bell unless the user's
        preference, ``--quiet`` or the quiet hours say otherwise."""
        self.notify(message, title=title, severity="warning", timeout=15)
        if rings_bell(self.cockpit.clock.now(), self.zone, self.cockpit.policy.alerts, quiet=self.quiet):
            self.bell()

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app with a traceback that carries no text and no locals."""
        if os.environ.get("COCKPIT_DEBUG"):
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.bell()
        self._exit_renderables.append(Text(redacted_traceback(error)))
        self._close_messages_no_wait()

    # -- background work ----------------------------------------------------------------------

    def run_io(
        self,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        *,
        name: str,
        group: str = "io",
        exclusive: bool = False,
    ) -> Worker[T]:
        """Run ``work`` in a thread; ``done`` gets its result on the UI thread. Failures go to
        :meth:`report_error`."""
        worker: Worker[T] = self.run_worker(
            work, name=name, group=group, thread=True, exit_on_error=False, exclusive=exclusive
        )
        if done is not None:
            self._done[worker] = done
        return worker

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place that handles the end of every background job."""
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            callback = self._done.pop(worker, None)
            if callback is not None:
                callback(worker.result)
        elif event.state == WorkerState.ERROR:
            self._done.pop(worker, None)
            if worker.error is not None:
                self.report_error(worker.error)
        elif event.state == WorkerState.CANCELLED:
            self._done.pop(worker, None)

    def report_error(self, error: BaseException) -> None:
        """Tell the user what went wrong: a rule's refusal or a conflict in its own words; anything
        else by type only."""
        if isinstance(error, Refused):
            self.notify(str(error), title="Refused", severity="error", timeout=10)
        elif isinstance(error, DatabaseBusy):
            self.notify(str(error), title="Database busy", severity="error", timeout=10)
        elif isinstance(error, Conflict):
            self.notify(str(error), title="Changed by someone else", severity="error", timeout=10)
        elif isinstance(error, CockpitError):
            self.notify(str(error), title="Not done", severity="error", timeout=10)
        elif (fault := database_fault(error, self.cockpit.repo.location)) is not None:
            self.notify(fault, title="Database", severity="error", timeout=15, markup=False)
        else:
            self.notify(
                f"internal error ({type(error).__name__}); details are withheld because they could "
                "quote a message",
                title="Error",
                severity="error",
                timeout=10,
            )

    # -- theme --------------------------------------------------------------------------------

    @property
    def settings_path(self) -> Path:
        """Where the remembered settings live."""
        return self.config_dir / SETTINGS_FILE

    def _restore_theme(self) -> None:
        try:
            settings = json.loads(self.settings_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        name = settings.get("theme") if isinstance(settings, dict) else None
        if isinstance(name, str) and name in self.available_themes:
            self._restoring_theme = True
            self.theme = name
            self._restoring_theme = False

    def _remember_theme(self, theme: Theme) -> None:
        if self._restoring_theme:
            return
        data = json.dumps({"theme": theme.name}).encode("utf-8")
        path = self.settings_path
        self.run_io(lambda: write_private_atomic(path, data), name="save theme", group="settings")

    # -- command palette ----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands (theme, keys, screenshot, quit) and every cockpit action that applies."""
        yield from super().get_system_commands(screen)
        commands = getattr(screen, "palette_commands", None)
        if callable(commands):
            yield from commands()


def create_app(cockpit: Cockpit, **options: Any) -> CockpitApp:
    """The one factory that builds the app from a service bundle (repository, clock, policy).

    Options (for tests, screenshots and benchmarks): ``zone`` (time zone to show times in),
    ``config_dir`` (where the theme choice is remembered), ``assess_in_process`` (scan content in a
    child process; default: only for large databases), ``first_screen_rows``, ``quiet`` (alerts
    never ring the terminal bell).
    """
    app = CockpitApp(cockpit, **options)
    app.preload()
    return app
