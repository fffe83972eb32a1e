"""Details of sends before this billing month load on demand: the rows shown get theirs, and a search
of the bodies looks for the older ones in the database."""

from __future__ import annotations

from pathlib import Path

from cockpit.clock import FixedClock
from cockpit.policy import Policy
from cockpit.services.cockpit import Cockpit
from cockpit.store.repository import Repository
from tests.conftest import make_send
from tests.tui.conftest import make_app
from tests.tui.helpers import SIZE, main_screen, ready, settle

MONTHS_AGO = 60 * 24 * 45  # minutes: sent last month


def _history(tmp_path: Path, clock: FixedClock, policy: Policy) -> tuple[Cockpit, list[int], int]:
    cockpit = Cockpit(Repository.open(tmp_path / "h.sqlite3"), clock, policy, "dana")
    old = cockpit.actions.add_sends(
        [
            make_send(MONTHS_AGO + n, recipient=f"Old Person {n}", body=f"Hi, an old note, ref-{n}-end.")
            for n in range(300)
        ]
    )
    recent = cockpit.actions.add_send(make_send(5, body="Hi Priya, a fresh note about the zeppelin."))
    return cockpit, old, recent


async def test_older_details_load_for_the_rows_shown_and_a_search_reaches_them_in_the_database(
    tmp_path: Path, clock: FixedClock, policy: Policy
) -> None:
    cockpit, old, recent = _history(tmp_path, clock, policy)
    app = make_app(cockpit, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        columns = screen.model.table.columns
        recent_row = columns.row_of(recent)
        assert recent_row is not None and columns.has_details[recent_row]
        unloaded = [mid for mid in old if not columns.has_details[columns.row_of(mid)]]  # type: ignore[index]
        assert unloaded, "older sends wait until they are shown or searched"
        screen.live_tick()  # the rows on screen get theirs
        await settle(pilot)
        shown = {columns.ids[row] for row in screen.table.visible_rows()}
        assert all(columns.has_details[columns.row_of(mid)] for mid in shown)  # type: ignore[index]
        screen._apply_filter("ref-7-end")
        for _ in range(200):
            await settle(pilot)
            if screen.model.pending_for_filter() == 0:
                break
            await pilot.pause(0.05)
        assert screen.model.pending_for_filter() == 0
        assert screen.model.shown_ids() == [old[7]]
        assert not screen.model.table.all_details()  # searched in the database, not loaded
        screen._apply_filter("REF-250-END")  # casefolded as in memory
        for _ in range(200):
            await settle(pilot)
            if screen.model.pending_for_filter() == 0:
                break
            await pilot.pause(0.05)
        assert main_screen(app).model.shown_ids() == [old[250]]
