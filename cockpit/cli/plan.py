"""``cockpit plan``: which recalls to make first, by when, at the user's pace (reads only)."""

from __future__ import annotations

from cockpit.cli.context import open_cockpit, user_zone
from cockpit.cli.options import GlobalOptions, PlanOptions
from cockpit.cli.output import out, print_json
from cockpit.errors import BadInput
from cockpit.text import safe_text


def plan(options: GlobalOptions, opts: PlanOptions) -> int:
    """Print the triage plan of a batch, a filter's messages, or every message."""
    from cockpit.cli.reads import selected_model
    from cockpit.live.planning import LOST, Planner, pace_for
    from cockpit.reports.plan import PlanAdvice, plan_json, plan_lines

    zone = user_zone(options)
    cockpit = open_cockpit(options, create=False)
    model = selected_model(cockpit, opts.filter, opts.batch)
    ids = model.shown_ids()
    if not ids and opts.batch is not None:
        raise BadInput(f"no messages in batch {opts.batch!r}")
    now = model.now or cockpit.clock.now()
    planner = Planner(model, ids)
    triage = planner.plan(now, pace_for(cockpit, cockpit.actor, now, opts.pace))
    planned = [step.job.message_id for step in triage.plan.steps] + [
        skip.message_id for skip in triage.skipped if skip.kind == LOST
    ]
    advice = PlanAdvice(
        {mid: model.recommendation(item) for mid in planned if (item := planner.item(mid)) is not None},
        model.template_groups(planned, now),
    )
    if opts.json:
        print_json(plan_json(triage, model, advice))
        return 0
    parts = [f"batch {opts.batch}" if opts.batch else "", f"filter '{opts.filter}'" if opts.filter else ""]
    title = safe_text(" and ".join(p for p in parts if p) or "every message")
    for line in plan_lines(triage, model, advice, zone=zone, title=title):
        out(line)
    return 0
