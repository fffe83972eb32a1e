"""The rows of the bench's one table, and how the table and its JSON are written."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

SORT_MODES = ("triage", "newest", "risk", "exposure", "recipient")
ANCHORS = {"datatable": "DataTable", "fastdatatable": "fastdatatable"}

# (key, label, unit); a cell holds a number in that unit, or a note ("> 120 s", "not installed").
ROWS: list[tuple[str, str, str]] = [
    ("import_s", "import (cockpit import, wall)", "s"),
    ("import_rss_mb", "import peak memory (RSS)", "MB"),
    ("judge_s", "judging it after the import (cockpit judge)", "s"),
    ("terminal_first_rows_s", "process start -> first rows (terminal)", "s"),
    ("headless_first_rows_s", "process start -> first rows (headless)", "s"),
    ("ready_s", "everything loaded and judged (headless)", "s"),
    ("cpu_first_ms_per_s", "CPU, first 10 s after first rows", "ms/s"),
    ("cpu_idle_ms_per_s", "CPU after that (live countdowns)", "ms/s"),
    ("terminal_rss_mb", "peak memory, app (terminal)", "MB"),
    ("terminal_child_rss_mb", "peak memory, its scan process", "MB"),
    ("headless_rss_mb", "peak memory, app (headless, all steps)", "MB"),
    ("tick_ms", "tick (phases, countdowns, bars)", "ms"),
    ("filter_phase_open_ms", "filter phase:open", "ms"),
    ("filter_risk_any_ms", "filter risk:any", "ms"),
    ("filter_free_text_ms", "filter free text (bodies)", "ms"),
    ("filter_clear_ms", "clear filter", "ms"),
    *[(f"sort_{mode}_ms", f"sort {mode}", "ms") for mode in SORT_MODES],
    ("report_s", "cockpit report", "s"),
    ("report_json_s", "cockpit report --json", "s"),
    ("report_rss_mb", "cockpit report --json peak memory", "MB"),
    ("audit_verify_s", "cockpit audit verify", "s"),
    ("audit_entries", "  audit entries verified", ""),
    ("bulk_recall_ms", "bulk recall of 1,000 (database)", "ms"),
    *[
        row
        for key, name in ANCHORS.items()
        for row in (
            (f"{key}_first_rows_s", f"{name}: process start -> first rows", "s"),
            (f"{key}_tick_ms", f"{name}: tick (countdown cells)", "ms"),
            (f"{key}_filter_ms", f"{name}: filter (rebuild, open ones)", "ms"),
        )
    ],
    *[
        row
        for key, name in ANCHORS.items()
        for row in (
            (f"ratio_first_rows_{key}", f"cockpit / {name}: first rows", "x"),
            (f"ratio_tick_{key}", f"cockpit / {name}: tick", "x"),
            (f"ratio_filter_{key}", f"cockpit / {name}: filter", "x"),
        )
    ],
]
SCREEN_ROWS = tuple(
    key for key, _, _ in ROWS if key.startswith(("headless_", "ready_", "tick_", "filter_", "sort_"))
)
RATIOS = {"first_rows": "headless_first_rows_s", "tick": "tick_ms", "filter": "filter_phase_open_ms"}


def add_ratios(values: dict[str, Any]) -> None:
    """The cockpit's figures as a ratio of each anchor's (headless first rows, tick, filter)."""
    for key in ANCHORS:
        for name, ours in RATIOS.items():
            theirs = values.get(f"{key}_{name}_{'s' if name == 'first_rows' else 'ms'}")
            mine = values.get(ours)
            if isinstance(theirs, float | int) and isinstance(mine, float | int) and theirs > 0:
                values[f"ratio_{name}_{key}"] = mine / theirs
            elif isinstance(theirs, str):
                values[f"ratio_{name}_{key}"] = theirs


def cell(value: Any, unit: str) -> str:
    """One cell as printed."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "s":
        return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"
    if unit == "x":
        return f"{value:,.2f}x"
    if unit == "":
        return f"{value:,.0f}"
    return f"{value:,.1f} {unit}"


def render(results: dict[int, dict[str, Any]]) -> str:
    """The table: one row per measure, one column per size."""
    sizes = list(results)
    width = max(len(label) for _, label, _ in ROWS) + 2
    widths = [max(14, *(len(cell(results[s].get(k), u)) + 2 for k, _, u in ROWS)) for s in sizes]
    lines = [f"{'messages':<{width}}" + "".join(f"{s:>{w},}" for s, w in zip(sizes, widths, strict=True))]
    for key, label, unit in ROWS:
        cells = (f"{cell(results[s].get(key), unit):>{w}}" for s, w in zip(sizes, widths, strict=True))
        lines.append(f"{label:<{width}}" + "".join(cells))
    return "\n".join(lines)


def write_json(path: Path, results: dict[int, dict[str, Any]], machine: dict[str, Any]) -> None:
    """Every row of the table, each with a value (a number, or null and a note) for every size."""

    def entry(value: Any) -> dict[str, Any]:
        if isinstance(value, str):
            return {"value": None, "note": value}
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return {"value": None, "note": "not measured"}
        return {"value": value, "note": None}

    document = {
        "machine": machine,
        "sizes": list(results),
        "rows": [
            {
                "key": key,
                "label": label,
                "unit": unit,
                "values": {str(s): entry(results[s].get(key)) for s in results},
            }
            for key, label, unit in ROWS
        ],
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
