"""Keyset pages of the history in the newest-first order: pages read one after another, or from a
key found at any position, give every history message once, in order, ties in send time by id."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cockpit.services.new_send import NewSend
from cockpit.store.rows import INDEX, epoch_us, history_key_at, history_page
from tests.conftest import NOW

pytestmark = pytest.mark.all_backends

SPLIT = NOW - timedelta(days=2)


@pytest.fixture
def history(actions) -> list[tuple[int, int]]:
    """``(sent_at, id)`` of the history's messages, newest first (three share each send time)."""
    sends = [
        NewSend(
            recipient=f"Person {n}",
            subject="Role",
            body="Hi, open to a call?",
            sent_at=NOW - timedelta(days=1 + n // 3 if n < 6 else 3 + n // 3),
        )
        for n in range(30)
    ]
    ids = actions.add_sends(sends)
    rows = [(epoch_us(s.sent_at), i) for i, s in zip(ids, sends, strict=True) if s.sent_at < SPLIT]
    return sorted(rows, reverse=True)


def _keys(records) -> list[tuple[int, int]]:
    return [(r[INDEX["sent_at"]], r[INDEX["id"]]) for r in records]


def test_pages_one_after_another_give_the_history_in_order(repo, history) -> None:
    found: list[tuple[int, int]] = []
    after = None
    while page := history_page(repo, SPLIT, after, 7):
        found += _keys(page)
        after = found[-1]
    assert found == history
    assert len(history) == 24  # the six newest sends are not history


def test_a_jump_starts_its_pages_from_the_key_at_a_position(repo, history) -> None:
    for position in range(1, len(history)):
        key = history_key_at(repo, SPLIT, position - 1)
        assert key == history[position - 1]
        assert _keys(history_page(repo, SPLIT, key, 5)) == history[position : position + 5]
    assert history_key_at(repo, SPLIT, len(history)) is None
