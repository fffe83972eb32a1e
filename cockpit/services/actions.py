"""User actions: add a send, register a seat, recall, edit, revert, observe, review notes.

Each public method is one transaction that writes the state change and its audit entry together.
A rule that says no raises :class:`~cockpit.errors.Refused` (nothing written); a message changed by
someone else since the user saw it raises :class:`~cockpit.errors.Conflict`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cockpit.clock import Clock, iso_z
from cockpit.domain.content import text_fingerprint
from cockpit.domain.marks import mark_to_revert
from cockpit.domain.model import PLANS, Message, Observation, Push, Seat, Status
from cockpit.domain.rules import edit_refusal, recall_refusal
from cockpit.errors import BadInput, Conflict, Refused
from cockpit.policy import Policy
from cockpit.services.fingerprints import message_sha256, messages_sha256
from cockpit.services.in_place import change_in_place
from cockpit.services.judging import judge_in
from cockpit.services.new_send import MAX_BODY, NewSend, validate_send
from cockpit.services.review_notes import annotate, raise_escalation, settle_escalation
from cockpit.store.repository import NewAudit, Repository, WriteTx
from cockpit.store.write_lock import retry_transient


@dataclass(frozen=True, slots=True)
class Skipped:
    """A message a bulk action left alone, and why."""

    message_id: int
    reason: str
    kind: str  # "refused", "conflict" or "missing"


@dataclass(frozen=True, slots=True)
class RecallOutcome:
    """What a recall did."""

    recalled: list[int] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _body_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Actions:
    """The cockpit's state-changing actions for one actor, clock and policy."""

    def __init__(self, repo: Repository, clock: Clock, policy: Policy, actor: str) -> None:
        self.repo = repo
        self.clock = clock
        self.policy = policy
        self.actor = actor

    # -- helpers -------------------------------------------------------------------------------

    def _last_change(self, tx: WriteTx, message: Message, seen_version: int | None = None) -> str:
        """Who changed ``message`` past the version the user saw (``seen_version``; else its newest
        change), and when."""
        entries = tx.audit_for(message.id)
        winner = [e for e in entries if seen_version is not None and e.from_version == seen_version]
        entry = winner[0] if winner else (entries[-1] if entries else None)
        if entry is None:
            return f"now {message.status}"
        later = sum(1 for e in entries if e.seq > entry.seq and e.from_version is not None)
        more = f" and {later} more change{'s' if later != 1 else ''}" if later else ""
        return f"{entry.action} by {entry.actor} at {iso_z(entry.at)}{more}; now {message.status}"

    def _already_recalled(self, tx: WriteTx, message: Message) -> str:
        entry = tx.last_audit_for(message.id, ["recall"])
        if entry is None:
            return "already recalled"
        return f"already recalled by {entry.actor} at {iso_z(entry.at)}"

    def _load(self, tx: WriteTx, message_id: int, expected_version: int | None) -> Message:
        message = tx.message(message_id)
        if message is None:
            raise BadInput(f"no message with id {message_id}")
        if expected_version is not None and message.version != expected_version:
            raise Conflict(
                f"message {message_id} changed since you saw it "
                f"({self._last_change(tx, message, expected_version)}); "
                "nothing was changed"
            )
        return message

    # -- seats and sends -----------------------------------------------------------------------

    @retry_transient
    def add_seat(
        self,
        name: str,
        plan: str,
        credits: int | None = None,
        time_zone: str = "UTC",
        commercial: bool | None = None,
    ) -> Seat:
        """Register a sender seat (``commercial``: its sends' default; ``None``: the plan's)."""
        name = name.strip()
        if not name:
            raise BadInput("seat name: required")
        if plan not in PLANS or plan not in self.policy.plans:
            raise BadInput(f"plan {plan!r} is not one of {', '.join(self.policy.plans)}")
        if credits is not None and credits < 0:
            raise BadInput(f"--credits {credits}: must be zero or more")
        if credits is not None and credits > 1_000_000:
            raise BadInput(f"--credits {credits}: more than 1,000,000 a month is not a plausible allowance")
        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise BadInput(f"--tz {time_zone!r}: not a known time zone (e.g. Europe/London)") from None
        seat = Seat(name=name, plan=plan, monthly_credits=credits, time_zone=time_zone, commercial=commercial)
        with self.repo.write(self.actor, self.clock.now()) as tx:
            if tx.seat(name) is not None:
                raise BadInput(f"seat {name!r} already exists")
            values = {"name": name, "plan": plan, "monthly_credits": credits, "time_zone": time_zone}
            details: dict[str, object] = {
                "seat": name,
                "plan": plan,
                "credits": credits,
                "time_zone": time_zone,
            }
            if commercial is not None:
                values["commercial"] = commercial
                details["commercial"] = commercial
            tx.insert_seat(values)
            tx.append_audit([NewAudit(action="seat", details=details)])
        return seat

    @retry_transient
    def add_send(self, send: NewSend) -> int:
        """Log one send; returns its id."""
        now = self.clock.now()
        values = validate_send(send, self.policy, now)
        with self.repo.write(self.actor, now) as tx:
            if values["seat"] is not None and tx.seat(values["seat"]) is None:
                raise BadInput(
                    f"seat {values['seat']!r} is not registered "
                    "(add it with: cockpit seat add NAME --plan PLAN)"
                )
            if tx.existing_external_ids([values["external_id"]]):
                raise BadInput(f"this send is already logged (external id {values['external_id']})")
            message_id = tx.insert_message(values)
            details: dict[str, object] = {
                "external_id": values["external_id"],
                "body_sha256": _body_digest(values["body"]),
                "content_sha256": message_sha256(tx, message_id),
            }
            if values["push"] != Push.UNKNOWN:
                details["push"] = values["push"]
            tx.append_audit(
                [
                    NewAudit(
                        action="add",
                        message_id=message_id,
                        batch=values["batch"],
                        to_status=Status.SENT.value,
                        details=details,
                    )
                ]
            )
            judge_in(tx, self.policy, [message_id])
        return message_id

    @retry_transient
    def add_sends(self, sends: Sequence[NewSend]) -> list[int]:
        """Log many sends in one transaction (one ``add`` entry each); returns their ids in order.

        Raises:
            BadInput: naming the first invalid send (by position) or a duplicate; nothing is written.
        """
        now = self.clock.now()
        rows: list[dict[str, object]] = []
        for position, send in enumerate(sends, start=1):
            try:
                rows.append(validate_send(send, self.policy, now))
            except BadInput as exc:
                raise BadInput(f"send {position}: {exc}") from None
        keys = [str(row["external_id"]) for row in rows]
        if len(set(keys)) != len(keys):
            raise BadInput("the same send appears twice")
        with self.repo.write(self.actor, now) as tx:
            seats = {row["seat"] for row in rows if row["seat"] is not None}
            for seat in sorted(seats, key=str):
                if tx.seat(str(seat)) is None:
                    raise BadInput(f"seat {seat!r} is not registered")
            if tx.existing_external_ids(keys):
                raise BadInput("some of these sends are already logged")
            ids = tx.insert_messages(rows)
            contents = messages_sha256(tx, ids)
            tx.append_audit(
                [
                    NewAudit(
                        action="add",
                        message_id=message_id,
                        batch=row["batch"],  # type: ignore[arg-type]
                        to_status=Status.SENT.value,
                        details={
                            "external_id": row["external_id"],
                            "body_sha256": _body_digest(str(row["body"])),
                            "content_sha256": contents[message_id],
                            **({"push": row["push"]} if row["push"] != Push.UNKNOWN else {}),
                        },
                    )
                    for message_id, row in zip(ids, rows, strict=True)
                ]
            )
        return ids

    # -- marks ---------------------------------------------------------------------------------

    @retry_transient
    def recall(
        self,
        ids: Sequence[int] = (),
        batch: str | None = None,
        reason: str | None = None,
        expected_versions: Mapping[int, int] | None = None,
        via: str | None = None,
    ) -> RecallOutcome:
        """Mark messages recalled: one id, several, or a whole batch.

        Everything the rules allow is recalled in one transaction; the rest is listed in
        ``skipped`` with its reason. Nothing is raised for a bulk request; see :meth:`recall_one`.
        ``via`` names where a single mark was made (``walk``: the guided walk), kept in the audit entry.
        """
        if not ids and batch is None:
            raise BadInput("name at least one message id or --batch")
        now = self.clock.now()
        expected = expected_versions or {}
        with self.repo.write(self.actor, now) as tx:
            messages = tx.messages_by_id(ids) if ids else []
            if batch is not None:
                in_batch = tx.messages_in_batch(batch)
                if not in_batch:
                    raise BadInput(f"no messages in batch {batch!r}")
                seen = {m.id for m in messages}
                messages.extend(m for m in in_batch if m.id not in seen)
            found = {m.id for m in messages}
            skipped = [
                Skipped(mid, f"no message with id {mid}", "missing")
                for mid in dict.fromkeys(ids)
                if mid not in found
            ]
            to_recall: list[Message] = []
            for message in messages:
                if message.id in expected and expected[message.id] != message.version:
                    skipped.append(
                        Skipped(
                            message.id,
                            "changed since you saw it "
                            f"({self._last_change(tx, message, expected[message.id])})",
                            "conflict",
                        )
                    )
                    continue
                refusal = recall_refusal(message, now, self.policy)
                if refusal == "already recalled":
                    refusal = self._already_recalled(tx, message)
                if refusal is not None:
                    skipped.append(Skipped(message.id, refusal, "refused"))
                    continue
                to_recall.append(message)
            changed = tx.update_messages(
                [(m.id, m.status, m.version) for m in to_recall],
                {"status": Status.RECALLED.value, "recalled_at": now},
            )
            if changed != len(to_recall):
                raise Conflict("messages changed while recalling them; nothing was changed")
            tx.append_audit(
                [
                    NewAudit(
                        action="recall",
                        message_id=m.id,
                        batch=m.batch,
                        from_status=m.status,
                        to_status=Status.RECALLED.value,
                        from_version=m.version,
                        reason=reason,
                        details={"bulk": len(to_recall)}
                        if len(to_recall) > 1
                        else ({"via": via} if via else {}),
                    )
                    for m in to_recall
                ]
            )
        return RecallOutcome(recalled=[m.id for m in to_recall], skipped=skipped)

    def recall_one(
        self,
        message_id: int,
        reason: str | None = None,
        expected_version: int | None = None,
        via: str | None = None,
    ) -> None:
        """Recall one message, raising ``Refused``/``Conflict``/``BadInput`` when it cannot be."""
        expected = {message_id: expected_version} if expected_version is not None else None
        outcome = self.recall([message_id], reason=reason, expected_versions=expected, via=via)
        if outcome.recalled:
            return
        skip = outcome.skipped[0]
        text = f"message {message_id}: {skip.reason}; nothing was changed"
        if skip.kind == "missing":
            raise BadInput(f"no message with id {message_id}")
        raise (Conflict if skip.kind == "conflict" else Refused)(text)

    @retry_transient
    def edit(
        self,
        message_id: int,
        body: str,
        reason: str | None = None,
        expected_version: int | None = None,
        subject: str | None = None,
    ) -> int:
        """Mark a message edited with its new text; the old text is kept as a revision.

        Returns the number of the revision that holds the earlier text.
        """
        if not body.strip():
            raise BadInput("the new body is empty")
        if len(body) > MAX_BODY:
            raise BadInput(f"the new body is longer than {MAX_BODY:,} characters")
        if "\x00" in body:
            raise BadInput("the new body contains a NUL byte")
        now = self.clock.now()
        with self.repo.write(self.actor, now) as tx:
            message = self._load(tx, message_id, expected_version)
            refusal = edit_refusal(message, now, self.policy)
            if refusal is not None:
                raise Refused(f"message {message_id}: {refusal}; nothing was changed")
            new_subject = message.subject if subject is None else subject
            if body == message.body and new_subject == message.subject:
                raise BadInput(f"message {message_id}: the new text is the same as the current one")
            revision = tx.insert_revision(message, reason)
            if not tx.update_message(
                message.id,
                message.status,
                message.version,
                {"status": Status.EDITED.value, "edited_at": now, "body": body, "subject": new_subject},
            ):
                raise Conflict(f"message {message_id} changed while editing it; nothing was changed")
            tx.append_audit(
                [
                    NewAudit(
                        action="edit",
                        message_id=message.id,
                        batch=message.batch,
                        from_status=message.status,
                        to_status=Status.EDITED.value,
                        from_version=message.version,
                        reason=reason,
                        details={
                            "revision": revision,
                            "revision_sha256": text_fingerprint(message.subject, message.body),
                            "body_sha256": _body_digest(body),
                            "content_sha256": message_sha256(tx, message.id),
                        },
                    )
                ]
            )
            judge_in(tx, self.policy, [message.id])
        return revision

    @retry_transient
    def revert(self, message_id: int, reason: str, expected_version: int | None = None) -> str:
        """Undo the newest recall or edit mark of a message (made in error). Returns the new status."""
        if not reason or not reason.strip():
            raise BadInput("a revert needs a reason (--reason)")
        now = self.clock.now()
        with self.repo.write(self.actor, now) as tx:
            message = self._load(tx, message_id, expected_version)
            mark = mark_to_revert(tx.audit_for(message.id))
            if mark is None:
                raise Refused(f"message {message_id} has no recall or edit mark to revert")
            new_status = mark.from_status or Status.SENT.value
            values: dict[str, object] = {"status": new_status}
            details: dict[str, object] = {"reverts": mark.seq, "mark": mark.action}
            if mark.action == "recall":
                values["recalled_at"] = None
            else:
                revision_number = mark.details.get("revision")
                earlier = next((r for r in tx.revisions(message.id) if r.number == revision_number), None)
                if earlier is None:
                    raise Refused(
                        f"message {message_id}: the text before edit entry {mark.seq} is not on record"
                    )
                details["revision"] = tx.insert_revision(message, f"revert: {reason}")
                details["revision_sha256"] = text_fingerprint(message.subject, message.body)
                details["body_sha256"] = _body_digest(earlier.body)
                values.update(body=earlier.body, subject=earlier.subject)
                if new_status == Status.SENT:
                    values["edited_at"] = None
            if not tx.update_message(message.id, message.status, message.version, values):
                raise Conflict(f"message {message_id} changed while reverting it; nothing was changed")
            if "body" in values:
                details["content_sha256"] = message_sha256(tx, message.id)
            tx.append_audit(
                [
                    NewAudit(
                        action="revert",
                        message_id=message.id,
                        batch=message.batch,
                        from_status=message.status,
                        to_status=new_status,
                        from_version=message.version,
                        reason=reason.strip(),
                        details=details,
                    )
                ]
            )
            if "body" in values:
                judge_in(tx, self.policy, [message.id])
        return new_status

    @retry_transient
    def observe(
        self,
        message_id: int,
        kind: Observation,
        at: datetime | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Record what is known of the recipient's side (a reply, an open, a push, a forward)."""
        now = self.clock.now()
        when = at or now
        with self.repo.write(self.actor, now) as tx:
            message = self._load(tx, message_id, expected_version)
            if when < message.sent_at:
                raise BadInput(f"--at {iso_z(when)} is before the send ({iso_z(message.sent_at)})")
            if when > now:
                raise BadInput(f"--at {iso_z(when)} is in the future")
            values: dict[str, object]
            if kind == Observation.REPLIED:
                current = message.replied_at
                values = {"replied_at": when}
            elif kind == Observation.OPENED:
                current = message.opened_at
                values = {"opened_at": when}
            elif kind == Observation.FORWARDED:
                current = message.forwarded_at
                values = {"forwarded_at": when}
            else:
                push = Push.YES if kind == Observation.PUSH_DELIVERED else Push.NO
                if message.push == push:
                    raise Refused(f"message {message_id}: push is already recorded as {push.value}")
                current = None
                values = {"push": push.value}
            if current is not None:
                raise Refused(f"message {message_id}: already recorded as {kind.value} at {iso_z(current)}")
            change_in_place(
                tx,
                message,
                "observe",
                values,
                {"observed": kind.value, "at": iso_z(when)},
                policy=self.policy,
            )

    # -- review ----------------------------------------------------------------------------------

    def comment(self, message_id: int, text: str) -> int:
        """Attach a reviewer's note to a message (audited); returns the entry's seq."""
        return annotate(self.repo, self.actor, self.clock.now(), "comment", message_id, text, "comment")

    def escalate(self, message_id: int, reason: str) -> int:
        """Flag a message for counsel (audited, ``{"escalation": "raised"}``); returns the entry's seq."""
        return raise_escalation(self.repo, self.actor, self.clock.now(), message_id, reason)

    def resolve_escalation(self, message_id: int, reason: str) -> int:
        """Counsel's answer: the open escalation is resolved (audited); returns the entry's seq.

        Raises:
            Refused: the message has no open escalation.
        """
        return settle_escalation(self.repo, self.actor, self.clock.now(), message_id, "resolved", reason)

    def withdraw_escalation(self, message_id: int, reason: str) -> int:
        """The open escalation was raised in error and is withdrawn (audited); returns the entry's seq.

        Raises:
            Refused: the message has no open escalation.
        """
        return settle_escalation(self.repo, self.actor, self.clock.now(), message_id, "withdrawn", reason)

    # -- whether messages are commercial ---------------------------------------------------------

    def set_batch_commercial(self, batch: str, commercial: bool | None) -> int:
        """Set whether ``batch``'s sends are commercial by default (``None`` clears it; audited)."""
        from cockpit.services.commercial import set_batch_commercial

        return set_batch_commercial(self.repo, self.clock.now(), self.actor, batch, commercial)

    @retry_transient
    def review_commercial(
        self, message_id: int, commercial: bool, reason: str, expected_version: int | None = None
    ) -> int:
        """A reviewer's correction of whether a message is commercial (audited); returns its seq."""
        from cockpit.services.commercial import review_commercial

        with self.repo.write(self.actor, self.clock.now()) as tx:
            message = self._load(tx, message_id, expected_version)
            return review_commercial(tx, message, commercial, reason, self.policy)
