"""Commands that mark messages: ``recall``, ``edit``, ``revert``, ``observe``, ``risk``, ``comment``
and ``escalate``.

There is nothing to mark in a database that does not exist: it is reported, never created.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from cockpit.cli.body import read_body
from cockpit.cli.context import open_cockpit, parse_at, user_zone
from cockpit.cli.options import (
    CommentOptions,
    CommercialOptions,
    EditOptions,
    EscalateOptions,
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
    cockpit = open_cockpit(options, create=False, writes=True)
    if len(opts.ids) == 1 and opts.batch is None:
        cockpit.actions.recall_one(opts.ids[0], reason=opts.reason)
        out(f"message {opts.ids[0]} marked recalled")
        return 0
    outcome = cockpit.actions.recall(list(opts.ids), batch=opts.batch, reason=opts.reason)
    total = len(outcome.recalled) + len(outcome.skipped)
    out(f"recalled {len(outcome.recalled)} of {total}")
    for skip in outcome.skipped:
        out(f"  skipped {skip.message_id}: {safe_text(skip.reason)}")
    if outcome.recalled:
        out(_recorded_now(len(outcome.recalled), cockpit.clock.now(), user_zone(options)))
    if not outcome.recalled:
        raise Refused("nothing could be recalled; nothing was changed")
    return 0


def _recorded_now(count: int, now: datetime, zone: tzinfo) -> str:
    """What a mark made now records, said plainly (a bulk mark is not when each was deleted)."""
    from cockpit.zones import zone_label

    local = now.astimezone(zone)
    at = f"{local:%H:%M} {zone_label(local)}".rstrip()
    if count == 1:
        return f"the mark was recorded now ({at})"
    return (
        f"the {count} marks were recorded now ({at}) as one bulk mark, all at one time, not when each "
        f"message was deleted in LinkedIn (the audit log says: bulk mark of {count}); to record each "
        "deletion when you make it, recall one id at a time"
    )


def edit(options: GlobalOptions, opts: EditOptions) -> int:
    """``cockpit edit``: mark a message edited, keeping the earlier text as a revision."""
    body = read_body(opts.text)
    cockpit = open_cockpit(options, create=False, writes=True)
    revision = cockpit.actions.edit(opts.id, body, reason=opts.reason, subject=opts.subject)
    out(f"message {opts.id} marked edited (earlier text kept as revision {revision})")
    return 0


def revert(options: GlobalOptions, opts: RevertOptions) -> int:
    """``cockpit revert``: undo a recall or edit mark made in error."""
    cockpit = open_cockpit(options, create=False, writes=True)
    status = cockpit.actions.revert(opts.id, opts.reason)
    out(f"message {opts.id}: mark reverted, now {status}")
    return 0


def commercial(options: GlobalOptions, opts: CommercialOptions) -> int:
    """``cockpit commercial``: a reviewer's correction of whether a message is commercial."""
    cockpit = open_cockpit(options, create=False, writes=True)
    cockpit.actions.review_commercial(opts.id, opts.commercial, opts.reason)
    out(f"message {opts.id}: {'commercial' if opts.commercial else 'not commercial'} (review)")
    return 0


def observe(options: GlobalOptions, opts: ObserveOptions) -> int:
    """``cockpit observe``: record a reply, open, push or forward."""
    from cockpit.domain.model import Observation

    cockpit = open_cockpit(options, create=False, writes=True)
    kind = Observation(opts.kind)
    cockpit.actions.observe(opts.id, kind, parse_at(opts.at, "--at"))
    out(f"message {opts.id}: recorded {kind.value}")
    return 0


def risk_dismiss(options: GlobalOptions, opts: RiskOptions) -> int:
    """``cockpit risk dismiss``: a finding is a false alarm; it stays listed but is not counted."""
    cockpit = open_cockpit(options, create=False, writes=True)
    seq = cockpit.review.dismiss(opts.id, opts.code, opts.reason)
    out(f"message {opts.id}: {safe_text(opts.code.strip().upper())} dismissed (audit entry {seq})")
    return 0


def risk_add(options: GlobalOptions, opts: RiskOptions) -> int:
    """``cockpit risk add``: a risk the scanner missed; it counts like a scanned finding."""
    cockpit = open_cockpit(options, create=False, writes=True)
    seq = cockpit.review.add(opts.id, opts.code, opts.reason, opts.evidence)
    out(f"message {opts.id}: {safe_text(opts.code.strip().upper())} added (audit entry {seq})")
    return 0


def comment(options: GlobalOptions, opts: CommentOptions) -> int:
    """``cockpit comment``: a reviewer's note on a message."""
    cockpit = open_cockpit(options, create=False, writes=True)
    seq = cockpit.actions.comment(opts.id, opts.text)
    out(f"message {opts.id}: comment saved (audit entry {seq})")
    return 0


def escalate(options: GlobalOptions, opts: EscalateOptions) -> int:
    """``cockpit escalate``: flag a message for counsel, or resolve or withdraw its open escalation
    (exit 3 when it has none)."""
    cockpit = open_cockpit(options, create=False, writes=True)
    actions = cockpit.actions
    if opts.escalation == "resolved":
        seq = actions.resolve_escalation(opts.id, opts.reason)
        out(f"message {opts.id}: escalation resolved (audit entry {seq})")
    elif opts.escalation == "withdrawn":
        seq = actions.withdraw_escalation(opts.id, opts.reason)
        out(f"message {opts.id}: escalation withdrawn (audit entry {seq})")
    else:
        seq = actions.escalate(opts.id, opts.reason)
        out(f"message {opts.id}: escalated for counsel (audit entry {seq})")
    return 0
