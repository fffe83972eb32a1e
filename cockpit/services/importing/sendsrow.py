"""One row of a sends file (DESIGN section 4): the columns and the rules each value must meet.

Column/key names are the contract: ``sent_at``, ``recipient`` and ``body`` are required; the others
are ``subject``, ``channel`` (default ``inmail``), ``seat``, ``batch``, ``recipient_profile_url``,
``recipient_state``, ``open_profile``, ``commercial``, ``sent_from``, ``push`` and ``external_id``
(derived from the content when absent, so a re-import adds nothing).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import sha256
from typing import Any

from cockpit.clock import EARLIEST_NOW
from cockpit.domain.model import SENT_FROM, US_STATES
from cockpit.services.importing.csvrows import bad_bytes_in
from cockpit.services.importing.model import shown
from cockpit.services.importing.values import ValueProblem, parse_bool, parse_iso_instant
from cockpit.services.new_send import MAX_BODY, MAX_FUTURE, MAX_RECIPIENT, MAX_SUBJECT
from cockpit.store.import_rows import ImportRow
from cockpit.store.instant_text import WHOLE_SECONDS_UTC, encode_instant, iso_z_of_stored

COLUMNS: tuple[str, ...] = (
    "sent_at",
    "recipient",
    "subject",
    "body",
    "channel",
    "seat",
    "batch",
    "recipient_profile_url",
    "recipient_state",
    "open_profile",
    "commercial",
    "sent_from",
    "push",
    "external_id",
)
REQUIRED: tuple[str, ...] = ("sent_at", "recipient", "body")
KNOWN_COLUMNS = frozenset(COLUMNS)
_PUSH = frozenset({"yes", "no", "unknown"})
_SENT_FROM = frozenset(SENT_FROM)
SHORT_LIMITS = (
    (COLUMNS.index("seat"), 200),
    (COLUMNS.index("batch"), 200),
    (COLUMNS.index("recipient_profile_url"), 2_000),
    (COLUMNS.index("external_id"), 200),
)


@dataclass(frozen=True, slots=True)
class RowContext:
    """What validating a row needs to know beyond the row."""

    channels: frozenset[str]
    seats: frozenset[str]
    default_seat: str | None
    now: datetime
    latest: datetime = field(init=False)  # the latest acceptable send time (clock skew allowed)

    def __post_init__(self) -> None:
        object.__setattr__(self, "latest", self.now + MAX_FUTURE)


def suggest_column(name: str) -> str:
    close = difflib.get_close_matches(name, COLUMNS, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def header_problems(names: list[str]) -> list[str]:
    """Unknown, repeated or missing columns in a CSV header (or keys of a JSON object)."""
    problems: list[str] = []
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(f"column {name!r} appears twice")
        seen.add(name)
        if name not in KNOWN_COLUMNS:
            problems.append(
                f"unknown column {name!r}{suggest_column(name)}; the columns are: {', '.join(COLUMNS)}"
            )
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        problems.append(f"required column{'s' if len(missing) > 1 else ''} missing: {', '.join(missing)}")
    return problems


(
    SENT_AT,
    RECIPIENT,
    SUBJECT,
    BODY,
    CHANNEL,
    SEAT,
    BATCH,
    PROFILE_URL,
    STATE,
    OPEN_PROFILE,
    COMMERCIAL,
    SENT_FROM_,
    PUSH,
    EXTERNAL_ID,
) = range(len(COLUMNS))
_FLAG_COLUMNS = frozenset({OPEN_PROFILE, COMMERCIAL})
BOOLS: dict[str, bool | None] = {
    "": None,
    "true": True,
    "false": False,
    "yes": True,
    "no": False,
    "1": True,
    "0": False,
    "True": True,
    "False": False,
    "TRUE": True,
    "FALSE": False,
    "Yes": True,
    "No": False,
}


def _flag(values: list[Any], position: int, problems: list[str]) -> bool | None:
    raw = values[position]
    if raw is None:
        return None
    if raw.__class__ is str and raw in BOOLS:
        return BOOLS[raw]
    try:
        return parse_bool(raw)
    except ValueProblem as exc:
        problems.append(f"{COLUMNS[position]}: {exc}")
        return None


def _choice(raw: str | None, default: str, allowed: frozenset[str] | tuple[str, ...]) -> str | None:
    """The value when allowed (case and spaces ignored), the default when empty, else None."""
    if not raw:
        return default
    if raw in allowed:
        return raw
    value = raw.strip().lower()
    if not value:
        return default
    return value if value in allowed else None


def text_type_problems(values: list[Any]) -> list[str]:
    """Values of a JSON object that are not text where text is expected."""
    problems = []
    for position, value in enumerate(values):
        if value is None or value.__class__ is str or position in _FLAG_COLUMNS:
            continue
        if position == EXTERNAL_ID and isinstance(value, int) and not isinstance(value, bool):
            values[position] = str(value)
            continue
        problems.append(f"{COLUMNS[position]}: expected text, got {type(value).__name__}")
    return problems


def _instant(raw: str) -> tuple[datetime, str]:
    """Parse ``sent_at`` into the instant and its stored text (fast for whole seconds in UTC).

    Raises:
        ValueProblem: not ISO 8601 with an offset.
    """
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        pass
    else:
        iso = value.isoformat()
        if len(iso) == 25 and iso.endswith("+00:00"):
            return value, iso[:19] + WHOLE_SECONDS_UTC
    value = parse_iso_instant(raw)
    return value, encode_instant(value)


def derived_key(recipient: str, sent_text: str, subject: str, body: str) -> str:
    """:func:`cockpit.services.new_send.derived_external_id`, from the stored ``sent_at`` text.

    The same key as ``cockpit add`` derives (a test holds them equal), so a send logged by hand and
    then imported from a file is recognised; computed without datetime formatting per row.
    """
    joined = "\x1f".join([recipient.strip().casefold(), iso_z_of_stored(sent_text), subject, body])
    return f"sha256:{sha256(joined.encode()).hexdigest()[:32]}"


def convert_row(values: list[Any], ctx: RowContext, check_text: bool) -> ImportRow | list[str]:
    """Validate one row (its values in ``COLUMNS`` order, ``None`` where absent) and return the
    import row (:data:`cockpit.store.import_rows.IMPORT_FIELDS`), or every problem found in it.

    ``check_text`` adds the NUL and undecodable-byte checks (needed only when the file has any).
    """
    problems: list[str] = []
    if check_text:
        for position, value in enumerate(values):
            if value is None or value.__class__ is not str:
                continue
            if "\x00" in value:
                problems.append(f"{COLUMNS[position]}: contains a NUL byte")
            byte = bad_bytes_in(value)
            if byte is not None:
                problems.append(f"{COLUMNS[position]}: not valid UTF-8 (byte {byte}); save the file as UTF-8")

    sent_at: datetime | None = None
    sent_text = ""
    raw_sent = values[SENT_AT]
    if not raw_sent or not raw_sent.strip():
        problems.append("sent_at: required")
    else:
        try:
            sent_at, sent_text = _instant(raw_sent)
        except ValueProblem as exc:
            problems.append(f"sent_at: {exc}")
        else:
            if sent_at > ctx.latest:
                problems.append(f"sent_at: {raw_sent.strip()[:40]!r} is more than a day in the future")
            elif sent_at < EARLIEST_NOW:
                problems.append(f"sent_at: {raw_sent.strip()[:40]!r} is before 2003, when LinkedIn started")

    recipient = values[RECIPIENT] or ""
    if recipient[:1].isspace() or recipient[-1:].isspace():
        recipient = recipient.strip()
    if not recipient:
        problems.append("recipient: required")
    elif len(recipient) > MAX_RECIPIENT:
        problems.append(f"recipient: longer than {MAX_RECIPIENT} characters")
    body = values[BODY] or ""
    if len(body) > MAX_BODY:
        problems.append(f"body: longer than {MAX_BODY:,} characters ({len(body):,})")
    elif body.isspace() or not body:
        problems.append("body: required (the text that was sent)")
    subject = values[SUBJECT] or ""
    if len(subject) > MAX_SUBJECT:
        problems.append(f"subject: longer than {MAX_SUBJECT:,} characters ({len(subject):,})")
    for position, limit in SHORT_LIMITS:
        value = values[position]
        if value and len(value) > limit:
            problems.append(f"{COLUMNS[position]}: longer than {limit:,} characters")

    raw = values[CHANNEL]
    channel = raw if raw in ctx.channels else _choice(raw, "inmail", ctx.channels)
    if channel is None:
        problems.append(f"channel: {shown(raw)} is not one of {', '.join(sorted(ctx.channels))}")
    raw = values[SENT_FROM_]
    sent_from = raw if raw in _SENT_FROM else _choice(raw, "desktop", _SENT_FROM)
    if sent_from is None:
        problems.append(f"sent_from: {shown(raw)} is not one of {', '.join(SENT_FROM)}")
    raw = values[PUSH]
    push = raw if raw in _PUSH else _choice(raw, "unknown", _PUSH)
    if push is None:
        problems.append(f"push: {shown(raw)} is not one of yes, no, unknown")
    raw = values[STATE]
    state = None
    if raw:
        state = raw if raw in US_STATES else (raw.strip().upper() or None)
        if state is not None and state not in US_STATES:
            problems.append(f"recipient_state: {shown(raw)} is not a two-letter US state")
    raw = values[SEAT]
    seat = (raw.strip() if raw else "") or ctx.default_seat
    if seat is not None and seat not in ctx.seats:
        problems.append(
            f"seat: {shown(seat)} is not registered (add it with: cockpit seat add NAME --plan PLAN)"
        )
    raw = values[OPEN_PROFILE]
    open_profile = (
        BOOLS[raw] if raw.__class__ is str and raw in BOOLS else _flag(values, OPEN_PROFILE, problems)
    )
    raw = values[COMMERCIAL]
    commercial = BOOLS[raw] if raw.__class__ is str and raw in BOOLS else _flag(values, COMMERCIAL, problems)
    if problems or sent_at is None:
        return problems

    raw = values[EXTERNAL_ID]
    external_id = (raw.strip() if raw else "") or derived_key(recipient, sent_text, subject, body)
    raw = values[PROFILE_URL]
    profile_url = (raw.strip() or None) if raw else None
    raw = values[BATCH]
    batch = (raw.strip() or None) if raw else None
    return (
        external_id,
        recipient,
        profile_url,
        state,
        1 if open_profile else 0,
        channel,
        seat,
        batch,
        subject,
        body,
        sent_text,
        sent_from,
        None if commercial is None else (1 if commercial else 0),
        push,
    )
