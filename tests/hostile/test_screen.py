"""The hostile corpus on the screen: every row of the table, a page at a time, and the details of the
worst messages, drawn without a raw control sequence and without a crash."""

from __future__ import annotations

import re
from pathlib import Path

from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from cockpit.text import UNSAFE_CODES
from tests.hostile.corpus import SEQUENCES, corpus_sends, hostile_strings
from tests.tui.conftest import make_app
from tests.tui.helpers import SIZE, goto, notifications, press, ready, screen_text, settle, terminal_output

STRINGS = hostile_strings()


def _raw_from_data(output: str) -> list[str]:
    """Unsafe characters in a frame, less the escape sequences the screen itself draws with."""
    own = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # Rich's and Textual's own CSI styling and moves
    rest = own.sub("", output)
    return sorted({f"U+{ord(ch):04X}" for ch in rest if ord(ch) in UNSAFE_CODES})


async def test_the_whole_corpus_on_the_table_and_in_details(
    tmp_path: Path, policy: Policy, clock: FixedClock
) -> None:
    repo = Repository.open(tmp_path / "hostile.sqlite3")
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="[/]dana\u202e")
    ids = cockpit.actions.add_sends(corpus_sends(STRINGS))
    worst = [ids[STRINGS.index(f"before {item} after")] for item in SEQUENCES]
    app = make_app(cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pages = 0
        while pages < len(STRINGS) // 30 + 2:
            frame = terminal_output(app)
            assert _raw_from_data(frame) == [], pages
            assert "\x1b]" not in frame and "\x1bP" not in frame and "\x1b[2J" not in frame
            await press(pilot, "pagedown")
            pages += 1
        for message_id in worst:
            goto(pilot, message_id)
            await press(pilot, "enter")
            await settle(pilot)
            frame = terminal_output(app)
            assert _raw_from_data(frame) == [], message_id
            assert "before" in screen_text(app)
            await press(pilot, "escape")
        for note in notifications(app):
            assert not any(ord(ch) in UNSAFE_CODES for ch in note)
    repo.close()
