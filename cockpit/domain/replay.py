"""Replaying the audit log: the message states it implies, and where it contradicts itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from cockpit.domain.model import AuditRecord, Observation, Push, Status
from cockpit.domain.review import RISK_ACTION, decision_problem

STATE_ACTIONS = frozenset({"recall", "edit", "revert", "observe", "commercial", RISK_ACTION})
CREATING_ACTIONS = frozenset({"add", "import"})
LINK_ACTION = "link"  # another file's row is this message: no change to it


class ReplayedState(NamedTuple):
    """What the log says one message should look like now (a tuple: the fields in this order)."""

    status: str
    version: int
    push: str = Push.UNKNOWN.value
    opened_at: str | None = None
    replied_at: str | None = None
    forwarded_at: str | None = None
    commercial_review: bool | None = None


@dataclass(frozen=True, slots=True)
class ReplayProblem:
    """An entry the log cannot account for."""

    seq: int
    message_id: int | None
    problem: str


def created_ids(entry: AuditRecord) -> list[int]:
    """Message ids an ``add`` or ``import`` entry created."""
    if entry.action == "add":
        return [entry.message_id] if entry.message_id is not None else []
    ids: list[int] = []
    raw_ids = entry.details.get("message_ids")
    if isinstance(raw_ids, list):
        ids.extend(int(i) for i in raw_ids)
    ranges = entry.details.get("id_ranges")
    if isinstance(ranges, list):
        for pair in ranges:
            if isinstance(pair, list) and len(pair) == 2:
                ids.extend(range(int(pair[0]), int(pair[1]) + 1))
    return ids


_SENT = Status.SENT.value
_UNKNOWN_PUSH = Push.UNKNOWN.value
_NEW = ReplayedState(status=_SENT, version=1)  # a created message with nothing more recorded
_PLAIN_MARKS = frozenset({"recall", "edit", "revert"})  # state actions that read no details


def initial_state(details: dict[str, object]) -> ReplayedState:
    """The state an ``add`` entry records for a new message."""
    push = details.get("push")
    if not isinstance(push, str) or push == _UNKNOWN_PUSH:
        return _NEW
    return ReplayedState(status=_SENT, version=1, push=push)


def _observe(state: ReplayedState, details: dict[str, object]) -> ReplayedState:
    kind = details.get("observed")
    at = details.get("at")
    at_text = at if isinstance(at, str) else None
    if kind == Observation.REPLIED:
        state = state._replace(replied_at=at_text)
    elif kind == Observation.OPENED:
        state = state._replace(opened_at=at_text)
    elif kind == Observation.PUSH_DELIVERED:
        state = state._replace(push=Push.YES.value)
    elif kind == Observation.NO_PUSH:
        state = state._replace(push=Push.NO.value)
    elif kind == Observation.FORWARDED:
        state = state._replace(forwarded_at=at_text)
    return state


class Replay:
    """Replays entries (oldest first) one at a time into the state each message should have.

    ``states`` holds the states by message id; ``problems`` the entries that contradict the state
    before them. :meth:`mark` takes a ``recall``, ``edit`` or ``revert`` entry as its fields alone
    (no record needed, for replaying a long log quickly); :meth:`feed` takes any entry.
    """

    def __init__(self) -> None:
        self.states: dict[int, ReplayedState] = {}
        self.problems: list[ReplayProblem] = []

    def feed(self, entry: AuditRecord) -> None:
        """Replay one entry."""
        action = entry.action
        if action in _PLAIN_MARKS:
            self.mark(entry.seq, entry.message_id, entry.from_status, entry.from_version, entry.to_status)
            return
        if action in CREATING_ACTIONS:
            self._create(entry)
            return
        if action == LINK_ACTION:
            if entry.message_id is None or entry.message_id not in self.states:
                self.problems.append(
                    ReplayProblem(
                        entry.seq, entry.message_id, "links a row to a message the log never created"
                    )
                )
            return
        if action not in STATE_ACTIONS:
            return
        state = self._before(entry.seq, entry.message_id, entry.from_status, entry.from_version)
        if state is None or entry.message_id is None:
            return
        if action == RISK_ACTION:
            problem = decision_problem(entry)
            if problem is not None:
                self.problems.append(ReplayProblem(entry.seq, entry.message_id, problem))
            elif entry.to_status != entry.from_status:
                self.problems.append(
                    ReplayProblem(entry.seq, entry.message_id, "a risk decision changes the status")
                )
        state = state._replace(status=entry.to_status or state.status, version=state.version + 1)
        if action == "observe":
            state = _observe(state, entry.details)
        elif action == "commercial":
            state = state._replace(commercial_review=_flag(entry.details.get("commercial")))
        self.states[entry.message_id] = state

    def mark(
        self,
        seq: int,
        message_id: int | None,
        from_status: str | None,
        from_version: int | None,
        to_status: str | None,
    ) -> None:
        """Replay a ``recall``, ``edit`` or ``revert`` entry, given by its fields."""
        if message_id is None:
            self._before(seq, message_id, from_status, from_version)  # names the problem
            return
        state = self.states.get(message_id)
        if state is None or state.status != from_status or state.version != from_version:
            state = self._before(seq, message_id, from_status, from_version)  # names the problem
            if state is None:
                return
        self.states[message_id] = ReplayedState(
            to_status or state.status,
            state.version + 1,
            state.push,
            state.opened_at,
            state.replied_at,
            state.forwarded_at,
            state.commercial_review,
        )

    def _before(
        self, seq: int, message_id: int | None, from_status: str | None, from_version: int | None
    ) -> ReplayedState | None:
        """The state a state-changing entry acts on (``None``, and a problem, when there is none);
        a problem too when the entry expects another."""
        state = None if message_id is None else self.states.get(message_id)
        if state is None:
            self.problems.append(ReplayProblem(seq, message_id, "acts on a message the log never created"))
            return None
        if state.status != from_status or state.version != from_version:
            self.problems.append(
                ReplayProblem(
                    seq,
                    message_id,
                    f"expects {from_status} v{from_version} but the log so far gives "
                    f"{state.status} v{state.version}",
                )
            )
        return state

    def _create(self, entry: AuditRecord) -> None:
        states = self.states
        ids = created_ids(entry)
        if entry.action == "import":
            pushes = entry.details.get("push_by_id")
            if not (isinstance(pushes, dict) and pushes) and states.keys().isdisjoint(ids):
                states.update(dict.fromkeys(ids, _NEW))  # the usual import: every message as new
                return
        for message_id in ids:
            if message_id in states:
                self.problems.append(
                    ReplayProblem(entry.seq, message_id, "creates a message that already exists")
                )
                continue
            if entry.action == "add":
                states[message_id] = initial_state(entry.details)
            else:
                push = pushes.get(str(message_id)) if isinstance(pushes, dict) else None
                states[message_id] = initial_state({"push": push} if push else {})


def replay(entries: Iterable[AuditRecord]) -> tuple[dict[int, ReplayedState], list[ReplayProblem]]:
    """Replay ``entries`` (oldest first) into the state each message should have.

    Returns the states by message id and the entries that contradict the state before them.
    """
    replayed = Replay()
    for entry in entries:
        replayed.feed(entry)
    return replayed.states, replayed.problems


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class ReplayedSettings:
    """The commercial defaults the log says seats and batches have: name -> (value, seq)."""

    seats: dict[str, tuple[bool | None, int]]
    batches: dict[str, tuple[bool | None, int]]


def replay_settings(entries: Iterable[AuditRecord]) -> ReplayedSettings:
    """The seats' and batches' commercial defaults set by ``seat`` and ``batch`` entries."""
    seats: dict[str, tuple[bool | None, int]] = {}
    batches: dict[str, tuple[bool | None, int]] = {}
    for entry in entries:
        if entry.action == "seat":
            name = entry.details.get("seat")
            if isinstance(name, str):
                seats[name] = (_flag(entry.details.get("commercial")), entry.seq)
        elif entry.action == "batch" and entry.batch is not None:
            batches[entry.batch] = (_flag(entry.details.get("commercial")), entry.seq)
    return ReplayedSettings(seats, batches)


def replay_links(entries: Iterable[AuditRecord]) -> tuple[dict[str, tuple[int, int]], list[ReplayProblem]]:
    """The links the log records: another file's key -> ``(message id, seq of its entry)``, and the
    ``link`` entries that name no key or a key linked before."""
    links: dict[str, tuple[int, int]] = {}
    problems: list[ReplayProblem] = []
    for entry in entries:
        if entry.action != LINK_ACTION or entry.message_id is None:
            continue
        key = entry.details.get("key")
        if not isinstance(key, str) or not key:
            problems.append(ReplayProblem(entry.seq, entry.message_id, "links no key"))
        elif key in links:
            problems.append(
                ReplayProblem(entry.seq, entry.message_id, f"links key {key!r} again (entry {links[key][1]})")
            )
        else:
            links[key] = (entry.message_id, entry.seq)
    return links, problems
