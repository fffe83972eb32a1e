"""The history counted by SQL gives the same figures as every message loaded in memory.

A report loads only the messages that can still change (open windows, this billing month) and counts
the rest with SQL aggregates of the stored judgements; on random databases (sends of a year, several
seats and zones, batches, recalls, edits, messages not judged or judged by an older scanner) its
figures equal those of the whole history loaded row by row.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from cockpit.errors import Refused
from cockpit.live.history import history_split
from cockpit.live.model import LiveModel
from cockpit.reports.summary import Report, build_report
from cockpit.services.cockpit import Cockpit
from cockpit.services.judging import judge_missing
from cockpit.services.new_send import NewSend
from cockpit.store.judgements import forget
from cockpit.store.tables import judgement_table
from tests.conftest import NOW

pytestmark = pytest.mark.all_backends

BODIES = (
    "Hi Priya,\n\nYour work on event streaming stood out. Open to a call?\n\nDana",
    "Hi [First Name], our Q4 pricing: Enterprise $40/seat (internal only, do not forward).",
    "Hi Priya, your SSN 512-44-3821 is on file for the background check.",
    "Hi Jason, buy our platform today: 20% off this week only. Reply to order.",
    "Please disregard my previous message.",
)
MINUTES_AGO = st.one_of(
    st.integers(0, 59),  # window open
    st.integers(60, 60 * 24 * 40),  # this billing month, or just before it
    st.integers(60 * 24 * 40, 60 * 24 * 400),  # the history
)
SEND = st.tuples(
    MINUTES_AGO,
    st.sampled_from(("inmail", "inmail", "message", "connection_note", "sponsored")),
    st.sampled_from((None, "sam", "dana", "kiri")),
    st.sampled_from((None, "alpha", "beta")),
    st.sampled_from(BODIES),
    st.sampled_from(("keep", "keep", "recall", "edit", "unjudged", "stale")),
)
_serial = count()


def _cockpit(repo, clock, policy) -> Cockpit:
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="dana")
    if not repo.seats():
        cockpit.actions.add_seat("sam", "sales_navigator_core", time_zone="America/New_York")
        cockpit.actions.add_seat("dana", "recruiter", time_zone="America/Chicago")
        cockpit.actions.add_seat("kiri", "premium_business", time_zone="Pacific/Auckland")
    return cockpit


def _write(cockpit: Cockpit, sends: list[tuple[int, str, str | None, str | None, str, str]]) -> None:
    new = [
        NewSend(
            recipient="Priya Raman",
            subject=f"Role {next(_serial)}",
            body=body,
            sent_at=NOW - timedelta(minutes=minutes, seconds=next(_serial) % 50),
            channel=channel,
            seat=seat,
            batch=batch,
        )
        for minutes, channel, seat, batch, body, _then in sends
    ]
    ids = cockpit.actions.add_sends(new)
    judge_missing(cockpit.repo, cockpit.policy, NOW, workers=1)
    then = {message_id: send[5] for message_id, send in zip(ids, sends, strict=True)}
    recall = [i for i, what in then.items() if what == "recall"]
    if recall:
        cockpit.actions.recall(ids=recall, reason="wrong person")
    for message_id in (i for i, what in then.items() if what == "edit"):
        message = cockpit.repo.message(message_id)
        if message is not None and message.status != "recalled":
            with suppress(Refused):  # a closed window refuses the mark: the send stays as it was
                cockpit.actions.edit(message_id, "Hi Priya, corrected.", reason="typo")
    with cockpit.repo.write("test", NOW) as tx:
        forget(tx.conn, [i for i, what in then.items() if what == "unjudged"])
        stale = [i for i, what in then.items() if what == "stale"]
        if stale:
            tx.conn.execute(
                update(judgement_table).where(judgement_table.c.message_id.in_(stale)).values(basis="older")
            )


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sends=st.lists(SEND, min_size=1, max_size=14), batch=st.sampled_from((None, "alpha")))
def test_history_by_sql_equals_everything_in_memory(repo, clock, policy, sends, batch) -> None:
    cockpit = _cockpit(repo, clock, policy)
    _write(cockpit, sends)

    split = history_split(repo.seats(), policy, NOW)
    counted = build_report(cockpit, batch=batch, now=NOW).to_json()  # judges what is not judged
    everything = Report.of(LiveModel.read(cockpit, batch=batch, now=NOW)).to_json()

    assert counted == everything
    assert split <= NOW - timedelta(hours=1)


def test_a_report_loads_only_what_can_still_change(repo, clock, policy) -> None:
    cockpit = _cockpit(repo, clock, policy)
    _write(
        cockpit, [(minutes, "inmail", "sam", "alpha", BODIES[1], "keep") for minutes in (5, 90, 60 * 24 * 60)]
    )

    model = LiveModel.read(cockpit, now=NOW, figures_only=True)

    assert len(model.table.columns) == 2  # the open window and this month's send
    assert model.table.history is not None and model.table.history.messages == 1
    assert model.total == 3
    assert Report.of(model).to_json()["messages"] == 3


def test_the_history_ends_at_the_earliest_billing_month_or_the_oldest_open_window(policy) -> None:
    from cockpit.domain.model import Seat

    early = NOW.replace(day=1, hour=0, minute=20)
    seats = [Seat(name="kiri", plan="premium_business", monthly_credits=None, time_zone="Pacific/Auckland")]
    assert history_split([], policy, NOW) == NOW - timedelta(hours=1)
    assert history_split([], policy, early) == early - timedelta(hours=1)
    # Auckland's November began on 31 October, 11:00 UTC
    assert history_split(seats, policy, NOW).isoformat() == "2026-10-31T11:00:00+00:00"
