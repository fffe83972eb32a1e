"""A canary SSN sent in a message never leaves the message: not in the audit log, standard error,
exports without the body, the incident report or any file the cockpit writes; and every file the
cockpit creates is 0600 and every folder 0700, under the usual umask 022."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

CANARY = "512-44-3821"
CANARY_DIGITS = "512443821"
NOW_ISO = "2026-11-28T15:00:00Z"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", "--now", NOW_ISO, *args],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o022),
        check=False,
    )


def _leaks(text: str) -> bool:
    return CANARY in text or CANARY_DIGITS in text.replace("-", "").replace(" ", "")


def test_the_canary_stays_in_its_message_and_every_file_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TMPDIR": str(tmp_path / "tmp"),
    }
    (tmp_path / "tmp").mkdir()
    sends = tmp_path / "sends.csv"
    sends.write_text(
        "recipient,subject,body,sent_at\n"
        f'Ravi Kumar,Onboarding,"Hi Ravi, your SSN {CANARY} is on the form.",2026-11-28T14:50:00Z\n'
    )
    body = f"Hi Priya,\n\nI have your SSN as {CANARY}; please confirm.\n\nDana"
    outputs: list[str] = []
    steps: list[tuple[str, ...]] = [
        ("add", "--to", "Priya Raman", "--subject", "Paperwork", "--body", body),
        ("import", str(sends)),
        ("judge",),
        ("list",),
        ("list", "--json"),
        ("list", "--csv"),
        ("list", "--filter", "risk:SSN"),
        ("report",),
        ("report", "--json"),
        ("plan",),
        ("audit",),
        ("audit", "--json"),
        ("audit", "--csv"),
        ("comment", "1", "checked with legal"),
        ("recall", "1", "--reason", "SSN in the body"),
        ("risk", "dismiss", "2", "SSN", "--reason", "test data"),
        ("incident", "--filter", "risk:any", "--out", str(tmp_path / "incident.md")),
        ("audit", "verify"),
        ("show", "1", "--json"),  # the one place that shows the body: its stdout may hold it
    ]
    for args in steps:
        done = _run(env, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert not _leaks(done.stderr), args
        if args[0] != "show":
            outputs.append(done.stdout)
            assert not _leaks(done.stdout), args
    incident = (tmp_path / "incident.md").read_text()
    assert "•••-••-3821" in incident and not _leaks(incident)

    database = home / "data" / "recall-cockpit" / "cockpit.sqlite3"
    conn = sqlite3.connect(database)
    try:
        for row in conn.execute("SELECT * FROM audit_entry"):
            assert not _leaks(repr(row))
    finally:
        conn.close()

    for path in [*home.rglob("*"), *(tmp_path / "tmp").rglob("*"), tmp_path / "incident.md"]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            assert mode == 0o700, (path, oct(mode))
        else:
            assert mode == 0o600, (path, oct(mode))
            if not path.name.startswith("cockpit.sqlite3") and path.name != "incident.md":
                assert not _leaks(path.read_bytes().decode("utf-8", "replace")), path
    assert list((tmp_path / "tmp").iterdir()) == []  # no temporary file left behind
