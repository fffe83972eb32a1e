"""``cockpit report --actor NAME``: one person's work beside the figures of their messages.

One person's work is the messages they logged (the actor of the ``add`` or ``import`` entry that
created them) and the messages they marked (``recall``, ``edit`` or ``revert`` entries), plus how many
audit entries of each action they wrote (comments, escalations, observations... included).
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cockpit.clock import iso_z
from cockpit.store.people import ActorWork
from cockpit.text import safe_text
from cockpit.zones import local_text

MARKS = ("recall", "edit", "revert")


def work_json(work: ActorWork) -> dict[str, Any]:
    """``actor`` in ``report --json --actor NAME``: ``name``, ``names`` (as recorded), ``logged``,
    ``marked`` ``{recall, edit, revert}`` (messages), ``messages`` (logged or marked), ``entries``
    ``{action: n}``, ``first`` and ``last`` (UTC, or null)."""
    return {
        "name": work.name,
        "names": sorted(work.spellings),
        "logged": len(work.logged),
        "marked": {action: len(work.marked.get(action, ())) for action in MARKS},
        "messages": len(work.messages),
        "entries": dict(sorted(work.entries.items())),
        "first": iso_z(work.first) if work.first else None,
        "last": iso_z(work.last) if work.last else None,
    }


def render_work(work: ActorWork, console: Console | None = None, *, zone: tzinfo) -> None:
    """Print one person's work as a short table, before the figures of their messages."""
    out = console or Console()
    name = safe_text(work.name, limit=40)
    if not work.entries:
        out.print(Text(f"{name} has written no audit entry: no messages logged or marked.", style="bold"))
        return
    table = Table(title=f"Work of {name}", title_justify="left", show_edge=False)
    table.add_column("logged", justify="right")
    for action in MARKS:
        table.add_column(f"{action} marks", justify="right")
    table.add_column("all entries", justify="right")
    table.add_row(
        str(len(work.logged)),
        *(str(len(work.marked.get(action, ()))) for action in MARKS),
        str(sum(work.entries.values())),
    )
    out.print(table)
    actions = ", ".join(f"{action} {count:,}" for action, count in sorted(work.entries.items()))
    span = ""
    if work.first is not None and work.last is not None:
        span = f", from {local_text(work.first, zone)} to {local_text(work.last, zone)}"
    out.print(Text(f"Entries by action: {actions}{span}.", style="dim"))
    out.print(
        Text(
            "The figures below cover the messages this person logged (add, import) or marked "
            "(recall, edit, revert).",
            style="dim",
        )
    )
