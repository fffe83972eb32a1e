"""Template groups and recommendations in the live model, the ``group:`` filter, ``show`` and the
details screen, on the demo's bad batch (400 sends of one broken template)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from cockpit.cli import main
from cockpit.domain.filtering import Facts, matches, parse_filter
from cockpit.domain.rules import can_still_recall
from cockpit.live.groups import message_group_key
from cockpit.live.model import LiveModel
from cockpit.services.cockpit import Cockpit
from cockpit.tui.screens.details import DetailsScreen
from tests.tui.conftest import make_app
from tests.tui.helpers import SIZE, goto, press, ready, settle

BATCH = "q4-pricing-blast"


def _batch_ids(cockpit: Cockpit, batch: str) -> list[int]:
    return [m.id for m in cockpit.repo.messages(batch=batch)]


def test_the_bad_batch_is_one_group_with_its_recallable_siblings(demo: Cockpit) -> None:
    model = LiveModel.read(demo, groups=True)
    ids = _batch_ids(demo, BATCH)
    first = ids[0]
    group = model.template_group(first)
    assert group is not None
    assert (group.batch, group.size) == (BATCH, 400)
    assert set(group.sibling_ids) == set(ids) - {first}
    items = {i.message.id: i for i in demo.assessed(demo.repo.messages(batch=BATCH))}
    expected = {
        i
        for i, item in items.items()
        if i != first and can_still_recall(item.message.status, item.window.phase)
    }
    assert set(group.open_sibling_ids) == expected
    assert 0 < group.open_siblings < 399  # the demo recalled a few, and some windows have closed
    assert {model.template_group(i).key for i in ids[:50]} == {group.key}  # type: ignore[union-attr]


def test_the_database_and_the_loaded_rows_give_the_same_group(demo: Cockpit) -> None:
    loaded = LiveModel.read(demo, groups=True)
    fresh = LiveModel(demo)  # nothing loaded: read from the batch in the database
    assert LiveModel.read(demo).table.columns.groups.key_of(0) is None  # a command works them out if asked
    for message_id in (_batch_ids(demo, BATCH)[7], _batch_ids(demo, "holiday-message-ad")[0]):
        assert fresh.template_group(message_id, demo.clock.now()) == loaded.template_group(message_id)


def test_no_batch_or_a_template_of_its_own_is_no_group(demo: Cockpit) -> None:
    model = LiveModel.read(demo, groups=True)
    unbatched = next(m for m in demo.repo.messages() if m.batch is None)
    assert model.template_group(unbatched.id) is None
    ads = _batch_ids(demo, "holiday-message-ad")
    group = model.template_group(ads[0])
    assert group is not None and group.size == len(ads) and group.open_siblings == 0  # no recall


def test_an_edit_takes_the_message_out_of_its_group(demo: Cockpit) -> None:
    ids = _batch_ids(demo, BATCH)
    group = LiveModel.read(demo, groups=True).template_group(ids[0])
    assert group is not None and group.open_sibling_ids
    target = group.open_sibling_ids[0]
    demo.actions.edit(target, "A short apology with nothing of the template.", reason="fix")
    model = LiveModel.read(demo, groups=True)
    assert model.template_group(target) is None
    after = model.template_group(ids[0])
    assert after is not None and after.size == 399 and target not in after.sibling_ids


@pytest.mark.parametrize("negate", [False, True])
def test_group_filter_matches_the_domain(demo: Cockpit, negate: bool) -> None:
    key = LiveModel(demo).template_group(_batch_ids(demo, BATCH)[0]).key  # type: ignore[union-attr]
    flt = parse_filter(("-" if negate else "") + f"group:{key}")
    model = LiveModel.read(demo, flt=flt)  # a group: term works the groups out
    chosen = []
    for item in demo.assessed(demo.repo.messages()):
        m = item.message
        group = message_group_key(m.batch, m.subject, m.body, m.recipient, m.recipient_profile_url)
        if matches(flt, Facts(m, item.window.phase.value, item.assessment.codes, group=group)):
            chosen.append(m.id)
    assert sorted(model.shown_ids()) == sorted(chosen)
    assert len(chosen) == (65 if negate else 400)


def test_show_gives_the_template_group_and_the_recommendation(
    demo: Cockpit, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "demo.sqlite3")
    first = _batch_ids(demo, BATCH)[0]
    base = ["--db", db, "--now", "2026-11-28T15:00:00Z"]
    assert main([*base, "show", "--json", str(first)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["template"]["size"] == 400 and set(data["template"]) == {"key", "size", "open_siblings"}
    assert data["recommendation"]["action"] == "recall"
    assert set(data["recommendation"]) == {"action", "reason", "cautions"}
    unbatched = next(m.id for m in demo.repo.messages() if m.batch is None)
    assert main([*base, "show", "--json", str(unbatched)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["template"] is None and data["recommendation"]["action"] in (
        "recall",
        "edit",
        "leave",
        "document",
    )
    assert main([*base, "show", str(first)]) == 0
    text = capsys.readouterr().out
    assert "  Recommended: recall: " in text
    assert (
        f"  Template group: 400 messages in batch {BATCH}, " in text
        and " still recallable (filter group:" in text
    )


async def test_details_screen_shows_the_recommendation_and_the_group(demo: Cockpit, tmp_path: Path) -> None:
    app = make_app(demo, tmp_path)
    first = _batch_ids(demo, BATCH)[0]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        goto(pilot, first)
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailsScreen)
        await settle(pilot)
        await pilot.pause(1.1)  # one tick
        text = str(app.screen.query_one("#details-triage", Static).render())
        assert "Recommended: recall" in text
        assert f"Template group: 400 messages in batch {BATCH}, " in text and "still recallable" in text


def test_groups_of_many_messages_read_each_batch_once(demo: Cockpit) -> None:
    ids = _batch_ids(demo, BATCH)[:20] + _batch_ids(demo, "holiday-message-ad")[:2]
    unbatched = next(m.id for m in demo.repo.messages() if m.batch is None)
    fresh = LiveModel(demo).template_groups([*ids, unbatched], demo.clock.now())
    loaded = LiveModel.read(demo, groups=True)
    assert set(fresh) == set(ids)  # the unbatched message is in no group
    assert fresh == {i: loaded.template_group(i) for i in ids}
