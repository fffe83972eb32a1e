"""A message's content fingerprint: a SHA-256 over the fields fixed when it was sent.

The audit entries that create or rewrite a message record it, so ``audit verify`` can tell whether
what is stored is what was sent. Each field is length-prefixed (not JSON): unambiguous, and quick
enough to fingerprint every message of a large database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

CONTENT_FIELDS: tuple[str, ...] = (
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
    "sent_at",  # the stored text: ``2026-11-28T10:48:00.000000Z``
    "sent_from",
    "commercial",
)
"""The fields a fingerprint covers, in this order (the first fields of an import row)."""

SUBJECT, BODY = CONTENT_FIELDS.index("subject"), CONTENT_FIELDS.index("body")
_FLAGS = frozenset({CONTENT_FIELDS.index("open_profile"), CONTENT_FIELDS.index("commercial")})
_NONE = b"\x00"


def _text(value: str) -> bytes:
    data = value.encode("utf-8", "surrogatepass")
    return b"\x01" + len(data).to_bytes(8, "big") + data


def _flag(value: object) -> bytes:
    if value is None:
        return _NONE
    return b"\x02" if value else b"\x03"


def content_fingerprint(values: Sequence[object]) -> str:
    """The hex SHA-256 of a message's content: ``values`` in :data:`CONTENT_FIELDS` order (texts or
    ``None``; the two flags as booleans, 0/1 or ``None``; more values may follow and are ignored)."""
    return content_digest(values).hex()


def content_digest(values: Sequence[object]) -> bytes:
    """The raw SHA-256 of :func:`content_fingerprint`."""
    parts: list[bytes] = []
    for index in range(len(CONTENT_FIELDS)):
        value = values[index]
        if index in _FLAGS:
            parts.append(_flag(value))
        elif value is None:
            parts.append(_NONE)
        else:
            parts.append(_text(str(value)))
    return hashlib.sha256(b"".join(parts)).digest()


def text_fingerprint(subject: str, body: str) -> str:
    """The hex SHA-256 of a subject and body (a kept revision's text)."""
    return hashlib.sha256(_text(subject) + _text(body)).hexdigest()


def batch_fingerprint(digests: Iterable[bytes]) -> str:
    """One hex SHA-256 over many messages' raw content digests, in id order (an import's)."""
    total = hashlib.sha256()
    for digest in digests:
        total.update(digest)
    return total.hexdigest()


def with_text(values: Sequence[object], subject: str, body: str) -> list[object]:
    """``values`` (in :data:`CONTENT_FIELDS` order) with another subject and body."""
    changed = list(values[: len(CONTENT_FIELDS)])
    changed[SUBJECT], changed[BODY] = subject, body
    return changed
