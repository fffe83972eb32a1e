"""Template groups of the loaded messages: which rows share a template within their batch.

A row's group key comes with its details (it needs the body; see :mod:`cockpit.domain.templates`);
:class:`TemplateGroups` keeps the rows of each key so a group's size and its members are found
without a scan. A group of one is not a group (:meth:`TemplateGroups.key` says None).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cockpit.domain.model import Phase
from cockpit.domain.rules import can_still_recall
from cockpit.text import safe_text


@dataclass(frozen=True, slots=True)
class TemplateGroup:
    """One message's template group: its key, batch and size, and the other members."""

    key: str
    batch: str
    size: int
    """Messages in the group, this one included."""
    sibling_ids: tuple[int, ...]
    """The other members' ids, in id order."""
    open_sibling_ids: tuple[int, ...]
    """The other members that can still be recalled now."""
    open_itself: bool = False
    """Whether the message itself can still be recalled now."""

    @property
    def open_siblings(self) -> int:
        """How many other members can still be recalled now."""
        return len(self.open_sibling_ids)

    @property
    def open_members(self) -> int:
        """How many members, this one included, can still be recalled now."""
        return self.open_siblings + self.open_itself

    def describe(self) -> str:
        """``Template group: 412 messages in batch B, 380 still recallable (filter group:KEY)``, as
        safe text."""
        return (
            f"Template group: {self.size:,} messages in batch {safe_text(self.batch)}, "
            f"{self.open_members:,} still recallable (filter group:{self.key})"
        )


def message_group_key(
    batch: str | None, subject: str, body: str, recipient: str, profile_url: str | None
) -> str | None:
    """The group key of one message (None without a batch: no group; see
    :func:`cockpit.domain.templates.message_group_key`)."""
    if not batch:
        return None
    from cockpit.domain.templates import message_group_key as key  # text rules: not for a first paint

    return key(batch, subject, body, recipient, profile_url)


def template_group(
    key: str, batch: str, message_id: int, members: Iterable[tuple[int, str, Phase | str]]
) -> TemplateGroup | None:
    """The group of ``message_id`` from its ``members`` (id, status, phase now; itself included);
    None when it is alone."""
    listed = list(members)
    others = sorted((m for m in listed if m[0] != message_id), key=lambda m: m[0])
    if not others:
        return None
    itself = [m for m in listed if m[0] == message_id]
    return TemplateGroup(
        key=key,
        batch=batch,
        size=len(others) + 1,
        sibling_ids=tuple(m[0] for m in others),
        open_sibling_ids=tuple(m[0] for m in others if can_still_recall(m[1], m[2])),
        open_itself=any(can_still_recall(m[1], m[2]) for m in itself),
    )


class TemplateGroups:
    """The group key of each row that has one, and the rows of each key."""

    def __init__(self) -> None:
        self._key_of: dict[int, str] = {}
        self._rows: dict[str, set[int]] = {}

    def place(self, row: int, key: str | None) -> None:
        """Put ``row`` in group ``key`` (None: in no group), out of any group it was in."""
        old = self._key_of.get(row)
        if old == key:
            return
        if old is not None:
            rows = self._rows[old]
            rows.discard(row)
            if not rows:
                del self._rows[old]
            del self._key_of[row]
        if key is not None:
            self._key_of[row] = key
            self._rows.setdefault(key, set()).add(row)

    def key_of(self, row: int) -> str | None:
        """The key of ``row``'s group, even when it is alone in it (None: no batch, or no details)."""
        return self._key_of.get(row)

    def key(self, row: int) -> str | None:
        """The key of ``row``'s group, or None when it is in none or alone in it."""
        key = self._key_of.get(row)
        return key if key is not None and len(self._rows[key]) > 1 else None

    def rows(self, key: str) -> frozenset[int]:
        """The rows of group ``key``."""
        return frozenset(self._rows.get(key, ()))

    def size(self, key: str) -> int:
        """How many rows group ``key`` has."""
        return len(self._rows.get(key, ()))
