"""One message in full: body with risky spans, the leaked preview, what a recall will and will not
undo, credit, revisions and its audit history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from cockpit.domain.assessment import SEVERITY_RANK, Assessment, Risk
from cockpit.domain.commercial import describe_commercial
from cockpit.domain.escalation import Escalation, current_escalation
from cockpit.domain.model import AuditRecord, Message, Revision
from cockpit.domain.people import last_mark
from cockpit.domain.recommend import recommend
from cockpit.domain.rules import remedy
from cockpit.domain.window import (
    FUTURE_SEND_WARNING,
    UNREADABLE_TIME_WARNING,
    WindowState,
    message_window,
    unreadable_times,
)
from cockpit.humanize import relative_time
from cockpit.live.groups import TemplateGroup
from cockpit.live.model import LiveModel
from cockpit.services.audit_view import entry_change
from cockpit.store.people import logged_entry
from cockpit.tui.format import PHASE_STYLE, SEVERITY_STYLE, data, mmss, money, when
from cockpit.tui.host import CockpitHost
from cockpit.tui.keys import HelpSection, help_section
from cockpit.tui.messages import ActOn, OpenHelp, OpenWalk
from cockpit.tui.widgets.footer import FittedFooter
from cockpit.tui.widgets.highlight import BODY_LIMIT, highlighted, preview_box

# a short name for each leak; the leak's own detail says the rest, once
LEAK_TITLES = {
    "PUSH_PREVIEW": "Push preview",
    "OPENED": "Opened",
    "MOBILE_CACHE": "Mobile cache",
    "METADATA_RETAINED": "Metadata retained",
    "FORWARDED": "Forwarded",
}
ACTION_STYLE = {"recall": "$error", "edit": "$warning", "document": "$accent", "leave": "$success"}
PUSH_PREVIEW_DETAIL = "the recipient's phone already showed this, and a recall cannot pull it back"


MARK_WORDS = {"recall": "marked recalled", "edit": "marked edited", "revert": "mark reverted"}


@dataclass(frozen=True, slots=True)
class Loaded:
    """Everything the details screen shows, read in one go."""

    message: Message
    assessment: Assessment
    revisions: list[Revision]
    audit: list[AuditRecord]
    plan: str | None
    group: TemplateGroup | None = None  # as read with the message (the table's rows are used once loaded)
    logged: AuditRecord | None = None  # the add or import entry that logged it


class DetailsScreen(Screen[None]):
    """The full story of one message, with the same action keys as the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("r", "recall", "Recall", id="details-recall"),
        Binding("e", "edit", "Edit", id="details-edit"),
        Binding("u", "revert", "Revert", id="details-revert"),
        Binding("o", "observe", "Observe", id="details-observe"),
        Binding("c", "comment", "Comment", id="details-comment"),
        Binding("x", "escalate", "Escalate", id="details-escalate", tooltip="Flag for counsel (audited)"),
        Binding(
            "X",
            "settle_escalation",
            "Resolve/withdraw",
            id="details-settle-escalation",
            tooltip="Resolve or withdraw the open escalation (asks why; audited)",
        ),
        Binding("d", "dismiss_risk", "Dismiss finding", id="details-dismiss-risk", tooltip="A false alarm"),
        Binding(
            "plus",
            "add_risk",
            "Add finding",
            id="details-add-risk",
            key_display="+",
            tooltip="One the scanner missed",
        ),
        Binding(
            "g",
            "walk_group",
            "Walk the group",
            id="details-walk-group",
            tooltip="The guided walk over this message's template group (its still-open siblings)",
        ),
        Binding("question_mark", "help", "Help", id="details-help", key_display="?"),
    ]

    def __init__(self, model: LiveModel, message_id: int) -> None:
        """``model``: the live model the table shows (to notice changes); ``message_id``: the message."""
        super().__init__()
        self.model = model
        self.cockpit = model.cockpit
        self.message_id = message_id
        self.loaded: Loaded | None = None
        self._notes_shown: tuple[int, bool] = (0, False)

    @property
    def host(self) -> CockpitHost:
        """The running cockpit app."""
        return cast(CockpitHost, self.app)

    @classmethod
    def help_sections(cls) -> list[HelpSection]:
        """This screen's keys."""
        return [help_section("Details of a message", cls.BINDINGS)]

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(f"Message #{self.message_id}", "bold"), id="details-title")
        yield Static("", id="details-window")
        yield Static("", id="details-triage")
        with VerticalScroll(id="details-body"):
            yield Static(Content.styled("loading…", "italic $text-muted"), id="details-content")
        yield FittedFooter(
            keep=("back", "help"),
            drop_first=(
                "walk_group",
                "settle_escalation",
                "escalate",
                "comment",
                "observe",
                "revert",
                "dismiss_risk",
                "add_risk",
            ),
        )

    def on_mount(self) -> None:
        self.query_one("#details-body").focus()
        self.reload()
        self.set_interval(1.0, self._tick)

    def reload(self) -> None:
        """Read the message again (after a change)."""
        cockpit = self.cockpit
        message_id = self.message_id
        model = self.model

        def work() -> Loaded | None:
            message = cockpit.repo.message(message_id)
            if message is None:
                return None
            seat = cockpit.repo.seat(message.seat) if message.seat else None
            return Loaded(
                message=message,
                assessment=cockpit.assess(message),
                revisions=cockpit.repo.revisions(message_id),
                audit=cockpit.repo.audit(message_id),
                plan=seat.plan if seat else None,
                group=model.stored_template_group(message_id, cockpit.clock.now()),
                logged=logged_entry(cockpit.repo, message_id),
            )

        self.host.run_io(work, self._show, name="details", group="details", exclusive=True)

    def _show(self, loaded: Loaded | None) -> None:
        if loaded is None:
            self.host.notify(f"message {self.message_id} no longer exists", severity="error")
            self.dismiss()
            return
        self.loaded = loaded
        m = loaded.message
        row = self.model.row_of(self.message_id)
        if row is not None:
            self._notes_shown = self.model.facts(row).notes or (0, False)
        title = Content.assemble(
            (f"#{m.id} ", "bold"),
            ("to ", "$text-muted"),
            data(m.recipient, "bold", limit=60),
            (f" ({m.recipient_state})" if m.recipient_state else "", "$text-muted"),
            ("  ", ""),
            data(m.subject, "italic", limit=100),
        )
        self.query_one("#details-title", Static).update(title)
        self.query_one("#details-content", Static).update(self._content(loaded))
        self._tick()
        self.refresh_bindings()

    def _tick(self) -> None:
        if self.loaded is None:
            return
        m = self.loaded.message
        cockpit = self.cockpit
        now = cockpit.clock.now()
        state = message_window(m.channel, m.sent_at, now, cockpit.policy)
        self._show_triage(self.loaded, state)
        zone = self.host.zone
        status = Content.assemble((f"{m.status} (v{m.version})", "bold"))
        if m.status == "recalled":  # the status says it, with when
            left = Content.styled("no window left to act in", "$text-muted")
            status = Content.assemble(status, f" at {when(m.recalled_at, zone)}")
        elif not state.has_window:
            left = Content.styled(remedy(m.channel, cockpit.policy), "$error")
        elif state.seconds_left:
            left = Content.assemble(
                (mmss(state.seconds_left), PHASE_STYLE[state.phase]), f" left ({state.phase.value})"
            )
        else:
            left = Content.styled("window closed: no recall or edit is possible", "$text-muted")
        if state.deadline is None:
            closes = Content.styled("no recall window", "$text-muted")
        else:
            words = relative_time(state.deadline, now)
            closes = Content.assemble(
                f"closes {words}" if state.deadline > now else f"closed {words}",
                (f", {when(state.deadline, zone, seconds=True)}", "$text-muted"),
            )
        if state.sent_in_future:
            left = Content.assemble(left, (f"  ⚠ {FUTURE_SEND_WARNING}", "$warning"))
        if unreadable_times(m):
            left = Content.assemble(left, (f"  ⚠ {UNREADABLE_TIME_WARNING}", "$warning"))
        line = Content.assemble(
            left,
            ("  │ sent ", "$text-muted"),
            relative_time(m.sent_at, now),
            (f", {when(m.sent_at, zone, seconds=True)}, from ", "$text-muted"),
            data(m.sent_from),
            ("  │ ", "$text-muted"),
            closes,
            ("  │ status ", "$text-muted"),
            status,
        )
        self.query_one("#details-window", Static).update(line)
        row = self.model.row_of(self.message_id)
        if row is None:
            return
        facts = self.model.facts(row)
        notes = facts.notes or (0, False)
        if facts.version != m.version or notes != self._notes_shown:  # a mark, or a comment/escalation
            self._notes_shown = notes
            self.reload()

    def _show_triage(self, loaded: Loaded, state: WindowState) -> None:
        """What to do about the message now, and its template group (both change as windows close)."""
        advice = recommend(loaded.message, state, loaded.assessment.risks, self.cockpit.policy)
        lines = [
            Content.assemble(
                ("Recommended: ", "$text-muted"),
                (advice.action, f"bold {ACTION_STYLE[advice.action]}"),
                "  ",
                data(advice.reason),
            )
        ]
        lines += [Content.assemble(("  caution: ", "$warning"), data(c)) for c in advice.cautions]
        group = self._template_group(loaded)
        if group is not None:
            lines.append(Content(group.describe()))  # safe text already
        self.query_one("#details-triage", Static).update(Content("\n").join(lines))

    def _template_group(self, loaded: Loaded) -> TemplateGroup | None:
        row = self.model.row_of(self.message_id)
        if row is not None and self.model.facts(row).has_details:
            return self.model.template_group(self.message_id)
        return loaded.group

    def _content(self, loaded: Loaded) -> Content:
        m, a = loaded.message, loaded.assessment
        cockpit = self.cockpit
        zone = self.host.zone
        policy = cockpit.policy
        channel = policy.channels.get(m.channel)
        parts: list[Content] = [
            Content.assemble(
                ("Channel ", "$text-muted"),
                channel.label if channel else data(m.channel),
                ("   Seat ", "$text-muted"),
                data(m.seat or "-"),
                f" ({loaded.plan})" if loaded.plan else "",
                ("   Batch ", "$text-muted"),
                data(m.batch or "-"),
                ("   External id ", "$text-muted"),
                data(m.external_id, limit=60),
                "\n",
            ),
            _escalation(current_escalation(loaded.audit), zone),
            _heading("Body"),
            highlighted(m.body, a.risks, "body", BODY_LIMIT),
            Content("\n")
            if len(m.body) <= BODY_LIMIT
            else Content.styled(
                f"\n… {len(m.body) - BODY_LIMIT:,} more characters not shown\n", "italic $text-muted"
            ),
            _heading("Risks (if treated as commercial electronic mail; not a legal verdict)"),
            Content.styled(
                "  " + describe_commercial(a.commercial, a.commercial_source, a.commercial_reasons) + "\n",
                "$text-muted",
            ),
        ]
        if not a.risks:
            parts.append(Content.styled("  none standing\n" if a.dismissed else "  none found\n", "$success"))
        for risk in sorted(a.risks, key=lambda r: -SEVERITY_RANK.get(r.severity, 0)):
            rank = SEVERITY_RANK.get(risk.severity, 0)
            law = (
                f"  {risk.statute}, up to {money(risk.penalty_usd)}"
                if risk.statute and risk.penalty_usd
                else ""
            )
            parts.append(
                Content.assemble(
                    (f"  {risk.severity.upper():<9}", SEVERITY_STYLE.get(rank, "")),
                    (f"{risk.code:<19}", "bold"),
                    data(risk.evidence, "italic", limit=70),
                    (" [already in the preview]" if risk.in_preview else "", "$error"),
                    (law, "$text-muted"),
                    "\n",
                    _why(risk, zone),
                )
            )
        for risk in a.dismissed:
            parts.append(
                Content.assemble(
                    ("  DISMISSED ", "$text-muted"),
                    (f"{risk.code:<19}", "strike $text-muted"),
                    data(risk.evidence, "italic $text-muted", limit=70),
                    ("  not counted", "$text-muted"),
                    "\n",
                    _why(risk, zone),
                )
            )
        parts.append(
            Content.assemble(
                ("  Maximum exposure ", "$text-muted"),
                (money(a.exposure_usd), "bold"),
                ("  (sending is the violation: a recall does not reduce it)\n", "$text-muted"),
            )
        )
        parts.append(_heading("What a recall will and will not undo"))
        parts.append(
            Content.styled(
                "  Will: remove it from both inboxes (even a recipient who is offline)\n", "$success"
            )
        )
        if not any(leak.code == "PUSH_PREVIEW" for leak in a.leaks):  # good news, said once
            parts.append(preview_box(m, a.risks, policy, indent="  "))
        parts.append(Content.styled("  Will not:\n", "$error"))
        for leak in a.leaks:
            until = f" (until {when(leak.until, zone)})" if leak.until else ""
            title = LEAK_TITLES.get(leak.code, leak.code)
            if leak.code == "PUSH_PREVIEW":  # its detail is the preview text, shown in the box
                parts.append(Content.assemble("    • ", (title, "bold"), f": {PUSH_PREVIEW_DETAIL}\n"))
                parts.append(preview_box(m, a.risks, policy, indent="      "))
                continue
            parts.append(Content.assemble("    • ", (title, "bold"), ": ", data(leak.detail), until, "\n"))
        credit = a.credit
        parts.append(_heading("Credit"))
        refund = (
            f"; a response until {when(credit.refund_deadline, zone)} refunds it"
            if credit.refund_deadline
            else ""
        )
        parts.append(
            Content.assemble(
                ("  ", ""),
                (credit.state.value, "bold"),
                refund,
                (
                    "\n  A recall never refunds the credit; an apology follow-up costs another one.\n",
                    "$warning",
                ),
            )
        )
        parts.append(_heading(f"Revisions ({len(loaded.revisions)})"))
        if not loaded.revisions:
            parts.append(Content.styled("  none: this is the text as sent\n", "$text-muted"))
        for rev in loaded.revisions:
            parts.append(
                Content.assemble(
                    (f"  #{rev.number} ", "bold"),
                    f"replaced {when(rev.replaced_at, zone)} by ",
                    data(rev.actor),
                    (f" ({rev.reason})" if rev.reason else "", "$text-muted"),
                    "\n    ",
                    data(rev.subject, "italic", limit=80),
                    ": ",
                    data(rev.body, limit=160),
                    "\n",
                )
            )
        parts.append(_people(loaded, zone))
        parts.append(_heading(f"Audit history ({len(loaded.audit)})"))
        for entry in loaded.audit:
            words = entry_change(entry, zone)
            change = f" {words}" if words else ""
            parts.append(
                Content.assemble(
                    (f"  {entry.seq:>6} ", "$text-muted"),
                    when(entry.at, zone, seconds=True),
                    " ",
                    data(entry.actor, "bold", limit=24),
                    f" {entry.action}{change}",
                    data(f" ({entry.reason})" if entry.reason else "", "italic", limit=200),
                    "\n",
                )
            )
        return Content("").join(parts)

    def _act(self, action: str) -> None:
        """Ask for ``action``'s flow on this message, at the version shown."""
        version = self.loaded.message.version if self.loaded else None
        self.post_message(ActOn(action, self.message_id, version))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Actions need the message loaded; revert needs a mark."""
        acts = ("recall", "edit", "revert", "observe", "comment", "escalate", "dismiss_risk", "add_risk")
        if action in (*acts, "settle_escalation") and self.loaded is None:
            return None
        if action == "settle_escalation" and self.loaded is not None:
            escalation = current_escalation(self.loaded.audit)
            return True if escalation is not None and escalation.open else None
        if action == "walk_group":
            group = self._template_group(self.loaded) if self.loaded is not None else None
            return True if group is not None and group.open_members else None
        if action == "dismiss_risk" and self.loaded is not None and not self.loaded.assessment.risks:
            return None
        if action == "revert" and self.loaded is not None and self.loaded.message.status == "sent":
            return None
        return True

    def action_back(self) -> None:
        """Back to the table."""
        self.dismiss()

    def action_help(self) -> None:
        """Show every key (this screen's first)."""
        self.post_message(OpenHelp(self.help_sections()))

    def action_recall(self) -> None:
        """Recall this message."""
        self._act("recall")

    def action_edit(self) -> None:
        """Edit this message."""
        self._act("edit")

    def action_revert(self) -> None:
        """Revert this message's mark."""
        self._act("revert")

    def action_observe(self) -> None:
        """Record an observation."""
        self._act("observe")

    def action_comment(self) -> None:
        """Comment on this message."""
        self._act("comment")

    def action_escalate(self) -> None:
        """Escalate this message."""
        self._act("escalate")

    def action_walk_group(self) -> None:
        """Start the guided walk on this message's template group: every member still open."""
        group = self._template_group(self.loaded) if self.loaded is not None else None
        if group is None:
            return
        ids = ([self.message_id] if group.open_itself else []) + list(group.open_sibling_ids)
        self.post_message(
            OpenWalk(ids, f"template group {group.key} of batch {group.batch} ({len(ids):,} still open)")
        )

    def action_settle_escalation(self) -> None:
        """Resolve or withdraw this message's open escalation."""
        self._act("settle_escalation")

    def action_dismiss_risk(self) -> None:
        """Dismiss one of this message's findings as a false alarm."""
        self._act("dismiss_risk")

    def action_add_risk(self) -> None:
        """Add a finding the scanner missed."""
        self._act("add_risk")


def _why(risk: Risk, zone: tzinfo) -> Content:
    """The finding's rule and reason, and a reviewer's decision on it."""
    lines = [Content.assemble(("           why ", "$text-muted"), data(risk.why, limit=160), "\n")]
    review = risk.review
    if review is not None:
        verb = "added" if risk.added else "dismissed"
        lines.append(
            Content.assemble(
                (f"           {verb} by ", "$warning"),
                data(review.actor, "bold", limit=24),
                (f" at {when(review.at, zone)}: ", "$warning"),
                data(review.reason, "italic", limit=160),
                "\n",
            )
        )
    return Content("").join(lines)


def _escalation(escalation: Escalation | None, zone: tzinfo) -> Content:
    """The current escalation: open (raised) in the error colour, settled ones muted; nothing if none."""
    if escalation is None:
        return Content("")
    style = "bold $error" if escalation.open else "$text-muted"
    label = "Escalated for counsel" if escalation.open else f"Escalation {escalation.state}"
    hint = "  (X resolves or withdraws it)" if escalation.open else ""
    return Content.assemble(
        (f"{label} ", style),
        ("by ", "$text-muted"),
        data(escalation.actor, "bold", limit=24),
        (f" at {when(escalation.at, zone)}: ", "$text-muted"),
        data(escalation.reason, "italic", limit=200),
        (hint, "$text-muted"),
        "\n",
    )


def _heading(text: str) -> Content:
    return Content.styled(f"\n{text}\n", "bold $accent")


def _people(loaded: Loaded, zone: tzinfo) -> Content:
    """Who logged the message and who marked it last, and when (empty when neither is known)."""
    parts: list[Content] = []
    logged = loaded.logged
    if logged is not None:
        parts.append(
            Content.assemble(
                ("Logged: ", "$text-muted"),
                "added" if logged.action == "add" else "imported",
                " by ",
                data(logged.actor, "bold", limit=24),
                f" at {when(logged.at, zone)} (entry {logged.seq})",
            )
        )
    mark = last_mark(loaded.audit)
    if mark is not None:
        parts.append(
            Content.assemble(
                ("Last mark: ", "$text-muted"),
                f"{MARK_WORDS.get(mark.action, mark.action)} by ",
                data(mark.actor, "bold", limit=24),
                f" at {when(mark.at, zone)} (entry {mark.seq})",
            )
        )
    if not parts:
        return Content("")
    return Content.assemble(Content(" │ ").join(parts), "\n")
