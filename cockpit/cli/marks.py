"""Commands that mark messages: ``recall``, ``edit``, ``revert``, ``observe`` and ``risk``.

There is nothing to mark in a database that does not exist: it is reported, never created.
"""

from __future__ import annotations

from cockpit.cli.body import read_body
from cockpit.cli.context import open_cockpit, parse_at
from cockpit.cli.options import (
    CommercialOptions,
    EditOptions,
    GlobalOptions,
    ObserveOptions,
    RecallOptions,
    RevertOptions,
    RiskOptions,
)
from cockpit.cli.output import out
from cockpit.errors import Refused, UsageError
from cockpit.text import safe_text


def recall(options: GlobalOptions, opts: RecallOptions) -> int:
    """``cockpit recall``: one id, several, or a batch; exit 3 when none could be recalled."""
    if not opts.ids and opts.batch is None:
        raise UsageError("name at least one message id or --batch (see cockpit recall --help)")
    cockpit = open_cockpit(options, create=False)
    if len(opts.ids) == 1 and opts.batch is None:
        cockpit.actions.recall_one(opts.ids[0], reason=opts.reason)
        out(f"message {opts.ids[0]} marked recalled")
        return 0
    outcome = cockpit.actions.recall(list(opts.ids), batch=opts.batch, reason=opts.reason)
    total = len(outcome.recalled) + len(outcome.skipped)
    out(f"recalled {len(outcome.recalled)} of {total}")
    for skip in outcome.skipped:
        out(f"  skipped {skip.message_id}: {safe_text(skip.reason)}")
    if not outcome.recalled:
        raise Refused("nothing could be recalled; nothing was changed")
    return 0


def edit(options: GlobalOptions, opts: EditOptions) -> int:
    """``cockpit edit``: mark a message edited, keeping the earlier text as a revision."""
    body = read_body(opts.text)
    cockpit = open_cockpit(options, create=False)
    revision = cockpit.actions.edit(opts.id, body, reason=opts.reason, subject=opts.subject)
    out(f"message {opts.id} marked edited (earlier text kept as revision {revision})")
    return 0


def revert(options: GlobalOptions, opts: RevertOptions) -> int:
    """``cockpit revert``: undo a recall or edit mark made in error."""
    cockpit = open_cockpit(options, create=False)
    status = cockpit.actions.revert(opts.id, opts.reason)
    out(f"message {opts.id}: mark reverted, now {status}")
    return 0


def commercial(options: GlobalOptions, opts: CommercialOptions) -> int:
    """``cockpit commercial``: a reviewer's correction of whether a message is commercial."""
    cockpit = open_cockpit(options, create=False)
    cockpit.actions.review_commercial(opts.id, opts.commercial, opts.reason)
    out(f"message {opts.id}: {'commercial' if opts.commercial else 'not commercial'} (review)")
    return 0


def observe(options: GlobalOptions, opts: ObserveOptions) -> int:
    """``cockpit observe``: record a reply, open, push or forward."""
    from cockpit.domain.model import Observation

    cockpit = open_cockpit(options, create=False)
    kind = Observation(opts.kind)
    cockpit.actions.observe(opts.id, kind, parse_at(opts.at, "--at"))
    out(f"message {opts.id}: recorded {kind.value}")
    return 0


def risk_dismiss(options: GlobalOptions, opts: RiskOptions) -> int:
    """``cockpit risk dismiss``: a finding is a false alarm; it stays listed but is not counted."""
    cockpit = open_cockpit(options, create=False)
    seq = cockpit.review.dismiss(opts.id, opts.code, opts.reason)
    out(f"message {opts.id}: {safe_text(opts.code.strip().upper())} dismissed (audit entry {seq})")
    return 0


def risk_add(options: GlobalOptions, opts: RiskOptions) -> int:
    """``cockpit risk add``: a risk the scanner missed; it counts like a scanned finding."""
    cockpit = open_cockpit(options, create=False)
    seq = cockpit.review.add(opts.id, opts.code, opts.reason, opts.evidence)
    out(f"message {opts.id}: {safe_text(opts.code.strip().upper())} added (audit entry {seq})")
    return 0
