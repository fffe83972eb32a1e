"""The same send from two sources: a LinkedIn export row and a send already stored from a sends file
(or ``cockpit add``), or the other way round.

A row is linked to a stored message when the seat is the same, the recipient is the same (profile
URL when both have one, else the name, ignoring case and accents), the text is the same (whitespace
and line endings normalised) and the send times differ by at most the policy's tolerance. A linked
row adds no message: its key is stored as a link to the message, with a ``link`` audit entry, so
importing the file again finds it. Rules when it is not clear:

- two or more stored messages match: the row is imported as a new message, with a warning;
- the one stored message that matches is already linked to another row (of this file or an
  earlier one): the row is imported as a new message, with a warning.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from cockpit.services.importing.values import normalise_profile_url
from cockpit.store.import_rows import BODY, EXTERNAL_ID, PROFILE_URL, RECIPIENT, SEAT, SENT_AT, ImportRow
from cockpit.store.instant_text import decode_instant, iso_z_of_stored
from cockpit.store.links import StoredSend, insert_links, sends_near
from cockpit.store.repository import NewAudit, WriteTx

MAX_LISTED_WARNINGS = 1_000


def same_name(name: str) -> str:
    """A recipient name in comparable form: case, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def same_text(body: str) -> str:
    """A message text in comparable form: line endings and runs of whitespace as one space."""
    return " ".join(body.split())


@dataclass(frozen=True, slots=True)
class Link:
    """A row found to be a stored send."""

    key: str
    message_id: int
    batch: str | None
    seconds_apart: int
    matched_on: str  # "profile_url" or "name"


@dataclass(frozen=True, slots=True)
class LinkWarning:
    """A row that matched, but not clearly enough to be linked; it was imported as new."""

    recipient: str
    sent_at: str  # ISO 8601 with Z
    message_ids: tuple[int, ...]
    reason: str  # "ambiguous" or "already linked"

    def text(self) -> str:
        """The warning in words (the recipient is file text: show it through ``safe_text``)."""
        ids = ", ".join(str(i) for i in self.message_ids)
        if self.reason == "ambiguous":
            return f"matches messages {ids} equally: imported as a new message, linked to neither"
        return f"matches message {ids}, already linked to another row: imported as a new message"


def _recipient_match(row: ImportRow, send: StoredSend) -> str | None:
    """How the recipients match (``profile_url`` or ``name``), or ``None`` when they differ."""
    row_url, send_url = row[PROFILE_URL], send.recipient_profile_url
    if row_url and send_url:
        return "profile_url" if normalise_profile_url(row_url) == normalise_profile_url(send_url) else None
    return "name" if same_name(row[RECIPIENT]) == same_name(send.recipient) else None


@dataclass
class Linker:
    """Finds, for the rows of one import, the stored sends they are; used inside its transaction.

    ``from_export``: the rows come from a LinkedIn export (they are matched with messages from other
    sources); otherwise they come from a sends file (matched with messages from an export).
    ``before_id``: the first id this import gives a new message (its own rows are never candidates).
    """

    tx: WriteTx
    tolerance: timedelta
    from_export: bool
    before_id: int
    links: list[Link] = field(default_factory=list)
    warnings: list[LinkWarning] = field(default_factory=list)
    _taken: set[int] = field(default_factory=set)

    def take(self, rows: list[ImportRow]) -> list[ImportRow]:
        """Link the rows that are stored sends (storing their links); returns the rest, in order."""
        if not rows:
            return rows
        instants = [decode_instant(row[SENT_AT]) for row in rows]
        near = sends_near(
            self.tx, instants, self.tolerance, from_export=not self.from_export, before_id=self.before_id
        )
        if not near:
            return rows
        by_text: dict[str, list[StoredSend]] = {}
        for send in near:
            by_text.setdefault(same_text(send.body), []).append(send)
        kept: list[ImportRow] = []
        linked: list[tuple[str, int]] = []
        for row, when in zip(rows, instants, strict=True):
            matches = [
                (send, how)
                for send in by_text.get(same_text(row[BODY]), [])
                if send.seat == row[SEAT]
                and abs(send.sent_at - when) <= self.tolerance
                and (how := _recipient_match(row, send)) is not None
            ]
            if not matches:
                kept.append(row)
                continue
            sent = iso_z_of_stored(row[SENT_AT])
            if len(matches) > 1:
                ids = tuple(send.id for send, _ in matches)
                self.warnings.append(LinkWarning(row[RECIPIENT], sent, ids, "ambiguous"))
                kept.append(row)
                continue
            send, how = matches[0]
            if send.linked or send.id in self._taken:
                self.warnings.append(LinkWarning(row[RECIPIENT], sent, (send.id,), "already linked"))
                kept.append(row)
                continue
            self._taken.add(send.id)
            seconds = round(abs((send.sent_at - when).total_seconds()))
            self.links.append(Link(row[EXTERNAL_ID], send.id, send.batch, seconds, how))
            linked.append((row[EXTERNAL_ID], send.id))
        insert_links(self.tx, linked)
        return kept

    def audit_entries(self, file: str, sha256: str) -> list[NewAudit]:
        """One ``link`` entry per linked row: the message, the row's key and how they matched."""
        return [
            NewAudit(
                action="link",
                message_id=link.message_id,
                batch=link.batch,
                reason="the same send, found again in an imported file",
                details={
                    "key": link.key,
                    "file": file,
                    "sha256": sha256,
                    "matched_on": link.matched_on,
                    "seconds_apart": link.seconds_apart,
                },
            )
            for link in self.links
        ]
