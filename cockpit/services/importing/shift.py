"""``import --shift-to-now``: every time in a file moved by one offset, so that its newest send was a
couple of minutes ago (sample files and drills then show live recall windows). The gaps between
the times are kept; the keys that make a re-import add nothing are those of the original times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cockpit.clock import iso_z
from cockpit.errors import BadInput
from cockpit.services.importing.model import Chunk
from cockpit.store.import_rows import SENT_AT, ImportRow
from cockpit.store.instant_text import decode_instant, encode_instant

NEWEST_AGE = timedelta(minutes=2)  # how long ago the newest send is, once shifted
READ_AS_OF = datetime(9000, 1, 1, tzinfo=UTC)  # reading "now": no time in the file is in the future


@dataclass(frozen=True, slots=True)
class Shift:
    """The offset applied to every time of one file."""

    offset: timedelta
    newest_in_file: datetime
    newest_now: datetime

    def details(self) -> dict[str, object]:
        """The ``shift`` details of the import's audit entry."""
        return {
            "seconds": int(self.offset.total_seconds()),
            "newest_sent_in_file": iso_z(self.newest_in_file),
            "newest_sent_shifted": iso_z(self.newest_now),
        }


def _moved(text: str, offset: timedelta) -> str:
    return encode_instant(decode_instant(text) + offset)


def _moved_row(row: ImportRow, offset: timedelta) -> ImportRow:
    return (*row[:SENT_AT], _moved(row[SENT_AT], offset), *row[SENT_AT + 1 :])


def shift_chunks(chunks: list[Chunk], now: datetime) -> Shift | None:
    """Move every send and response time in ``chunks`` (in place) so that the newest send is
    :data:`NEWEST_AGE` before ``now``, in whole seconds; ``None`` (nothing moved) without a send.

    Raises:
        BadInput: a time moved that far would fall outside the calendar.
    """
    newest_texts = [chunk.newest for chunk in chunks if chunk.newest is not None]
    if not newest_texts:
        return None
    newest = decode_instant(max(newest_texts))
    offset = timedelta(seconds=int((now - NEWEST_AGE - newest).total_seconds()))
    try:
        for chunk in chunks:
            if chunk.rows:
                chunk.rows = [_moved_row(row, offset) for row in chunk.rows]
            if chunk.newest is not None:
                chunk.newest = _moved(chunk.newest, offset)
            if chunk.replies:
                chunk.replies = {key: _moved(text, offset) for key, text in chunk.replies.items()}
    except (OverflowError, ValueError):
        raise BadInput(
            "--shift-to-now: the file's times are too far apart to move its newest send to now"
        ) from None
    return Shift(offset, newest, newest + offset)


def span_text(seconds: int, under_a_minute: str | None = None) -> str:
    """``3 d 4 h``, ``5 h 12 min``, ``40 min``; under a minute ``15 s`` or ``under_a_minute``."""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days:,} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min"
    return under_a_minute if under_a_minute is not None else f"{secs} s"


def describe_shift(offset: timedelta) -> str:
    """The size of an offset, sign aside (see :func:`span_text`)."""
    return span_text(abs(int(offset.total_seconds())))
