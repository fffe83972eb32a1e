"""The audit chain: canonical encoding of an entry and its hash over the previous entry's hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime

from cockpit.store.types import encode_instant

GENESIS_HASH = "0" * 64


def canonical_details(details: Mapping[str, object] | None) -> str:
    """Details as canonical JSON (sorted keys, no spaces, UTF-8 kept)."""
    return json.dumps(dict(details or {}), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


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
    """SHA-256 of the previous hash and the canonical encoding of this entry's own fields."""
    fields = [
        seq,
        encode_instant(at),
        actor,
        action,
        message_id,
        batch,
        from_status,
        to_status,
        from_version,
        reason,
        details,
    ]
    encoded = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\n{encoded}".encode()).hexdigest()
