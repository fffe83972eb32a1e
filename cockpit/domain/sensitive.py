"""Sensitive values kept out of outputs that carry no body.

An SSN, a card number or a secret found in a message is the message's own text: the details screen
and ``show`` (which show the body anyway) quote it. Everything that leaves without the body (``list
--json``, the incident report, the previews a report lists) shows it masked, keeping only its last
four characters, so an export meant for a wider audience does not spread the value further.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class HasEvidence(Protocol):
    """A finding: its code and the text it is about."""

    @property
    def code(self) -> str: ...

    @property
    def evidence(self) -> str: ...


SENSITIVE_CODES = frozenset({"SSN", "CARD_NUMBER", "SECRET"})
MASK = "\u2022"  # •
KEPT = 4


def mask_value(value: str) -> str:
    """``value`` with every letter and digit but the last four replaced by ``•`` (separators kept);
    a value of eight characters or fewer is masked whole."""
    alnum = [i for i, ch in enumerate(value) if ch.isalnum()]
    keep = set(alnum[-KEPT:]) if len(alnum) > 2 * KEPT else set()
    return "".join(ch if (i in keep or not ch.isalnum()) else MASK for i, ch in enumerate(value))


def mask_in(text: str, values: Iterable[str]) -> str:
    """``text`` with every occurrence of each of ``values`` masked (longest first)."""
    for value in sorted({v for v in values if v}, key=len, reverse=True):
        if value in text:
            text = text.replace(value, mask_value(value))
    return text


def recorded_evidence(finding: HasEvidence) -> str:
    """A finding's evidence as a dismissal records it in the audit log: a sensitive value masked
    (the log is exported and shown to many), any other text as found."""
    return mask_value(finding.evidence) if finding.code in SENSITIVE_CODES else finding.evidence
