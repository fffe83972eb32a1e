"""The layers of DESIGN section 3: the core never loads Textual, the pure rules never load SQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

PURE_MODULES = [
    "cockpit.domain.model",
    "cockpit.domain.window",
    "cockpit.domain.rules",
    "cockpit.domain.replay",
    "cockpit.domain.marks",
    "cockpit.domain.credits",
    "cockpit.domain.leaks",
    "cockpit.domain.exposure",
    "cockpit.domain.filtering",
    "cockpit.policy",
    "cockpit.clock",
    "cockpit.text",
]


def loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [str(VENV_BIN / "lint-imports")], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout


def test_core_does_not_load_textual() -> None:
    loaded = loaded_after_import(
        [
            "cockpit.domain.window",
            "cockpit.domain.rules",
            "cockpit.services.actions",
            "cockpit.store.repository",
            "cockpit.store.verify",
        ]
    )
    assert "textual" not in loaded
    assert "sqlalchemy" in loaded  # the probe itself works: the store does load SQL


def test_pure_rules_load_neither_sql_nor_textual() -> None:
    loaded = loaded_after_import(PURE_MODULES)
    assert "cockpit" in loaded
    assert not loaded & {"sqlalchemy", "sqlmodel", "textual", "rich"}


def test_judgement_loads_neither_sql_nor_textual() -> None:
    """The assessment (and the content scanner behind it) is pure too."""
    loaded = loaded_after_import(["cockpit.domain.assessment", "cockpit.domain.scanner"])
    assert not loaded & {"sqlalchemy", "sqlmodel", "textual", "rich"}


def test_cli_help_loads_neither_sql_nor_textual() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from cockpit import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        cli.main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'sqlalchemy', 'sqlmodel'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
