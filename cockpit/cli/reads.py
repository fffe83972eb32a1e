"""Reading commands: ``list``, ``show``, ``report``, ``incident``, ``audit`` and ``audit verify``.

None of them creates a database: one that does not exist is reported (exit 1).
"""

from __future__ import annotations

import sys
from datetime import tzinfo
from typing import IO, TYPE_CHECKING, cast

from cockpit.cli.context import checked_actor, open_cockpit, user_zone
from cockpit.cli.options import (
    AuditOptions,
    GlobalOptions,
    IncidentOptions,
    ListOptions,
    ReportOptions,
    ShowOptions,
)
from cockpit.cli.output import StdoutFile, emit, note, out, print_json
from cockpit.errors import BadInput
from cockpit.text import safe_text

if TYPE_CHECKING:
    from cockpit.domain.filtering import Filter
    from cockpit.live.model import LiveModel
    from cockpit.services.cockpit import Assessed, Cockpit

CSV_HEADER = (
    "id", "external_id", "recipient", "recipient_state", "subject", "channel", "seat",
    "batch", "sent_at", "deadline", "seconds_left", "phase", "status", "credit",
    "refund_deadline", "risks", "leaks", "exposure_usd",
)  # fmt: skip


def selected_model(
    cockpit: Cockpit,
    text_filter: str | None,
    batch: str | None,
    sort: str = "triage",
    actor: str | None = None,
) -> LiveModel:
    """The live model read once, showing the batch's messages that pass the filter (and, with
    ``actor``, that this person logged or marked)."""
    from cockpit.domain.filtering import with_actor
    from cockpit.live.model import LiveModel

    flt = _parsed(text_filter)
    if actor is not None:
        flt = with_actor(flt, actor)
    judge_first(cockpit)
    return LiveModel.read(cockpit, flt=flt, batch=batch, sort=sort)


def _parsed(text_filter: str | None) -> Filter | None:
    from cockpit.domain.filtering import FilterSyntaxError, parse_filter

    try:
        return parse_filter(text_filter) if text_filter else None
    except FilterSyntaxError as exc:
        raise BadInput(str(exc)) from None


def judge_first(cockpit: Cockpit) -> None:
    """Judge the messages no stored judgement covers yet (after an import, a new scanner or policy)
    (in worker processes when there are many), with a progress bar on a terminal, so a read does not
    scan them one by one."""
    from cockpit.cli.progress import count_progress
    from cockpit.services.judging import judge_missing, missing_judgements

    if missing_judgements(cockpit.repo, cockpit.policy) == 0:
        return
    with count_progress(sys.stderr.isatty(), sys.stderr, "judging") as progress:
        judge_missing(cockpit.repo, cockpit.policy, cockpit.clock.now(), progress=progress)


def _countdown(item: Assessed, zone: tzinfo) -> str:
    from cockpit.domain.model import Status
    from cockpit.domain.window import unreadable_times
    from cockpit.zones import zone_label

    m = item.message
    if unreadable_times(m):
        return "⚠ bad time"
    if m.status == Status.RECALLED and m.recalled_at is not None:
        local = m.recalled_at.astimezone(zone)
        return f"recalled {local:%H:%M} {zone_label(local)}".rstrip()
    left = item.window.seconds_left
    if left is None:
        return "no recall"
    if left <= 0:
        return "closed"
    minutes, seconds = divmod(left, 60)
    return f"{minutes:02d}:{seconds:02d}" + (" ⚠ future" if item.window.sent_in_future else "")


def _csv_rows(items: list[Assessed]) -> list[list[object]]:
    from cockpit.reports.views import message_json

    rows = []
    for item in items:
        data = message_json(item)
        rows.append(
            [data[k] for k in CSV_HEADER[:13]]
            + [
                data["credit"]["state"],
                data["credit"]["refund_deadline"],
                " ".join(r["code"] for r in data["risks"]),
                " ".join(k["code"] for k in data["leaks"]),
                data["exposure_usd"],
            ]
        )
    return rows


def list_messages(options: GlobalOptions, opts: ListOptions) -> int:
    """``cockpit list``: a table, JSON or CSV of the messages (filtered)."""
    zone = user_zone(options)
    cockpit = open_cockpit(options, create=False)
    items = selected_model(cockpit, opts.filter, opts.batch, opts.sort).shown_items()
    if opts.json:
        from cockpit.reports.views import message_json

        print_json([message_json(item) for item in items])
        return 0
    if opts.csv:
        from cockpit.services.export import csv_text

        emit(csv_text(CSV_HEADER, _csv_rows(items)), opts.out)
        return 0
    if not items:
        out("no messages" + (" match the filter" if opts.filter else ""))
        return 0
    out(f"{'ID':>6}  {'LEFT':<18} {'PHASE':<8} {'STATUS':<8} {'CREDIT':<8} {'RECIPIENT':<22} SUBJECT / RISKS")
    for item in items:
        m = item.message
        codes = " ".join(item.assessment.codes)
        out(
            f"{m.id:>6}  {_countdown(item, zone):<18} {item.window.phase.value:<8} {m.status:<8} "
            f"{item.assessment.credit.state.value:<8} {safe_text(m.recipient, limit=22):<22} "
            f"{safe_text(m.subject, limit=40)}" + (f"  [{codes}]" if codes else "")
        )
    return 0


