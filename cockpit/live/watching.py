"""Following other cockpits' writes: a store watch kept open, reopened with backoff when lost.

:func:`follow_changes` is the body of one long-lived thread. It says what happens through one
callback (``"connected"``, ``"changed"``, ``"lost"``), which returns ``False`` when whoever listens
has gone; it knows nothing of models or screens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from cockpit.store.watch import ChangeWatch, WatchLost

Event = Literal["connected", "changed", "lost"]
BACKOFF = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)
"""Seconds to wait before each new attempt after a lost connection (the last one repeats)."""
STEP = 0.25
"""The longest a wait lasts before the thread checks whether it should stop."""


def follow_changes(
    open_watch: Callable[[], ChangeWatch],
    tell: Callable[[Event], bool],
    stopping: Callable[[], bool],
    backoff: tuple[float, ...] = BACKOFF,
) -> None:
    """Watch the database until ``stopping()`` is true or ``tell`` returns ``False``.

    ``tell("connected")`` follows every successful (re)connection: the listener catches up then;
    ``tell("changed")`` follows every commit seen (a burst of them is told once); ``tell("lost")``
    follows a failure to connect or a lost connection, after which it tries again, waiting longer
    each time.
    """
    failures = 0
    while not stopping():
        try:
            watch = open_watch()
        except WatchLost:
            if not tell("lost") or not _pause(backoff[min(failures, len(backoff) - 1)], stopping):
                return
            failures += 1
            continue
        try:
            if not tell("connected"):
                return
            failures = 0
            while not stopping():
                if watch.wait(STEP) and not tell("changed"):
                    return
        except WatchLost:
            if not tell("lost") or not _pause(backoff[0], stopping):
                return
            failures = 1
        finally:
            watch.close()


def _pause(seconds: float, stopping: Callable[[], bool]) -> bool:
    """Sleep ``seconds`` in short steps; whether to go on (not stopping)."""
    end = time.monotonic() + seconds
    while not stopping():
        left = end - time.monotonic()
        if left <= 0:
            return True
        time.sleep(min(STEP, left))
    return False
