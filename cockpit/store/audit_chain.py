"""The audit chain: canonical encoding of an entry and its hash over the previous entry's hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from json.encoder import encode_basestring

from cockpit.store.instant_text import encode_instant

GENESIS_HASH = "0" * 64
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_encoded_at = lru_cache(maxsize=16)(encode_instant)  # the entries of one transaction share their time


def canonical_details(details: Mapping[str, object] | None) -> str:
    """Details as canonical JSON (sorted keys, no spaces, UTF-8 kept)."""
    return _CANONICAL.encode(dict(details or {}))


def entry_hash(
    *,
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    message_id: int | None,
    batch: str | None,
    from_status: str | None,
    to_status: str | None,
    from_version: int | None,
    reason: str | None,
    details: str,
    wall_at: datetime | None = None,
) -> str:
    """SHA-256 of the previous hash and the canonical encoding of this entry's own fields: the
    compact JSON array ``[seq, at, actor, action, message_id, batch, from_status, to_status,
    from_version, reason, details, wall_at]`` (UTF-8 kept; ``wall_at``, the wall-clock instant the
    entry was written, is left out of the array for entries written before it was recorded)."""
    return fields_hash(
        prev_hash, seq, _encoded_at(at), actor, action, message_id, batch, from_status, to_status,
        from_version, reason, details, None if wall_at is None else _encoded_at(wall_at),
    )  # fmt: skip


def fields_hash(
    prev_hash: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    message_id: int | None,
    batch: str | None,
    from_status: str | None,
    to_status: str | None,
    from_version: int | None,
    reason: str | None,
    details: str,
    wall_at: str | None = None,
) -> str:
    """:func:`entry_hash` of fields given in order, ``at`` and ``wall_at`` as their stored text (for
    checking a long log quickly)."""
    encoded = (
        f"[{_repr(seq)},{_quoted(at)},{_quoted(actor)},{_quoted(action)},"
        f"{'null' if message_id is None else _repr(message_id)},"
        f"{'null' if batch is None else _quoted(batch)},"
        f"{'null' if from_status is None else _quoted(from_status)},"
        f"{'null' if to_status is None else _quoted(to_status)},"
        f"{'null' if from_version is None else _repr(from_version)},"
        f"{'null' if reason is None else _quoted(reason)},{_quoted(details)}"
        f"{'' if wall_at is None else ',' + _quoted(wall_at)}]"
    )
    return _sha256(f"{prev_hash}\n{encoded}".encode()).hexdigest()


_repr = int.__repr__
_quoted = encode_basestring
_sha256 = hashlib.sha256
