"""The content scanner: pure rules that flag the compliance risks of a sent message.

Usage::

    result = scan(ScanInput(...), load_policy())
    for finding in result.findings: ...
"""

from cockpit.domain.scanner.engine import scan
from cockpit.domain.scanner.values import CODES, Finding, ScanInput, ScanResult

__all__ = ["CODES", "Finding", "ScanInput", "ScanResult", "scan"]
