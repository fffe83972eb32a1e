"""The argument parser of ``cockpit`` (argparse only: no handler is imported here).

Each parsed command carries its name in ``command``; :mod:`cockpit.cli.entry` runs it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line (exit 2) and takes option values that start
    with ``-`` (``--filter -status:recalled``, ``--reason -``) as values."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        import sys

        raw = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(self.join_option_values(raw), namespace)

    def _option_named(self, token: str) -> argparse.Action | None:
        """The option ``token`` names in this parser (exactly or by a unique prefix), if any."""
        name = token.split("=", 1)[0]
        table = self._option_string_actions
        if name in table:
            return table[name]
        if not name.startswith("--") or not self.allow_abbrev or len(name) < 3:
            return None
        found = {table[option] for option in table if option.startswith(name)}
        return found.pop() if len(found) == 1 else None

    def join_option_values(self, args: list[str]) -> list[str]:
        """``--opt VALUE`` as ``--opt=VALUE`` where the option takes one value and VALUE starts with
        ``-`` without naming an option of this parser. A parser with commands stops at its command
        (the command's own parser does the rest)."""
        has_commands = any(isinstance(a, argparse._SubParsersAction) for a in self._actions)
        joined: list[str] = []
        i = 0
        while i < len(args):
            token = args[i]
            if token == "--":
                joined.extend(args[i:])
                break
            action = self._option_named(token) if token.startswith("--") and "=" not in token else None
            if action is not None and action.nargs is None and i + 1 < len(args):
                value = args[i + 1]
                if value.startswith("-") and value != "--" and self._option_named(value) is None:
                    joined.append(f"{token}={value}")
                    i += 2
                    continue
                if not value.startswith("-"):
                    joined.extend((token, value))
                    i += 2
                    continue
            if has_commands and not token.startswith("-"):
                joined.extend(args[i:])
                break
            joined.append(token)
            i += 1
        return joined


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


def _pace(text: str) -> float:
    """A pace in seconds: a positive number."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds (a number), got {text!r}") from None
    if not 0 < value <= 3600 or value != value:
        raise argparse.ArgumentTypeError(f"expected between 0 and 3600 seconds, got {text!r}")
    return value


def _body_options(p: argparse.ArgumentParser, *, new: bool) -> None:
    if new:
        p.add_argument("--body", help="message text")
        p.add_argument("--body-file", help="file with the message text (- for standard input)")
    else:
        p.add_argument("--body-file", help="file with the new text (- for standard input)")
        p.add_argument("--body", help="the new text")


def _add_parser(sub: Any, name: str, command: str, **kwargs: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, **kwargs)
    parser.set_defaults(command=command)
    return parser


SORTS = ("triage", "newest", "risk", "exposure", "recipient")
"""The live model's sort modes (``cockpit.live.view.SORT_NAMES``), named here so --help loads nothing."""


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
    parser.add_argument(
        "--tz", dest="user_tz", metavar="ZONE",
        help="IANA time zone for times shown to you (default: TZ, else the system's zone)",
    )  # fmt: skip
    parser.add_argument(
        "--quiet", dest="quiet_screen", action="store_true",
        help="the screen's alerts never ring the terminal bell (notifications still show)",
    )  # fmt: skip
    parser.set_defaults(command="tui")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    p = _add_parser(sub, "demo", "demo", help="build a demo database relative to now and open the cockpit")
    p.add_argument("--fresh", action="store_true", help="delete the default demo database and build it anew")
    p.add_argument(
        "--no-tui", action="store_true", help="build the data, print a summary, do not open the screen"
    )
    p.add_argument(
        "--quiet", dest="quiet_demo", action="store_true", help="alerts never ring the terminal bell"
    )

    p = _add_parser(sub, "add", "add", help="log one send and print its id")
    p.add_argument("--to", required=True, help="recipient's name")
    p.add_argument("--subject", default="", help="subject line")
    _body_options(p, new=True)
    p.add_argument("--channel", default="inmail", choices=CHANNELS)
    p.add_argument("--seat", help="sending seat (see: cockpit seat add)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--sent-at", help="send time, ISO 8601 with offset (default: now)")
    when.add_argument("--ago", help="sent this long ago: 90s, 5m, 1h30m or ISO 8601 (PT5M)")
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

    seat = _add_parser(sub, "seat", "seat list", help="sender seats")
    seat_sub = seat.add_subparsers(title="seat commands", metavar="SEAT_COMMAND", parser_class=_Parser)
    p = _add_parser(seat_sub, "add", "seat add", help="register a sender seat")
    p.add_argument("name")
    p.add_argument("--plan", required=True, choices=PLANS)
    p.add_argument("--credits", type=int, help="monthly InMail credits (contracted plans)")
    p.add_argument("--tz", default="UTC", help="IANA time zone, e.g. America/Chicago")
    commercial = p.add_mutually_exclusive_group()
    commercial.add_argument(
        "--commercial", dest="commercial", action="store_true", default=None,
        help="its sends are commercial unless a send says otherwise (default: the plan's, see policy)",
    )  # fmt: skip
    commercial.add_argument("--not-commercial", dest="commercial", action="store_false")
    _add_parser(seat_sub, "list", "seat list", help="seats and their credits this month")

    batch = _add_parser(sub, "batch", "batch set", help="batch settings")
    batch_sub = batch.add_subparsers(title="batch commands", metavar="BATCH_COMMAND", parser_class=_Parser)
    p = _add_parser(batch_sub, "set", "batch set", help="whether a batch's sends are commercial (audited)")
    p.add_argument("name")
    setting = p.add_mutually_exclusive_group(required=True)
    setting.add_argument("--commercial", dest="commercial", action="store_const", const="yes")
    setting.add_argument("--not-commercial", dest="commercial", action="store_const", const="no")
    setting.add_argument("--clear", dest="commercial", action="store_const", const="clear",
                         help="no batch default: the seat's default or a guess applies")  # fmt: skip

    p = _add_parser(sub, "commercial", "commercial", help="correct whether a message is commercial (audited)")
    p.add_argument("id", type=_positive_id)
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--yes", dest="commercial", action="store_true", default=None)
    verdict.add_argument("--no", dest="commercial", action="store_false")
    p.add_argument("--reason", required=True, help="why (recorded in the audit log)")

    p = _add_parser(sub, "import", "import", help="import sends: LinkedIn export (.csv/.zip) or a sends file")
    p.add_argument("file")
    p.add_argument("--format", default="auto", choices=("auto", "linkedin", "csv", "jsonl"))
    p.add_argument("--me", help="your LinkedIn profile URL (LinkedIn exports)")
    p.add_argument(
        "--me-name",
        dest="me_name",
        metavar="NAME",
        help="your name as the export writes it (exports before 2021)",
    )
    p.add_argument("--seat", help="seat the imported sends came from")
    p.add_argument("--skip-invalid", action="store_true", help="import the valid rows, list the rejected")
    p.add_argument(
        "--shift-to-now",
        action="store_true",
        help="move every time in the file by one offset: its newest send was 2 minutes ago (samples, drills)",
    )

    p = _add_parser(sub, "observe", "observe", help="record a reply, open, push or forward (audited)")
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

    risk = _add_parser(sub, "risk", "risk", help="a reviewer's decision on a finding (audited)")
    risk_sub = risk.add_subparsers(
        title="risk commands", metavar="RISK_COMMAND", parser_class=_Parser, required=True
    )
    p = _add_parser(risk_sub, "dismiss", "risk dismiss", help="dismiss a finding as a false alarm")
    p.add_argument("id", type=_positive_id)
    p.add_argument("code", help="the risk code, e.g. SSN")
    p.add_argument("--reason", required=True, help="why it is a false alarm (required)")
    p = _add_parser(risk_sub, "add", "risk add", help="add a finding the scanner missed")
    p.add_argument("id", type=_positive_id)
    p.add_argument("code", help="the risk code, e.g. ACCUSATION")
    p.add_argument("--reason", required=True, help="why it is a risk (required)")
    p.add_argument("--evidence", help="the text of the message it is about")

    p = _add_parser(sub, "list", "list", help="list messages")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    p.add_argument("--filter", help="e.g. 'phase:urgent,critical risk:SSN acme'")
    p.add_argument("--batch", help="only this batch")
    p.add_argument("--out", help="write to this file (CSV) instead of standard output")
    p.add_argument(
        "--sort",
        default="triage",
        choices=SORTS,
        help="order as the cockpit does (default triage: open windows, riskiest and least time left first)",
    )

    p = _add_parser(sub, "show", "show", help="one message in full")
    p.add_argument("id", type=_positive_id)
    p.add_argument("--json", action="store_true")

    p = _add_parser(sub, "recall", "recall", help="mark messages recalled (one id, several, or --batch)")
    p.add_argument("ids", nargs="*", type=_positive_id, metavar="ID")
    p.add_argument("--batch", help="every message of this batch")
    p.add_argument("--reason", help="why (recorded in the audit log)")

    p = _add_parser(sub, "comment", "comment", help="add a reviewer's note to a message (audited)")
    p.add_argument("id", type=_positive_id)
    p.add_argument("text", help="the note")

    p = _add_parser(
        sub, "escalate", "escalate", help="flag a message for counsel, or resolve or withdraw that (audited)"
    )
    p.add_argument("id", type=_positive_id)
    settle = p.add_mutually_exclusive_group()
    settle.add_argument(
        "--resolve", dest="escalation", action="store_const", const="resolved",
        help="counsel has dealt with the open escalation",
    )  # fmt: skip
    settle.add_argument(
        "--withdraw", dest="escalation", action="store_const", const="withdrawn",
        help="the open escalation was raised in error",
    )  # fmt: skip
    p.add_argument("--reason", required=True, help="why (recorded in the audit log; required)")

    p = _add_parser(sub, "edit", "edit", help="mark a message edited with its new text")
    p.add_argument("id", type=_positive_id)
    _body_options(p, new=False)
    p.add_argument("--subject", help="a new subject line")
    p.add_argument("--reason", help="why (recorded in the audit log)")

    p = _add_parser(sub, "revert", "revert", help="undo a recall or edit mark made in error")
    p.add_argument("id", type=_positive_id)
    p.add_argument("--reason", required=True, help="why the mark was wrong (required)")

    p = _add_parser(sub, "report", "report", help="the day's summary: phases, credits, exposure, risks")
    p.add_argument("--json", action="store_true")
    p.add_argument("--filter", help="only messages matching this filter")
    p.add_argument("--batch", help="only this batch")
    p.add_argument(
        "--actor",
        dest="report_actor",
        metavar="NAME",
        help="one person's work: the messages NAME logged (add, import) or marked (recall, edit, "
        "revert), and how many audit entries of each action NAME wrote",
    )

    p = _add_parser(sub, "plan", "plan", help="the triage plan: which recalls to make first, by when")
    p.add_argument("--batch", help="the batch to plan (default: every message)")
    p.add_argument("--filter", help="or the messages matching this filter")
    p.add_argument(
        "--pace", type=_pace, metavar="SECONDS", help="seconds one recall by hand takes (default: learned)"
    )
    p.add_argument("--json", action="store_true")

    p = _add_parser(
        sub, "judge", "judge", help="judge the content of every message not judged by this version yet"
    )
    p.add_argument("--json", action="store_true")

    db = _add_parser(sub, "db", "db status", help="the database's schema revision, and its upgrade")
    db_sub = db.add_subparsers(title="db commands", metavar="DB_COMMAND", parser_class=_Parser)
    p = _add_parser(
        db_sub, "status", "db status", help="the schema revision, this cockpit's and whether to upgrade"
    )
    p.add_argument("--json", action="store_true")
    p = _add_parser(db_sub, "upgrade", "db upgrade", help="apply the pending schema revisions (audited)")
    p.add_argument("--json", action="store_true")

    p = _add_parser(sub, "incident", "incident", help="write the incident report for a batch (Markdown)")
    p.add_argument("--batch", help="the batch")
    p.add_argument("--filter", help="or the messages matching this filter")
    p.add_argument("--out", help="output file (default: standard output)")

    p = _add_parser(sub, "audit", "audit", help="the audit log (--json/--csv), or 'audit verify'")
    p.add_argument("action", nargs="?", choices=("verify",), help="verify the chain and replay it")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    p.add_argument("--out", help="write to this file (atomically, mode 0600)")
    return parser
