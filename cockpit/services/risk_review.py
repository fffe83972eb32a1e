"""A reviewer's decisions on findings: dismiss a false alarm, add a risk the scanner missed.

Each is one transaction: the message's version moves on (so every view judges it again) and one
``risk`` audit entry records the decision, which is where the decision is kept.
"""

from __future__ import annotations

from cockpit.clock import Clock, iso_z
from cockpit.domain.assessment import Assessment, assess
from cockpit.domain.model import Message
from cockpit.domain.review import ADD, DISMISS, MAX_EVIDENCE, MAX_REASON, RISK_ACTION
from cockpit.domain.scanner import CODES
from cockpit.domain.sensitive import recorded_evidence
from cockpit.errors import BadInput, Conflict, Refused
from cockpit.policy import Policy
from cockpit.services.in_place import change_in_place
from cockpit.store.repository import Repository, WriteTx
from cockpit.store.write_lock import retry_transient


def _code(code: str) -> str:
    wanted = code.strip().upper()
    if wanted not in CODES:
        raise BadInput(f"unknown risk code {code!r} (one of {', '.join(CODES)})")
    return wanted


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise BadInput("a risk decision needs a reason (--reason)")
    if len(text) > MAX_REASON:
        raise BadInput(f"a reason is limited to {MAX_REASON:,} characters")
    return text


class RiskReview:
    """Reviewers' decisions on the findings of messages, for one actor, clock and policy."""

    def __init__(self, repo: Repository, clock: Clock, policy: Policy, actor: str) -> None:
        self.repo = repo
        self.clock = clock
        self.policy = policy
        self.actor = actor

    def _current(
        self, tx: WriteTx, message_id: int, expected_version: int | None
    ) -> tuple[Message, Assessment]:
        message = tx.message(message_id)
        if message is None:
            raise BadInput(f"no message with id {message_id}")
        if expected_version is not None and message.version != expected_version:
            raise Conflict(f"message {message_id} changed since you saw it; nothing was changed")
        seat = tx.seat(message.seat) if message.seat else None
        decisions = tx.risk_decisions([message.id]).get(message.id, ())
        return message, assess(message, self.policy, seat.time_zone if seat else None, decisions)

    def _record(self, tx: WriteTx, message: Message, reason: str, details: dict[str, object]) -> int:
        return change_in_place(tx, message, RISK_ACTION, {}, details, reason, self.policy)

    @retry_transient
    def dismiss(
        self, message_id: int, code: str, reason: str | None, expected_version: int | None = None
    ) -> int:
        """Dismiss every standing finding of ``code`` on a message as a false alarm; returns the
        entry's seq.

        Raises:
            BadInput: no such message, an unknown code, no reason.
            Refused: the message has no standing finding of that code (none, or dismissed already).
        """
        wanted, text = _code(code), _reason(reason)
        with self.repo.write(self.actor, self.clock.now()) as tx:
            message, assessment = self._current(tx, message_id, expected_version)
            evidence = list(dict.fromkeys(recorded_evidence(r) for r in assessment.risks if r.code == wanted))
            if not evidence:
                earlier = next((r.review for r in assessment.dismissed if r.code == wanted), None)
                if earlier is not None:
                    raise Refused(
                        f"message {message_id}: {wanted} was already dismissed by {earlier.actor} "
                        f"at {iso_z(earlier.at)}; nothing was changed"
                    )
                raise Refused(f"message {message_id} has no {wanted} finding to dismiss; nothing was changed")
            return self._record(
                tx, message, text, {"decision": DISMISS, "code": wanted, "evidence": evidence}
            )

    @retry_transient
    def add(
        self,
        message_id: int,
        code: str,
        reason: str | None,
        evidence: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Add a finding of ``code`` the scanner missed (``evidence``: the text it is about, if any);
        returns the entry's seq.

        Raises:
            BadInput: no such message, an unknown code, no reason, evidence too long.
            Refused: the message already has a standing finding of that code.
        """
        wanted, text = _code(code), _reason(reason)
        pointed = (evidence or "").strip()
        if len(pointed) > MAX_EVIDENCE:
            raise BadInput(f"--evidence is limited to {MAX_EVIDENCE} characters")
        if "\x00" in pointed:
            raise BadInput("--evidence contains a NUL byte")
        with self.repo.write(self.actor, self.clock.now()) as tx:
            message, assessment = self._current(tx, message_id, expected_version)
            present = next((r for r in assessment.risks if r.code == wanted), None)
            if present is not None:
                by = f" (added by {present.review.actor})" if present.review is not None else ""
                raise Refused(
                    f"message {message_id} already has a finding of {wanted}{by}; nothing was changed"
                )
            return self._record(
                tx, message, text, {"decision": ADD, "code": wanted, "evidence": [pointed] if pointed else []}
            )
