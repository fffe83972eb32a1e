"""Maximum statutory exposure: per message, and for a set of messages (per-incident caps once).

Sending is the violation, so a recall never reduces these figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cockpit.policy import Policy


@dataclass(frozen=True, slots=True)
class ExposureLine:
    """One penalty's share of a total."""

    penalty: str
    label: str
    statute: str
    unit: str
    amount_usd: int
    messages: int
    total_usd: int


def message_exposure(penalties: Iterable[str], policy: Policy) -> int:
    """The maximum exposure of one message: each applicable penalty once."""
    return sum(policy.penalties[name].amount_usd for name in set(penalties))


def total_exposure(per_message: Iterable[Iterable[str]], policy: Policy) -> tuple[int, list[ExposureLine]]:
    """The maximum exposure of many messages, given the penalties each one incurs.

    ``per_message`` penalties multiply by the number of messages; ``per_incident`` ones count once.
    """
    counts: Counter[str] = Counter()
    for penalties in per_message:
        counts.update(set(penalties))
    return exposure_from_counts(counts, policy)


def exposure_from_counts(counts: Mapping[str, int], policy: Policy) -> tuple[int, list[ExposureLine]]:
    """The maximum exposure given how many messages incur each penalty."""
    lines: list[ExposureLine] = []
    for name, count in sorted(counts.items()):
        if count <= 0:
            continue
        penalty = policy.penalties[name]
        total = penalty.amount_usd * (count if penalty.unit == "per_message" else 1)
        lines.append(
            ExposureLine(name, penalty.label, penalty.statute, penalty.unit, penalty.amount_usd, count, total)
        )
    return sum(line.total_usd for line in lines), lines
