"""Helpers for the scanner tests: a message with sensible defaults."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cockpit.domain.scanner import ScanInput

DAYTIME = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # 10:00 in New York


def message(
    body: str = "Hi Priya,\n\nOpen to a chat about a data role?\n\nDana", **overrides: Any
) -> ScanInput:
    """A clean, daytime, desktop InMail to Priya Raman, with ``overrides`` applied."""
    values: dict[str, Any] = {
        "subject": "Data role",
        "body": body,
        "recipient": "Priya Raman",
        "recipient_state": None,
        "channel": "inmail",
        "commercial": None,
        "sent_at": DAYTIME,
        "sender_time_zone": "America/New_York",
        "sent_from": "desktop",
    }
    values.update(overrides)
    return ScanInput(**values)
