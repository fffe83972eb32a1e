"""``audit verify``'s check of what was sent: each message's content, kept revisions and mark times
against the fingerprints and times its audit entries record.

The entries that create or rewrite a message record a content fingerprint
(:mod:`cockpit.domain.content`): an ``add`` entry its message's, an ``import`` entry one over all its
new messages in id order, an ``edit`` or ``revert`` entry the text it leaves and the revision it
keeps. Here the log's creating and rewriting entries are read once, then every message once in id
order: its current content must match the newest entry that wrote it, its original content (its
first revision's text, if any, in place of the current one) the entry that created it, each kept
revision the entry that kept it, and ``recalled_at``/``edited_at`` the times of the marks in effect.
Entries written before fingerprints were recorded vouch for nothing and are counted instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from cockpit.domain.content import BODY, content_digest, text_fingerprint, with_text
from cockpit.store.content_rows import EDITED_AT, ID, RECALLED_AT, content_rows, revision_texts
from cockpit.store.convert import load_details
from cockpit.store.instant_text import encode_instant
from cockpit.store.tables import audit_table

_ACTIONS = ("add", "import", "edit", "revert", "recall")
_FETCH = 5_000


@dataclass(frozen=True, slots=True)
class ContentFindings:
    """The check's problems ``(seq of the entry concerned or None, problem)`` in message order, and
    how many messages have content no entry vouches for (written before fingerprints)."""

    problems: list[tuple[int | None, str]]
    unvouched: int

    def note(self) -> str | None:
        """The note on messages not vouched for, if any."""
        if not self.unvouched:
            return None
        s = "" if self.unvouched == 1 else "s"
        return (
            f"{self.unvouched} message{s} written before content fingerprints: "
            f"{'its' if self.unvouched == 1 else 'their'} text is not vouched for"
        )


@dataclass(frozen=True, slots=True)
class _Vouch:
    """An entry's word on a message's content: its seq, action, fingerprint (None: written before
    fingerprints) and body digest."""

    seq: int
    action: str
    sha: str | None
    body_sha: str | None = None


@dataclass
class _Import:
    first: int
    last: int
    seq: int
    sha: str | None
    digest: Any = field(default_factory=hashlib.sha256)
    seen: int = 0


@dataclass
class _Log:
    """What the log says of messages' content and marks."""

    created: dict[int, _Vouch] = field(default_factory=dict)  # by add entries
    imports: list[_Import] = field(default_factory=list)
    legacy_created: set[int] = field(default_factory=set)  # listed by id in an import entry
    rewritten: dict[int, _Vouch] = field(default_factory=dict)  # the newest edit or revert of an edit
    revisions: dict[tuple[int, int], _Vouch] = field(default_factory=dict)
    recalled: dict[int, tuple[str | None, int]] = field(default_factory=dict)  # time text, seq
    edited: dict[int, tuple[str | None, int]] = field(default_factory=dict)
    marks: dict[int, str] = field(default_factory=dict)  # recall and edit entries' actions by seq


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _entries(conn: Connection) -> Iterator[tuple[int, str, str, int | None, str | None, dict[str, Any]]]:
    """``(seq, time text, action, message id, to status, details)`` of the creating and marking
    entries, oldest first."""
    a = audit_table
    columns = (a.c.seq, a.c.at, a.c.action, a.c.message_id, a.c.to_status, a.c.details)
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        assert raw is not None
        marks = ", ".join(f"'{action}'" for action in _ACTIONS)
        cursor = raw.execute(
            "SELECT seq, at, action, message_id, to_status, details FROM audit_entry "
            f"WHERE action IN ({marks}) ORDER BY seq"
        )
        while rows := cursor.fetchmany(_FETCH):
            for seq, at, action, message_id, to_status, details in rows:
                yield seq, str(at), action, message_id, to_status, load_details(details)
        return
    statement = select(*columns).where(a.c.action.in_(_ACTIONS)).order_by(a.c.seq)
    for seq, at, action, message_id, to_status, details in conn.execute(statement):
        at_text = encode_instant(at) if isinstance(at, datetime) else str(at)
        yield seq, at_text, action, message_id, to_status, load_details(details)


