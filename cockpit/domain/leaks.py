"""Leakage: what a recall cannot take back (previews shown, opens, caches, retained metadata)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.domain.model import Message, Push, Status
from cockpit.policy import Policy


@dataclass(frozen=True, slots=True)
class Leak:
    """One way the message's content has escaped, or will stay, beyond a recall."""

    code: str
    detail: str
    until: datetime | None


def preview_text(message: Message, policy: Policy) -> str | None:
    """The preview a push/e-mail notification already showed (``None`` when no push went out)."""
    if message.push == Push.NO:
        return None
    return message.body[: policy.leakage.preview_chars]


def span_in_preview(field: str, start: int, message: Message, policy: Policy) -> bool:
    """Whether a span starting at ``start`` of ``field`` was shown in the leaked preview."""
    if message.push == Push.NO:
        return False
    if field == "subject":
        return True  # notifications show the subject line
    if field == "body":
        return start < policy.leakage.preview_chars
    return False


def _add_years(value: datetime, years: int) -> datetime:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def message_leaks(message: Message, policy: Policy) -> list[Leak]:
    """The leak codes of one message, each with its detail and how long it lasts."""
    leaks: list[Leak] = []
    preview = preview_text(message, policy)
    if preview is not None:
        leaks.append(Leak("PUSH_PREVIEW", preview, None))
    if message.opened_at is not None:
        leaks.append(Leak("OPENED", "the recipient opened it and saw the original text", None))
    if message.status == Status.RECALLED and message.recalled_at is not None:
        hours = policy.leakage.mobile_cache_hours
        leaks.append(
            Leak(
                "MOBILE_CACHE",
                f"the recipient's mobile app may keep a cached copy up to {hours} h after the recall",
                message.recalled_at + timedelta(hours=hours),
            )
        )
    years = policy.leakage.metadata_retention_years
    leaks.append(
        Leak(
            "METADATA_RETAINED",
            f"LinkedIn keeps the message's metadata at least {years} years",
            _add_years(message.sent_at, years),
        )
    )
    if message.forwarded_at is not None:
        leaks.append(Leak("FORWARDED", "the recipient forwarded it; the copy is out of reach", None))
    return leaks
