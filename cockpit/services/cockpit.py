"""The cockpit's service bundle: one repository, clock, policy and actor, shared by CLI and TUI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from cockpit.clock import Clock
from cockpit.domain.commercial import CommercialDefault, CommercialDefaults
from cockpit.domain.model import Message
from cockpit.domain.window import WindowState, message_window
from cockpit.policy import Policy
from cockpit.store.repository import Repository

if TYPE_CHECKING:  # loaded on first use: commands that judge nothing (import, seat) start faster
    from cockpit.domain.assessment import Assessment
    from cockpit.domain.review import RiskDecision
    from cockpit.services.actions import Actions
    from cockpit.services.risk_review import RiskReview


@dataclass(frozen=True, slots=True)
class Assessed:
    """A message with its judgement and its window at one instant."""

    message: Message
    assessment: Assessment
    window: WindowState


@dataclass
class Cockpit:
    """Everything a presentation layer needs: reads, judgements and the actions."""

    repo: Repository
    clock: Clock
    policy: Policy
    actor: str
    _cache: dict[tuple[int, int, CommercialDefault | None], Assessment] = field(
        default_factory=dict, repr=False
    )
    _zones: dict[str, str] | None = field(default=None, repr=False)
    _defaults: CommercialDefaults | None = field(default=None, repr=False)

    @cached_property
    def actions(self) -> Actions:
        from cockpit.services.actions import Actions

        return Actions(self.repo, self.clock, self.policy, self.actor)

    @cached_property
    def review(self) -> RiskReview:
        """Reviewers' decisions on findings (dismiss, add)."""
        from cockpit.services.risk_review import RiskReview

        return RiskReview(self.repo, self.clock, self.policy, self.actor)

    def seat_zones(self, refresh: bool = False) -> dict[str, str]:
        """Each seat's time zone."""
        if self._zones is None or refresh:
            seats = self.repo.seats()
            self._zones = {s.name: s.time_zone for s in seats}
            self._defaults = CommercialDefaults({s.name: s for s in seats}, self.repo.batch_settings())
        return self._zones

    def commercial_defaults(self, refresh: bool = False) -> CommercialDefaults:
        """Each seat's and batch's commercial default."""
        if self._defaults is None or refresh:
            self.seat_zones(refresh=True)
        assert self._defaults is not None
        return self._defaults

    def assess(self, message: Message, decisions: Sequence[RiskDecision] | None = None) -> Assessment:
        """The judgement of one message version (cached), after the reviewers' decisions on it
        (read from the log unless given: every decision makes a new version) and with its seat's or
        batch's commercial default."""
        key = self._key(message)
        default = key[2]
        cached = self._cache.get(key)
        if cached is None:
            zone = self.seat_zones().get(message.seat or "")
            from cockpit.domain.assessment import assess

            if decisions is None:
                decisions = self.repo.risk_decisions([message.id]).get(message.id, ())
            cached = assess(message, self.policy, zone, decisions, default)
            self._cache[key] = cached
        return cached

    def _key(self, message: Message) -> tuple[int, int, CommercialDefault | None]:
        default = self.commercial_defaults().for_send(message.seat, message.batch, self.policy)
        return (message.id, message.version, default)

    def assessed(self, messages: list[Message], now: datetime | None = None) -> list[Assessed]:
        """Judge ``messages`` and place each in its window at ``now`` (default: the clock)."""
        at = now or self.clock.now()
        self.seat_zones(refresh=True)
        unjudged = [m.id for m in messages if self._key(m) not in self._cache]
        decisions = self.repo.risk_decisions(unjudged) if unjudged else {}
        return [
            Assessed(
                m,
                self.assess(m, decisions.get(m.id, ())),
                message_window(m.channel, m.sent_at, at, self.policy),
            )
            for m in messages
        ]
