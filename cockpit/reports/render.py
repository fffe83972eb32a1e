"""Rich rendering of ``cockpit report`` for a terminal (message text through safe_text)."""

from __future__ import annotations

from datetime import UTC, tzinfo

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cockpit.live.batches import BatchFigures
from cockpit.reports.summary import CAVEAT, Report
from cockpit.store.rows import from_epoch_us
from cockpit.text import safe_text
from cockpit.zones import local_text, zone_label

_PHASE_STYLE = {"open": "green", "urgent": "yellow", "critical": "bold red", "closed": "dim", "none": "dim"}


def _codes_brief(codes: tuple[str, ...]) -> str:
    if not codes:
        return "-"
    return codes[0] + (f" +{len(codes) - 1}" if len(codes) > 1 else "")


def render_report(report: Report, console: Console | None = None, *, zone: tzinfo = UTC) -> None:
    """Print ``report`` as a few compact tables, its time in ``zone``."""
    out = console or Console()
    summary = report.summary
    out.print(
        Text(
            f"Recall Cockpit report, {local_text(summary.now, zone, seconds=True)}: "
            f"{summary.messages} messages",
            style="bold",
        )
    )
    phases = Table(title="Still in an inbox, by window", title_justify="left", show_edge=False)
    for phase in summary.by_phase:
        label = "no recall" if phase == "none" else phase
        phases.add_column(label, justify="right", style=_PHASE_STYLE[phase])
    phases.add_row(*(str(n) for n in summary.by_phase.values()))
    statuses = Table(title="Marked", title_justify="left", show_edge=False)
    for status in summary.by_status:
        statuses.add_column(status, justify="right")
    statuses.add_row(*(str(n) for n in summary.by_status.values()))
    out.print(phases)
    out.print(statuses)

    if summary.closing:
        closing = Table(title=f"About to close ({len(summary.closing)} within 15 min)", title_justify="left")
        closing.add_column("id", justify="right", min_width=4, no_wrap=True)
        closing.add_column("left", min_width=5, no_wrap=True)
        closing.add_column("recipient", min_width=12, max_width=22, no_wrap=True, overflow="ellipsis")
        closing.add_column("subject", min_width=12, max_width=26, no_wrap=True, overflow="ellipsis")
        closing.add_column("risks", min_width=10, max_width=18, no_wrap=True, overflow="ellipsis")
        for item in summary.closing[:15]:
            left = item.seconds_left
            closing.add_row(
                str(item.message_id),
                Text(f"{left // 60:02d}:{left % 60:02d}", style=_PHASE_STYLE[item.phase]),
                Text(safe_text(item.recipient, limit=24)),
                Text(safe_text(item.subject, limit=60)),
                Text(_codes_brief(item.codes)),
            )
        out.print(closing)
        if len(summary.closing) > 15:
            out.print(Text(f"... and {len(summary.closing) - 15} more"))
    else:
        out.print(Text("Nothing closes in the next 15 minutes.", style="dim"))

    credits = Table(title="Credits this month", title_justify="left")
    for name in ("seat", "plan", "allowance", "consumed", "free", "refunded", "remaining"):
        if name in ("seat", "plan"):
            credits.add_column(name, no_wrap=True, overflow="ellipsis")
        else:
            credits.add_column(name, justify="right")
    for c in summary.credits:
        credits.add_row(
            Text(safe_text(c.seat)), c.plan, str(c.allowance), str(c.consumed), str(c.free),
            str(c.refunded), Text(str(c.remaining), style="bold red" if c.remaining < 0 else ""),
        )  # fmt: skip
    if summary.credits:
        out.print(credits)
        out.print(Text("A recall never refunds a credit; a response within 90 days does.", style="dim"))

    risks = Table(title="Risks by code", title_justify="left", show_edge=False)
    risks.add_column("code")
    risks.add_column("messages", justify="right")
    for code, count in summary.risks.items():
        risks.add_row(code, str(count))
    if summary.risks:
        out.print(risks)
        out.print(Text(f"{summary.recallable_with_risk} messages with a risk can still be recalled."))

    if report.batches:
        out.print(_batches_table(report.batches, zone))
        out.print(
            Text(
                "risky: a high or critical finding; can recall: window still open; closed: window "
                "closed, not recalled; closes: when the first open window closes.",
                style="dim",
            )
        )

    exposure = Table(title=f"Maximum exposure: ${summary.exposure_usd:,}", title_justify="left")
    for name in ("law", "statute", "unit", "amount", "messages", "total"):
        exposure.add_column(name, justify="right" if name in ("amount", "messages", "total") else "left")
    for line in summary.exposure_lines:
        exposure.add_row(
            line.label, line.statute, line.unit.replace("_", " "), f"${line.amount_usd:,}",
            str(line.messages), f"${line.total_usd:,}",
        )  # fmt: skip
    out.print(exposure)
    out.print(Text(CAVEAT, style="italic"))


def _batches_table(batches: tuple[BatchFigures, ...], zone: tzinfo) -> Table:
    """One line per batch: its messages by status and window, the risky ones and its exposure."""
    table = Table(
        title=f"Batches ({len(batches)})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=0,
        pad_edge=False,
    )
    table.add_column("batch", min_width=10, max_width=18, no_wrap=True, overflow="ellipsis")
    widest = max(len(f"${b.exposure_usd:,}") for b in batches)
    for name in ("msgs", "recalled", "can recall", "closed", "risky", "exposure"):
        width = max(len(name), widest) if name == "exposure" else len(name)
        table.add_column(name, justify="right", no_wrap=True, min_width=width)
    table.add_column("closes", no_wrap=True, min_width=9)
    for b in batches:
        deadline = b.first_deadline_us
        closes = "-"
        if deadline is not None:
            local = from_epoch_us(deadline).astimezone(zone)
            closes = f"{local:%H:%M} {zone_label(local)}".rstrip()
        table.add_row(
            Text(safe_text(b.batch, limit=60)),
            str(b.messages),
            str(b.by_status["recalled"]),
            Text(str(b.recallable), style="bold" if b.recallable else "dim"),
            str(b.by_phase["closed"]),
            Text(str(b.risky) + ("+?" if b.unjudged else ""), style="bold red" if b.risky else ""),
            f"${b.exposure_usd:,}",
            closes,
        )
    return table
