"""The audit log: every entry (virtualised, so 100,000 entries scroll freely), its verification
(run in the background) and export."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar, cast

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Static

from cockpit.paths import user_documents_dir
from cockpit.services.audit_view import (
    AuditLine,
    ExportResult,
    VerifyResult,
    audit_lines,
    export_audit_to,
    verify,
)
from cockpit.services.cockpit import Cockpit
from cockpit.tui.dialogs import TextPrompt
from cockpit.tui.format import data, data_text
from cockpit.tui.host import CockpitHost
from cockpit.tui.keys import HelpSection, help_section
from cockpit.tui.messages import OpenHelp

_ACTION_CLASS = {
    "recall": "audit-log--recall",
    "edit": "audit-log--edit",
    "revert": "audit-log--revert",
    "escalate": "audit-log--escalate",
}


class AuditLog(ScrollView, can_focus=True):
    """Audit lines drawn only where they are visible."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*_ACTION_CLASS.values(), "audit-log--muted"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lines: list[AuditLine] = []

    def set_lines(self, lines: list[AuditLine]) -> None:
        """Show ``lines`` and scroll to the newest."""
        self.lines = lines
        width = max((len(line.text) for line in lines[-2000:]), default=0)
        self.virtual_size = Size(max(width, self.size.width), len(lines))
        self.refresh()
        self.call_after_refresh(self.scroll_end, animate=False)

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        name = _ACTION_CLASS.get(line.action)
        style: Style = base + self.get_component_rich_style(name, partial=True) if name else base
        x = int(self.scroll_offset.x)
        text = line.text[x : x + width]
        return Strip([Segment(text, style)]).adjust_cell_length(width, base)


class AuditScreen(Screen[None]):
    """The append-only, hash-chained log: who did what, when, and whether the chain holds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="audit-back"),
        Binding("v", "verify", "Verify again", id="audit-verify"),
        Binding("x", "export", "Export", id="audit-export", tooltip="Write the log as JSON or CSV (0600)"),
        Binding("question_mark", "help", "Help", id="audit-help", key_display="?"),
    ]

    def __init__(self, cockpit: Cockpit) -> None:
        super().__init__()
        self.cockpit = cockpit

    @property
    def host(self) -> CockpitHost:
        """The running cockpit app."""
        return cast(CockpitHost, self.app)

    @classmethod
    def help_sections(cls) -> list[HelpSection]:
        """This screen's keys."""
        return [help_section("Audit log", cls.BINDINGS, (("↑↓ pgup pgdn", "Scroll"),))]

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Audit log", "bold"), id="audit-title")
        yield Static(Content.styled("verifying the chain…", "italic $text-muted"), id="audit-status")
        yield Static(
            Content.styled(
                "    seq  time                 actor            action    message  change", "bold $text-muted"
            ),
            id="audit-header",
        )
        yield AuditLog(id="audit-log")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(AuditLog).focus()
        zone = self.host.zone
        repo = self.cockpit.repo
        self.host.run_io(lambda: audit_lines(repo, zone), self._loaded, name="audit log", group="audit")
        self.action_verify()

    def _loaded(self, lines: list[AuditLine]) -> None:
        self.query_one(AuditLog).set_lines(lines)
        title = Content.assemble(
            ("Audit log", "bold"), (f"  {len(lines):,} entries, oldest first", "$text-muted")
        )
        self.query_one("#audit-title", Static).update(title)

    def action_verify(self) -> None:
        """Recompute the chain and replay it against the messages (in the background)."""
        repo = self.cockpit.repo
        self.query_one("#audit-status", Static).update(
            Content.styled("verifying the chain…", "italic $text-muted")
        )
        self.host.run_io(lambda: verify(repo), self._verified, name="verify audit", group="verify")

    def _verified(self, result: VerifyResult) -> None:
        if result.ok:
            status = Content.assemble(
                ("✓ verified: ", "bold $success"),
                f"{result.entries:,} entries, chain intact, replay matches {result.messages:,} messages; "
                f"head {result.head_hash[:16]}",
            )
        else:
            extra = len(result.problems) - 1
            status = Content.assemble(
                ("✗ verification FAILED: ", "bold $error"),
                data(result.problem or "unknown problem", limit=200),
                (f"  (+{extra} more)" if extra > 0 else "", "$text-muted"),
            )
        self.query_one("#audit-status", Static).update(status)

    def action_export(self) -> None:
        """Export the log to a file (.csv for CSV, anything else JSON), in the documents folder unless
        another is typed."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = user_documents_dir()
        name = f"cockpit-audit-{stamp}.json"
        self._ask_export(folder, name, str(folder / name), None)

    def _ask_export(self, folder: Path, name: str, typed: str, problem: str | None) -> None:
        """Ask where to write (``typed`` offered); after a problem, ask again with it shown."""
        explanation = Content.assemble(
            (f"{problem}; nothing was written.\n\n", "bold $error") if problem else "",
            "File to write: .csv for CSV, anything else JSON; mode 0600. A name without a folder goes to ",
            data(str(folder), "bold", limit=120),
            ". An existing file is never overwritten.",
        )
        prompt = TextPrompt(
            Content.styled("Export the audit log", "bold"),
            explanation,
            str(folder / name),
            required=False,
            value=typed,
            submit="export",
        )
        repo = self.cockpit.repo

        def chosen(answer: str | None) -> None:
            if answer is None:
                return
            self.host.run_io(
                lambda: export_audit_to(repo, answer, folder, name),
                lambda result: self._exported(result, folder, name, answer),
                name="export audit",
                group="export",
            )

        self.app.push_screen(prompt, chosen)

    def _exported(self, result: ExportResult, folder: Path, name: str, answer: str) -> None:
        if result.problem is not None or result.path is None:
            self._ask_export(folder, name, answer, result.problem or "not written")
            return
        self.host.notify(
            f"exported {result.entries:,} entries to {data_text(str(result.path), limit=200)} (mode 0600)",
            title="Audit export",
        )

    def action_back(self) -> None:
        """Back to the table."""
        self.dismiss()

    def action_help(self) -> None:
        """Show every key (this screen's first)."""
        self.post_message(OpenHelp(self.help_sections()))
