"""A Hypothesis state machine over the actions: replaying the audit log always gives the messages."""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from cockpit.clock import FixedClock
from cockpit.domain.model import Message, Observation
from cockpit.domain.replay import replay
from cockpit.errors import BadInput, Conflict, Refused
from cockpit.policy import load_policy
from cockpit.services.actions import Actions
from cockpit.services.new_send import NewSend
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW

POLICY = load_policy()
WINDOW = timedelta(minutes=POLICY.window.minutes)
ACTORS = st.sampled_from(["alice", "bob"])


class CockpitMachine(RuleBasedStateMachine):
    """Two actors acting on a handful of messages while time passes."""

    messages = Bundle("messages")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cockpit-state-"))
        self.repo = Repository.open(self.folder / "cockpit.sqlite3")
        self.clock = FixedClock(NOW)
        self.sends = 0

    def teardown(self) -> None:
        self.repo.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def actions(self, actor: str) -> Actions:
        return Actions(self.repo, self.clock, POLICY, actor)

    def current(self, message_id: int) -> Message:
        message = self.repo.message(message_id)
        assert message is not None
        return message

    def refused_changes_nothing(self, message_id: int, call: object, *errors: type) -> bool:
        """Run ``call``; if it raises one of ``errors``, check that nothing was written."""
        before = (self.current(message_id), len(self.repo.audit()), self.repo.revisions(message_id))
        try:
            call()  # type: ignore[operator]
        except errors:
            after = (self.current(message_id), len(self.repo.audit()), self.repo.revisions(message_id))
            assert after == before
            return False
        return True

    # -- rules -----------------------------------------------------------------------------------

    @rule(
        target=messages,
        actor=ACTORS,
        minutes_ago=st.integers(min_value=0, max_value=90),
        channel=st.sampled_from(["inmail", "inmail", "message", "connection_note", "sponsored"]),
        push=st.sampled_from(["unknown", "yes", "no"]),
    )
    def add(self, actor: str, minutes_ago: int, channel: str, push: str) -> int:
        self.sends += 1
        send = NewSend(
            recipient=f"Recipient {self.sends}",
            body=f"Hello number {self.sends}",
            sent_at=self.clock.now() - timedelta(minutes=minutes_ago),
            channel=channel,
            push=push,
            batch="b" if self.sends % 2 else None,
        )
        return self.actions(actor).add_send(send)

    @rule(actor=ACTORS, message_id=messages)
    def recall(self, actor: str, message_id: int) -> None:
        before = self.current(message_id)
        allowed = (
            before.channel != "sponsored"
            and before.status != "recalled"
            and self.clock.now() < before.sent_at + WINDOW
        )
        done = self.refused_changes_nothing(
            message_id, lambda: self.actions(actor).recall_one(message_id), Refused
        )
        assert done == allowed
        if done:
            after = self.current(message_id)
            assert (after.status, after.version) == ("recalled", before.version + 1)

    @rule(actor=ACTORS, ids=st.lists(messages, min_size=1, max_size=4))
    def bulk_recall(self, actor: str, ids: list[int]) -> None:
        audit_before = len(self.repo.audit())
        outcome = self.actions(actor).recall(ids)
        assert set(outcome.recalled) | {s.message_id for s in outcome.skipped} == set(ids)
        assert len(self.repo.audit()) == audit_before + len(outcome.recalled)

    @rule(actor=ACTORS, message_id=messages, text=st.text(min_size=1, max_size=20))
    def edit(self, actor: str, message_id: int, text: str) -> None:
        before = self.current(message_id)
        done = self.refused_changes_nothing(
            message_id, lambda: self.actions(actor).edit(message_id, text), Refused, BadInput
        )
        if done:
            after = self.current(message_id)
            assert (after.status, after.body) == ("edited", text)
            assert self.repo.revisions(message_id)[-1].body == before.body

    @rule(actor=ACTORS, message_id=messages)
    def revert(self, actor: str, message_id: int) -> None:
        self.refused_changes_nothing(
            message_id, lambda: self.actions(actor).revert(message_id, "made in error"), Refused
        )

    @rule(
        actor=ACTORS,
        message_id=messages,
        kind=st.sampled_from(list(Observation)),
        minutes_ago=st.integers(min_value=0, max_value=120),
    )
    def observe(self, actor: str, message_id: int, kind: Observation, minutes_ago: int) -> None:
        at = self.clock.now() - timedelta(minutes=minutes_ago)
        self.refused_changes_nothing(
            message_id, lambda: self.actions(actor).observe(message_id, kind, at), Refused, BadInput
        )

    @rule(actor=ACTORS, message_id=messages)
    def comment(self, actor: str, message_id: int) -> None:
        before = self.current(message_id)
        self.actions(actor).comment(message_id, "a reviewer's note")
        assert self.current(message_id) == before

    @rule(actor=ACTORS, message_id=messages)
    def stale_recall(self, actor: str, message_id: int) -> None:
        """Acting on a version someone else has since changed is a conflict."""
        version = self.current(message_id).version
        if version == 1:
            return
        self.refused_changes_nothing(
            message_id,
            lambda: self.actions(actor).recall_one(message_id, expected_version=version - 1),
            Conflict,
        )
        assert self.current(message_id).version == version

    @rule(seconds=st.integers(min_value=1, max_value=40 * 60))
    def time_passes(self, seconds: int) -> None:
        self.clock.advance(seconds)

    # -- invariants ------------------------------------------------------------------------------

    @invariant()
    def replaying_the_log_gives_every_message(self) -> None:
        states, problems = replay(self.repo.audit())
        assert problems == []
        messages = self.repo.messages()
        assert set(states) == {m.id for m in messages}
        for message in messages:
            state = states[message.id]
            assert (state.status, state.version) == (message.status, message.version)
            assert state.push == message.push

    @invariant()
    def verify_passes(self) -> None:
        result = verify_audit(self.repo)
        assert result.ok, result.problem


CockpitMachine.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCockpitMachine = CockpitMachine.TestCase
