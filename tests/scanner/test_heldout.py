"""The scanner on a held-out corpus of public text it was not tuned on (``tests/scanner/heldout``).

The corpus was labelled from DESIGN's definitions before the scanner ran on it. Each message falls in
the tuning half or the test half by a hash of its id; the test half is frozen (its hash is committed in
``heldout/FROZEN.sha256``) and the figures below are measured on it alone. Run
``pytest -s tests/scanner/test_heldout.py`` to see the table.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cockpit.policy import Policy, load_policy
from tests.scanner.corpus_loader import Labelled, load_corpus, load_raw
from tests.scanner.scoring import score

HELDOUT = Path(__file__).parent / "heldout"
FROZEN = HELDOUT / "FROZEN.sha256"
GOAL_PRECISION, GOAL_RECALL, GOAL_PER_CODE = 0.97, 0.95, 0.90  # overall, and for every code
# What the scanner holds now on the frozen half (a floor that only moves up; the goal is above)
MIN_PRECISION = 0.93  # was 0.95: the pitch-shape rule traded 1.2 points of precision for 4.7 of recall
MIN_RECALL = 0.84
MIN_PER_CODE = 0.0


def in_test_half(message_id: str) -> bool:
    """Whether a message belongs to the frozen test half (half of the ids, by their hash)."""
    return int(hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:8], 16) % 2 == 1


def frozen_digest() -> str:
    """The hash of the test half as written (sorted by id, canonical JSON)."""
    raw = [entry for _name, entry in load_raw(HELDOUT) if in_test_half(str(entry["id"]))]
    ordered = sorted(raw, key=lambda entry: str(entry["id"]))
    text = json.dumps(ordered, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="module")
def test_half() -> list[Labelled]:
    return [entry for entry in load_corpus(HELDOUT) if in_test_half(entry.id)]


def test_the_test_half_is_frozen() -> None:
    assert FROZEN.read_text(encoding="utf-8").split()[0] == frozen_digest(), (
        "the frozen test half of the held-out corpus was changed"
    )


def test_precision_and_recall_on_the_frozen_half(test_half: list[Labelled], policy: Policy) -> None:
    found = score(test_half, policy)
    goal = (
        found.precision >= GOAL_PRECISION and found.recall >= GOAL_RECALL and not found.under(GOAL_PER_CODE)
    )
    print(f"\nHeld-out test half: {len(test_half)} messages (goal {'met' if goal else 'not met'})")
    print("\n".join(found.lines))
    # the misses of the frozen half are never shown: reading them would be tuning on it
    held = found.precision >= MIN_PRECISION and found.recall >= MIN_RECALL and not found.under(MIN_PER_CODE)
    assert held, "\n".join(found.lines)
