"""Bulk recall of 1,000 messages with their 1,000 audit entries, on a copy of the bench database."""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from history import demo_inputs


def measure_bulk_recall(db: Path, now: datetime, count: int = 1_000) -> float:
    """Milliseconds of one ``Actions.recall`` of ``count`` open messages, on a copy of ``db``.

    The history has ~300 windows open at its now, so the copy first gets ``count`` sends of the
    last 30 minutes through the services (not timed); then all of them are recalled at once.
    """
    from cockpit.clock import FixedClock
    from cockpit.policy import load_policy
    from cockpit.services.actions import Actions
    from cockpit.services.new_send import NewSend
    from cockpit.store.repository import Repository

    with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
        source = sqlite3.connect(db)
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.close()
        copy = Path(tmp) / "copy.sqlite3"
        shutil.copy(db, copy)
        repo = Repository.open(copy)
        actions = Actions(repo, FixedClock(now), load_policy(), "bench")
        inputs = demo_inputs()
        rec, people = inputs["recruiter"], inputs["people"]
        rng = random.Random(11)
        sends = [
            NewSend(
                recipient=f"{rng.choice(people['first'])} {rng.choice(people['last'])}",
                subject="Bench bulk recall",
                body=f"Hi, a bench send ({index}).",
                sent_at=now - timedelta(seconds=rng.uniform(60, 1_800)),
                seat=rec["seat"],
                batch="bench-bulk-recall",
                external_id=f"bench-bulk-{index:05d}",
            )
            for index in range(count)
        ]
        ids = actions.add_sends(sends)
        start = time.perf_counter()
        outcome = actions.recall(list(ids), reason="bench")
        elapsed = time.perf_counter() - start
        repo.close()
        if len(outcome.recalled) != count:
            raise RuntimeError(f"recalled {len(outcome.recalled)} of {count}")
        return elapsed * 1000
