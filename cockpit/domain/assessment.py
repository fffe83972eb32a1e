"""A message's judgement: content risks (with what already leaked), credit, leaks and exposure.

The content part does not depend on ``now`` and can be cached per message version; the window is
computed at render time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import ModuleType

from cockpit.domain.commercial import CommercialDefault
from cockpit.domain.credits import MessageCredit, message_credit
from cockpit.domain.exposure import message_exposure
from cockpit.domain.leaks import Leak, message_leaks, span_in_preview
from cockpit.domain.model import Message
from cockpit.domain.review import ADD, RiskDecision
from cockpit.domain.scanner.values import Finding, ScanInput
from cockpit.domain.sensitive import recorded_evidence
from cockpit.policy import Policy

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3, "critical": 4}


@dataclass(frozen=True, slots=True)
class Risk:
    """A content risk finding, placed against the leaked preview."""

    code: str
    severity: str
    field: str
    evidence: str
    start: int
    end: int
    in_preview: bool
    statute: str | None
    penalty_usd: int | None
    rule: str = ""
    """A short stable id of the rule that fired (``reviewer.added`` for a reviewer's finding)."""
    why: str = ""
    """Why it fired, in one sentence."""
    review: RiskDecision | None = None
    """The reviewer's decision: the dismissal of a dismissed finding, the addition of an added one."""

    @property
    def dismissed(self) -> bool:
        """Whether a reviewer dismissed this finding as a false alarm."""
        return self.review is not None and self.review.decision != ADD

    @property
    def added(self) -> bool:
        """Whether a reviewer added this finding (the scanner missed it)."""
        return self.review is not None and self.review.decision == ADD


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything the cockpit judges about one message version, independent of the clock."""

    message_id: int
    version: int
    risks: tuple[Risk, ...]
    leaks: tuple[Leak, ...]
    credit: MessageCredit
    commercial: bool
    commercial_source: str
    commercial_reasons: tuple[str, ...]
    penalties: frozenset[str]
    exposure_usd: int
    dismissed: tuple[Risk, ...] = ()
    """Findings a reviewer dismissed: shown as such, never counted (``risks`` holds the rest)."""

    @property
    def top_severity(self) -> int:
        """The rank of the most severe risk (0 when there is none)."""
        return max((SEVERITY_RANK.get(r.severity, 0) for r in self.risks), default=0)

    @property
    def codes(self) -> tuple[str, ...]:
        """The distinct risk codes, in finding order."""
        return tuple(dict.fromkeys(r.code for r in self.risks))


def _engine() -> ModuleType:
    """The scanner's rules, loaded on first use (importing this module compiles none of them)."""
    from cockpit.domain.scanner import engine

    return engine


def _risk(f: Finding, message: Message, policy: Policy, review: RiskDecision | None = None) -> Risk:
    return Risk(
        code=f.code,
        severity=f.severity,
        field=f.field,
        evidence=f.evidence,
        start=f.start,
        end=f.end,
        in_preview=span_in_preview(f.field, f.start, message, policy)
        if f.field in ("body", "subject") and f.end > f.start
        else False,
        statute=f.statute,
        penalty_usd=f.penalty_usd,
        rule="reviewer.added" if review is not None else f.rule,
        why=f"added by reviewer {review.actor}: {review.reason}" if review is not None else f.why,
        review=review,
    )


def _added(decision: RiskDecision, scan_input: ScanInput, message: Message, policy: Policy) -> Risk:
    """The finding a reviewer added, placed on the text they pointed at when it is in the message."""
    text = decision.evidence[0] if decision.evidence else ""
    field, start, end = "meta", 0, 0
    if text and text in message.body:
        field, start = "body", message.body.index(text)
        end = start + len(text)
    elif text and text in message.subject:
        field, start = "subject", message.subject.index(text)
        end = start + len(text)
    evidence = text or "added by a reviewer"
    return _risk(
        _engine().finding(decision.code, field, start, end, evidence, scan_input, policy),
        message,
        policy,
        decision,
    )


def apply_decisions(
    scanned: Sequence[Risk],
    decisions: Sequence[RiskDecision],
    added: dict[int, Risk],
) -> tuple[tuple[Risk, ...], tuple[Risk, ...]]:
    """The findings that stand and the ones dismissed, after each decision in turn (oldest first).

    A dismissal takes away the standing findings of its code whose evidence it names; an addition
    (``added`` by decision seq) stands like a scanned finding.
    """
    standing = list(scanned)
    dismissed: list[Risk] = []
    for decision in decisions:
        if decision.decision == ADD:
            standing.append(added[decision.seq])
            continue
        keep: list[Risk] = []
        for risk in standing:
            named = decision.evidence  # masked when sensitive; as found in entries written before
            if risk.code == decision.code and (recorded_evidence(risk) in named or risk.evidence in named):
                dismissed.append(replace(risk, review=decision))
            else:
                keep.append(risk)
        standing = keep
    return tuple(standing), tuple(dismissed)


def assess(
    message: Message,
    policy: Policy,
    sender_time_zone: str | None = None,
    decisions: Sequence[RiskDecision] = (),
    commercial_default: CommercialDefault | None = None,
) -> Assessment:
    """Judge one message: scan its text, apply the reviewers' decisions (oldest first), place
    findings against the preview, price the exposure of the findings that stand.

    ``commercial_default`` is the batch's or seat's default for a send that does not say.
    """
    scan_input = ScanInput(
        subject=message.subject,
        body=message.body,
        recipient=message.recipient,
        recipient_state=message.recipient_state,
        channel=message.channel,
        commercial=message.commercial,
        sent_at=message.sent_at,
        sender_time_zone=sender_time_zone,
        sent_from=message.sent_from,
        commercial_review=message.commercial_review,
        commercial_default=commercial_default.commercial if commercial_default else None,
        commercial_default_source=commercial_default.source if commercial_default else "seat",
    )
    result = _engine().scan(scan_input, policy)
    risks = tuple(_risk(f, message, policy) for f in result.findings)
    dismissed: tuple[Risk, ...] = ()
    if decisions:
        added = {d.seq: _added(d, scan_input, message, policy) for d in decisions if d.decision == ADD}
        risks, dismissed = apply_decisions(risks, decisions, added)
    penalties = frozenset(
        name
        for r in risks
        if r.penalty_usd is not None
        for name in [_penalty_name(r.code, policy)]
        if name is not None
    )
    return Assessment(
        message_id=message.id,
        version=message.version,
        risks=risks,
        leaks=tuple(message_leaks(message, policy)),
        credit=message_credit(message, policy),
        commercial=result.commercial,
        commercial_source=result.commercial_source,
        commercial_reasons=tuple(result.commercial_reasons),
        penalties=penalties,
        exposure_usd=message_exposure(penalties, policy),
        dismissed=dismissed,
    )


def _penalty_name(code: str, policy: Policy) -> str | None:
    risk = policy.risks.get(code)
    return risk.penalty if risk else None
