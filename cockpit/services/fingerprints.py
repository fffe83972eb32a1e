"""Content fingerprints for the audit entries that create or rewrite messages, read back from the
database in the writing transaction (what ``audit verify`` will compare)."""

from __future__ import annotations

from collections.abc import Sequence

from cockpit.domain.content import batch_fingerprint, content_digest, content_fingerprint
from cockpit.store.content_rows import ID, content_rows
from cockpit.store.repository import WriteTx


def message_sha256(tx: WriteTx, message_id: int) -> str:
    """The content fingerprint of one message as written so far in ``tx``."""
    (row,) = content_rows(tx.conn, message_id, message_id)
    return content_fingerprint(row)


def messages_sha256(tx: WriteTx, ids: Sequence[int]) -> dict[int, str]:
    """The content fingerprints of messages written in ``tx``, by id."""
    if not ids:
        return {}
    wanted = set(ids)
    rows = content_rows(tx.conn, min(ids), max(ids))
    found = {row[ID]: content_fingerprint(row) for row in rows if row[ID] in wanted}
    if len(found) != len(wanted):
        raise RuntimeError("a message just written could not be read back; nothing was written")
    return found


def range_sha256(tx: WriteTx, first: int, last: int) -> str:
    """One fingerprint over the contents of messages ``first``..``last`` in id order (an import's)."""
    return batch_fingerprint(content_digest(row) for row in content_rows(tx.conn, first, last))
