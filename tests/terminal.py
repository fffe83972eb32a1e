"""Running a command on a real pseudo-terminal and reading what it wrote there."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios


def on_a_terminal(args: list[str]) -> bytes:
    """What ``args`` writes to a real pseudo-terminal (its standard output and error)."""
    return run_on_a_terminal(args)[1]


def run_on_a_terminal(args: list[str], width: int = 120) -> tuple[int, bytes]:
    """Run ``args`` on a real pseudo-terminal ``width`` columns wide: its exit code, and what it
    wrote there (standard output and error)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    seen = bytearray()
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        seen.extend(chunk)
    code = process.wait(30)
    os.close(leader)
    return code, bytes(seen)
