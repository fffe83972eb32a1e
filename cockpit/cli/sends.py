"""Commands that record sends and seats: ``add``, ``import``, ``seat add`` and ``seat list``.

Writing commands create the database when it does not exist yet; ``seat list`` only reads.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING

from cockpit.cli.body import read_body
from cockpit.cli.context import db_target, make_clock, open_cockpit, parse_at
from cockpit.cli.options import (
    AddOptions,
    BatchSetOptions,
    GlobalOptions,
    ImportOptions,
    SeatAddOptions,
    SeatListOptions,
)
from cockpit.cli.output import StdoutFile, out
from cockpit.errors import BadInput
from cockpit.text import safe_text

if TYPE_CHECKING:
    from cockpit.services.cockpit import Cockpit
    from cockpit.services.importing.early import EarlyRead


def add(options: GlobalOptions, opts: AddOptions) -> int:
    """``cockpit add``: log one send and print its id alone."""
    from cockpit.services.new_send import NewSend, parse_ago

    body = read_body(opts.text)
    cockpit = open_cockpit(options, writes=True)
    now = cockpit.clock.now()
    if opts.sent_at and opts.ago:
        raise BadInput("give --sent-at or --ago, not both")
    try:
        sent_at = parse_at(opts.sent_at, "--sent-at") or (now - parse_ago(opts.ago) if opts.ago else now)
    except OverflowError:
        raise BadInput(f"--ago {opts.ago!r}: too long ago") from None
    send = NewSend(
        recipient=opts.to,
        subject=opts.subject,
        body=body,
        sent_at=sent_at,
        channel=opts.channel,
        seat=opts.seat,
        batch=opts.batch,
        recipient_profile_url=opts.profile_url,
        recipient_state=opts.state,
        open_profile=opts.open_profile,
        commercial=opts.commercial,
        sent_from=opts.sent_from,
        push=opts.push,
        external_id=opts.external_id,
    )
    out(str(cockpit.actions.add_send(send)))
    return 0


def seat_add(options: GlobalOptions, opts: SeatAddOptions) -> int:
    """``cockpit seat add``: register a sender seat."""
    cockpit = open_cockpit(options, writes=True)
    seat = cockpit.actions.add_seat(opts.name, opts.plan, opts.credits, opts.tz, opts.commercial)
    flag = "" if seat.commercial is None else (", commercial" if seat.commercial else ", not commercial")
    out(f"seat {safe_text(seat.name)} added ({seat.plan}, {seat.time_zone}{flag})")
    return 0


def batch_set(options: GlobalOptions, opts: BatchSetOptions) -> int:
    """``cockpit batch set``: whether a batch's sends are commercial unless a send says otherwise."""
    cockpit = open_cockpit(options, create=False, writes=True)
    cockpit.actions.set_batch_commercial(opts.name, opts.commercial)
    said = {True: "commercial", False: "not commercial", None: "no default"}[opts.commercial]
    out(f"batch {safe_text(opts.name.strip())}: {said}")
    return 0


def seat_list(options: GlobalOptions, opts: SeatListOptions) -> int:
    """``cockpit seat`` / ``seat list``: the seats and their credits this month."""
    from cockpit.domain.credits import seat_ledger

    cockpit = open_cockpit(options, create=False)
    now = cockpit.clock.now()
    messages = cockpit.repo.messages()
    for seat in cockpit.repo.seats():
        ledger = seat_ledger(seat, messages, cockpit.policy, now)
        out(
            f"{safe_text(seat.name)}  {seat.plan}  {seat.time_zone}  "
            f"credits {ledger.remaining}/{ledger.allowance} left this month"
        )
    return 0


def import_sends(options: GlobalOptions, opts: ImportOptions) -> int:
    """``cockpit import``: import a file and print its summary (exit 1 when nothing was written)."""
    from cockpit.policy import load_policy
    from cockpit.services.importing.early import start_reading

    policy, clock = load_policy(options.policy), make_clock(options)
    # A large file is read while the database library loads (not when it is shifted: read whole).
    early = (
        None
        if opts.shift_to_now
        else start_reading(
            opts.file,
            fmt=opts.format,
            me=opts.me,
            me_name=opts.me_name,
            seat=opts.seat,
            database=db_target(options),
            policy=policy,
            now=clock.now(),
        )
    )
    try:
        cockpit = open_cockpit(options, clock=clock, policy=policy, writes=True)
        return import_into(cockpit, opts, early=early)
    finally:
        if early is not None:
            early.close()


def import_into(
    cockpit: Cockpit,
    opts: ImportOptions,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    early: EarlyRead | None = None,
) -> int:
    """Import into ``cockpit``, with a progress bar when both streams are a terminal; returns the
    exit code. ``early``: the file's reading, already started."""
    from cockpit.cli.progress import import_progress
    from cockpit.services.importing.service import import_file
    from cockpit.services.importing.summary import failure_lines, summary_lines

    stdout = out or StdoutFile()
    stderr = err or sys.stderr
    interactive = stdout.isatty() and stderr.isatty()
    with import_progress(interactive, stderr) as progress:
        report = import_file(
            cockpit,
            opts.file,
            fmt=opts.format,
            me=opts.me,
            seat=opts.seat,
            skip_invalid=opts.skip_invalid,
            progress=progress,
            early=early,
            shift_to_now=opts.shift_to_now,
            me_name=opts.me_name,
        )
    if (opts.me or opts.me_name) and report.result.format != "linkedin":
        flag = "--me" if opts.me else "--me-name"
        stderr.write(f"cockpit: note: {flag} applies to LinkedIn exports only; it was ignored\n")
    if not report.written:
        stderr.write("\n".join(failure_lines(report)) + "\n")
        return 1
    stdout.write("\n".join(summary_lines(report)) + "\n")
    return 0
