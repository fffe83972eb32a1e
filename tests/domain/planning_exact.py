"""An exact method for the triage plan that shares no code with it, to check it on larger cases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cockpit.domain.planning import Job, slots_before


def best_weight_by_deadline(jobs: Sequence[Job], now: datetime, pace: float) -> int:
    """The heaviest weight that can be saved: jobs in deadline order, ``best[k]`` the heaviest set of
    ``k`` jobs that all finish in time (a job fits as the ``k``-th when ``k`` recalls fit before its
    deadline). O(n^2)."""
    best = [0] + [-1] * len(jobs)
    for job in sorted(jobs, key=lambda j: j.deadline):
        limit = slots_before(job.deadline, now, pace)
        for k in range(min(limit, len(jobs)), 0, -1):
            if best[k - 1] >= 0:
                best[k] = max(best[k], best[k - 1] + job.weight)
    return max(best)
