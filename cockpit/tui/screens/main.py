"""The main screen: summary, live message table, filter, marks and every action's key."""

from __future__ import annotations

import shlex
import threading
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

from cockpit.domain.filtering import FilterSyntaxError, parse_filter
from cockpit.live.model import LiveModel
from cockpit.live.view import SORT_NAMES
from cockpit.services.cockpit import Cockpit
from cockpit.tui.dialogs import BatchPicker
from cockpit.tui.format import data_text, walk_title
from cockpit.tui.keys import HelpSection, help_section
from cockpit.tui.messages import OpenAudit, OpenDetails, OpenHelp, OpenWalk
from cockpit.tui.screens.flows import Flows
from cockpit.tui.screens.live import LiveScreen
from cockpit.tui.widgets.bars import ClockFace, HeaderBar, SummaryBar
from cockpit.tui.widgets.footer import FittedFooter
from cockpit.tui.widgets.message_table import MessageTable

FILTER_HINT = Content.styled(
    "enter applies, esc cancels · terms: phase: status: risk: batch: seat: channel: state: flag: actor: "
    "(values comma-separated, - negates) · other words search recipient, subject and body",
    "$text-muted",
)
EMPTY_HINT = Content.assemble(
    ("No messages yet.", "bold"),
    " Get them in:\n\n",
    ("  n", "bold $accent"),
    "                        log a message you just sent, here\n",
    ("  cockpit import FILE", "bold $accent"),
    "      import a LinkedIn export (messages.csv or the .zip) or a sends file (CSV or JSONL)\n",
    ("  cockpit demo", "bold $accent"),
    "             open a demo day to try the cockpit on\n\n",
    ("The table appears with the first message. ? lists every key.", "$text-muted"),
)
MARK = Binding.Group("Mark")
RISK = Binding.Group("Flagged")
REVIEW = Binding.Group("Review")
IN_INBOX = ("sent", "edited")
FILTER = Binding.Group("Filter")
# footer keys hidden first to last on a narrow terminal; help and quit always stay
FOOTER_DROP_ORDER = (
    "escalate",
    "comment",
    "audit",
    "next_risk",
    "mark",
    "revert",
    "observe",
    "clear",
    "edit",
    "sort",
    "walk",
    "details",
    "filter",
    "new_send",
    "recall",
)


