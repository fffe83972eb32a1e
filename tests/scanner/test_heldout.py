"""The scanner on the held-out corpus of public text (``tests/scanner/heldout``), now tuning material.

The corpus was labelled from DESIGN's definitions before the scanner ran on it. It used to keep a
frozen half for judging; both halves are now studied to find and fix causes of misses, and the
judge is the separate frozen corpus in ``tests/scanner/frozen``. Run
``pytest -n 0 -s tests/scanner/test_heldout.py`` to see the table per code and the misses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.policy import Policy, load_policy
from tests.scanner.corpus_loader import Labelled, load_corpus
from tests.scanner.scoring import score

HELDOUT = Path(__file__).parent / "heldout"
MIN_MESSAGES = 400
GOAL_PRECISION, GOAL_RECALL, GOAL_PER_CODE = 0.97, 0.95, 0.90  # overall, and for every code
# What the scanner holds now on the whole corpus (a floor that only moves up; the goal is above)
MIN_PRECISION = 0.99
MIN_RECALL = 0.98
MIN_PER_CODE = 0.95


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="module")
def corpus() -> list[Labelled]:
    return load_corpus(HELDOUT)


def test_the_heldout_corpus_is_large_and_ids_are_unique(corpus: list[Labelled]) -> None:
    ids = [entry.id for entry in corpus]
    assert len(ids) >= MIN_MESSAGES
    assert len(set(ids)) == len(ids)


def test_precision_and_recall_on_the_heldout_corpus(corpus: list[Labelled], policy: Policy) -> None:
    found = score(corpus, policy)
    goal = (
        found.precision >= GOAL_PRECISION and found.recall >= GOAL_RECALL and not found.under(GOAL_PER_CODE)
    )
    print(f"\nHeld-out corpus: {len(corpus)} messages (goal {'met' if goal else 'not met'})")
    print("\n".join(found.lines + found.misses))
    held = found.precision >= MIN_PRECISION and found.recall >= MIN_RECALL and not found.under(MIN_PER_CODE)
    assert held, "\n".join(found.lines + found.misses)
