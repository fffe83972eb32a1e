"""The scanner: runs every content rule over a message and returns its findings."""

from __future__ import annotations

from collections.abc import Callable

from cockpit.domain.scanner.accusation import find_accusations
from cockpit.domain.scanner.address import has_postal_address
from cockpit.domain.scanner.biometric import find_biometric_requests
from cockpit.domain.scanner.commercial import infer_commercial
from cockpit.domain.scanner.confidential import find_confidential, guarding_values_only
from cockpit.domain.scanner.credentials import find_secrets
from cockpit.domain.scanner.disregard import find_disregard_followups
from cockpit.domain.scanner.greeting import find_name_mismatch
from cockpit.domain.scanner.meta import (
    after_hours_explanation,
    mobile_explanation,
    no_recall_explanation,
)
from cockpit.domain.scanner.optout import has_adv_label, has_opt_out
from cockpit.domain.scanner.pii import find_card_numbers, find_ssns
from cockpit.domain.scanner.placeholder import find_placeholders
from cockpit.domain.scanner.values import FIELD_ORDER, Finding, ScanInput, ScanResult, Span
from cockpit.domain.scanner.why import Context, explain
from cockpit.policy import Policy

SpanRule = Callable[[str], list[Span]]
_JOIN = "\n\n"

# Rules that look at a text span, run on the subject and on the body.
SPAN_RULES: tuple[tuple[str, SpanRule], ...] = (
    ("PLACEHOLDER", find_placeholders),
    ("SSN", find_ssns),
    ("CARD_NUMBER", find_card_numbers),
    ("CONFIDENTIAL", find_confidential),
    ("BIOMETRIC", find_biometric_requests),
    ("ACCUSATION", find_accusations),
    ("DISREGARD_FOLLOWUP", find_disregard_followups),
    ("SECRET", find_secrets),
)


class _Builder:
    """Turns rule hits into findings carrying the policy's severity and penalty."""

    def __init__(self, policy: Policy, recipient_state: str | None, message: ScanInput | None = None) -> None:
        self.policy = policy
        self.state = (recipient_state or "").strip().upper()
        self.findings: list[Finding] = []
        self.message = message
        self.commercial: tuple[str, tuple[str, ...]] = ("", ())

    def _context(self, field: str) -> Context:
        message = self.message
        text = ""
        if message is not None:
            text = message.subject if field == "subject" else message.body if field == "body" else ""
        return Context(
            text=text,
            recipient=message.recipient if message is not None else "",
            recipient_state=self.state,
            commercial_source=self.commercial[0],
            commercial_reasons=self.commercial[1],
        )

    def add(self, code: str, field: str, start: int, end: int, evidence: str) -> None:
        risk = self.policy.risks.get(code)
        severity = risk.severity if risk is not None else "medium"
        penalty = self.policy.penalty_for(code)
        if code == "BIOMETRIC" and self.state != "IL":
            penalty = None  # BIPA protects Illinois residents only
        rule, why = explain(code, evidence, start, self._context(field))
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                field=field,
                start=start,
                end=end,
                evidence=evidence,
                statute=penalty.statute if penalty is not None else None,
                penalty_usd=penalty.amount_usd if penalty is not None else None,
                rule=rule,
                why=why,
            )
        )

    def add_spans(self, code: str, field: str, text: str, spans: list[Span]) -> None:
        for span in spans:
            self.add(code, field, span.start, span.end, text[span.start : span.end])

    def result(self, commercial: bool, source: str, reasons: tuple[str, ...]) -> ScanResult:
        ordered = sorted(self.findings, key=lambda f: (FIELD_ORDER.get(f.field, 9), f.start, f.end, f.code))
        return ScanResult(tuple(ordered), commercial, source, reasons)


def _commercial(message: ScanInput, text: str) -> tuple[bool, str, tuple[str, ...]]:
    """Whether the message is commercial and why: a reviewer's correction, the send's own flag,
    the batch's or seat's default, else a guess from the text (with its reasons)."""
    if message.commercial_review is not None:
        return message.commercial_review, "review", ()
    if message.commercial is not None:
        return message.commercial, "message", ()
    if message.commercial_default is not None:
        return message.commercial_default, message.commercial_default_source, ()
    reasons = infer_commercial(text)
    return bool(reasons), "guessed", reasons


def _channel(message: ScanInput, policy: Policy) -> tuple[str, bool]:
    """The channel's label and whether members can recall it."""
    channel = policy.channels.get(message.channel)
    if channel is None:
        return message.channel, message.channel != "sponsored"
    return channel.label, channel.recallable


def finding(
    code: str, field: str, start: int, end: int, evidence: str, message: ScanInput, policy: Policy
) -> Finding:
    """One finding of ``code``, with the policy's severity and penalty, as the scan would make it."""
    out = _Builder(policy, message.recipient_state, message)
    out.add(code, field, start, end, evidence)
    return out.findings[0]


def scan(message: ScanInput, policy: Policy) -> ScanResult:
    """Scan one message for every content and sending risk.

    Args:
        message: the message's text and how it was sent.
        policy: severities, penalties and the after-hours window.

    Returns:
        The findings ordered by field (subject, body, meta) then start, and whether the
        message was treated as commercial (given, defaulted, or guessed from its content).
    """
    out = _Builder(policy, message.recipient_state, message)
    subject, body = message.subject, message.body
    # One pass over "subject, blank line, body" is cheaper than two; spans are mapped back.
    offset = len(subject) + len(_JOIN) if subject else 0
    combined = f"{subject}{_JOIN}{body}" if subject else body
    found = {code: rule(combined) for code, rule in SPAN_RULES}
    if found["CONFIDENTIAL"]:
        found["CONFIDENTIAL"] = guarding_values_only(combined, found)
    for code, _rule in SPAN_RULES:
        for span in found[code]:
            if span.end <= len(subject):
                out.add(code, "subject", span.start, span.end, subject[span.start : span.end])
            elif span.end > offset:
                start, end = max(span.start, offset) - offset, span.end - offset
                out.add(code, "body", start, end, body[start:end])
    out.add_spans("NAME_MISMATCH", "body", message.body, find_name_mismatch(message.body, message.recipient))

    commercial, source, reasons = _commercial(message, combined)
    out.commercial = (source, reasons)
    if commercial:
        opt_out = has_opt_out(combined)
        if not has_postal_address(combined):
            out.add("NO_POSTAL_ADDRESS", "meta", 0, 0, "commercial message with no postal address")
        if not opt_out:
            out.add("NO_OPT_OUT", "meta", 0, 0, "commercial message with no way to opt out")
        if out.state == "TX" and not opt_out and not has_adv_label(message.subject):
            out.add(
                "TX_NO_ADV",
                "meta",
                0,
                0,
                'Texas recipient: no "ADV:" subject label and no opt-out',
            )

    explanations = (
        (
            "AFTER_HOURS",
            after_hours_explanation(
                message.sent_at,
                message.sender_time_zone,
                policy.after_hours.start,
                policy.after_hours.end,
            ),
        ),
        ("MOBILE_SEND", mobile_explanation(message.sent_from)),
        ("NO_RECALL_CHANNEL", no_recall_explanation(message.channel, *_channel(message, policy))),
    )
    for code, explanation in explanations:
        if explanation is not None:
            out.add(code, "meta", 0, 0, explanation)
    return out.result(commercial, source, reasons)
