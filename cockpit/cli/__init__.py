"""The ``cockpit`` command line (DESIGN section 4): parsing, typed handlers and their output.

Exit codes: 0 done; 1 bad input; 2 usage; 3 refused by a rule; 4 conflict. Heavy libraries are
imported inside the handlers that need them, so ``--help`` and simple reads start quickly.
"""

from cockpit.cli.entry import main

__all__ = ["main"]
