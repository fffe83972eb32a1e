"""The reader of each import format, as a function that starts reading (for this process or a
reading process)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from cockpit.services.importing.linkedin import iter_linkedin
from cockpit.services.importing.model import Chunk
from cockpit.services.importing.sendsfile import iter_sends_csv, iter_sends_jsonl
from cockpit.services.importing.sendsrow import RowContext


def chunk_reader(
    kind: str,
    text: str,
    bad_bytes: bool,
    ctx: RowContext,
    me: str | None,
    seat: str | None,
    now: datetime,
    owner: str | None = None,
    owner_known: bool = False,
    me_name: str | None = None,
    followups_cost: bool = True,
) -> Callable[[], Iterator[Chunk]]:
    """Reading ``text`` as ``kind`` (``linkedin``, ``csv`` or ``jsonl``), chunk by chunk."""

    def chunks() -> Iterator[Chunk]:
        if kind == "linkedin":
            return iter_linkedin(
                text,
                me=me,
                seat=seat,
                now=now,
                has_bad_bytes=bad_bytes,
                owner=owner,
                owner_known=owner_known,
                me_name=me_name,
                followups_cost=followups_cost,
            )
        if kind == "csv":
            return iter_sends_csv(text, ctx, bad_bytes)
        return iter_sends_jsonl(text, ctx, bad_bytes)

    return chunks
