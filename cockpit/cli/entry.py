"""``cockpit``'s entry point: parse, convert the options once, run the command, and map every
failure to its exit code in this one place."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from cockpit.cli import database, judge, marks, plan, reads, screen, sends
from cockpit.cli.options import (
    AddOptions,
    AuditOptions,
    BatchSetOptions,
    CommentOptions,
    CommercialOptions,
    DbOptions,
    DemoOptions,
    EditOptions,
    EscalateOptions,
    GlobalOptions,
    ImportOptions,
    IncidentOptions,
    JudgeOptions,
    ListOptions,
    ObserveOptions,
    PlanOptions,
    RecallOptions,
    ReportOptions,
    RevertOptions,
    RiskOptions,
    SeatAddOptions,
    SeatListOptions,
    ShowOptions,
    TuiOptions,
)
from cockpit.cli.output import flush_stdout
from cockpit.cli.parser import build_parser
from cockpit.errors import CockpitError
from cockpit.text import safe_text

Handler = Callable[[GlobalOptions, Any], int]
Convert = Callable[[argparse.Namespace], Any]

COMMANDS: dict[str, tuple[Convert, Handler]] = {
    "tui": (TuiOptions.from_namespace, screen.tui),
    "demo": (DemoOptions.from_namespace, screen.demo),
    "add": (AddOptions.from_namespace, sends.add),
    "import": (ImportOptions.from_namespace, sends.import_sends),
    "seat add": (SeatAddOptions.from_namespace, sends.seat_add),
    "seat list": (SeatListOptions.from_namespace, sends.seat_list),
    "batch set": (BatchSetOptions.from_namespace, sends.batch_set),
    "commercial": (CommercialOptions.from_namespace, marks.commercial),
    "observe": (ObserveOptions.from_namespace, marks.observe),
    "risk dismiss": (RiskOptions.from_namespace, marks.risk_dismiss),
    "risk add": (RiskOptions.from_namespace, marks.risk_add),
    "recall": (RecallOptions.from_namespace, marks.recall),
    "edit": (EditOptions.from_namespace, marks.edit),
    "comment": (CommentOptions.from_namespace, marks.comment),
    "escalate": (EscalateOptions.from_namespace, marks.escalate),
    "revert": (RevertOptions.from_namespace, marks.revert),
    "list": (ListOptions.from_namespace, reads.list_messages),
    "show": (ShowOptions.from_namespace, reads.show_message),
    "report": (ReportOptions.from_namespace, reads.report),
    "incident": (IncidentOptions.from_namespace, reads.incident),
    "plan": (PlanOptions.from_namespace, plan.plan),
    "judge": (JudgeOptions.from_namespace, judge.judge),
    "audit": (AuditOptions.from_namespace, reads.audit),
    "db status": (DbOptions.from_namespace, database.status),
    "db upgrade": (DbOptions.from_namespace, database.upgrade),
}


def _silence_stdout() -> None:
    """After a closed pipe, send what is left of standard output nowhere (no second error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _database_fault(exc: Exception, args: argparse.Namespace) -> str | None:
    """The environment fault behind ``exc`` in words (a full disk, a damaged file ...), or None."""
    from cockpit.cli.context import db_target, shown_location
    from cockpit.store.faults import database_fault

    try:
        target = db_target(GlobalOptions.from_namespace(args), demo=args.command == "demo")
    except Exception:  # the options themselves were the problem: no database to name
        return None
    return database_fault(exc, shown_location(target))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    convert, handler = COMMANDS[args.command]
    try:
        code = int(handler(GlobalOptions.from_namespace(args), convert(args)))
        flush_stdout()
        return code
    except CockpitError as exc:
        sys.stderr.write(f"cockpit: {safe_text(str(exc))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("cockpit: interrupted\n")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as exc:  # no traceback: it could carry message text
        if os.environ.get("COCKPIT_DEBUG"):
            raise
        fault = _database_fault(exc, args)
        if fault is not None:
            sys.stderr.write(f"cockpit: {safe_text(fault)}\n")
            return 1
        sys.stderr.write(f"cockpit: internal error ({type(exc).__name__}); set COCKPIT_DEBUG=1 for details\n")
        return 1
