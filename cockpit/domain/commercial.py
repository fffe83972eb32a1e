"""Where a message's commercial default comes from when the send does not say: batch, then seat."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cockpit.domain.model import Seat
from cockpit.policy import Policy


@dataclass(frozen=True, slots=True)
class CommercialDefault:
    """A default for sends that do not say whether they are commercial, and where it was set."""

    commercial: bool
    source: str  # "batch" or "seat"


@dataclass(frozen=True, slots=True)
class CommercialDefaults:
    """Every seat's and batch's default, to look one message's up."""

    seats: Mapping[str, Seat]
    batches: Mapping[str, bool | None]

    def for_send(self, seat: str | None, batch: str | None, policy: Policy) -> CommercialDefault | None:
        """The batch's setting, else the seat's (its own, else its plan's in the policy), else none."""
        if batch is not None:
            setting = self.batches.get(batch)
            if setting is not None:
                return CommercialDefault(setting, "batch")
        found = self.seats.get(seat) if seat is not None else None
        if found is None:
            return None
        if found.commercial is not None:
            return CommercialDefault(found.commercial, "seat")
        plan = policy.plans.get(found.plan)
        if plan is not None and plan.commercial_by_default:
            return CommercialDefault(True, "seat")
        return None


NO_DEFAULTS = CommercialDefaults({}, {})

_SOURCES = {
    "review": "a reviewer's correction",
    "message": "the send says so",
    "batch": "the batch's default",
    "seat": "the seat's default",
}


def describe_commercial(commercial: bool, source: str, reasons: tuple[str, ...]) -> str:
    """ "commercial: guessed (offers a free trial)", "not commercial: the send says so" ..."""
    verdict = "commercial" if commercial else "not commercial"
    if source == "guessed":
        why = ", ".join(reasons) if reasons else "no sales signal in the text"
        return f"{verdict}: guessed ({why})"
    return f"{verdict}: {_SOURCES.get(source, source)}"
