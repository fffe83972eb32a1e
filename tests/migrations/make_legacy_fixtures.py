"""Writes the SQL fixtures of databases made by earlier releases (before schema revisions existed).

Each fixture is made by the command line of an earlier commit, run from a ``git archive`` of it at a
fixed ``--now``, and dumped as SQL text. Run from the repository root:
``python tests/migrations/make_legacy_fixtures.py``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = "2026-11-28T15:00:00Z"
PITCH = (
    "Hi Priya, our platform cuts hiring costs by 30%. Pricing starts at $400/month. Book a demo this week?"
)
COMMON: list[list[str]] = [
    ["seat", "add", "dana", "--plan", "recruiter"],
    ["add", "--to", "Priya Raman", "--subject", "Backend role", "--body", "Hi Priya, open to a call?",
     "--seat", "dana", "--ago", "5m", "--batch", "spring"],
    ["add", "--to", "Jason Lee", "--subject", "Pricing", "--body", PITCH, "--ago", "20m", "--batch", "spring",
     "--state", "TX"],
    ["add", "--to", "Mei Chen", "--subject", "Hello [First Name]", "--body", "Hi [First Name], quick one.",
     "--ago", "2h", "--push", "no"],
    ["recall", "1", "--reason", "wrong team"],
    ["edit", "2", "--body", "Hi Jason, open to a call? Reply STOP to opt out.", "--reason", "typo"],
    ["observe", "3", "--opened", "--at", "2026-11-28T13:30:00Z"],
]  # fmt: skip
FIXTURES: dict[str, tuple[str, list[list[str]]]] = {
    # the first release: no message_link, batch_setting, seat.commercial, message.commercial_review
    "first_release": ("fdd66d5", COMMON),
    # the baseline (revision 0001): the last release before judgements were stored
    "baseline": (
        "8459ad6",
        [
            *COMMON,
            ["batch", "set", "spring", "--commercial"],
            ["commercial", "3", "--no", "--reason", "internal"],
        ],
    ),
    # revision 0002: judgements stored, without their template key
    "judgement": (
        "3d452bc",
        [
            *COMMON,
            ["batch", "set", "spring", "--commercial"],
            ["comment", "2", "checked with legal"],
            ["judge"],
        ],
    ),
}


def make(name: str, commit: str, commands: list[list[str]]) -> None:
    """Build one fixture with ``commit``'s command line and write ``name.sql``."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        archive = subprocess.run(
            ["git", "archive", commit, "cockpit", "data"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        db = Path(tmp) / "old.sqlite3"
        env = {**os.environ, "PYTHONPATH": str(source), "TZ": "UTC"}
        for command in commands:
            args = [
                sys.executable,
                "-m",
                "cockpit",
                "--db",
                str(db),
                "--now",
                NOW,
                "--actor",
                "dana",
                *command,
            ]
            subprocess.run(args, check=True, env=env, cwd=tmp, capture_output=True)
        connection = sqlite3.connect(db)
        try:
            text = "\n".join(connection.iterdump()) + "\n"
        finally:
            connection.close()
    header = f"-- A database written by commit {commit} (no schema revision recorded).\n"
    (HERE / f"{name}.sql").write_text(header + text, encoding="utf-8")


def main() -> None:
    for name, (commit, commands) in FIXTURES.items():
        make(name, commit, commands)


if __name__ == "__main__":
    main()
