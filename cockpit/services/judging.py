"""Judging message content once per version and storing what the views need of it.

Single changes (a send logged, an edit, a reviewer's decision, a correction) are judged inside
their own write transaction. Bulk writes (an import, many sends at once) leave their messages to be
judged right after, in batches: by the screen's background judge, by ``cockpit judge``, or by a
command that needs them. A judgement is derived data and writes no audit entry.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy.exc import OperationalError

from cockpit.domain.assessment import Assessment, assess
from cockpit.domain.commercial import CommercialDefaults
from cockpit.domain.judgement import summarize
from cockpit.domain.model import Message, Seat
from cockpit.domain.review import RiskDecision
from cockpit.domain.risk_summary import encode_codes, encode_penalties, judgement_basis
from cockpit.domain.templates import message_group_key
from cockpit.errors import DatabaseBusy
from cockpit.policy import Policy
from cockpit.store.judgements import StoredJudgement
from cockpit.store.repository import Repository, WriteTx

JUDGE_ACTOR = "cockpit"
"""Who a judging transaction is written as (it writes no audit entry)."""


def to_stored(message: Message, assessment: Assessment, basis: str) -> StoredJudgement:
    """What is stored of one message's assessment."""
    summary = summarize(assessment)
    return StoredJudgement(
        message.id,
        message.version,
        basis,
        encode_codes(summary),
        summary.top,
        summary.exposure_usd,
        encode_penalties(summary),
        message_group_key(
            message.batch, message.subject, message.body, message.recipient, message.recipient_profile_url
        ),
    )


def judge(
    messages: Sequence[Message],
    policy: Policy,
    seats: Sequence[Seat],
    batches: dict[str, bool | None],
    decisions: dict[int, tuple[RiskDecision, ...]],
) -> list[Assessment]:
    """The assessment of each message, with its seat's zone and its seat's or batch's default."""
    zones = {s.name: s.time_zone for s in seats}
    defaults = CommercialDefaults({s.name: s for s in seats}, batches)
    return [
        assess(
            m,
            policy,
            zones.get(m.seat or ""),
            decisions.get(m.id, ()),
            defaults.for_send(m.seat, m.batch, policy),
        )
        for m in messages
    ]


def judge_in(tx: WriteTx, policy: Policy, message_ids: Sequence[int]) -> None:
    """Judge these messages as written in ``tx`` and store the judgements in it."""
    messages = tx.messages_by_id(message_ids)
    if not messages:
        return
    seats = [s for s in (tx.seat(name) for name in {m.seat for m in messages if m.seat}) if s is not None]
    assessments = judge(messages, policy, seats, tx.batch_settings(), tx.risk_decisions(message_ids))
    basis = judgement_basis(policy)
    tx.store_judgements([to_stored(m, a, basis) for m, a in zip(messages, assessments, strict=True)])


def judge_and_store(
    repo: Repository,
    policy: Policy,
    message_ids: Sequence[int],
    now: datetime | None = None,
    wait: bool = False,
    tries: int = 1,
) -> list[tuple[Message, Assessment]]:
    """Judge these messages as they are in the database and store the judgements (of those still
    unchanged when storing); returns each message with its assessment.

    Storing gives way to any other writer unless ``wait``: a database that cannot be written now
    (read-only, busy with a writer, or busy past the timeout with ``wait``) keeps them unstored, and
    they are judged again next time. A reader never fails or waits for a writer because of this.
    ``tries``: how many times to try storing when another writer is busy (a short pause between),
    for workers that give way to each other.
    """
    messages = repo.messages(ids=list(message_ids))
    if not messages:
        return []
    assessments = judge(
        messages, policy, repo.seats(), repo.batch_settings(), repo.risk_decisions([m.id for m in messages])
    )
    basis = judgement_basis(policy)
    judgements = [to_stored(m, a, basis) for m, a in zip(messages, assessments, strict=True)]
    for attempt in range(max(tries, 1)):
        try:
            with repo.write(JUDGE_ACTOR, now or datetime.now(UTC), wait=wait) as tx:
                tx.store_judgements(judgements)
            break
        except DatabaseBusy:
            if attempt + 1 < tries:
                time.sleep(0.02 * 2**attempt + random.random() * 0.02)
        except OperationalError:
            break
    return list(zip(messages, assessments, strict=True))


JUDGE_IN_WORKERS_FROM = 2_000
"""Messages to judge from which worker processes pay for their start (about a second)."""


def missing_judgements(repo: Repository, policy: Policy) -> int:
    """How many messages have no judgement made by this scanner and policy."""
    with repo.read() as r:
        return repo.message_count() - r.count_judged(judgement_basis(policy))


_worker: dict[str, object] = {}
WORKER_TRIES = 8  # a worker's store waits out its siblings' (a few milliseconds each): about 5 s at most


def _worker_start(target: str, policy: Policy, wait: bool, parent: int) -> None:
    from cockpit.orphans import exit_with_parent
    from cockpit.store.repository import Repository as Repo

    exit_with_parent(parent)
    _worker["repo"] = Repo.open(target)
    _worker["policy"] = policy
    _worker["wait"] = wait


def _worker_judge(ids: Sequence[int]) -> int:
    repo, policy = _worker["repo"], _worker["policy"]
    assert isinstance(repo, Repository) and isinstance(policy, Policy)
    return len(judge_and_store(repo, policy, ids, wait=bool(_worker["wait"]), tries=WORKER_TRIES))


def judge_missing(
    repo: Repository,
    policy: Policy,
    now: datetime | None = None,
    batch: int = 500,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    wait: bool = False,
) -> int:
    """Judge every message with no current judgement, ``batch`` at a time (each batch its own
    transaction), in ``workers`` processes (default: up to 4 when there are many; one: here);
    ``progress(done, total)`` after each batch. Returns how many were judged. Storing waits for
    other writers only with ``wait`` (see :func:`judge_and_store`)."""
    basis = judgement_basis(policy)
    total = missing_judgements(repo, policy)
    if workers is None:
        workers = min(4, os.cpu_count() or 1) if total >= JUDGE_IN_WORKERS_FROM else 1
    after = 0

    def next_ids() -> list[int]:
        nonlocal after
        with repo.read() as r:
            ids = r.unjudged_ids(basis, after, batch)
        if ids:
            after = ids[-1]
        return ids

    done = 0
    target = repo.engine.url.render_as_string(hide_password=False)
    if workers <= 1 or ":memory:" in target:
        while ids := next_ids():
            judge_and_store(repo, policy, ids, now, wait)
            done += len(ids)
            if progress is not None:
                progress(done, max(total, done))
        return done
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
    from concurrent.futures import wait as first_done

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_worker_start,
        initargs=(target, policy, wait, os.getpid()),
    ) as pool:
        pending: set[Future[int]] = set()
        while True:
            while len(pending) < workers * 2 and (ids := next_ids()):
                pending.add(pool.submit(_worker_judge, ids))
            if not pending:
                return done
            finished, pending = first_done(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                done += future.result()
                if progress is not None:
                    progress(done, max(total, done))
