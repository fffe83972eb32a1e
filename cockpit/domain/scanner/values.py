"""Values the scanner takes and returns: a message to scan, its findings and the result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

FIELD_ORDER: dict[str, int] = {"subject": 0, "body": 1, "meta": 2}
"""Findings are ordered by field in reading order (subject, body, meta), then by start."""

CODES: tuple[str, ...] = (
    "PLACEHOLDER",
    "NAME_MISMATCH",
    "NO_POSTAL_ADDRESS",
    "NO_OPT_OUT",
    "TX_NO_ADV",
    "SSN",
    "CARD_NUMBER",
    "CONFIDENTIAL",
    "BIOMETRIC",
    "ACCUSATION",
    "DISREGARD_FOLLOWUP",
    "SECRET",
    "AFTER_HOURS",
    "MOBILE_SEND",
    "NO_RECALL_CHANNEL",
)


@dataclass(frozen=True, slots=True)
class ScanInput:
    """One sent message as the scanner sees it."""

    subject: str
    body: str
    recipient: str
    recipient_state: str | None
    channel: str
    commercial: bool | None
    sent_at: datetime
    sender_time_zone: str | None
    sent_from: str
    commercial_review: bool | None = None  # a reviewer's correction: wins over everything
    commercial_default: bool | None = None  # the batch's or seat's default
    commercial_default_source: str = "seat"  # "batch" or "seat"


@dataclass(frozen=True, slots=True)
class Finding:
    """One content risk found in a message."""

    code: str
    severity: str
    field: str
    start: int
    end: int
    evidence: str
    statute: str | None
    penalty_usd: int | None
    rule: str = ""
    """A short stable id of the rule that fired (``ssn.dashed``, ``placeholder.double-brace``)."""
    why: str = ""
    """Why it fired, in one sentence."""


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Every finding of one message, and whether it was treated as commercial."""

    findings: tuple[Finding, ...]
    commercial: bool
    commercial_source: str
    commercial_reasons: tuple[str, ...]

    @property
    def codes(self) -> frozenset[str]:
        """The distinct codes found."""
        return frozenset(f.code for f in self.findings)


class Span(NamedTuple):
    """A stretch of text a rule matched: ``text[start:end]``."""

    start: int
    end: int


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sort spans and merge the ones that overlap or touch."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged
