"""A message's judgement as stored: the part of its content assessment every view counts.

The content scan is the expensive part of judging a message, and it depends only on the message's
text and facts, the policy and the scanner's code. So it runs once per message version and what the
views need of it is stored beside the message, marked with a *basis*: a fingerprint of the scanner's
code and the policy tables it reads. A stored judgement whose basis differs from the running program's
is out of date and is judged again. Nothing here imports the scanner (a first paint needs none of it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path

from cockpit.policy import DEFAULT_ALERTS, Policy

_KEPT_LIBRARIES = ("detect-secrets", "python-stdnum", "nicknames", "pycountry")
_JUDGING_MODULES = (
    "templates.py",
    "assessment.py",
    "commercial.py",
    "exposure.py",
    "judgement.py",
    "review.py",
    "risk_summary.py",
)


@dataclass(frozen=True, slots=True)
class RiskSummary:
    """What the views keep of a message's content assessment (shared between equal findings)."""

    codes: tuple[tuple[str, int], ...]  # (code, severity rank), distinct, most severe first
    top: int
    exposure_usd: int
    penalties: frozenset[str]


NO_RISK = RiskSummary((), 0, 0, frozenset())


def encode_codes(summary: RiskSummary) -> str:
    """The codes of a summary as stored: ``"SSN:4 PLACEHOLDER:2"`` (most severe first)."""
    return " ".join(f"{code}:{rank}" for code, rank in summary.codes)


def encode_penalties(summary: RiskSummary) -> str:
    """The penalties of a summary as stored: names joined by spaces, sorted."""
    return " ".join(sorted(summary.penalties))


class SummaryDecoder:
    """Turns stored judgement fields back into summaries, sharing one object per distinct value."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int, int, str], RiskSummary] = {}

    def __call__(self, codes: str, top: int, exposure_usd: int, penalties: str) -> RiskSummary:
        """The summary stored as these fields."""
        key = (codes, top, exposure_usd, penalties)
        found = self._seen.get(key)
        if found is None:
            parts = (part.partition(":") for part in codes.split())
            pairs = tuple((code, int(rank)) for code, _, rank in parts)
            found = RiskSummary(pairs, top, exposure_usd, frozenset(penalties.split()))
            if found == NO_RISK:
                found = NO_RISK
            self._seen[key] = found
        return found


@cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    files = sorted((here / "scanner").glob("*.py")) + [here / name for name in _JUDGING_MODULES]
    for path in files:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:  # a packaging that keeps no sources: the version must do
            digest.update(b"?")
    for name in _KEPT_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def judgement_basis(policy: Policy) -> str:
    """The fingerprint a stored judgement must carry to be current: the scanner's code, the kept
    libraries it uses and the policy (every table but those no judgement reads: alerts, the plan's
    weights, import linking, the file's path) (16 hex digits)."""
    judged = replace(policy, path="", alerts=DEFAULT_ALERTS, planning_table=None, linking=None)
    text = _code_digest() + "\n" + repr(judged)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
