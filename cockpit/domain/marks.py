"""Which recall or edit mark is still in effect on a message, and so what a revert would undo."""

from __future__ import annotations

from collections.abc import Iterable

from cockpit.domain.model import AuditRecord

MARK_ACTIONS = frozenset({"recall", "edit"})


def marks_in_effect(history: Iterable[AuditRecord]) -> list[AuditRecord]:
    """The recall/edit entries of one message not undone by a later revert, oldest first."""
    stack: list[AuditRecord] = []
    for entry in history:
        if entry.action in MARK_ACTIONS:
            stack.append(entry)
        elif entry.action == "revert" and stack:
            stack.pop()
    return stack


def mark_to_revert(history: Iterable[AuditRecord]) -> AuditRecord | None:
    """The newest mark still in effect (what ``revert`` undoes), or ``None``."""
    marks = marks_in_effect(history)
    return marks[-1] if marks else None
