"""Child processes that end with their parent.

The cockpit starts helper processes (the live table's scan, the judging workers, the chain check of
``audit verify``). When the parent is killed outright (``kill -9``, a closed terminal) nothing tells
them, and a helper holding the database open would live on. Each helper calls :func:`exit_with_parent`
first: a daemon thread notices that the process has been handed to another parent and ends it at once.
Polling the parent's id works on every POSIX system and, unlike Linux's ``PR_SET_PDEATHSIG``, does
not fire when merely the thread that started the child ends.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_SECONDS = 0.5


def _watch(parent: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent:
            os._exit(0)  # the parent is gone: an open transaction rolls back with the connection


def exit_with_parent(parent: int | None = None, interval: float = CHECK_SECONDS) -> None:
    """End this process within ``interval`` seconds of its parent's end (no-op on Windows).

    ``parent``: the process id the parent had when it started this one; if this process already has
    another parent, the parent ended before this was called and this process ends now.
    """
    if os.name != "posix":
        return
    if parent is None:
        parent = os.getppid()
    elif os.getppid() != parent:
        os._exit(0)
        return  # only where ``_exit`` is replaced (a test)
    threading.Thread(target=_watch, args=(parent, interval), name="exit-with-parent", daemon=True).start()
