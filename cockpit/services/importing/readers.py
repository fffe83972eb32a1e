"""The reader of each import format, as a function that starts reading (for this process or a
reading process)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from cockpit.services.importing.linkedin import iter_linkedin
from cockpit.services.importing.model import Chunk
from cockpit.services.importing.sendsfile import iter_sends_csv, iter_sends_jsonl
from cockpit.services.importing.sendsrow import RowContext
from cockpit.services.importing.source import Source


def chunk_reader(
    kind: str,
    source: Source,
    ctx: RowContext,
    me: str | None,
    seat: str | None,
    now: datetime,
    owner: str | None = None,
    owner_known: bool = False,
    me_name: str | None = None,
    followups_cost: bool = True,
) -> Callable[[], Iterator[Chunk]]:
    """Reading ``source`` as ``kind`` (``linkedin``, ``csv`` or ``jsonl``), chunk by chunk (a sends
    file a piece at a time; a LinkedIn export, whose rows depend on the rest of the file, whole)."""

    def chunks() -> Iterator[Chunk]:
        if kind == "linkedin":
            assert not source.streamed, "a LinkedIn export is read whole"
            return iter_linkedin(
                source.text,
                me=me,
                seat=seat,
                now=now,
                has_bad_bytes=source.bad_bytes,
                owner=owner,
                owner_known=owner_known,
                me_name=me_name,
                followups_cost=followups_cost,
            )
        if kind == "csv":
            return iter_sends_csv(source.pieces(), ctx)
        return iter_sends_jsonl(source.pieces(), ctx)

    return chunks