def _read_log(conn: Connection) -> _Log:
    log = _Log()
    for seq, at, action, message_id, to_status, details in _entries(conn):
        sha = _text(details.get("content_sha256"))
        if action == "import":
            ranges = details.get("id_ranges")
            for pair in ranges if isinstance(ranges, list) else []:
                if isinstance(pair, list) and len(pair) == 2:
                    log.imports.append(_Import(int(pair[0]), int(pair[1]), seq, sha))
            listed = details.get("message_ids")
            if isinstance(listed, list):
                log.legacy_created.update(int(i) for i in listed)
            continue
        if message_id is None:
            continue  # the replay names it
        if action == "add":
            log.created[message_id] = _Vouch(seq, action, sha, _text(details.get("body_sha256")))
            continue
        if action == "recall":
            log.marks[seq] = action
            log.recalled[message_id] = (at, seq)
            continue
        if action == "edit":
            log.marks[seq] = action
            log.edited[message_id] = (at, seq)
        else:  # a revert: of the mark it names
            reverts = details.get("reverts")
            mark = details.get("mark") or (log.marks.get(reverts) if isinstance(reverts, int) else None)
            if mark == "recall":
                log.recalled[message_id] = (None, seq)
                continue
            if mark != "edit":
                continue
            if to_status == "sent":
                log.edited[message_id] = (None, seq)
        log.rewritten[message_id] = _Vouch(seq, action, sha, _text(details.get("body_sha256")))
        number = details.get("revision")
        if isinstance(number, int):
            log.revisions[(message_id, number)] = _Vouch(seq, action, _text(details.get("revision_sha256")))
    log.imports.sort(key=lambda span: span.first)
    return log


def _mismatch(message_id: int, vouch: _Vouch, body: object, what: str) -> str:
    """The problem of a message whose content differs from what ``vouch`` records."""
    body_sha = hashlib.sha256(str(body).encode("utf-8", "surrogatepass")).hexdigest()
    part, aside = "content", ""
    if vouch.body_sha is not None and body_sha != vouch.body_sha:
        part = "body"
    elif vouch.body_sha is not None:
        aside = " (the body matches: another field fixed at send, such as the subject, recipient or seat)"
    entry = f"its {vouch.action} entry (seq {vouch.seq})"
    return f"message {message_id}'s {what}{part} does not match what {entry} vouches for{aside}"


def _time_problem(
    message_id: int, name: str, stored: object, told: tuple[str | None, int] | None
) -> str | None:
    expected, seq = told if told is not None else (None, None)
    if stored == expected:
        return None
    shown = "none" if stored is None else repr(str(stored))
    if seq is None:
        return f"message {message_id}'s {name} is {shown} but no entry marked it"
    gives = "none" if expected is None else expected
    return f"message {message_id}'s {name} is {shown} but the log gives {gives} (entry {seq})"


