"""Builders of domain messages for pure-rule tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from cockpit.domain.model import Message
from tests.conftest import NOW


def message(minutes_ago: float = 5, **changes: object) -> Message:
    """A domain message sent ``minutes_ago`` before NOW, with ``changes`` applied."""
    base = Message(
        id=1,
        external_id="x-1",
        recipient="Priya Raman",
        recipient_profile_url=None,
        recipient_state=None,
        open_profile=False,
        channel="inmail",
        seat="dana",
        batch=None,
        subject="Backend role",
        body="Hi Priya, your work on streaming stood out. Open to a call?",
        sent_at=NOW - timedelta(minutes=minutes_ago),
        sent_from="desktop",
        commercial=None,
        push="unknown",
        opened_at=None,
        replied_at=None,
        forwarded_at=None,
        status="sent",
        edited_at=None,
        recalled_at=None,
        version=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def at(minutes_after_now: float) -> datetime:
    return NOW + timedelta(minutes=minutes_after_now)
