"""The reading commands a user runs on the whole history: ``report`` and ``audit verify``."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from processes import Measured, cockpit_argv, run_measured


def _seconds(measured: Measured, timeout: float) -> float | str:
    if measured.timed_out:
        return f"> {timeout:g} s"
    if measured.returncode != 0:
        return f"failed ({measured.returncode})"
    return measured.wall_s


def measure_commands(db: Path, now: datetime, timeout: float) -> dict[str, Any]:
    """Wall time of ``cockpit report``, ``report --json`` (and its peak memory) and ``audit verify``."""
    result: dict[str, Any] = {}
    text = run_measured(cockpit_argv(db, now, "report"), timeout)
    result["report_s"] = _seconds(text, timeout)
    as_json = run_measured(cockpit_argv(db, now, "report", "--json"), timeout)
    result["report_json_s"] = _seconds(as_json, timeout)
    result["report_rss_mb"] = as_json.peak_rss_mb if not as_json.timed_out else f"> {timeout:g} s"
    verify = run_measured(cockpit_argv(db, now, "audit", "verify"), timeout)
    result["audit_verify_s"] = _seconds(verify, timeout)
    entries = re.search(r"([\d,]+) entries", verify.stdout)
    result["audit_entries"] = float(entries.group(1).replace(",", "")) if entries else None
    return result
