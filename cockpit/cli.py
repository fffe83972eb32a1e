"""The ``cockpit`` command line (DESIGN section 4).

Exit codes: 0 done; 1 bad input; 2 usage; 3 refused by a rule; 4 conflict. Heavy libraries are
imported inside the commands that need them, so ``--help`` and simple reads start quickly.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cockpit.errors import BadInput, CockpitError, Refused
from cockpit.text import safe_text

if TYPE_CHECKING:
    from cockpit.clock import Clock
    from cockpit.live.model import LiveModel
    from cockpit.policy import Policy
    from cockpit.services.cockpit import Assessed, Cockpit


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


# -- context ----------------------------------------------------------------------------------


def _actor(args: argparse.Namespace) -> str:
    if args.actor:
        return str(args.actor)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _clock(args: argparse.Namespace) -> Clock:
    from cockpit.clock import StartedClock, SystemClock, parse_instant

    if args.now:
        try:
            return StartedClock(parse_instant(args.now))
        except ValueError as exc:
            raise BadInput(f"--now {args.now!r}: {exc}") from None
    return SystemClock()


def _db_target(args: argparse.Namespace, demo: bool = False) -> str:
    from cockpit.paths import default_db_path, demo_db_path

    target = args.db or os.environ.get("COCKPIT_DB")
    if target:
        return str(target)
    return str(demo_db_path() if demo else default_db_path())


def open_cockpit(
    args: argparse.Namespace, demo: bool = False, clock: Clock | None = None, policy: Policy | None = None
) -> Cockpit:
    """Build the service bundle from the global options (or the clock and policy given)."""
    from cockpit.policy import load_policy
    from cockpit.services.cockpit import Cockpit
    from cockpit.store.repository import Repository

    policy = policy or load_policy(args.policy)
    clock = clock or _clock(args)
    repo = Repository.open(_db_target(args, demo))
    return Cockpit(repo=repo, clock=clock, policy=policy, actor=_actor(args))


def _parse_at(text: str | None, option: str) -> datetime | None:
    from cockpit.clock import parse_instant

    if text is None:
        return None
    try:
        return parse_instant(text)
    except ValueError as exc:
        raise BadInput(f"{option} {text!r}: {exc}") from None


def _print_json(data: Any) -> None:
    from cockpit.services.export import json_text

    sys.stdout.write(json_text(data))


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


# -- commands ---------------------------------------------------------------------------------


def cmd_tui(args: argparse.Namespace) -> int:
    from cockpit.tui.app import create_app

    cockpit = open_cockpit(args)
    create_app(cockpit).run()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from cockpit.services.demo import build_demo
    from cockpit.tui.app import create_app

    if args.fresh:
        _remove_default_demo(args)
    cockpit = open_cockpit(args, demo=True)
    if cockpit.repo.message_count() == 0:
        summary = build_demo(cockpit)
        if args.no_tui:
            _out(summary)
    if args.no_tui:
        _out(f"demo database: {cockpit.repo.engine.url.database or cockpit.repo.engine.url}")
        return 0
    create_app(cockpit).run()
    return 0


def _remove_default_demo(args: argparse.Namespace) -> None:
    """Delete the default demo database so ``demo --fresh`` rebuilds it relative to now."""
    from cockpit.paths import demo_db_path

    if args.db or os.environ.get("COCKPIT_DB"):
        raise BadInput(
            "--fresh only rebuilds the default demo database; it never deletes a --db/COCKPIT_DB one"
        )
    path = demo_db_path()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _read_body(args: argparse.Namespace, required: bool = True) -> str | None:
    if getattr(args, "body", None) is not None and getattr(args, "body_file", None) is not None:
        raise BadInput("give --body or --body-file, not both")
    if getattr(args, "body", None) is not None:
        return str(args.body)
    if getattr(args, "body_file", None) is not None:
        name = args.body_file
        try:
            if name == "-":
                return sys.stdin.read()
            return Path(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BadInput(f"--body-file {name}: no such file") from None
        except UnicodeDecodeError as exc:
            raise BadInput(f"--body-file {name}: not UTF-8 text (byte {exc.start})") from None
        except OSError as exc:
            raise BadInput(f"--body-file {name}: {exc.strerror}") from None
    if required:
        raise BadInput("the body is required: --body TEXT or --body-file FILE (- for standard input)")
    return None


def cmd_add(args: argparse.Namespace) -> int:
    from cockpit.services.new_send import NewSend, parse_ago

    body = _read_body(args)
    assert body is not None
    cockpit = open_cockpit(args)
    now = cockpit.clock.now()
    if args.sent_at and args.ago:
        raise BadInput("give --sent-at or --ago, not both")
    try:
        sent_at = _parse_at(args.sent_at, "--sent-at") or (now - parse_ago(args.ago) if args.ago else now)
    except OverflowError:
        raise BadInput(f"--ago {args.ago!r}: too long ago") from None
    send = NewSend(
        recipient=args.to,
        subject=args.subject,
        body=body,
        sent_at=sent_at,
        channel=args.channel,
        seat=args.seat,
        batch=args.batch,
        recipient_profile_url=args.profile_url,
        recipient_state=args.state,
        open_profile=args.open_profile,
        commercial=args.commercial,
        sent_from="mobile" if args.from_mobile else args.sent_from,
        push=args.push,
        external_id=args.external_id,
    )
    _out(str(cockpit.actions.add_send(send)))
    return 0


def cmd_seat_add(args: argparse.Namespace) -> int:
    cockpit = open_cockpit(args)
    seat = cockpit.actions.add_seat(args.name, args.plan, args.credits, args.tz)
    _out(f"seat {safe_text(seat.name)} added ({seat.plan}, {seat.time_zone})")
    return 0


def cmd_seat_list(args: argparse.Namespace) -> int:
    from cockpit.domain.credits import seat_ledger

    cockpit = open_cockpit(args)
    now = cockpit.clock.now()
    messages = cockpit.repo.messages()
    for seat in cockpit.repo.seats():
        ledger = seat_ledger(seat, messages, cockpit.policy, now)
        _out(
            f"{safe_text(seat.name)}  {seat.plan}  {seat.time_zone}  "
            f"credits {ledger.remaining}/{ledger.allowance} left this month"
        )
    return 0


def cmd_observe(args: argparse.Namespace) -> int:
    from cockpit.domain.model import Observation

    cockpit = open_cockpit(args)
    kind = Observation(args.kind)
    cockpit.actions.observe(args.id, kind, _parse_at(args.at, "--at"))
    _out(f"message {args.id}: recorded {kind.value}")
    return 0


def _countdown(item: Assessed) -> str:
    from cockpit.domain.model import Status

    m = item.message
    if m.status == Status.RECALLED and m.recalled_at is not None:
        return f"recalled {m.recalled_at:%H:%M}"
    left = item.window.seconds_left
    if left is None:
        return "no recall"
    if left <= 0:
        return "closed"
    minutes, seconds = divmod(left, 60)
    return f"{minutes:02d}:{seconds:02d}"


def _model(args: argparse.Namespace, cockpit: Cockpit) -> LiveModel:
    from cockpit.domain.filtering import FilterSyntaxError, parse_filter
    from cockpit.live.model import LiveModel

    try:
        flt = parse_filter(args.filter) if args.filter else None
    except FilterSyntaxError as exc:
        raise BadInput(str(exc)) from None
    return LiveModel.read(cockpit, flt=flt, batch=getattr(args, "batch", None))


def _select(args: argparse.Namespace, cockpit: Cockpit) -> list[Assessed]:
    return _model(args, cockpit).shown_items()


def cmd_list(args: argparse.Namespace) -> int:
    from cockpit.reports.views import message_json
    from cockpit.services.export import csv_text, write_output

    cockpit = open_cockpit(args)
    items = _select(args, cockpit)
    if args.json:
        _print_json([message_json(item) for item in items])
        return 0
    if args.csv:
        header = [
            "id", "external_id", "recipient", "recipient_state", "subject", "channel", "seat",
            "batch", "sent_at", "deadline", "seconds_left", "phase", "status", "credit",
            "refund_deadline", "risks", "leaks", "exposure_usd",
        ]  # fmt: skip
        rows = []
        for item in items:
            data = message_json(item)
            rows.append(
                [data[k] for k in header[:13]]
                + [
                    data["credit"]["state"],
                    data["credit"]["refund_deadline"],
                    " ".join(r["code"] for r in data["risks"]),
                    " ".join(k["code"] for k in data["leaks"]),
                    data["exposure_usd"],
                ]
            )
        write_output(csv_text(header, rows), args.out)
        return 0
    if not items:
        _out("no messages" + (" match the filter" if args.filter else ""))
        return 0
    _out(
        f"{'ID':>6}  {'LEFT':<14} {'PHASE':<8} {'STATUS':<8} {'CREDIT':<8} {'RECIPIENT':<22} SUBJECT / RISKS"
    )
    for item in items:
        m = item.message
        codes = " ".join(item.assessment.codes)
        _out(
            f"{m.id:>6}  {_countdown(item):<14} {item.window.phase.value:<8} {m.status:<8} "
            f"{item.assessment.credit.state.value:<8} {safe_text(m.recipient, limit=22):<22} "
            f"{safe_text(m.subject, limit=40)}" + (f"  [{codes}]" if codes else "")
        )
    return 0


def _one(cockpit: Cockpit, message_id: int) -> Assessed:
    from cockpit.live.model import LiveModel

    item = LiveModel(cockpit).item(message_id)
    if item is None:
        raise BadInput(f"no message with id {message_id}")
    return item


def cmd_show(args: argparse.Namespace) -> int:
    from cockpit.reports.views import show_json

    cockpit = open_cockpit(args)
    item = _one(cockpit, args.id)
    revisions = cockpit.repo.revisions(args.id)
    audit = cockpit.repo.audit(args.id)
    if args.json:
        _print_json(show_json(item, revisions, audit))
        return 0
    from cockpit.reports.describe import describe_message

    _out(describe_message(item, revisions, audit))
    return 0


def cmd_recall(args: argparse.Namespace) -> int:
    cockpit = open_cockpit(args)
    if len(args.ids) == 1 and args.batch is None:
        cockpit.actions.recall_one(args.ids[0], reason=args.reason)
        _out(f"message {args.ids[0]} marked recalled")
        return 0
    outcome = cockpit.actions.recall(args.ids, batch=args.batch, reason=args.reason)
    total = len(outcome.recalled) + len(outcome.skipped)
    _out(f"recalled {len(outcome.recalled)} of {total}")
    for skip in outcome.skipped:
        _out(f"  skipped {skip.message_id}: {safe_text(skip.reason)}")
    if not outcome.recalled:
        raise Refused("nothing could be recalled; nothing was changed")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    body = _read_body(args)
    assert body is not None
    cockpit = open_cockpit(args)
    revision = cockpit.actions.edit(args.id, body, reason=args.reason, subject=args.subject)
    _out(f"message {args.id} marked edited (earlier text kept as revision {revision})")
    return 0


def cmd_revert(args: argparse.Namespace) -> int:
    cockpit = open_cockpit(args)
    status = cockpit.actions.revert(args.id, args.reason)
    _out(f"message {args.id}: mark reverted, now {status}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from cockpit.services.audit_view import audit_csv, audit_json_text, audit_line
    from cockpit.services.export import write_output

    if args.action == "verify":
        return cmd_audit_verify(args)
    cockpit = open_cockpit(args)
    entries = cockpit.repo.audit()
    if args.json:
        write_output(audit_json_text(entries), args.out)
        return 0
    if args.csv or args.out:
        write_output(audit_csv(entries), args.out)
        return 0
    from datetime import UTC

    for entry in entries:
        _out(audit_line(entry, UTC).text)
    if not entries:
        _out("the audit log is empty")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from cockpit.store.verify import verify_audit

    cockpit = open_cockpit(args)
    result = verify_audit(cockpit.repo)
    if result.ok:
        _out(
            f"audit log OK: {result.entries} entries, chain intact, replay matches "
            f"{result.messages} messages; head {result.head_hash[:16]}"
        )
        return 0
    sys.stderr.write(f"cockpit: audit log FAILED verification: {safe_text(result.problem)}\n")
    for extra in result.problems[1:6]:
        sys.stderr.write(f"  also: {safe_text(extra)}\n")
    return 1


def cmd_report(args: argparse.Namespace) -> int:
    from cockpit.reports.render import render_report
    from cockpit.reports.summary import Report

    cockpit = open_cockpit(args)
    report = Report(_model(args, cockpit).summary(shown_only=True))
    if args.json:
        _print_json(report.to_json())
        return 0
    render_report(report)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from cockpit.policy import load_policy
    from cockpit.services.importing.early import start_reading

    policy, clock = load_policy(args.policy), _clock(args)
    early = start_reading(  # a large file is read while the database library loads
        args.file,
        fmt=args.format or "auto",
        me=args.me,
        seat=args.seat,
        database=_db_target(args),
        policy=policy,
        now=clock.now(),
    )
    try:
        from cockpit.services.importing.command import run_import

        return run_import(open_cockpit(args, clock=clock, policy=policy), args, early=early)
    finally:
        if early is not None:
            early.close()


def cmd_incident(args: argparse.Namespace) -> int:
    from cockpit.reports.incident import write_incident

    cockpit = open_cockpit(args)
    return write_incident(cockpit, args)


# -- parser -----------------------------------------------------------------------------------


def _positive_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"message id must be a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"message id must be positive, got {text!r}")
    if value >= 2**63:  # beyond SQLite's integers: no such message can exist
        raise argparse.ArgumentTypeError(f"message id is too large, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``cockpit``."""
    from cockpit.domain.model import CHANNELS, PLANS, SENT_FROM

    parser = _Parser(
        prog="cockpit",
        description="Recall Cockpit: live recall windows, credits, leakage and compliance risk "
        "for sent LinkedIn InMail.",
        epilog="Exit codes: 0 done, 1 bad input, 2 usage, 3 refused by a rule, 4 conflict.",
    )
    parser.add_argument("--db", help="database path or URL (default: COCKPIT_DB or the user data dir)")
    parser.add_argument("--now", help="start the clock at this ISO 8601 instant (then it runs)")
    parser.add_argument("--actor", help="name recorded in the audit log (default: the OS user)")
    parser.add_argument("--policy", help="policy TOML file (default: the bundled data/policy.toml)")
    parser.set_defaults(handler=cmd_tui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("demo", help="build a demo database relative to now and open the cockpit")
    p.add_argument("--fresh", action="store_true", help="delete the default demo database and build it anew")
    p.add_argument(
        "--no-tui", action="store_true", help="build the data, print a summary, do not open the screen"
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("add", help="log one send and print its id")
    p.add_argument("--to", required=True, help="recipient's name")
    p.add_argument("--subject", default="", help="subject line")
    p.add_argument("--body", help="message text")
    p.add_argument("--body-file", help="file with the message text (- for standard input)")
    p.add_argument("--channel", default="inmail", choices=CHANNELS)
    p.add_argument("--seat", help="sending seat (see: cockpit seat add)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--sent-at", help="send time, ISO 8601 with offset (default: now)")
    when.add_argument("--ago", help="sent this long ago: 90s, 5m, 1h30m")
    p.add_argument("--state", help="recipient's two-letter US state")
    p.add_argument("--open-profile", action="store_true", help="recipient has an open profile (no credit)")
    p.add_argument("--batch", help="campaign or batch name")
    p.add_argument("--from-mobile", action="store_true", help="sent from the mobile app")
    p.add_argument("--sent-from", default="desktop", choices=SENT_FROM, help=argparse.SUPPRESS)
    p.add_argument("--profile-url", help="recipient's profile URL")
    p.add_argument(
        "--push", default="unknown", choices=("yes", "no", "unknown"), help="push notification sent?"
    )
    p.add_argument("--external-id", help="the sending tool's id for this send")
    commercial = p.add_mutually_exclusive_group()
    commercial.add_argument("--commercial", dest="commercial", action="store_true", default=None)
    commercial.add_argument("--not-commercial", dest="commercial", action="store_false")
    p.set_defaults(handler=cmd_add)

    seat = sub.add_parser("seat", help="sender seats")
    seat_sub = seat.add_subparsers(title="seat commands", metavar="SEAT_COMMAND", parser_class=_Parser)
    seat.set_defaults(handler=cmd_seat_list)
    p = seat_sub.add_parser("add", help="register a sender seat")
    p.add_argument("name")
    p.add_argument("--plan", required=True, choices=PLANS)
    p.add_argument("--credits", type=int, help="monthly InMail credits (contracted plans)")
    p.add_argument("--tz", default="UTC", help="IANA time zone, e.g. America/Chicago")
    p.set_defaults(handler=cmd_seat_add)
    p = seat_sub.add_parser("list", help="seats and their credits this month")
    p.set_defaults(handler=cmd_seat_list)

    p = sub.add_parser("import", help="import sends: LinkedIn export (.csv/.zip) or a sends file")
    p.add_argument("file")
    p.add_argument("--format", default="auto", choices=("auto", "linkedin", "csv", "jsonl"))
    p.add_argument("--me", help="your LinkedIn profile URL (LinkedIn exports)")
    p.add_argument("--seat", help="seat the imported sends came from")
    p.add_argument("--skip-invalid", action="store_true", help="import the valid rows, list the rejected")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("observe", help="record a reply, open, push or forward (audited)")
    p.add_argument("id", type=_positive_id)
    kinds = p.add_mutually_exclusive_group(required=True)
    for flag, kind in (
        ("--replied", "replied"),
        ("--opened", "opened"),
        ("--push-delivered", "push_delivered"),
        ("--no-push", "no_push"),
        ("--forwarded", "forwarded"),
    ):
        kinds.add_argument(flag, dest="kind", action="store_const", const=kind)
    p.add_argument("--at", help="when it happened, ISO 8601 (default: now)")
    p.set_defaults(handler=cmd_observe)

    p = sub.add_parser("list", help="list messages")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    p.add_argument("--filter", help="e.g. 'phase:urgent,critical risk:SSN acme'")
    p.add_argument("--batch", help="only this batch")
    p.add_argument("--out", help="write to this file (CSV) instead of standard output")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="one message in full")
    p.add_argument("id", type=_positive_id)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("recall", help="mark messages recalled (one id, several, or --batch)")
    p.add_argument("ids", nargs="*", type=_positive_id, metavar="ID")
    p.add_argument("--batch", help="every message of this batch")
    p.add_argument("--reason", help="why (recorded in the audit log)")
    p.set_defaults(handler=cmd_recall)

    p = sub.add_parser("edit", help="mark a message edited with its new text")
    p.add_argument("id", type=_positive_id)
    p.add_argument("--body-file", help="file with the new text (- for standard input)")
    p.add_argument("--body", help="the new text")
    p.add_argument("--subject", help="a new subject line")
    p.add_argument("--reason", help="why (recorded in the audit log)")
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("revert", help="undo a recall or edit mark made in error")
    p.add_argument("id", type=_positive_id)
    p.add_argument("--reason", required=True, help="why the mark was wrong (required)")
    p.set_defaults(handler=cmd_revert)

    p = sub.add_parser("report", help="the day's summary: phases, credits, exposure, risks")
    p.add_argument("--json", action="store_true")
    p.add_argument("--filter", help="only messages matching this filter")
    p.add_argument("--batch", help="only this batch")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("incident", help="write the incident report for a batch (Markdown)")
    p.add_argument("--batch", help="the batch")
    p.add_argument("--filter", help="or the messages matching this filter")
    p.add_argument("--out", help="output file (default: standard output)")
    p.set_defaults(handler=cmd_incident)

    p = sub.add_parser("audit", help="the audit log (--json/--csv), or 'audit verify'")
    p.add_argument("action", nargs="?", choices=("verify",), help="verify the chain and replay it")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    p.add_argument("--out", help="write to this file (atomically, mode 0600)")
    p.set_defaults(handler=cmd_audit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except CockpitError as exc:
        sys.stderr.write(f"cockpit: {safe_text(str(exc))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("cockpit: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # no traceback: it could carry message text
        if os.environ.get("COCKPIT_DEBUG"):
            raise
        sys.stderr.write(f"cockpit: internal error ({type(exc).__name__}); set COCKPIT_DEBUG=1 for details\n")
        return 1
