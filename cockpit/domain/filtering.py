"""The filter language shared by ``--filter`` and the cockpit's ``/`` box.

Terms are ANDed: ``phase:urgent``, ``status:sent``, ``risk:SSN``, ``batch:q3``, ``seat:alex``,
``channel:inmail``, ``state:TX``, ``flag:escalated`` or ``flag:commented``, ``group:KEY`` (a template
group, see :mod:`cockpit.domain.templates`), ``actor:NAME`` (one person's messages: those they logged
or marked: :data:`LOGGING_ACTIONS` and :data:`MARKING_ACTIONS`); a term's values may be comma-separated
(``phase:urgent,critical``) and ``-`` before a term negates it. ``batch:`` matches the start of a
batch's name (``batch:q4`` matches ``q4-pricing-blast``); the other keys match whole values.
Other words match the recipient, subject or body, case-insensitively.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass

from cockpit.domain.model import Message

KEYS = ("phase", "status", "risk", "batch", "seat", "channel", "state", "flag", "group", "actor")
LOGGING_ACTIONS = frozenset({"add", "import"})
"""The audit actions that log a send: their actor is who logged (sent) it."""
MARKING_ACTIONS = frozenset({"recall", "edit", "revert"})
"""The audit actions that mark a message: their actor is who marked it."""


@dataclass(frozen=True, slots=True)
class FilterTerm:
    """One ``key:value[,value]`` term or a free-text word."""

    key: str | None
    values: tuple[str, ...]
    negate: bool = False


@dataclass(frozen=True, slots=True)
class Filter:
    """A parsed filter expression."""

    text: str
    terms: tuple[FilterTerm, ...]

    @property
    def empty(self) -> bool:
        return not self.terms


class FilterSyntaxError(ValueError):
    """The expression cannot be parsed; the message says which term."""


def parse_filter(text: str) -> Filter:
    """Parse a filter expression.

    Raises:
        FilterSyntaxError: an unknown key, an empty value, or unbalanced quotes.
    """
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise FilterSyntaxError(f"filter {text!r}: {exc}") from None
    terms: list[FilterTerm] = []
    for word in words:
        negate = word.startswith("-") and len(word) > 1
        body = word[1:] if negate else word
        key, sep, value = body.partition(":")
        if sep and key.lower() in KEYS:
            values = tuple(v.strip().lower() for v in value.split(",") if v.strip())
            if not values:
                raise FilterSyntaxError(f"filter term {word!r} has no value")
            terms.append(FilterTerm(key.lower(), values, negate))
        elif sep and key.isalpha() and key.islower() and key not in ("http", "https"):
            raise FilterSyntaxError(f"unknown filter key {key!r}; use one of {', '.join(KEYS)}")
        else:
            terms.append(FilterTerm(None, (body.casefold(),), negate))
    return Filter(text, tuple(terms))


@dataclass(frozen=True, slots=True)
class Facts:
    """What a filter looks at for one message (phase and risk codes are computed elsewhere)."""

    message: Message
    phase: str
    risk_codes: tuple[str, ...]
    flags: tuple[str, ...] = ()
    group: str | None = None  # the template group key, when the message is in a batch
    actors: tuple[str, ...] = ()  # who logged or marked it (LOGGING_ACTIONS, MARKING_ACTIONS)


def with_actor(flt: Filter | None, name: str) -> Filter:
    """``flt`` (or no filter) narrowed to one person's messages: an ``actor:NAME`` term added."""
    term = FilterTerm("actor", (actor_key(name),))
    if flt is None:
        return Filter(f"actor:{shlex.quote(name)}", (term,))
    return Filter(f"{flt.text} actor:{shlex.quote(name)}", (*flt.terms, term))


def actor_key(name: str) -> str:
    """How an actor's name is compared in a filter (case-insensitively, spaces at the ends ignored)."""
    return name.strip().casefold()


def batch_matches(batch: str | None, values: tuple[str, ...]) -> bool:
    """Whether a batch name starts with one of ``values`` (lower-case); no batch never matches."""
    return batch is not None and batch.lower().startswith(values)


def _term_matches(term: FilterTerm, facts: Facts) -> bool:
    m = facts.message
    if term.key == "batch":
        return batch_matches(m.batch, term.values)
    if term.key == "actor":
        return not {actor_key(v) for v in term.values}.isdisjoint(actor_key(a) for a in facts.actors)
    if term.key is None:
        needle = term.values[0]
        return (
            needle in m.recipient.casefold() or needle in m.subject.casefold() or needle in m.body.casefold()
        )
    value_of: dict[str, Callable[[], tuple[str, ...]]] = {
        "phase": lambda: (facts.phase,),
        "status": lambda: (m.status,),
        "risk": lambda: tuple(c.lower() for c in facts.risk_codes) or ("none",),
        "seat": lambda: ((m.seat or "").lower(),),
        "channel": lambda: (m.channel,),
        "state": lambda: ((m.recipient_state or "").lower(),),
        "flag": lambda: facts.flags,
        "group": lambda: (facts.group or "",),
    }
    have = value_of[term.key]()
    if term.key == "risk" and "any" in term.values:
        return bool(facts.risk_codes)
    return any(v in have for v in term.values)


def matches(flt: Filter, facts: Facts) -> bool:
    """Whether one message satisfies every term of ``flt``."""
    return all(_term_matches(term, facts) != term.negate for term in flt.terms)
