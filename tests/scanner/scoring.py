"""Scoring the scanner on a labelled corpus: counts per code, the misses, and the table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cockpit.domain.scanner import CODES, scan
from cockpit.policy import Policy
from tests.scanner.corpus_loader import Labelled


@dataclass(frozen=True, slots=True)
class Score:
    """Overall precision and recall, the table per code, each code's lower figure, and the misses."""

    precision: float
    recall: float
    lines: list[str]
    worst: dict[str, float]
    """For each code with positives, the lower of its precision and recall."""
    misses: list[str]

    def under(self, floor: float) -> list[str]:
        """The codes whose precision or recall is under ``floor``."""
        return [code for code, value in self.worst.items() if value < floor]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def measure(entries: list[Labelled], policy: Policy) -> tuple[dict[str, Counter[str]], list[str]]:
    """True/false positives and negatives per code, and the misses named."""
    counts: dict[str, Counter[str]] = {code: Counter() for code in CODES}
    misses: list[str] = []
    for entry in entries:
        result = scan(entry.message, policy)
        for code in CODES:
            if code in entry.either:
                continue
            expected, fired = code in entry.must, code in result.codes
            key = {(True, True): "tp", (True, False): "fn", (False, True): "fp"}.get((expected, fired), "tn")
            counts[code][key] += 1
            if key in ("fn", "fp"):
                evidence = [f.evidence for f in result.findings if f.code == code]
                misses.append(f"{key.upper()} {code:<18} {entry.id:<12} {evidence}")
    return counts, misses


def score(entries: list[Labelled], policy: Policy) -> Score:
    """The scanner's score on ``entries``."""
    counts, misses = measure(entries, policy)
    lines = [f"{'code':<20} {'pos':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}"]
    total: Counter[str] = Counter()
    worst: dict[str, float] = {}
    for code in CODES:
        c = counts[code]
        total.update(c)
        precision, recall = _ratio(c["tp"], c["tp"] + c["fp"]), _ratio(c["tp"], c["tp"] + c["fn"])
        lines.append(
            f"{code:<20} {c['tp'] + c['fn']:>4} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} "
            f"{precision:>9.1%} {recall:>7.1%}"
        )
        if c["tp"] + c["fn"]:
            worst[code] = min(precision, recall)
    precision = _ratio(total["tp"], total["tp"] + total["fp"])
    recall = _ratio(total["tp"], total["tp"] + total["fn"])
    lines.append(f"{'overall':<20} {total['tp'] + total['fn']:>4} {total['tp']:>4} {total['fp']:>4} "
                 f"{total['fn']:>4} {precision:>9.1%} {recall:>7.1%}")  # fmt: skip
    return Score(precision, recall, lines, worst, misses)
