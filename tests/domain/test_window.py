from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.domain.model import Phase
from cockpit.domain.window import window_state
from tests.conftest import NOW


@pytest.mark.parametrize(
    ("minutes_ago", "seconds_left", "phase"),
    [
        (0, 3600, Phase.OPEN),
        (44, 960, Phase.OPEN),
        (45, 900, Phase.URGENT),
        (55, 300, Phase.URGENT),
        (55.5, 270, Phase.CRITICAL),
        (59.99, 1, Phase.CRITICAL),
        (60, 0, Phase.CLOSED),
        (61, 0, Phase.CLOSED),
        (60 * 24 * 30, 0, Phase.CLOSED),
    ],
)
def test_phases_follow_the_policy_thresholds(policy, minutes_ago, seconds_left, phase):
    state = window_state(NOW - timedelta(minutes=minutes_ago), NOW, policy.window)
    assert state.seconds_left == seconds_left
    assert state.phase == phase
    assert state.deadline == NOW - timedelta(minutes=minutes_ago) + timedelta(minutes=60)


def test_a_send_in_the_future_is_flagged_never_negative_or_longer_than_the_window(policy):
    state = window_state(NOW + timedelta(minutes=7), NOW, policy.window)
    assert state.sent_in_future
    assert state.seconds_left == 3600
    assert state.phase == Phase.OPEN


@given(st.floats(min_value=-600, max_value=10_000, allow_nan=False))
def test_seconds_left_is_always_within_the_window(minutes_ago):
    from cockpit.policy import load_policy

    policy = load_policy()
    state = window_state(NOW - timedelta(minutes=minutes_ago), NOW, policy.window)
    assert 0 <= state.seconds_left <= 3600
    assert (state.phase == Phase.CLOSED) == (state.seconds_left == 0)