def show_message(options: GlobalOptions, opts: ShowOptions) -> int:
    """``cockpit show ID``: one message in full, as text or JSON."""
    zone = user_zone(options)
    cockpit = open_cockpit(options, create=False)
    from cockpit.live.model import LiveModel

    model = LiveModel(cockpit)
    item = model.item(opts.id)
    if item is None:
        raise BadInput(f"no message with id {opts.id}")
    revisions = cockpit.repo.revisions(opts.id)
    audit = cockpit.repo.audit(opts.id)
    now = cockpit.clock.now()
    group = model.template_group(opts.id, now)
    recommendation = model.recommendation(item)
    if opts.json:
        from cockpit.reports.views import recommendation_json, show_json, template_json

        data = show_json(item, revisions, audit)
        data["template"] = template_json(group)
        data["recommendation"] = recommendation_json(recommendation)
        print_json(data)
        return 0
    from cockpit.reports.describe import describe_message
    from cockpit.store.people import logged_entry

    out(
        describe_message(
            item,
            revisions,
            audit,
            cockpit.policy,
            zone=zone,
            now=now,
            group=group,
            recommendation=recommendation,
            logged=logged_entry(cockpit.repo, opts.id),
        )
    )
    return 0


def report(options: GlobalOptions, opts: ReportOptions) -> int:
    """``cockpit report``: the day's summary, as tables or JSON."""
    from cockpit.reports.summary import build_report

    zone = user_zone(options)
    if opts.actor is not None:
        checked_actor(opts.actor, "report --actor")
    cockpit = open_cockpit(options, create=False)
    flt = _parsed(opts.filter)
    work = None
    if opts.actor is not None:
        from cockpit.domain.filtering import with_actor
        from cockpit.store.people import actor_work

        flt = with_actor(flt, opts.actor)
        work = actor_work(cockpit.repo, opts.actor)
    judge_first(cockpit)
    summary = build_report(cockpit, flt, opts.batch)
    if opts.json:
        from cockpit.reports.people import work_json

        print_json(summary.to_json() | ({"actor": work_json(work)} if work is not None else {}))
        return 0
    from rich.console import Console

    from cockpit.reports.render import render_report

    console = Console(file=cast(IO[str], StdoutFile()))
    if work is not None:
        from cockpit.reports.people import render_work

        render_work(work, console, zone=zone)
    render_report(summary, console, zone=zone)
    return 0


def incident(options: GlobalOptions, opts: IncidentOptions) -> int:
    """``cockpit incident``: the Markdown report to ``--out`` (0600, atomic) or standard output."""
    from cockpit.errors import UsageError

    if not opts.batch and not opts.filter:
        raise UsageError("name the messages: --batch B or --filter EXPR")
    cockpit = open_cockpit(options, create=False)
    from cockpit.reports.incident import incident_text

    text = incident_text(cockpit, batch=opts.batch, text_filter=opts.filter)
    emit(text.markdown, opts.out)
    if opts.out is None or opts.out == "-":
        return 0
    note(f"incident report for {text.messages:,} messages written to {safe_text(opts.out)} (mode 0600)")
    return 0


def audit(options: GlobalOptions, opts: AuditOptions) -> int:
    """``cockpit audit``: the log as lines, JSON or CSV; ``audit verify``: its check."""
    if opts.verify:
        return audit_verify(options)
    zone = user_zone(options)
    cockpit = open_cockpit(options, create=False)
    from cockpit.services.audit_view import audit_csv, audit_json_text, audit_line

    entries = cockpit.repo.audit()
    if opts.json:
        emit(audit_json_text(entries), opts.out)
        return 0
    if opts.csv or opts.out:
        emit(audit_csv(entries), opts.out)
        return 0
    for entry in entries:
        out(audit_line(entry, zone, zone_shown=True).text)
    if not entries:
        out("the audit log is empty")
    return 0


def audit_verify(options: GlobalOptions) -> int:
    """``cockpit audit verify``: recompute the chain and replay it; exit 1 when it fails."""
    from cockpit.store.verify import verify_audit

    cockpit = open_cockpit(options, create=False)
    result = verify_audit(cockpit.repo)
    if result.ok:
        out(
            f"audit log OK: {result.entries} entries, chain intact, replay matches "
            f"{result.messages} messages; head {result.head_hash[:16]}"
        )
        for line in result.notes:
            out(f"note: {line}")
        return 0
    note(f"cockpit: audit log FAILED verification: {safe_text(result.problem)}")
    for extra in result.problems[1:6]:
        note(f"  also: {safe_text(extra)}")
    for line in result.notes:
        note(f"  note: {line}")
    return 1
