"""A message's content fingerprint: a SHA-256 over the fields fixed when it was sent.

The audit entries that create or rewrite a message record it, so ``audit verify`` can tell whether
what is stored is what was sent. Each field's length leads (not JSON): unambiguous, and quick
enough to fingerprint every message of a large database.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Sequence
from operator import itemgetter

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
_FLAG_FIELDS = (CONTENT_FIELDS.index("open_profile"), CONTENT_FIELDS.index("commercial"))
_TEXT_FIELDS = tuple(i for i in range(len(CONTENT_FIELDS)) if i not in _FLAG_FIELDS)
_pick_texts = itemgetter(*_TEXT_FIELDS)
_pick_flags = itemgetter(*_FLAG_FIELDS)
_header = struct.Struct(f">{len(CONTENT_FIELDS)}q").pack  # one length or flag per field
_sha256 = hashlib.sha256
_TEXT_HEADER = struct.Struct(">2q").pack


def content_fingerprint(values: Sequence[object]) -> str:
    """The hex SHA-256 of a message's content: ``values`` in :data:`CONTENT_FIELDS` order (texts or
    ``None``; the two flags as booleans, 0/1 or ``None``; more values may follow and are ignored)."""
    return content_digest(values).hex()


def content_digest(values: Sequence[object]) -> bytes:
    """The raw SHA-256 of :func:`content_fingerprint`: over a header of each text field's length in
    code points (-1: none) and each flag (-1: none, 0, 1), in field order, then the texts' UTF-8."""
    texts = _pick_texts(values)
    try:
        joined = "".join([text or "" for text in texts])
    except TypeError:  # a value that is not text (stored by hand): as its text
        texts = tuple(None if text is None else str(text) for text in texts)
        joined = "".join([text or "" for text in texts])
    a, b, c, d, f, g, h, i, j, k, m = texts
    open_profile, commercial = _pick_flags(values)
    header = _header(
        -1 if a is None else len(a),
        -1 if b is None else len(b),
        -1 if c is None else len(c),
        -1 if d is None else len(d),
        -1 if open_profile is None else 1 if open_profile else 0,
        -1 if f is None else len(f),
        -1 if g is None else len(g),
        -1 if h is None else len(h),
        -1 if i is None else len(i),
        -1 if j is None else len(j),
        -1 if k is None else len(k),
        -1 if m is None else len(m),
        -1 if commercial is None else 1 if commercial else 0,
    )  # unrolled: this runs for every message of a database
    return _sha256(header + joined.encode("utf-8", "surrogatepass")).digest()


def text_fingerprint(subject: str, body: str) -> str:
    """The hex SHA-256 of a subject and body (a kept revision's text): their lengths in code points,
    then their UTF-8."""
    data = _TEXT_HEADER(len(subject), len(body)) + (subject + body).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


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
