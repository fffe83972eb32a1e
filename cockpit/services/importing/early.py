"""Starting to read a large import file before the database is opened.

Loading the database library and opening the database take about half a second; a reading process
started first has read and checked a good part of the file by then. Only the standard library and
the reading modules are imported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cockpit.errors import CockpitError
from cockpit.policy import Policy
from cockpit.services.importing.aside import AsideReader, ReaderFailed, can_read_aside
from cockpit.services.importing.readers import chunk_reader
from cockpit.services.importing.sendsrow import RowContext
from cockpit.services.importing.source import Source, detect_format, read_source
from cockpit.store.peek import seat_names


@dataclass
class EarlyRead:
    """A file read, and its reading process started, for one ``import`` command."""

    file: str
    fmt: str
    me: str | None
    me_name: str | None
    seat: str | None
    seats: frozenset[str]
    now: datetime
    source: Source
    kind: str
    reader: AsideReader

    def fits(
        self,
        file: str,
        fmt: str,
        me: str | None,
        seat: str | None,
        seats: frozenset[str],
        me_name: str | None = None,
    ) -> bool:
        """Whether it was started for this import, against these registered seats."""
        wanted = (file, fmt, me, me_name, seat, seats)
        return wanted == (self.file, self.fmt, self.me, self.me_name, self.seat, self.seats)

    def close(self) -> None:
        """Stop the reading process if it is still running."""
        self.reader.close()


def start_reading(
    file: str,
    *,
    fmt: str,
    me: str | None,
    seat: str | None,
    database: str,
    policy: Policy,
    now: datetime,
    me_name: str | None = None,
) -> EarlyRead | None:
    """Read ``file`` and start its reading process, if it is large and the database is a SQLite
    file whose seats can be read without the database library; ``None`` otherwise (and whenever
    anything is wrong: the import then finds and reports it as usual)."""
    seats = seat_names(database)
    if seats is None or (seat is not None and seat not in seats):
        return None
    try:
        source = read_source(file)
        kind = detect_format(source, fmt)
    except CockpitError:
        return None
    if not can_read_aside(source.size):
        return None
    if kind == "linkedin":
        try:
            source = source.whole()
        except CockpitError:
            return None
    ctx = RowContext(frozenset(policy.channels), seats, seat, now)
    try:
        reading = chunk_reader(
            kind, source, ctx, me, seat, now, None, False, me_name,
            policy.followups.costs_credit,
        )  # fmt: skip
        reader = AsideReader(reading)
    except ReaderFailed:
        return None
    return EarlyRead(file, fmt, me, me_name, seat, seats, now, source, kind, reader)
