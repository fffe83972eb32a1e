"""The bench databases: a year of history imported through ``cockpit import``, cached by size."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from history import GENERATOR_VERSION, NOW, seats, write_sends_file
from processes import cockpit_argv, run_measured


def database_path(data: Path, size: int) -> Path:
    """Where the database of ``size`` messages of this generator version is kept."""
    return data / f"year-v{GENERATOR_VERSION}-{size}.sqlite3"


def _figures_path(db: Path) -> Path:
    return db.with_suffix(".import.json")


def database(
    data: Path, size: int, timeout: float, rebuild: bool = False
) -> tuple[Path | None, dict[str, Any]]:
    """The cached database of ``size`` messages and the figures of the import that built it.

    The first use writes the history as a CSV sends file, adds the two seats and runs
    ``cockpit import`` on it in a new process (its wall time and peak memory are the import's
    figures, kept beside the database), then ``cockpit judge`` (its wall time too): a year of
    history has been judged as it was sent. Returns ``(None, figures)`` when the import failed or took
    longer than ``timeout`` seconds.
    """
    db = database_path(data, size)
    figures_file = _figures_path(db)
    if db.exists() and figures_file.exists() and not rebuild:
        return db, {**json.loads(figures_file.read_text()), "cached": True}
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), figures_file):
        stale.unlink(missing_ok=True)
    print(f"building {size:,} messages in {db} ...", file=sys.stderr, flush=True)
    sends = data / f"year-v{GENERATOR_VERSION}-{size}.csv"
    write_sends_file(sends, size, NOW)
    try:
        for seat in seats():
            added = run_measured(cockpit_argv(db, NOW, "seat", "add", *seat), timeout=60)
            if added.returncode != 0:
                raise RuntimeError(f"seat add failed: {added.stderr[-500:]}")
        imported = run_measured(cockpit_argv(db, NOW, "import", str(sends), "--format", "csv"), timeout)
    finally:
        sends.unlink(missing_ok=True)
    figures: dict[str, Any] = {"import_s": imported.wall_s, "import_rss_mb": imported.peak_rss_mb}
    if imported.timed_out or imported.returncode != 0:
        print(imported.stderr[-2000:], file=sys.stderr)
        db.unlink(missing_ok=True)
        return None, {"import_timed_out": imported.timed_out, **figures}
    judged = run_measured(cockpit_argv(db, NOW, "judge"), JUDGE_TIMEOUT)
    figures["judge_s"] = judged.wall_s if judged.returncode == 0 and not judged.timed_out else None
    figures_file.write_text(json.dumps(figures))
    return db, {**figures, "cached": False}


JUDGE_TIMEOUT = 3_600.0


def judge_current(db: Path) -> None:
    """Judge whatever no stored judgement of the running scanner covers (nothing, once judged)."""
    run_measured(cockpit_argv(db, NOW, "judge"), JUDGE_TIMEOUT)
