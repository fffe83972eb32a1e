"""Summarising a content assessment into what is stored and counted (see
:mod:`cockpit.domain.risk_summary`)."""

from __future__ import annotations

from cockpit.domain.assessment import SEVERITY_RANK, Assessment
from cockpit.domain.risk_summary import RiskSummary


def summarize(assessment: Assessment) -> RiskSummary:
    """The part of an assessment the views keep: codes with their severity, exposure, penalties
    (the findings that stand: a dismissed one is not counted)."""
    best: dict[str, int] = {}
    for risk in assessment.risks:
        rank = SEVERITY_RANK.get(risk.severity, 0)
        if rank > best.get(risk.code, -1):
            best[risk.code] = rank
    codes = tuple(sorted(best.items(), key=lambda item: -item[1]))
    return RiskSummary(
        codes=codes,
        top=max(best.values(), default=0),
        exposure_usd=assessment.exposure_usd,
        penalties=assessment.penalties,
    )
