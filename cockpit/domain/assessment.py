"""A message's judgement: content risks (with what already leaked), credit, leaks and exposure.

The content part does not depend on ``now`` and can be cached per message version; the window is
computed at render time.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.domain.commercial import CommercialDefault
from cockpit.domain.credits import MessageCredit, message_credit
from cockpit.domain.exposure import message_exposure
from cockpit.domain.leaks import Leak, message_leaks, span_in_preview
from cockpit.domain.model import Message
from cockpit.domain.scanner import ScanInput, scan
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

    @property
    def top_severity(self) -> int:
        """The rank of the most severe risk (0 when there is none)."""
        return max((SEVERITY_RANK.get(r.severity, 0) for r in self.risks), default=0)

    @property
    def codes(self) -> tuple[str, ...]:
        """The distinct risk codes, in finding order."""
        return tuple(dict.fromkeys(r.code for r in self.risks))


def assess(
    message: Message,
    policy: Policy,
    sender_time_zone: str | None = None,
    commercial_default: CommercialDefault | None = None,
) -> Assessment:
    """Judge one message: scan its text, place findings against the preview, price the exposure.

    ``commercial_default`` is the batch's or seat's default for a send that does not say.
    """
    result = scan(
        ScanInput(
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
        ),
        policy,
    )
    risks = tuple(
        Risk(
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
        )
        for f in result.findings
    )
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
    )


def _penalty_name(code: str, policy: Policy) -> str | None:
    risk = policy.risks.get(code)
    return risk.penalty if risk else None
