"""The in-memory table agrees with the domain: filters, phases, credits, exposure; and it scales."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.clock import FixedClock
from cockpit.domain.credits import seat_ledger
from cockpit.domain.exposure import total_exposure
from cockpit.domain.filtering import Facts, Filter, matches, parse_filter
from cockpit.domain.window import window_state
from cockpit.live import loading
from cockpit.live.assessing import Assessor
from cockpit.live.columns import PHASE_NAMES, epoch_us
from cockpit.live.phases import seconds_left
from cockpit.live.table import LiveTable
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from tests.conftest import NOW

EXPRESSIONS = [
    "phase:urgent", "phase:critical,urgent", "status:recalled", "-status:sent", "risk:placeholder",
    "risk:any", "risk:none", "-risk:confidential", "risk:ssn,biometric", "batch:q4-pricing-blast",
    "seat:dana.whitfield", "state:tx", "-state:ny,ca", "channel:sponsored", "flag:commented",
    "flag:escalated", "-flag:escalated", "jason", "freight -batch:q4-pricing-blast", "priya", "ORBITAL",
    "pallet phase:open", '"price list" seat:sam.ortiz', "batch:q4", "batch:Q4-PRICING", "-batch:q4",
    "batch:holiday,q4-p", "batch:q5",
]  # fmt: skip


def _loaded(cockpit: Cockpit) -> LiveTable:
    live = LiveTable(cockpit.policy)
    now = cockpit.clock.now()
    live.swap(loading.load_first(cockpit.repo, cockpit.policy, now, 50, "triage", None))
    live.swap(loading.load_index(cockpit.repo, cockpit.policy, now, "triage", None))
    for derived in loading.iter_details(cockpit.repo, live.columns):
        live.apply_details(derived)
    assessor = Assessor(cockpit.repo, cockpit.policy, in_process=False)
    while batch := live.queue.next_batch([], live.tracker.active, 100):
        live.apply_risks(assessor.submit(batch).result(), batch)  # type: ignore[arg-type]
    return live


@pytest.fixture
def demo_live(demo: Cockpit) -> LiveTable:
    demo.actions.comment(3, "look")
    demo.actions.escalate(5, "counsel")
    return _loaded(demo)


def _domain_select(cockpit: Cockpit, flt: Filter) -> list[int]:
    """The ids the filter language's reference semantics selects (cockpit.domain.filtering.matches)."""
    notes = cockpit.repo.annotations()
    chosen: list[int] = []
    for item in cockpit.assessed(cockpit.repo.messages()):
        note = notes.get(item.message.id)
        flags = (
            ()
            if note is None
            else tuple(name for name, on in (("commented", note[0] > 0), ("escalated", note[1])) if on)
        )
        facts = Facts(item.message, item.window.phase.value, item.assessment.codes, flags)
        if matches(flt, facts):
            chosen.append(item.message.id)
    return sorted(chosen)


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_filter_matches_the_domain(demo: Cockpit, demo_live: LiveTable, expression: str) -> None:
    flt = parse_filter(expression)
    demo_live.set_filter(flt)
    mine = sorted(demo_live.columns.ids[row] for row in demo_live.view.rows)
    assert mine == _domain_select(demo, flt)


def test_credits_and_exposure_match_the_domain(demo: Cockpit, demo_live: LiveTable) -> None:
    messages = demo.repo.messages()
    summary = demo_live.summary(NOW)
    for credits in summary.credits:
        seat = demo.repo.seat(credits.seat)
        assert seat is not None
        assert credits.remaining == seat_ledger(seat, messages, demo.policy, NOW).remaining
    items = demo.assessed(messages)
    assert summary.exposure_usd == total_exposure([i.assessment.penalties for i in items], demo.policy)[0]


def test_phases_follow_the_clock_without_scanning(
    demo: Cockpit, demo_live: LiveTable, clock: FixedClock
) -> None:
    messages = demo.repo.messages()
    columns = demo_live.columns
    for seconds in (0, 100, 700, 1500, 3000, 3700):
        now = NOW + timedelta(seconds=seconds)
        demo_live.tick(now)
        for item in demo.assessed(messages, now):
            row = columns.row_of(item.message.id)
            assert row is not None
            assert PHASE_NAMES[columns.phase[row]] == item.window.phase.value


def test_phases_follow_a_clock_that_goes_back(demo: Cockpit, demo_live: LiveTable) -> None:
    """A wall clock set back (or corrected) reopens windows it had closed: the rows, the summary's
    counts and a ``phase:`` filter agree with the domain at every instant, both ways."""
    messages = demo.repo.messages()
    columns = demo_live.columns
    demo_live.set_filter(parse_filter("phase:open,urgent"))
    for seconds in (3700, 0, 1500, -600, 3000, 100, 7200, -1800):
        now = NOW + timedelta(seconds=seconds)
        demo_live.tick(now)
        items = demo.assessed(messages, now)
        for item in items:
            row = columns.row_of(item.message.id)
            assert row is not None
            assert PHASE_NAMES[columns.phase[row]] == item.window.phase.value, seconds
        in_inbox = Counter(i.window.phase.value for i in items if i.message.status in ("sent", "edited"))
        by_phase = demo_live.summary(now).by_phase
        assert {k: v for k, v in by_phase.items() if v} == dict(in_inbox), seconds
        shown = sorted(columns.ids[row] for row in demo_live.view.rows)
        assert shown == sorted(i.message.id for i in items if i.window.phase.value in ("open", "urgent"))
    assert in_inbox["open"] > 0  # the last jump back reopened windows


def test_sorts_order_every_row(demo_live: LiveTable) -> None:
    columns = demo_live.columns
    for mode in ("newest", "risk", "exposure", "recipient", "triage"):
        demo_live.set_sort(mode)
        assert sorted(demo_live.view.rows) == list(range(len(columns)))
    sent = [columns.sent_us[row] for row in demo_live.view.rows]
    open_rows = [row for row in demo_live.view.rows if columns.phase[row] != 3 and columns.is_live(row)]
    groups = [0 if columns.risks[r].top >= 4 else (1 if columns.risks[r].top == 3 else 2) for r in open_rows]
    assert groups == sorted(groups)
    assert sent  # ordered


@given(
    sent=st.integers(min_value=-4000, max_value=200),
    fraction=st.integers(min_value=0, max_value=999_999),
)
def test_seconds_left_agrees_with_window_state(sent: int, fraction: int, policy: Policy) -> None:
    sent_at = NOW + timedelta(seconds=sent, microseconds=fraction)
    state = window_state(sent_at, NOW, policy.window)
    assert seconds_left(epoch_us(sent_at), epoch_us(NOW), policy.window) == state.seconds_left


def test_view_updates_in_place_match_a_full_resort(demo: Cockpit, demo_live: LiveTable) -> None:
    demo_live.set_sort("triage")
    demo_live.set_filter(parse_filter("phase:open,urgent"))
    for seconds in range(0, 3600, 120):
        demo_live.tick(NOW + timedelta(seconds=seconds))
        kept = list(demo_live.view.rows)
        demo_live.view.resort()
        assert kept == demo_live.view.rows


def test_credit_and_leaks_per_message_match_the_domain(demo: Cockpit, demo_live: LiveTable) -> None:
    columns = demo_live.columns
    for item in demo.assessed(demo.repo.messages()):
        row = columns.row_of(item.message.id)
        assert row is not None
        assert columns.credit[row] == item.assessment.credit.state.value
        assert columns.leaks[row] == tuple(leak.code for leak in item.assessment.leaks)