def check_content(conn: Connection) -> ContentFindings:
    """Compare every message's content, revisions and mark times with what the log vouches for."""
    log = _read_log(conn)
    texts: dict[int, dict[int, tuple[str, str]]] = {}
    stored_revisions: list[tuple[int, int, str, str]] = list(revision_texts(conn))
    for message_id, number, subject, body in stored_revisions:
        texts.setdefault(message_id, {})[number] = (subject, body)
    problems: list[tuple[int | None, str]] = []
    unvouched: set[int] = set(log.legacy_created)
    created, rewritten, recalled, edited = log.created, log.rewritten, log.recalled, log.edited
    imports = iter(log.imports)
    span = next(imports, None)
    finished: list[_Import] = []

    vouched = (
        any(span.sha is not None for span in log.imports)
        or any(v.sha is not None for v in created.values())
        or any(v.sha is not None for v in rewritten.values())
    )
    for row in content_rows(conn, times_only=not vouched):
        message_id = row[ID]
        newest, vouch = rewritten.get(message_id), created.get(message_id)
        if vouch is None:
            while span is not None and span.last < message_id:
                finished.append(span)
                span = next(imports, None)
            in_span = span if span is not None and span.first <= message_id else None
        else:
            in_span = None
        if (
            (newest is None or newest.sha is None)
            and (vouch is None or vouch.sha is None)
            and (in_span is None or in_span.sha is None)
        ):  # nothing vouches for its content: no need to fingerprint it
            if newest is not None or vouch is not None or in_span is not None:
                unvouched.add(message_id)
            if in_span is not None:
                in_span.seen += 1
        else:
            kept = texts.get(message_id)
            first_text = kept.get(1) if kept else None
            digest = content_digest(row)
            original = digest if first_text is None else content_digest(with_text(row, *first_text))
            if newest is not None:
                if newest.sha is None:
                    unvouched.add(message_id)
                elif digest.hex() != newest.sha:
                    problems.append((newest.seq, _mismatch(message_id, newest, row[BODY], "")))
            if vouch is not None:
                if vouch.sha is None:
                    unvouched.add(message_id)
                elif original.hex() != vouch.sha:
                    body = row[BODY] if first_text is None else first_text[1]
                    what = "" if first_text is None and newest is None else "original "
                    problems.append((vouch.seq, _mismatch(message_id, vouch, body, what)))
            if in_span is not None:
                in_span.digest.update(original)
                in_span.seen += 1
                if in_span.sha is None:
                    unvouched.add(message_id)
        if (
            row[RECALLED_AT] is None
            and row[EDITED_AT] is None
            and not (message_id in recalled or message_id in edited)
        ):
            continue  # never marked, and no mark time stored
        for name, index, told in (("recalled_at", RECALLED_AT, recalled), ("edited_at", EDITED_AT, edited)):
            found = told.get(message_id)
            problem = _time_problem(message_id, name, row[index], found)
            if problem is not None:
                problems.append((None if found is None else found[1], problem))
    if span is not None:
        finished.append(span)
    finished.extend(imports)
    for span in finished:
        if span.sha is None:
            continue
        if span.seen != span.last - span.first + 1 or span.digest.hexdigest() != span.sha:
            problems.append(
                (
                    span.seq,
                    f"messages {span.first}-{span.last} do not match what their import entry "
                    f"(seq {span.seq}) vouches for (a field fixed at send was changed, or a message removed)",
                )
            )
    problems.extend(_revision_problems(log, stored_revisions, unvouched))
    return ContentFindings(problems, len(unvouched))


def _revision_problems(
    log: _Log, stored: list[tuple[int, int, str, str]], unvouched: set[int]
) -> list[tuple[int | None, str]]:
    """Kept revisions against the entries that kept them."""
    problems: list[tuple[int | None, str]] = []
    present: set[tuple[int, int]] = set()
    for message_id, number, subject, body in stored:
        present.add((message_id, number))
        vouch = log.revisions.get((message_id, number))
        if vouch is None:
            problem = f"revision {number} of message {message_id} has no audit entry that kept it"
            problems.append((None, problem))
        elif vouch.sha is None:
            unvouched.add(message_id)
        elif text_fingerprint(subject, body) != vouch.sha:
            problems.append(
                (
                    vouch.seq,
                    f"revision {number} of message {message_id} does not match what its {vouch.action} "
                    f"entry (seq {vouch.seq}) vouches for",
                )
            )
    for (message_id, number), vouch in sorted(log.revisions.items(), key=lambda item: item[1].seq):
        if (message_id, number) not in present:
            problems.append(
                (
                    vouch.seq,
                    f"revision {number} of message {message_id}, kept by its {vouch.action} entry "
                    f"(seq {vouch.seq}), is missing",
                )
            )
    return problems
