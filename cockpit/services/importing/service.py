"""``import_file``: read, validate and (when the rules allow) write one import file."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from cockpit.errors import BadInput
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.aside import AsideReader, ReaderFailed, can_read_aside
from cockpit.services.importing.linkedin import read_linkedin
from cockpit.services.importing.model import Chunk, ReadResult
from cockpit.services.importing.sendsfile import iter_sends_csv, iter_sends_jsonl
from cockpit.services.importing.sendsrow import RowContext
from cockpit.services.importing.source import Source, detect_format, read_source
from cockpit.services.importing.transaction import ImportOutcome, ImportWriter, commit_import
from cockpit.store.bulk import SENT_AT, large_write
from cockpit.store.types import decode_instant

Progress = Callable[[str, int], None]


@dataclass
class ImportReport:
    """Everything the summary needs. ``outcome`` is ``None`` when nothing was written."""

    source: Source
    result: ReadResult
    outcome: ImportOutcome | None
    now: datetime
    skip_invalid: bool

    @property
    def written(self) -> bool:
        return self.outcome is not None

    @property
    def duplicates(self) -> int:
        stored = self.outcome.already_stored if self.outcome else 0
        return stored + self.result.repeated

    @property
    def skipped(self) -> int:
        return sum(self.result.skipped.values())


def import_file(
    cockpit: Cockpit,
    file: str,
    *,
    fmt: str = "auto",
    me: str | None = None,
    seat: str | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    read_aside: bool | None = None,
) -> ImportReport:
    """Import ``file``: all or nothing, unless ``skip_invalid``.

    Returns the report; ``report.written`` is False when a problem stopped the import (the report
    then lists every problem, each with the line its row starts on). ``read_aside`` reads a sends
    file in a second process while this one writes (default: for large files, where available).

    Raises:
        BadInput: the file cannot be read, its format is wrong, or ``seat`` is not registered.
    """
    seats = {s.name for s in cockpit.repo.seats()}
    if seat is not None and seat not in seats:
        raise BadInput(f"--seat {seat!r} is not registered (add it with: cockpit seat add NAME --plan PLAN)")
    source = read_source(file)
    kind = detect_format(source, fmt)
    now = cockpit.clock.now()
    if progress is not None:
        progress("total", source.text.count("\n"))
    with _collection_paused():
        if kind == "linkedin":
            return _import_linkedin(cockpit, source, now, me, seat, skip_invalid, progress)
        ctx = RowContext(frozenset(cockpit.policy.channels), frozenset(seats), seat, now)
        reader = iter_sends_csv if kind == "csv" else iter_sends_jsonl
        text, bad_bytes = source.text, source.bad_bytes

        def chunks() -> Iterator[Chunk]:
            return reader(text, ctx, bad_bytes)

        if can_read_aside(text) if read_aside is None else read_aside:
            try:
                with AsideReader(chunks) as aside:
                    lean = source.without_text()  # hashes the file while the reader starts
                    return _import_streamed(
                        cockpit, lean, kind, now, seat, skip_invalid, progress, iter(aside)
                    )
            except ReaderFailed:
                pass  # nothing was written: read it here instead (a real error then shows as itself)
        lean = source.without_text()
        return _import_streamed(cockpit, lean, kind, now, seat, skip_invalid, progress, chunks())


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while an import builds its rows (tuples of text, no cycles):
    with 100,000 rows the collector's passes would cost a third of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _may_write(result: ReadResult, skip_invalid: bool) -> bool:
    """Whether what was read may be written: no file problem, and no invalid row unless skipped
    (and then some row must be valid, skipped or a duplicate)."""
    if result.file_problem is not None:
        return False
    if result.problems and not skip_invalid:
        return False
    return not result.problems or bool(result.valid or result.skipped or result.repeated)


class _Discard(Exception):
    """Leaves the write transaction without committing anything."""


def _import_streamed(
    cockpit: Cockpit,
    source: Source,
    kind: str,
    now: datetime,
    seat: str | None,
    skip_invalid: bool,
    progress: Progress | None,
    chunks: Iterator[Chunk],
) -> ImportReport:
    """Write a sends file's chunks as they arrive; roll everything back if a problem forbids it."""
    result = ReadResult(format=kind)
    report = ImportReport(source, result, None, now, skip_invalid)
    try:
        with cockpit.repo.write(cockpit.actor, now) as tx, large_write(tx):
            writer = ImportWriter(tx, cockpit.policy, now)
            for chunk in chunks:
                result.absorb(chunk)
                if progress is not None:
                    progress("read", chunk.last_line)
                if _may_write(result, skip_invalid):
                    writer.add(chunk.rows)
            if not _may_write(result, skip_invalid):
                raise _Discard
            if progress is not None:
                progress("write", result.rows_read)
            report.outcome = writer.finish(source, result, seat)
    except _Discard:
        report.outcome = None
    return report


def _import_linkedin(
    cockpit: Cockpit,
    source: Source,
    now: datetime,
    me: str | None,
    seat: str | None,
    skip_invalid: bool,
    progress: Progress | None,
) -> ImportReport:
    """Read the whole export (the sender is known only at the end), then write it oldest first."""

    def step(count: int) -> None:
        if progress is not None:
            progress("read", count)

    result = read_linkedin(
        source.text, me=me, seat=seat, now=now, has_bad_bytes=source.bad_bytes, progress=step
    )
    if result.rows:
        result.newest_sent = decode_instant(max(row[SENT_AT] for row in result.rows))
    source = source.without_text()
    report = ImportReport(source, result, None, now, skip_invalid)
    if not _may_write(result, skip_invalid):
        return report
    if progress is not None:
        progress("write", result.rows_read)
    report.outcome = commit_import(cockpit.repo, cockpit.actor, now, cockpit.policy, source, result, seat)
    return report
