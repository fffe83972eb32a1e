"""``import_file``: read, validate and (when the rules allow) write one import file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from operator import itemgetter

from cockpit.errors import BadInput
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.linkedin import read_linkedin
from cockpit.services.importing.model import ReadResult
from cockpit.services.importing.sendsfile import RowContext, read_sends_csv, read_sends_jsonl
from cockpit.services.importing.source import Source, detect_format, read_source
from cockpit.services.importing.transaction import ImportOutcome, commit_import
from cockpit.store.bulk import SENT_AT
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
) -> ImportReport:
    """Import ``file``: all or nothing, unless ``skip_invalid``.

    Returns the report; ``report.written`` is False when a problem stopped the import (the report
    then lists every problem, each with the line its row starts on).

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

    def step(count: int) -> None:
        if progress is not None:
            progress("read", count)

    if kind == "linkedin":
        result = read_linkedin(
            source.text, me=me, seat=seat, now=now, has_bad_bytes=source.bad_bytes, progress=step
        )
    else:
        ctx = RowContext(frozenset(cockpit.policy.channels), frozenset(seats), seat, now)
        reader = read_sends_csv if kind == "csv" else read_sends_jsonl
        result = reader(source.text, ctx, source.bad_bytes, step)
    if kind != "linkedin":
        result.rows.sort(key=itemgetter(SENT_AT))  # ids follow send time; file order among equals
    if result.rows:
        result.newest_sent = decode_instant(max(row[SENT_AT] for row in result.rows))
    source = replace(source, text="")  # the rows hold what is needed; let the text go
    report = ImportReport(source, result, None, now, skip_invalid)
    if result.file_problem is not None:
        return report
    if result.problems and not skip_invalid:
        return report
    if result.problems and not (result.rows or result.skipped or result.repeated):
        return report  # every row is invalid: nothing to import even with --skip-invalid
    if progress is not None:
        progress("write", result.rows_read)
    report.now = cockpit.clock.now()
    report.outcome = commit_import(
        cockpit.repo, cockpit.actor, report.now, cockpit.policy, source, result, seat
    )
    return report
