"""The row an import writes: a plain tuple laid out as :data:`IMPORT_FIELDS`, already in stored form
(instants as :mod:`~cockpit.store.instant_text`, flags as 0/1/``None``). A new message's status,
version and creation time are the same for every row and are not part of it. No database library,
so code that only reads files can build rows."""

from __future__ import annotations

from typing import Any

from cockpit.domain.content import CONTENT_FIELDS

IMPORT_FIELDS: tuple[str, ...] = (*CONTENT_FIELDS, "push")
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
