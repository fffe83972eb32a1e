"""``import_file``: read, validate and (when the rules allow) write one import file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from cockpit.collection import collection_paused
from cockpit.errors import BadInput
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.aside import AsideReader, ReaderFailed, can_read_aside
from cockpit.services.importing.early import EarlyRead
from cockpit.services.importing.model import Chunk, ReadResult
from cockpit.services.importing.readers import chunk_reader
from cockpit.services.importing.sendsrow import RowContext
from cockpit.services.importing.shift import READ_AS_OF, Shift, shift_chunks
from cockpit.services.importing.source import Source, detect_format, line_count, read_source
from cockpit.services.importing.transaction import ImportOutcome, ImportWriter
from cockpit.store.bulk import large_write

Progress = Callable[[str, int], None]


@dataclass
class ImportReport:
    """Everything the summary needs. ``outcome`` is ``None`` when nothing was written."""

    source: Source
    result: ReadResult
    outcome: ImportOutcome | None
    now: datetime
    skip_invalid: bool
    shift: Shift | None = None  # --shift-to-now: how the file's times were moved

    @property
    def written(self) -> bool:
        return self.outcome is not None

    @property
    def duplicates(self) -> int:
        """Rows not added: stored already (by key, or linked to a send from another file) or
        repeated in the file."""
        stored = self.outcome.already_stored + self.outcome.linked if self.outcome else 0
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
    early: EarlyRead | None = None,
    shift_to_now: bool = False,
    me_name: str | None = None,
) -> ImportReport:
    """Import ``file``: all or nothing, unless ``skip_invalid``.

    Returns the report; ``report.written`` is False when a problem stopped the import (the report
    then lists every problem, each with the line its row starts on). ``read_aside`` reads the file
    in a second process while this one writes (default: for large files, where available);
    ``early`` is that process already started for this import (it is used only if it fits, and
    closed either way). ``shift_to_now`` moves every time in the file by one offset so that its
    newest send was a couple of minutes ago (:mod:`.shift`); the file is then read whole first.

    Raises:
        BadInput: the file cannot be read, its format is wrong, or ``seat`` is not registered.
    """
    try:
        seats = frozenset(s.name for s in cockpit.repo.seats())
        if seat is not None and seat not in seats:
            raise BadInput(
                f"--seat {seat!r} is not registered (add it with: cockpit seat add NAME --plan PLAN)"
            )
        if early is not None and (
            read_aside is False or shift_to_now or not early.fits(file, fmt, me, seat, seats, me_name)
        ):
            early.close()
            early = None
        if early is not None:
            source, kind, now = early.source, early.kind, early.now
        else:
            source = read_source(file)
            kind = detect_format(source, fmt)
            if kind == "linkedin":
                source = source.whole()  # its rows depend on the rest of the file
            now = cockpit.clock.now()
        if progress is not None:
            progress("total", line_count(source))
        with collection_paused():
            return _import(
                cockpit, source, kind, now, seats, (me, me_name), seat, skip_invalid, progress, read_aside,
                early, shift_to_now,
            )  # fmt: skip
    finally:
        if early is not None:
            early.close()


def _import(
    cockpit: Cockpit,
    source: Source,
    kind: str,
    now: datetime,
    seats: frozenset[str],
    chosen: tuple[str | None, str | None],
    seat: str | None,
    skip_invalid: bool,
    progress: Progress | None,
    read_aside: bool | None,
    early: EarlyRead | None,
    shift_to_now: bool = False,
) -> ImportReport:
    read_now = READ_AS_OF if shift_to_now else now  # shifted, no time is in the future
    ctx = RowContext(frozenset(cockpit.policy.channels), seats, seat, read_now)
    size = source.size if source.streamed else len(source.text)
    aside = early is not None or (can_read_aside(size) if read_aside is None else read_aside)
    owner: str | None = None
    me, me_name = chosen
    followups_cost = cockpit.policy.followups.costs_credit
    read = source  # with its text, for a second reading
    for attempt in range(2):
        chunks = chunk_reader(
            kind, read, ctx, me, seat, read_now, owner, attempt > 0, me_name, followups_cost
        )
        if shift_to_now:
            whole = list(chunks())
            shift = shift_chunks(whole, now)
            source = source.without_text()
            report = ImportReport(source, ReadResult(format=kind), None, now, skip_invalid, shift)
            _write_chunks(cockpit, report, seat, progress, iter(whole))
        elif aside:
            try:
                reader = early.reader if early is not None and attempt == 0 else AsideReader(chunks)
                with reader:
                    source = source.without_text()  # hashes the file while the reader starts
                    report = ImportReport(source, ReadResult(format=kind), None, now, skip_invalid)
                    _write_chunks(cockpit, report, seat, progress, iter(reader))
            except ReaderFailed:
                aside = False  # nothing was written: read it here (a real error then shows as itself)
        if not aside and not shift_to_now:
            source = source.without_text()
            report = ImportReport(source, ReadResult(format=kind), None, now, skip_invalid)
            _write_chunks(cockpit, report, seat, progress, chunks())
        if not report.result.owner_was_wrong:
            break
        owner = report.result.owner  # the first rows suggested another sender: read it again
    return report


def _may_write(result: ReadResult, skip_invalid: bool) -> bool:
    """Whether what was read may be written: no file problem, and no invalid row unless skipped
    (and then some row must be valid, skipped or a duplicate)."""
    if result.file_problem is not None or result.owner_was_wrong:
        return False
    if result.problems and not skip_invalid:
        return False
    return not result.problems or bool(result.valid or result.skipped or result.repeated)


class _Discard(Exception):
    """Leaves the write transaction without committing anything."""


def _write_chunks(
    cockpit: Cockpit,
    report: ImportReport,
    seat: str | None,
    progress: Progress | None,
    chunks: Iterator[Chunk],
) -> None:
    """Write the chunks as they arrive, in one transaction; roll it all back (``report.outcome``
    stays ``None``) if a problem forbids writing."""
    result = report.result
    try:
        with cockpit.repo.write(cockpit.actor, report.now) as tx, large_write(tx):
            from_export = result.format == "linkedin"
            writer = ImportWriter(tx, cockpit.policy, report.now, from_export, from_export)
            for chunk in chunks:
                result.absorb(chunk)
                if progress is not None:
                    progress("read", chunk.last_line)
                if _may_write(result, report.skip_invalid):
                    writer.add(chunk.rows)
            if not _may_write(result, report.skip_invalid):
                raise _Discard
            if result.replies:
                writer.add_replies(result.replies)
            if result.channel_fixes:
                writer.fix_channels(result.channel_fixes)
            if progress is not None:
                progress("write", result.rows_read)
            extra: dict[str, object] | None = None
            if report.shift is not None:
                extra = {"shift": report.shift.details()}
            report.outcome = writer.finish(report.source, result, seat, extra)
    except _Discard:
        report.outcome = None
