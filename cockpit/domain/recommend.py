"""What to do about one message now: recall it, edit it, leave it, or document it.

The recommendation follows the message's standing findings (dismissed ones do not count), its
window and its channel:

- already recalled: document it when a risk that matters was sent (the send stays on record), else
  leave it;
- a channel without recall (sponsored): with a risk, the domain's remedy (pause the campaign) and
  document it; without one, leave it;
- window closed: with a risk, only documenting it is left (the incident report); else leave it;
- window open: a risk that matters (``medium`` or worse, or a "please disregard" follow-up) other than
  a wrong name or an unfilled placeholder: recall; only a wrong name, a placeholder or a minor
  (``low``) slip in the text: an edit is enough; only notes about the send (after hours, from mobile):
  leave it; no risk: leave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cockpit.domain.assessment import SEVERITY_RANK, Risk
from cockpit.domain.model import Message, Phase
from cockpit.domain.rules import can_still_recall, in_inbox, remedy
from cockpit.domain.window import WindowState
from cockpit.policy import Policy

Action = Literal["recall", "edit", "leave", "document"]
ACTIONS: tuple[Action, ...] = ("recall", "edit", "leave", "document")

EDIT_FIXES = frozenset({"PLACEHOLDER", "NAME_MISMATCH"})
"""Codes an edit corrects: the text is wrong (a wrong name, an unfilled field), not harmful."""
ALWAYS_RECALL = frozenset({"DISREGARD_FOLLOWUP"})
"""Codes whose message is itself the harm whatever its severity: deleting it is the fix."""
MATTERS = SEVERITY_RANK["medium"]
"""The severity rank from which a finding is worth a recall (the policy's ``[risks]`` severities)."""
NOT_CONTENT = frozenset({"NO_RECALL_CHANNEL"})
"""Findings about the channel, not the text."""

PREVIEW_CAUTION = (
    "the preview already shown cannot be unsent: recall still removes the full text; consider counsel; "
    "never send a 'please disregard' follow-up"
)
OPENED_CAUTION = "whoever already opened it saw the original"
OPENED_RECORDED = "the recipient opened it (recorded): they saw the original"
NO_DISREGARD = "never send a 'please disregard' follow-up: it costs a credit and becomes the exhibit"


@dataclass(frozen=True, slots=True)
class Recommendation:
    """What to do about a message now, why, and what it will not fix."""

    action: Action
    reason: str
    cautions: tuple[str, ...] = ()


def _rank(risk: Risk) -> int:
    return SEVERITY_RANK.get(risk.severity, 0)


def matters(risk: Risk) -> bool:
    """Whether a finding is worth a recall (not just an edit)."""
    return risk.code in ALWAYS_RECALL or (_rank(risk) >= MATTERS and risk.code not in EDIT_FIXES)


def edit_fixes(risk: Risk) -> bool:
    """Whether correcting the text fixes a finding: a wrong name, a placeholder, a minor slip in it."""
    return risk.code in EDIT_FIXES or (_rank(risk) < MATTERS and risk.field in ("subject", "body"))


def _codes(risks: Sequence[Risk]) -> str:
    worst: dict[str, str] = {}
    for risk in sorted(risks, key=_rank, reverse=True):
        worst.setdefault(risk.code, risk.severity)
    return ", ".join(f"{code} ({severity})" for code, severity in worst.items())


def _time_left(window: WindowState) -> str:
    seconds = window.seconds_left or 0
    return f"{seconds // 60} min {seconds % 60:02d} s left"


def _hurry(window: WindowState, policy: Policy) -> tuple[str, ...]:
    if window.phase != Phase.CRITICAL:
        return ()
    return (f"under {policy.window.critical_minutes} minutes left: after the window nothing can be undone",)


def recommend(message: Message, window: WindowState, risks: Sequence[Risk], policy: Policy) -> Recommendation:
    """What to do about ``message`` now, given its window now and its findings (see the module)."""
    standing = [r for r in risks if not r.dismissed and r.code not in NOT_CONTENT]
    serious = [r for r in standing if matters(r)]
    fixable = [r for r in standing if not matters(r) and edit_fixes(r)]
    worth = serious or fixable
    if not in_inbox(message.status):
        if serious:
            return Recommendation(
                "document",
                f"already recalled, but {_codes(serious)} was sent and stays on record: "
                "document it (the incident report)",
                (NO_DISREGARD,),
            )
        return Recommendation("leave", "already recalled")
    if not window.has_window:
        if worth:
            return Recommendation(
                "document",
                f"{_codes(worth)}: {remedy(message.channel, policy)}; document what was delivered "
                "(the incident report)",
                (NO_DISREGARD,),
            )
        return Recommendation("leave", "no risk found in the text")
    if not can_still_recall(message.status, window.phase):
        if worth:
            return Recommendation(
                "document",
                f"{_codes(worth)}, and the {policy.window.minutes}-minute window has closed: no recall or "
                "edit is possible; only documenting it is left (the incident report)",
                (NO_DISREGARD,),
            )
        return Recommendation("leave", "no risk that needs action; the window has closed")
    opened = (OPENED_RECORDED,) if message.opened_at is not None else ()
    if serious:
        preview = (PREVIEW_CAUTION,) if any(r.in_preview for r in serious) else ()
        left = _time_left(window)
        return Recommendation(
            "recall",
            f"{_codes(serious)} and the window is open ({left}): {remedy(message.channel, policy)}",
            preview + opened + _hurry(window, policy),
        )
    if fixable:
        in_preview = any(r.in_preview for r in fixable)
        shown = ("the preview already showed the original text",) if in_preview else ()
        return Recommendation(
            "edit",
            f"only {_codes(fixable)}: correcting the text in LinkedIn is enough while the window is open "
            f"({_time_left(window)}), then mark it edited",
            (OPENED_CAUTION, *opened, *shown, *_hurry(window, policy)),
        )
    if standing:
        return Recommendation(
            "leave", f"only notes about the send ({_codes(standing)}): nothing in the text to correct"
        )
    return Recommendation("leave", "no risk found")
