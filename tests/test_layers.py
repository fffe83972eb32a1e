"""The layers of DESIGN section 3: the core never loads Textual, the pure rules never load SQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import grimp

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


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_no_import_cycles() -> None:
    """No module reaches itself through imports, counting imports inside functions and under
    ``TYPE_CHECKING`` (grimp sees both)."""
    graph = grimp.build_graph("cockpit")
    assert import_cycles(graph) == []


def test_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "a.one", "a.two", "a.three", "a.four"):
        graph.add_module(name)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.three")
    graph.add_import(importer="a.three", imported="a.one")
    graph.add_import(importer="a.four", imported="a.one")
    assert import_cycles(graph) == [["a.one", "a.three", "a.two"]]