class MainScreen(LiveScreen):
    """Everything sent, live: what to act on first, by when, and what a recall will fix."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "details", "Open", id="details", tooltip="Full body, leaks, credit, history"),
        Binding(
            "r",
            "recall",
            "Recall",
            id="recall",
            tooltip="Mark recalled, with an optional reason (marked rows: one bulk mark, recorded now)",
        ),
        Binding("e", "edit", "Edit", id="edit", tooltip="Mark edited with the new text"),
        Binding("u", "revert", "Revert", id="revert", tooltip="Undo a recall or edit mark (asks why)"),
        Binding("o", "observe", "Observe", id="observe", tooltip="Record a reply, open, push or forward"),
        Binding("n", "new_send", "New send", id="new-send", tooltip="Log a message you just sent"),
        Binding(
            "c", "comment", "Comment", id="comment", tooltip="Add a reviewer's note (audited)", group=REVIEW
        ),
        Binding(
            "x", "escalate", "Escalate", id="escalate", tooltip="Flag for counsel (audited)", group=REVIEW
        ),
        Binding("space", "mark", "Mark", id="mark", key_display="␣", group=MARK),
        Binding("v", "mark_range", "Mark range", id="mark-range", group=MARK),
        Binding("A", "mark_all", "Mark all shown", id="mark-all", group=MARK),
        Binding("escape", "clear", "Clear", id="clear", tooltip="Clear marks, then the filter"),
        Binding(
            "right_square_bracket",
            "next_risk(1)",
            "Next flagged",
            id="next-risk",
            key_display="]",
            group=RISK,
            tooltip="Next unresolved: risky and still in an inbox, or escalated and not resolved",
        ),
        Binding(
            "left_square_bracket",
            "next_risk(-1)",
            "Previous flagged",
            id="previous-risk",
            key_display="[",
            group=RISK,
            tooltip="Previous unresolved: risky and still in an inbox, or escalated and not resolved",
        ),
        Binding(
            "p",
            "walk",
            "Walk",
            id="walk",
            tooltip="What can still be saved, in order, one message at a time (marked rows, else shown)",
        ),
        Binding("slash", "filter", "Filter", id="filter", key_display="/", group=FILTER),
        Binding(
            "b",
            "batches",
            "Batches",
            id="batches",
            tooltip="Pick a batch by its figures; show only it",
            group=FILTER,
        ),
        Binding("s", "sort", "Sort", id="sort", tooltip="Cycle the sort order"),
        Binding("a", "audit", "Audit", id="audit"),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, cockpit: Cockpit) -> None:
        super().__init__()
        self.cockpit = cockpit
        self.model = LiveModel(cockpit)
        self.flows = Flows(self)
        self.filter_text = ""
        self._binding_state: tuple[object, ...] = ()
        self._bindings_timer: Timer | None = None
        self.ready = threading.Event()

    def compose(self) -> ComposeResult:
        app = self.host
        yield HeaderBar(id="title")
        with Horizontal(id="summary-row"):
            yield ClockFace(id="clock")
            yield SummaryBar(id="summary")
        with Vertical(id="filter-bar"):
            yield Input(placeholder="free text, phase:urgent, risk:SSN, batch:NAME ...", id="filter-input")
            yield Static(FILTER_HINT, id="filter-error")
        yield MessageTable(self.model, self.cockpit.clock.now, app.zone, id="messages")
        yield Static(EMPTY_HINT, id="empty-hint")
        yield FittedFooter(keep=("help", "quit"), drop_first=FOOTER_DROP_ORDER)

    def on_mount(self) -> None:
        self.table.focus()
        self.start_feed()
        self.live_tick()
        self.set_interval(1.0, self.live_tick, name="tick")
        self.set_interval(1.0, self.poll_routine, name="poll")

    def on_unmount(self) -> None:
        if hasattr(self, "feed"):
            self.feed.stop()

    # -- bindings -----------------------------------------------------------------------------

    def on_message_table_cursor_moved(self, _message: MessageTable.CursorMoved) -> None:
        state = (
            self.table.current_id(),
            self._current_status(),
            bool(self.table.marks),
            self.table.mark_anchor,
        )
        if state != self._binding_state:
            self._binding_state = state
            # the footer is rebuilt when bindings change: wait until the cursor settles
            if self._bindings_timer is not None:
                self._bindings_timer.stop()
            self._bindings_timer = self.set_timer(0.15, self.refresh_bindings, name="bindings")

    def _current_status(self) -> str | None:
        row = self.table.current_row()
        return self.model.facts(row).status if row is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Actions that do not apply now are shown disabled."""
        if not self.is_mounted:
            return True
        table = self.table
        has_row = table.current_row() is not None
        if action in ("details", "edit", "observe", "comment", "escalate", "mark", "next_risk"):
            return True if has_row else None
        if action == "recall":
            return True if has_row or table.marks else None
        if action == "revert":
            return True if has_row and self._current_status() in ("recalled", "edited") else None
        if action == "mark_range":
            return True if has_row and table.mark_anchor is not None else None
        if action == "batches":
            return True if self.model.total else None
        if action in ("mark_all", "walk"):
            return True if table.shown else None
        if action == "clear":
            return True if table.marks or self.filter_text or self._filter_open() else None
        return True

    def palette_commands(self) -> list[SystemCommand]:
        """Every key's action that applies now, for the command palette."""
        commands: list[SystemCommand] = []
        seen: set[str] = set()
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action in seen or binding.action == "quit":
                continue
            seen.add(binding.action)
            name = binding.action.split("(")[0]
            if self.check_action(name, ()) is not True:
                continue
            key = binding.key_display or binding.key
            commands.append(
                SystemCommand(
                    binding.description,
                    f"{binding.tooltip or binding.description} (key: {key})",
                    lambda action=binding.action: self.run_action(action),
                )
            )
        return commands

    def refresh_bars(self) -> None:
        """Redraw the title line and the summary bar; an empty cockpit says how to get messages in."""
        super().refresh_bars()
        if self.is_mounted and hasattr(self, "feed"):
            self.set_class(self.feed.ready and self.model.total == 0, "-empty")

    # -- navigation, marks, filter, sort ------------------------------------------------------

    def action_mark(self) -> None:
        """Mark or unmark the message under the cursor and move down."""
        table = self.table
        message_id = table.current_id()
        if message_id is None:
            return
        table.user_moved = True
        table.marks.symmetric_difference_update({message_id})
        table.mark_anchor = table.cursor
        row = table.current_row()
        table.refresh_rows([row] if row is not None else [])
        table.move_to(table.cursor + 1)
        self.refresh_bars()

    def action_mark_range(self) -> None:
        """Mark every message between the last marked one and the cursor."""
        table = self.table
        if table.mark_anchor is None:
            return
        low, high = sorted((table.mark_anchor, table.cursor))
        model = self.model
        table.marks.update(model.id_of(row) for row in model.page(low, high - low + 1))
        table.rows_changed()
        self.refresh_bars()

    def action_mark_all(self) -> None:
        """Mark every message shown (the current filter)."""
        self.table.marks.update(self.model.shown_ids())
        self.table.rows_changed()
        self.refresh_bars()

    def action_clear(self) -> None:
        """Close the filter box, else clear the marks, else clear the filter."""
        if self._filter_open():
            self._close_filter()
            return
        table = self.table
        if table.marks:
            table.marks.clear()
            table.mark_anchor = None
            table.rows_changed()
        elif self.filter_text:
            self._apply_filter("")
        self.refresh_bars()
        self.refresh_bindings()

    def _unresolved(self, row: int) -> bool:
        """Still needs a look: a standing risk on a message in an inbox, or an open escalation."""
        facts = self.model.facts(row)
        escalated = facts.notes is not None and facts.notes[1]
        return escalated or (bool(facts.risks.codes) and facts.status in IN_INBOX)

    def action_next_risk(self, step: int) -> None:
        """Move to the next (or previous) unresolved flagged message: risky (findings not all
        dismissed) and still in an inbox, or escalated and not resolved or withdrawn."""
        table = self.table
        model = self.model
        position = table.cursor + step
        while 0 <= position < model.shown:
            row = model.row_at(position)
            if row is not None and self._unresolved(row):
                table.user_moved = True
                table.move_to(position)
                return
            position += step
        self.host.notify("no unresolved flagged message " + ("below" if step > 0 else "above"), timeout=3)

    def action_walk(self) -> None:
        """Open the guided walk over the marked messages, else every shown one."""
        model = self.model
        marks = self.table.marks
        ids = sorted(marks) if marks else model.shown_ids()  # the plan sets the order
        batches = [model.facts(row).batch if (row := model.row_of(mid)) is not None else None for mid in ids]
        self.post_message(OpenWalk(ids, walk_title(batches, len(ids), bool(marks), self.filter_text)))

    def action_sort(self) -> None:
        """Cycle the sort order (shown in the title line)."""
        current = SORT_NAMES.index(self.model.sort)
        self.model.set_sort(SORT_NAMES[(current + 1) % len(SORT_NAMES)])
        self.table.rows_changed(keep_screen_line=False)
        self.refresh_bars()

    def action_batches(self) -> None:
        """Pick a batch from those present; the table then shows only it (``batch:NAME``)."""
        batches = self.model.batches()
        if not batches:
            self.host.notify("no message has a batch", timeout=3)
            return

        def chosen(name: str | None) -> None:
            if name is not None:
                self._apply_filter(f"batch:{shlex.quote(name)}")
                self.refresh_bindings()

        self.app.push_screen(BatchPicker(batches, self.cockpit.clock.now(), self.host.zone), chosen)

    def _filter_open(self) -> bool:
        return self.is_mounted and self.query_one("#filter-bar").has_class("-open")

    def action_filter(self) -> None:
        """Open the filter box (enter applies it and returns to the table)."""
        bar = self.query_one("#filter-bar")
        bar.add_class("-open")
        box = self.query_one("#filter-input", Input)
        box.value = self.filter_text
        box.cursor_position = len(box.value)
        self.query_one("#filter-error", Static).update(FILTER_HINT)
        box.focus()
        self.refresh_bindings()

    def _close_filter(self) -> None:
        self.query_one("#filter-bar").remove_class("-open")
        self.table.focus()
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "filter-input":
            return
        event.stop()
        if self._apply_filter(event.value):
            self._close_filter()

    def _apply_filter(self, text: str) -> bool:
        try:
            flt = parse_filter(text) if text.strip() else None
        except FilterSyntaxError as exc:
            self.query_one("#filter-error", Static).update(Content(data_text(str(exc))))
            return False
        self.filter_text = text.strip()
        self.model.set_filter(flt)
        if hasattr(self, "feed"):
            self.feed.tick_details()  # a search of the bodies loads the older messages' details
        self.table.rows_changed(keep_screen_line=False)
        self.refresh_bars()
        return True

    # -- screens and actions ------------------------------------------------------------------

    @classmethod
    def help_sections(cls) -> list[HelpSection]:
        """This screen's keys: the table's actions, moving in it, the filter box."""
        return [
            help_section(
                "Messages (main screen)",
                cls.BINDINGS,
                (("ctrl+p", "Command palette: every action, the theme switcher, screenshots"),),
            ),
            help_section(
                "Moving in the table", MessageTable.BINDINGS, (("mouse", "Click a row; wheel scrolls"),)
            ),
            help_section(
                "Filter box",
                [],
                (
                    ("enter", "Apply the filter and return to the table (it stays shown in the title line)"),
                    ("esc", "Close the box without changing the filter"),
                    ("terms", "free text, phase:open|urgent|critical|closed, status:sent|edited|recalled,"),
                    ("", "risk:CODE|any|none, batch: (the start of a name), seat:, channel:, state:TX,"),
                    ("", "flag:commented|escalated, group:KEY (a template group: details give its key),"),
                    ("", "actor:NAME (the messages NAME logged or marked recalled, edited or reverted);"),
                    ("", "values comma-separated; a leading - negates a term"),
                ),
            ),
        ]

    def action_help(self) -> None:
        """Show every key."""
        self.post_message(OpenHelp(self.help_sections()))

    def action_audit(self) -> None:
        """Open the audit log."""
        self.post_message(OpenAudit())

    def action_quit(self) -> None:
        """Leave the cockpit."""
        self.app.exit()

    def action_details(self) -> None:
        """Open the message under the cursor."""
        message_id = self.table.current_id()
        if message_id is not None:
            self.post_message(OpenDetails(message_id))

    def action_recall(self) -> None:
        """Recall the message under the cursor, or every marked message."""
        self.flows.recall()

    def action_edit(self) -> None:
        """Mark the message under the cursor edited with new text."""
        self.flows.edit_current()

    def action_revert(self) -> None:
        """Undo the recall or edit mark of the message under the cursor."""
        self.flows.revert_current()

    def action_observe(self) -> None:
        """Record what is known of the recipient's side."""
        self.flows.observe_current()

    def action_new_send(self) -> None:
        """Log a send."""
        self.flows.new_send()

    def action_comment(self) -> None:
        """Add a reviewer's note."""
        self.flows.annotate_current("comment")

    def action_escalate(self) -> None:
        """Flag the message for counsel."""
        self.flows.annotate_current("escalate")
