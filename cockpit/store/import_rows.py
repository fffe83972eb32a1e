"""The row an import writes: a plain tuple laid out as :data:`IMPORT_FIELDS`, already in stored form
(instants as :mod:`~cockpit.store.instant_text`, flags as 0/1/``None``). A new message's status,
version and creation time are the same for every row and are not part of it. No database library,
so code that only reads files can build rows."""

from __future__ import annotations

from typing import Any

IMPORT_FIELDS: tuple[str, ...] = (
    "external_id",
    "recipient",
    "recipient_profile_url",
    "recipient_state",
    "open_profile",
    "channel",
    "seat",
    "batch",
    "subject",
    "body",
    "sent_at",
    "sent_from",
    "commercial",
    "push",
)
(
    EXTERNAL_ID,
    RECIPIENT,
    PROFILE_URL,
    STATE,
    OPEN_PROFILE,
    CHANNEL,
    SEAT,
    BATCH,
    SUBJECT,
    BODY,
    SENT_AT,
    SENT_FROM,
    COMMERCIAL,
    PUSH,
) = range(len(IMPORT_FIELDS))
ImportRow = tuple[Any, ...]
