"""The quick-log form for a send just made: validated as you type, saved with ctrl+s."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from cockpit.clock import parse_instant
from cockpit.errors import BadInput
from cockpit.services.cockpit import Cockpit
from cockpit.services.new_send import NewSend, parse_ago, validate_send
from cockpit.text import safe_text

FIELD_OF_ERROR = {
    "recipient": "recipient",
    "subject": "subject",
    "body": "body",
    "sent_at": "sent",
    "channel": "channel",
    "recipient_state": "state",
    "push": "push",
}


def parse_sent(text: str, now: datetime) -> datetime:
    """When it was sent: empty (now), minutes ago (``5``, ``90s``, ``1h30m``) or an ISO 8601 time.

    Raises:
        BadInput: naming the field.
    """
    raw = text.strip()
    if not raw:
        return now
    if "-" in raw or "T" in raw or ":" in raw:
        try:
            return parse_instant(raw)
        except ValueError as exc:
            raise BadInput(f"sent_at: {exc}") from None
    try:
        return now - parse_ago(raw)
    except BadInput:
        raise BadInput("sent_at: use minutes ago (5, 90s, 1h30m) or an ISO time with offset") from None


class NewSendScreen(ModalScreen[NewSend | None]):
    """Log one send; every field is checked as you type (the first problem is shown at its field)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, cockpit: Cockpit, seats: list[str]) -> None:
        super().__init__(classes="dialog-screen")
        # "-narrow": the four choices in two rows; "-short": one-line text boxes
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
        self.VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
        self.cockpit = cockpit
        self.seats = seats
        self.error_field: str | None = None
        self.touched: set[str] = set()
        self.attempted = False

    def compose(self) -> ComposeResult:
        channels = [(cast(str, Content(c.label)), name) for name, c in self.cockpit.policy.channels.items()]
        seats = [(cast(str, Content(safe_text(name))), name) for name in self.seats]
        with Vertical(id="send-dialog", classes="dialog -wide"):
            yield Static(Content.styled("Log a send", "bold"), classes="dialog-title")
            with VerticalScroll(id="send-form"):
                yield from self._field("recipient", "To (recipient's name)", Input(id="f-recipient"))
                yield from self._field("subject", "Subject", Input(id="f-subject"))
                yield from self._field(
                    "body", "Body (the text as sent)", TextArea(id="f-body", soft_wrap=True)
                )
                with Horizontal(classes="form-row"):
                    with Vertical(classes="-wide-field"):
                        yield from self._field(
                            "sent",
                            "Sent (minutes ago: 5, 90s, 1h30m; or ISO time; empty: now)",
                            Input(id="f-sent", placeholder="now"),
                        )
                    with Vertical():
                        yield from self._field(
                            "state", "Recipient's US state", Input(id="f-state", placeholder="TX")
                        )
                with Horizontal(classes="form-row -choices"):
                    with Vertical():
                        yield Static("Channel", classes="field-label")
                        yield Select(channels, value="inmail", allow_blank=False, id="f-channel")
                        yield Static("", id="e-channel", classes="field-error")
                    with Vertical():
                        yield Static("Seat", classes="field-label")
                        yield Select(
                            seats,
                            value=self.seats[0] if self.seats else Select.NULL,
                            allow_blank=True,
                            prompt="no seat",
                            id="f-seat",
                        )
                    with Vertical():
                        yield Static("Push notification", classes="field-label")
                        yield Select(
                            [("unknown", "unknown"), ("yes", "yes"), ("no", "no")],
                            value="unknown",
                            allow_blank=False,
                            id="f-push",
                        )
                        yield Static("", id="e-push", classes="field-error")
                    with Vertical():
                        yield Static("Commercial", classes="field-label")
                        yield Select(
                            [("decide from text", "auto"), ("yes", "yes"), ("no", "no")],
                            value="auto",
                            allow_blank=False,
                            id="f-commercial",
                        )
                yield from self._field("batch", "Batch or campaign (optional)", Input(id="f-batch"))
                with Horizontal(classes="form-row"):
                    yield Checkbox("Open profile (no credit)", id="f-open-profile")
                    yield Checkbox("Sent from the mobile app", id="f-mobile")
            yield Static("", id="form-status", classes="field-error")
            yield Static(
                Content.assemble(("ctrl+s", "bold $accent"), " save    ", ("esc", "bold $accent"), " cancel"),
                classes="dialog-keys",
            )

    def _field(self, name: str, label: str, widget: Any) -> ComposeResult:
        yield Static(label, classes="field-label")
        yield widget
        yield Static("", id=f"e-{name}", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#f-recipient", Input).focus()

    def _value(self, selector: str) -> Any:
        return self.query_one(selector).value  # type: ignore[attr-defined]

    def build(self) -> NewSend:
        """The send the form describes, validated.

        Raises:
            BadInput: the first problem, naming its field.
        """
        now = self.cockpit.clock.now()
        seat = self._value("#f-seat")
        commercial = {"auto": None, "yes": True, "no": False}[self._value("#f-commercial")]
        send = NewSend(
            recipient=self._value("#f-recipient"),
            subject=self._value("#f-subject"),
            body=self.query_one("#f-body", TextArea).text,
            sent_at=parse_sent(self._value("#f-sent"), now),
            channel=self._value("#f-channel"),
            seat=seat if isinstance(seat, str) else None,
            batch=self._value("#f-batch") or None,
            recipient_state=self._value("#f-state") or None,
            open_profile=bool(self._value("#f-open-profile")),
            commercial=commercial,
            sent_from="mobile" if self._value("#f-mobile") else "desktop",
            push=self._value("#f-push"),
        )
        validate_send(send, self.cockpit.policy, now)
        return send

    def validate(self) -> NewSend | None:
        """Check the form and show the first problem at its field."""
        for error in self.query(".field-error"):
            cast(Static, error).update("")
        try:
            send = self.build()
        except BadInput as exc:
            text = str(exc)
            key = text.split(":", 1)[0]
            field = FIELD_OF_ERROR.get(key)
            self.error_field = field or "form"
            if field is not None and field not in self.touched and not self.attempted:
                return None  # not shown before the field is filled in or a save is tried
            message = Content.styled(safe_text(text.split(":", 1)[1].strip() if field else text), "$error")
            target = f"#e-{field}" if field and self.query(f"#e-{field}") else "#form-status"
            self.query_one(target, Static).update(message)
            return None
        self.error_field = None
        return send

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self.touched.add(event.input.id.removeprefix("f-"))
        if self.is_mounted:
            self.validate()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self.touched.add("body")
        if self.is_mounted:
            self.validate()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Save the send if the form is valid."""
        self.attempted = True
        send = self.validate()
        if send is not None:
            self.dismiss(send)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
