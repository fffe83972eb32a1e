"""``cockpit plan``: the triage plan as JSON (DESIGN section 4) and as text for a terminal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from cockpit.clock import iso_z
from cockpit.domain.recommend import Recommendation
from cockpit.live.groups import TemplateGroup
from cockpit.live.model import LiveModel
from cockpit.live.planning import TriagePlan
from cockpit.reports.views import recommendation_json, template_json
from cockpit.text import safe_text
from cockpit.zones import local_text


@dataclass(frozen=True, slots=True)
class PlanAdvice:
    """What to do about each planned message, and its template group (when in one)."""

    recommendations: dict[int, Recommendation] = field(default_factory=dict)
    groups: dict[int, TemplateGroup] = field(default_factory=dict)

    def json(self, message_id: int) -> dict[str, Any]:
        """The ``recommendation`` and ``template`` fields of one message."""
        found = self.recommendations.get(message_id)
        return {
            "recommendation": recommendation_json(found) if found is not None else None,
            "template": template_json(self.groups.get(message_id)),
        }


NO_ADVICE = PlanAdvice()


def _z(value: datetime | None) -> str | None:
    return iso_z(value) if value is not None else None


def _who(model: LiveModel, message_id: int) -> dict[str, Any]:
    row = model.row_of(message_id)
    if row is None:
        return {"recipient": None, "subject": None, "batch": None}
    facts = model.facts(row)
    return {"recipient": facts.recipient, "subject": facts.subject, "batch": facts.batch}


def plan_json(triage: TriagePlan, model: LiveModel, advice: PlanAdvice = NO_ADVICE) -> dict[str, Any]:
    """The plan's JSON: counts, the pace and where it came from, the steps in order, what is left out."""
    plan = triage.plan
    return {
        "now": iso_z(plan.now),
        "pace_seconds": triage.pace.seconds,
        "pace_source": triage.pace.source,
        "pace_detail": triage.pace.detail,
        "selected": triage.selected,
        "saveable": triage.saveable,
        "unsaveable": triage.unsaveable,
        "saved_weight": plan.saved_weight,
        "lost_weight": plan.lost_weight,
        "finish": _z(plan.finish),
        "steps": [
            {
                "order": index,
                "id": step.job.message_id,
                **_who(model, step.job.message_id),
                "start": iso_z(step.start),
                "act_by": iso_z(step.act_by),
                "finish": iso_z(step.finish),
                "deadline": iso_z(step.job.deadline),
                "seconds_left": max(0, round((step.job.deadline - plan.now).total_seconds())),
                "weight": step.job.weight,
                "why": list(step.job.why),
                **advice.json(step.job.message_id),
            }
            for index, step in enumerate(plan.steps, start=1)
        ],
        "skipped": [
            {
                "id": skip.message_id,
                **_who(model, skip.message_id),
                "kind": skip.kind,
                "reason": skip.reason,
                "deadline": _z(skip.deadline),
                "weight": skip.weight.points if skip.weight else None,
                "why": list(skip.weight.why) if skip.weight else [],
                **advice.json(skip.message_id),
            }
            for skip in triage.skipped
        ],
    }


_SHOWN = 10
_KIND_LABEL = {
    "recalled": "already recalled",
    "closed": "window closed",
    "no_recall": "no recall",
    "gone": "gone",
}


def _clip(value: str, width: int) -> str:
    text = safe_text(value, limit=width)
    return text if len(text) <= width else text[: width - 1] + "…"


