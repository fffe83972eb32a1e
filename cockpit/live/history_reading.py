"""Reading the history's figures: SQL counts of the stored judgements (see :mod:`cockpit.live.history`).

Runs off the UI thread (reads, and judges the few history messages no stored judgement covers).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from cockpit.domain.risk_summary import SummaryDecoder, judgement_basis
from cockpit.live.assessing import assess_ids
from cockpit.live.history import HistoryFigures
from cockpit.policy import Policy
from cockpit.store.history import history_groups
from cockpit.store.repository import Repository
from cockpit.store.rows import epoch_us

JUDGE_CHUNK = 500  # history messages judged (and their judgements stored) per transaction


def history_figures(
    repo: Repository, policy: Policy, before: datetime, batch: str | None = None
) -> HistoryFigures:
    """The figures of the messages sent before ``before`` (only ``batch``'s when given), from their
    stored judgements; those not judged by this scanner and policy are judged (and stored) first."""
    groups, missing = history_groups(repo, before, judgement_basis(policy), batch)
    figures = HistoryFigures(epoch_us(before))
    no_recall = frozenset(n for n, c in policy.channels.items() if not c.recallable)
    decode = SummaryDecoder()
    for group in groups:
        risks = decode(group.codes, group.top, 0, group.penalties)
        figures.add(group.batch, group.status, group.channel not in no_recall, risks, group.messages)
    for start in range(0, len(missing), JUDGE_CHUNK):
        part = missing[start : start + JUDGE_CHUNK]
        results = assess_ids(repo, policy, [m.id for m in part])
        judged = {message_id: summary for message_id, _version, summary in results}
        for message in part:
            recallable = message.channel not in no_recall
            figures.add(message.batch, message.status, recallable, judged.get(message.id), 1)
    return figures


def count_history(
    repo: Repository, policy: Policy, before: datetime, batch: str | None = None
) -> Callable[[], HistoryFigures]:
    """Start :func:`history_figures` in a thread (the database counts while the caller loads the
    recent part); returns what waits for its result. An in-memory database (one connection per
    thread) is counted when the result is asked for."""
    if ":memory:" in str(repo.engine.url):
        return lambda: history_figures(repo, policy, before, batch)
    workers = ThreadPoolExecutor(1, thread_name_prefix="history")
    counted = workers.submit(history_figures, repo, policy, before, batch)
    workers.shutdown(wait=False)
    return counted.result
