"""``audit verify``'s check of time: the wall clock never goes back from one entry to the next, and on a
real-clock database every entry claims the instant it was written.

Entries written before wall-clock instants were recorded carry none; they are counted, and accepted
as such, but once an entry records one every later entry must.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from cockpit.clock import iso_z
from cockpit.store.chain_check import AuditRow, Instant, UnreadableTime, wall_text
from cockpit.store.clock_mode import CLOCK_TOLERANCE, DRILL
from cockpit.store.instant_text import decode_instant

_TOLERANCE_S = CLOCK_TOLERANCE.total_seconds()


class ClockCheck:
    """Entries checked for time one at a time, oldest first; ``problem`` is the first found."""

    def __init__(self, mode: str) -> None:
        self.drill = mode == DRILL
        self.unrecorded = 0  # entries written before wall-clock instants were recorded
        self.problem: tuple[int, str] | None = None
        self._latest: str | None = None  # the latest wall-clock instant so far, as stored text
        self._latest_seq = 0
        self._last: tuple[str, str] = ("", "")  # the entry before: its wall-clock and claimed instants
        self._decoded = lru_cache(maxsize=8)(self._decode)  # the entries of a transaction share it

    @staticmethod
    def _decode(text: str) -> datetime | None:
        try:
            return decode_instant(text)
        except ValueError:
            return None

    def check(self, row: AuditRow, at: Instant) -> None:
        """Check the next entry (``at``: its claimed instant); records the first problem."""
        wall = row[13]
        if wall is not None and wall == self._last[0] and at[1] == self._last[1]:
            return  # written in the same transaction as the entry before (checked then)
        wall = wall_text(wall)
        if wall is None:
            if self._latest is None:
                self.unrecorded += 1
            elif self.problem is None:
                self.problem = (
                    row[0],
                    f"entry {row[0]} has no wall-clock instant, although entries before it do",
                )
            return
        if self.problem is not None:
            return
        wall_at = self._decoded(wall)
        if wall_at is None:
            raise UnreadableTime(wall, seq=row[0])
        latest = self._latest
        if latest is None or wall >= latest:
            self._latest, self._latest_seq = wall, row[0]
        else:
            before = self._decoded(latest)
            assert before is not None
            if (before - wall_at).total_seconds() > _TOLERANCE_S:
                self.problem = (
                    row[0],
                    f"entry {row[0]} was written at {iso_z(wall_at)}, before entry {self._latest_seq} "
                    f"({iso_z(before)}): the clock went back (a changed clock, or a copied log)",
                )
                return
        self._last = (wall, at[1])
        if not self.drill and abs((at[0] - wall_at).total_seconds()) > _TOLERANCE_S:
            self.problem = (
                row[0],
                f"entry {row[0]} claims {iso_z(at[0])} but was written at {iso_z(wall_at)} "
                "(backdated or forward-dated on a real-clock database)",
            )

    def notes(self) -> list[str]:
        """What a reader of the result should know about time."""
        found: list[str] = []
        if self.drill:
            found.append(
                "this is a DRILL database (a demo, or made with --now): its entries' times are "
                "simulated; each records the wall-clock instant it was written beside it"
            )
        if self.unrecorded:
            found.append(
                f"{self.unrecorded} entries were written before wall-clock recording (their times "
                "cannot be checked against the clock)"
            )
        return found
