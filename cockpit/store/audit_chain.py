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
) -> str:
    """SHA-256 of the previous hash and the canonical encoding of this entry's own fields: the
    compact JSON array ``[seq, at, actor, action, message_id, batch, from_status, to_status,
    from_version, reason, details]`` (UTF-8 kept)."""
    encoded = (
        f"[{_integer(seq)},{_text(_encoded_at(at))},{_text(actor)},{_text(action)},{_integer(message_id)},"
        f"{_text(batch)},{_text(from_status)},{_text(to_status)},{_integer(from_version)},"
        f"{_text(reason)},{_text(details)}]"
    )
    return hashlib.sha256(f"{prev_hash}\n{encoded}".encode()).hexdigest()


def _text(value: str | None) -> str:
    """``value`` as a JSON string (as ``json.dumps(value, ensure_ascii=False)`` writes it)."""
    return "null" if value is None else encode_basestring(value)


def _integer(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)
