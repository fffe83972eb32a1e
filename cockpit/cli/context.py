"""What every command needs from the global options: the clock, the actor, the database, the zone
the person reads times in, and the service bundle built from them."""

from __future__ import annotations

import getpass
import os
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.cli.options import GlobalOptions
from cockpit.errors import BadInput
from cockpit.text import safe_text

if TYPE_CHECKING:
    from cockpit.clock import Clock
    from cockpit.policy import Policy
    from cockpit.services.cockpit import Cockpit


class NoDatabase(BadInput):
    """A reading command was pointed at a database that does not exist."""

    def __init__(self, path: str) -> None:
        super().__init__(f"no database at {safe_text(path)}; `cockpit demo` or `cockpit import` creates one")


ACTOR_LIMIT = 100


def checked_actor(name: str, option: str = "--actor") -> str:
    """``name`` as given, if it shows as typed.

    Raises:
        BadInput: it is blank, longer than ``ACTOR_LIMIT``, or holds control or invisible characters
            (escape sequences, bidi overrides...), which a name recorded in the audit log and shown
            to everyone must not.
    """
    if not name.strip():
        raise BadInput(f"{option} needs a name")
    if len(name) > ACTOR_LIMIT:
        raise BadInput(f"{option}: the name is longer than {ACTOR_LIMIT} characters")
    if safe_text(name) != name:
        raise BadInput(
            f"{option} {safe_text(name)!r} holds control or invisible characters; "
            "give a name that shows as typed"
        )
    return name


def actor_name(options: GlobalOptions) -> str:
    """``--actor`` (checked, see :func:`checked_actor`), else the OS user."""
    if options.actor is not None:
        return checked_actor(options.actor)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def make_clock(options: GlobalOptions) -> Clock:
    """A clock started at ``--now``, else the system clock."""
    from cockpit.clock import StartedClock, SystemClock, check_now, parse_instant

    if options.now:
        try:
            return StartedClock(check_now(parse_instant(options.now)))
        except ValueError as exc:
            raise BadInput(f"--now {options.now!r}: {exc}") from None
    return SystemClock()


def explicit_db(options: GlobalOptions) -> str | None:
    """The database named by ``--db`` or ``COCKPIT_DB``, if any."""
    return options.db or os.environ.get("COCKPIT_DB") or None


def db_target(options: GlobalOptions, demo: bool = False) -> str:
    """The database to open: ``--db``, ``COCKPIT_DB``, else the default (or demo) file."""
    from cockpit.paths import default_db_path, demo_db_path

    target = explicit_db(options)
    if target:
        return target
    return str(demo_db_path() if demo else default_db_path())


def shown_location(target: str) -> str:
    """A database target as shown to a person: a server URL with its password hidden."""
    if "://" not in target:
        return target
    from sqlalchemy.engine import make_url

    try:
        return make_url(target).render_as_string(hide_password=True)
    except Exception:  # not a URL after all: show no part of it that could hold a password
        return target.split("://", 1)[0] + "://..."


def missing_sqlite_file(target: str) -> Path | None:
    """The file a SQLite ``target`` names when it does not exist; ``None`` for an existing file, a
    server URL or an in-memory database."""
    if "://" in target:
        if not target.startswith("sqlite:///") or target == "sqlite:///:memory:":
            return None
        target = target.removeprefix("sqlite:///")
    if target == ":memory:":
        return None
    path = Path(target).expanduser()
    return None if path.exists() else path


def user_zone(options: GlobalOptions) -> tzinfo:
    """The zone human-readable times are shown in: ``--tz``, else ``TZ``, else the system's."""
    from cockpit.zones import user_zone as resolve

    return resolve(options.tz)


def parse_at(text: str | None, option: str) -> datetime | None:
    """An ISO 8601 instant with an offset given to ``option``; ``None`` when not given."""
    from cockpit.services.new_send import parse_sent_at

    return None if text is None else parse_sent_at(text, option)


def open_cockpit(
    options: GlobalOptions,
    *,
    demo: bool = False,
    create: bool = True,
    clock: Clock | None = None,
    policy: Policy | None = None,
    writes: bool = False,
) -> Cockpit:
    """The service bundle for the global options (or the clock and policy given). A database it
    creates is a drill when ``--now`` is given or it is the demo's; else it runs on the real clock.

    Raises:
        NoDatabase: ``create`` is false and the SQLite file does not exist (nothing is created).
        ClockRefused: the command ``writes``, ``--now`` is given and the database runs on the real
            clock (nothing is written).
    """
    from cockpit.policy import load_policy

    policy = policy or load_policy(options.policy)
    clock = clock or make_clock(options)
    target = db_target(options, demo)
    if not create and missing_sqlite_file(target) is not None:
        raise NoDatabase(target)
    from cockpit.services.cockpit import Cockpit
    from cockpit.store.repository import Repository

    actor = actor_name(options)
    repo = Repository.open(target, actor=actor, at=clock.now(), drill=bool(options.now) or demo)
    if writes and options.now:
        from cockpit.store.clock_mode import check_write_clock

        check_write_clock(repo.clock_mode(), clock.now(), repo.wall.now())
    return Cockpit(repo=repo, clock=clock, policy=policy, actor=actor)
