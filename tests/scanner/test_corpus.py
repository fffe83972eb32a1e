"""The labelled corpus: recall must be 100% and the false-positive rate at most 5% per code.

Run ``pytest -n 0 -s tests/scanner/test_corpus.py`` to see the precision/recall table.
"""

from __future__ import annotations

from collections import Counter

import pytest

from cockpit.domain.scanner import CODES, scan
from cockpit.policy import Policy, load_policy
from tests.scanner.corpus_loader import Labelled, load_corpus

MAX_FALSE_POSITIVE_RATE = 0.05
MIN_POSITIVES = 3
MIN_NEGATIVES = 3


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="module")
def corpus() -> list[Labelled]:
    return load_corpus()


def _table(counts: dict[str, Counter[str]]) -> str:
    lines = [
        f"{'code':<20} {'pos':>4} {'neg':>4} {'TP':>4} {'FP':>4} {'FN':>4} "
        f"{'precision':>9} {'recall':>7} {'FP rate':>7}"
    ]
    for code in CODES:
        c = counts[code]
        pos, neg = c["tp"] + c["fn"], c["fp"] + c["tn"]
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / pos if pos else 1.0
        fp_rate = c["fp"] / neg if neg else 0.0
        lines.append(
            f"{code:<20} {pos:>4} {neg:>4} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} "
            f"{precision:>9.1%} {recall:>7.1%} {fp_rate:>7.1%}"
        )
    return "\n".join(lines)


def test_corpus_is_large_and_covers_every_code(corpus: list[Labelled]) -> None:
    assert len(corpus) >= 150
    ids = [entry.id for entry in corpus]
    assert len(ids) == len(set(ids)), "duplicate corpus ids"
    languages = {entry.id.split("-")[0] for entry in corpus}
    assert {"es", "fr", "de", "pt"} <= languages
    for code in CODES:
        positives = sum(code in entry.must for entry in corpus)
        negatives = sum(code in entry.must_not() for entry in corpus)
        assert positives >= MIN_POSITIVES, f"{code}: only {positives} positive examples"
        assert negatives >= MIN_NEGATIVES, f"{code}: only {negatives} negative examples"


def test_corpus_precision_and_recall(corpus: list[Labelled], policy: Policy) -> None:
    counts: dict[str, Counter[str]] = {code: Counter() for code in CODES}
    misses: list[str] = []
    for entry in corpus:
        result = scan(entry.message, policy)
        found = result.codes
        for code in CODES:
            if code in entry.either:
                continue
            expected = code in entry.must
            fired = code in found
            key = {(True, True): "tp", (True, False): "fn", (False, True): "fp"}.get((expected, fired), "tn")
            counts[code][key] += 1
            if key in ("fn", "fp"):
                evidence = [f.evidence for f in result.findings if f.code == code]
                misses.append(f"{key.upper()} {code:<18} {entry.id:<12} {evidence}")
        if entry.expect_commercial is not None and result.commercial != entry.expect_commercial:
            misses.append(
                f"COMMERCIAL {entry.id}: expected {entry.expect_commercial}, got "
                f"{result.commercial} {result.commercial_reasons}"
            )
    table = _table(counts)
    print(f"\nScanner corpus: {len(corpus)} messages\n{table}")
    if misses:
        print("\n".join(misses))

    failures = []
    for code in CODES:
        c = counts[code]
        negatives = c["fp"] + c["tn"]
        if c["fn"]:
            failures.append(f"{code}: recall below 100% ({c['fn']} missed)")
        if negatives and c["fp"] / negatives > MAX_FALSE_POSITIVE_RATE:
            failures.append(f"{code}: false-positive rate {c['fp'] / negatives:.1%} > 5%")
    commercial_misses = [m for m in misses if m.startswith("COMMERCIAL")]
    assert not failures, "\n".join(failures + misses)
    assert not commercial_misses, "\n".join(commercial_misses)
