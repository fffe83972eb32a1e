"""The content scanner: pure rules that flag the compliance risks of a sent message.

Usage::

    result = scan(ScanInput(...), load_policy())
    for finding in result.findings: ...

The rules (``scan``) load on first use: the values (``CODES``, ``ScanInput``...) cost nothing to import,
so a screen can draw its first rows before any rule is compiled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cockpit.domain.scanner.values import CODES, Finding, ScanInput, ScanResult

if TYPE_CHECKING:
    from cockpit.domain.scanner.engine import scan

__all__ = ["CODES", "Finding", "ScanInput", "ScanResult", "scan"]


def __getattr__(name: str) -> Any:
    if name == "scan":
        from cockpit.domain.scanner.engine import scan

        return scan
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