def plan_lines(
    triage: TriagePlan, model: LiveModel, advice: PlanAdvice = NO_ADVICE, *, zone: tzinfo, title: str
) -> list[str]:
    """The plan as lines of text: the figures, the steps in order, the messages that cannot be saved
    and the ones left out, each with why. Times in ``zone``."""
    plan, pace = triage.plan, triage.pace
    lines = [
        f"Triage plan for {title}, {local_text(plan.now, zone, seconds=True)}: {triage.selected:,} selected",
        f"  pace      {pace.seconds:g} s a recall ({pace.detail}; --pace SECONDS to change)",
    ]
    open_count = triage.saveable + triage.unsaveable
    finish = f"; last one done by {local_text(plan.finish, zone, seconds=True)}" if plan.finish else ""
    lines.append(
        f"  saveable  {triage.saveable:,} of {open_count:,} still recallable "
        f"(weight {plan.saved_weight:,} of {plan.saved_weight + plan.lost_weight:,}){finish}"
    )
    if triage.unsaveable:
        lines.append(f"  lost      {triage.unsaveable:,} cannot be saved at this pace")
    left_out = len(triage.skipped) - triage.unsaveable
    if left_out:
        lines.append(f"  left out  {left_out:,} recalled, closed or without recall")
    if plan.steps:
        lines += ["", "In this order (each recall finishes before its window closes):"]
        lines.append(
            f"  {'#':>4}  {'start':<8}  {'act by':<8}  {'closes':<8}  {'id':>6}  {'weight':>6}  "
            f"{'recipient':<20}  subject / why"
        )
        for index, step in enumerate(plan.steps, start=1):
            who = _who(model, step.job.message_id)
            lines.append(
                f"  {index:>4}  {_hm(step.start, zone)}  {_hm(step.act_by, zone)}  "
                f"{_hm(step.job.deadline, zone)}  "
                f"{step.job.message_id:>6}  {step.job.weight:>6}  {_clip(who['recipient'] or '', 20):<20}  "
                f"{_clip(who['subject'] or '', 40)}"
            )
            indent = f"  {'':>4}  {'':<8}  {'':<8}  {'':<8}  {'':>6}  {'':>6}  {'':<20}  "
            lines.append(indent + "; ".join(step.job.why))
            lines += [indent + line for line in _advice_lines(advice, step.job.message_id)]
    lost = [skip for skip in triage.skipped if skip.kind == "lost"]
    if lost:
        lines += ["", f"Cannot be saved at {pace.seconds:g} s a recall ({len(lost):,}):"]
        for skip in lost:
            weight = skip.weight.points if skip.weight else 0
            closes = _hm(skip.deadline, zone) if skip.deadline else "-"
            lines.append(f"  {skip.message_id:>6}  closes {closes}  weight {weight:>4}  {skip.reason}")
    others = [skip for skip in triage.skipped if skip.kind != "lost"]
    if others:
        lines += ["", f"Left out ({len(others):,}):"]
        for kind in dict.fromkeys(skip.kind for skip in others):
            of_kind = [skip for skip in others if skip.kind == kind]
            lines.append(f"  {_KIND_LABEL.get(kind, kind)}: {len(of_kind):,}")
            lines += [f"  {skip.message_id:>6}  {safe_text(skip.reason)}" for skip in of_kind[:_SHOWN]]
            if len(of_kind) > _SHOWN:
                lines.append(f"  {'':>6}  … and {len(of_kind) - _SHOWN:,} more (--json lists them all)")
    return lines


def _advice_lines(advice: PlanAdvice, message_id: int) -> list[str]:
    """``do: recall; template group KEY (400, 394 open)``, then each caution (``show`` and
    ``--json`` give the reasons)."""
    parts: list[str] = []
    found = advice.recommendations.get(message_id)
    if found is not None:
        parts.append(f"do: {found.action}")
    group = advice.groups.get(message_id)
    if group is not None:
        parts.append(f"template group {group.key} ({group.size:,}, {group.open_members:,} open)")
    lines = ["; ".join(parts)] if parts else []
    if found is not None:
        lines += [f"caution: {safe_text(caution)}" for caution in found.cautions]
    return lines


def _hm(value: datetime, zone: tzinfo) -> str:
    return f"{value.astimezone(zone):%H:%M:%S}"
