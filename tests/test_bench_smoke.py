"""The bench runs end to end at a tiny size and writes every row of its table (no timings checked)."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
COCKPIT_ROWS = (
    "import_s",
    "terminal_first_rows_s",
    "headless_first_rows_s",
    "cpu_first_ms_per_s",
    "cpu_idle_ms_per_s",
    "terminal_rss_mb",
    "tick_ms",
    "filter_phase_open_ms",
    "filter_risk_any_ms",
    "filter_free_text_ms",
    "filter_clear_ms",
    "sort_triage_ms",
    "report_s",
    "report_json_s",
    "audit_verify_s",
    "bulk_recall_ms",
)
ANCHOR_ROWS = ("datatable_first_rows_s", "datatable_tick_ms", "fastdatatable_filter_ms")


def test_bench_runs_at_a_tiny_size_and_writes_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    argv = [sys.executable, str(BENCH / "run.py"), "--sizes", "300", "--repeat", "1", "--quick"]
    argv += ["--data", str(tmp_path / "data"), "--json", str(out), "--timeout", "60"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)}
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)

    assert proc.returncode == 0, proc.stderr[-3000:]
    document = json.loads(out.read_text(encoding="utf-8"))
    rows = {row["key"]: row["values"]["300"] for row in document["rows"]}
    table_rows = runpy.run_path(str(BENCH / "table.py"))["ROWS"]
    assert set(rows) == {key for key, _label, _unit in table_rows}
    for key in COCKPIT_ROWS:
        assert isinstance(rows[key]["value"], int | float), (key, rows[key])
    for key in ANCHOR_ROWS:
        assert rows[key]["value"] is not None or rows[key]["note"] == "not installed", (key, rows[key])
    assert document["sizes"] == [300]
    assert "cockpit / DataTable: tick" in proc.stdout
