"""Replaying the audit log: the message states it implies, and where it contradicts itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from cockpit.domain.model import AuditRecord, Observation, Push, Status
from cockpit.domain.review import RISK_ACTION, decision_problem

STATE_ACTIONS = frozenset({"recall", "edit", "revert", "observe", "commercial", RISK_ACTION})
CREATING_ACTIONS = frozenset({"add", "import"})
LINK_ACTION = "link"  # another file's row is this message: no change to it


@dataclass(frozen=True, slots=True)
class ReplayedState:
    """What the log says one message should look like now."""

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


def initial_state(details: dict[str, object]) -> ReplayedState:
    """The state an ``add`` entry records for a new message."""
    push = details.get("push")
    return ReplayedState(
        status=Status.SENT.value,
        version=1,
        push=push if isinstance(push, str) else Push.UNKNOWN.value,
    )


def _observe(state: ReplayedState, details: dict[str, object]) -> ReplayedState:
    kind = details.get("observed")
    at = details.get("at")
    at_text = at if isinstance(at, str) else None
    if kind == Observation.REPLIED:
        state = replace(state, replied_at=at_text)
    elif kind == Observation.OPENED:
        state = replace(state, opened_at=at_text)
    elif kind == Observation.PUSH_DELIVERED:
        state = replace(state, push=Push.YES.value)
    elif kind == Observation.NO_PUSH:
        state = replace(state, push=Push.NO.value)
    elif kind == Observation.FORWARDED:
        state = replace(state, forwarded_at=at_text)
    return state


def replay(entries: Iterable[AuditRecord]) -> tuple[dict[int, ReplayedState], list[ReplayProblem]]:
    """Replay ``entries`` (oldest first) into the state each message should have.

    Returns the states by message id and the entries that contradict the state before them.
    """
    states: dict[int, ReplayedState] = {}
    problems: list[ReplayProblem] = []
    for entry in entries:
        if entry.action in CREATING_ACTIONS:
            for message_id in created_ids(entry):
                if message_id in states:
                    problems.append(
                        ReplayProblem(entry.seq, message_id, "creates a message that already exists")
                    )
                    continue
                if entry.action == "add":
                    states[message_id] = initial_state(entry.details)
                else:
                    pushes = entry.details.get("push_by_id")
                    push = pushes.get(str(message_id)) if isinstance(pushes, dict) else None
                    states[message_id] = initial_state({"push": push} if push else {})
            continue
        if entry.action == LINK_ACTION:
            if entry.message_id is None or entry.message_id not in states:
                problems.append(
                    ReplayProblem(
                        entry.seq, entry.message_id, "links a row to a message the log never created"
                    )
                )
            continue
        if entry.action not in STATE_ACTIONS:
            continue
        if entry.message_id is None or entry.message_id not in states:
            problems.append(
                ReplayProblem(entry.seq, entry.message_id, "acts on a message the log never created")
            )
            continue
        state = states[entry.message_id]
        if state.status != entry.from_status or state.version != entry.from_version:
            problems.append(
                ReplayProblem(
                    entry.seq,
                    entry.message_id,
                    f"expects {entry.from_status} v{entry.from_version} but the log so far gives "
                    f"{state.status} v{state.version}",
                )
            )
        if entry.action == RISK_ACTION:
            problem = decision_problem(entry)
            if problem is not None:
                problems.append(ReplayProblem(entry.seq, entry.message_id, problem))
            elif entry.to_status != entry.from_status:
                problems.append(
                    ReplayProblem(entry.seq, entry.message_id, "a risk decision changes the status")
                )
        new_status = entry.to_status or state.status
        state = replace(state, status=new_status, version=state.version + 1)
        if entry.action == "observe":
            state = _observe(state, entry.details)
        elif entry.action == "commercial":
            state = replace(state, commercial_review=_flag(entry.details.get("commercial")))
        states[entry.message_id] = state
    return states, problems


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
