"""Whether a database runs on the real clock or is a drill, and the rule that keeps the log on time.

A database records at creation whether it runs on the real clock or is a drill (a demo, or made
with ``--now``). Every audit entry records the wall-clock instant it was written; on a real-clock
database the instant an entry claims must be that one, so ``--now`` there is for reading only.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select

from cockpit.clock import iso_z
from cockpit.errors import BadInput
from cockpit.store.tables import clock_mode_table

REAL, DRILL = "real", "drill"

CLOCK_TOLERANCE = timedelta(seconds=60)
"""How far an entry's instant may stray from the wall clock, and the wall clock go back from one
entry to the next, before the log is taken to be out of time: an action reads the clock before it
waits for the write lock (up to the 15 s busy timeout), concurrent writers on a server interleave,
and NTP steps a drifting clock by seconds. A minute is well inside the shortest phase (5 minutes of
``critical``), so nothing within it can move a message across a phase boundary unnoticed."""


class ClockRefused(BadInput):
    """An audited write on a real-clock database at an instant that is not now (``--now``)."""

    def __init__(self, at: datetime, wall: datetime) -> None:
        super().__init__(
            f"this database runs on the real clock: it records what happens now ({iso_z(wall)}), "
            f"not at {iso_z(at)}; --now is for reading here (a drill database, made with --now or "
            "by `cockpit demo`, accepts it); nothing was changed"
        )


def clock_mode(conn: Connection) -> str:
    """The database's clock mode: ``real`` or ``drill`` (``real`` for one created before it was
    recorded)."""
    mode = conn.execute(select(clock_mode_table.c.mode).where(clock_mode_table.c.id == 1)).scalar()
    return DRILL if mode == DRILL else REAL


def record_clock_mode(conn: Connection, drill: bool, wall: datetime) -> None:
    """Record a new database's clock mode (inside the transaction that creates it)."""
    conn.execute(insert(clock_mode_table).values(id=1, mode=DRILL if drill else REAL, created_at=wall))


def check_write_clock(mode: str, at: datetime, wall: datetime) -> None:
    """Refuse an audited write at ``at`` on a real-clock database when the wall clock says otherwise.

    Raises:
        ClockRefused: the database runs on the real clock and ``at`` is more than
            :data:`CLOCK_TOLERANCE` away from ``wall``.
    """
    if mode == REAL and abs(at - wall) > CLOCK_TOLERANCE:
        raise ClockRefused(at, wall)
