"""A throwaway PostgreSQL server for the test session: ``initdb`` and ``pg_ctl`` in a temporary folder
(as the ``postgres`` user when the tests run as root), on a free local port, stopped and removed at
the end. Used when ``COCKPIT_TEST_POSTGRES`` names no server."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SERVER_USER = "postgres"
ROLE = "cockpit"


class ServerUnavailable(Exception):
    """No PostgreSQL binaries here, or the server did not start (the message says which)."""


def _binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (the newest installed version), if any."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user() -> dict[str, Any]:
    """``subprocess`` arguments that run a command as the ``postgres`` user when we are root
    (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return {}
    return {"user": SERVER_USER, "group": SERVER_USER, "extra_groups": []}


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a private server; yields an admin URL (role ``cockpit``, database ``postgres``).

    Raises:
        ServerUnavailable: no binaries, or it could not start.
    """
    binaries = _binaries()
    if binaries is None:
        raise ServerUnavailable("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
    folder = Path(tempfile.mkdtemp(prefix="cockpit-test-pg-"))
    as_user = _as_server_user()
    if as_user:
        shutil.chown(folder, SERVER_USER, SERVER_USER)
    data, log, pg_ctl = folder / "data", folder / "server.log", binaries / "pg_ctl"
    port = _free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    run = {"check": True, "capture_output": True, "text": True, "cwd": folder, **as_user}
    started = False
    try:
        try:
            subprocess.run(
                [binaries / "initdb", "-D", data, "-U", ROLE, "-A", "trust", "-E", "UTF8", "--no-sync"], **run
            )
            subprocess.run([pg_ctl, "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"], **run)
            started = True
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = str(getattr(exc, "stderr", "") or exc)
            raise ServerUnavailable(
                f"a throwaway PostgreSQL did not start: {detail.strip()[-500:]}"
            ) from None
        yield f"postgresql+psycopg://{ROLE}@127.0.0.1:{port}/postgres"
    finally:
        if started:
            subprocess.run([pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"], **{**run, "check": False})
        shutil.rmtree(folder, ignore_errors=True)
