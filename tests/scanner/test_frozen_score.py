"""The scanner judged on the frozen corpus (``tests/scanner/frozen``): public text labelled blind,
never studied while the rules were written. Run ``pytest -n 0 -s tests/scanner/test_frozen_score.py`` to
see the table per code; which messages it misses is never shown (reading them would be tuning on it).
"""

from __future__ import annotations

from pathlib import Path

from cockpit.policy import load_policy
from tests.scanner.corpus_loader import load_corpus
from tests.scanner.scoring import score

FROZEN = Path(__file__).parent / "frozen"
GOAL_PRECISION, GOAL_RECALL, GOAL_PER_CODE = 0.97, 0.95, 0.90  # overall, and for every code
# What the scanner holds on it now (a floor that only moves up; the goal is above)
MIN_PRECISION = 0.91
MIN_RECALL = 0.73


def test_precision_and_recall_on_the_frozen_corpus() -> None:
    corpus = load_corpus(FROZEN)
    found = score(corpus, load_policy())
    goal = (
        found.precision >= GOAL_PRECISION and found.recall >= GOAL_RECALL and not found.under(GOAL_PER_CODE)
    )
    print(f"\nFrozen corpus: {len(corpus)} messages (goal {'met' if goal else 'not met'})")
    print("\n".join(found.lines))
    assert found.precision >= MIN_PRECISION and found.recall >= MIN_RECALL, "\n".join(found.lines)
