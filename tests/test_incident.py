"""``cockpit incident``: the compliance officer's report for the demo's bad batch."""

from __future__ import annotations

import re
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.clock import FixedClock
from cockpit.domain.exposure import total_exposure
from cockpit.policy import Policy
from cockpit.reports.incident import CAVEAT, build_incident
from cockpit.reports.incident_markdown import md, md_quote
from cockpit.reports.summary import select_items
from cockpit.services.cockpit import Cockpit
from cockpit.services.demo import build_demo
from cockpit.store.repository import Repository
from cockpit.store.verify import verify_audit
from tests.conftest import NOW, make_send

pytestmark = pytest.mark.all_backends

BATCH = "q4-pricing-blast"


@pytest.fixture
def demo(repo: Repository, clock: FixedClock, policy: Policy) -> Cockpit:
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="alice")
    build_demo(cockpit)
    return cockpit


@pytest.fixture
def report(demo: Cockpit) -> str:
    return build_incident(demo, select_items(demo, batch=BATCH), f"batch {BATCH}", NOW)


def section(text: str, title: str) -> str:
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_the_report_has_every_section(report: str) -> None:
    assert report.startswith(f"# Incident report: batch {md(BATCH)}\n")
    for title in (
        "1. Summary",
        "2. What was sent, by whom, when",
        "3. What was recalled or edited, and when",
        "4. What leaked anyway",
        "5. Credits",
        "6. Maximum exposure",
        "7. Audit trail",
    ):
        assert f"\n## {title}\n" in report


def test_what_was_sent(report: str, demo: Cockpit) -> None:
    sent = section(report, "2.")
    items = select_items(demo, batch=BATCH)
    assert "| sam.ortiz |" in sent and f"| {len(items):,} |" in sent
    for item in items[:5]:
        assert f"| {item.message.id} | " in sent
    assert "### Texts as sent" in sent


def test_a_bulk_mark_claims_no_time_before_close(report: str, demo: Cockpit) -> None:
    marks = section(report, "3.")
    recalled = [i for i in select_items(demo, batch=BATCH) if i.message.status == "recalled"]
    assert len(recalled) == 6  # the demo marks six at once
    for item in recalled:
        minutes = (item.window.deadline - NOW).total_seconds() / 60
        assert f"| {item.message.id} |" in marks
        assert f"| {minutes:.1f} |" not in marks
    assert marks.count("marked recalled in a bulk mark of 6 at 15:00 UTC") == 6
    assert "### Marked one by one\n\nNone." in marks
    assert "broken template and pasted price list" in marks
    assert "394 messages were not recalled or edited" in marks
    summary = section(report, "1.")
    assert "**Recalled:** 6 (0 one by one, 6 in 1 bulk mark; when each of these was deleted" in summary


def test_marks_one_by_one_keep_their_real_minutes_before_close(
    demo: Cockpit, clock: FixedClock, policy: Policy
) -> None:
    open_ids = [
        i.message.id
        for i in select_items(demo, batch=BATCH)
        if i.message.status == "sent" and i.window.phase.value != "closed"
    ]
    first, walked, bulk = open_ids[0], open_ids[1], open_ids[2:5]
    clock.advance(30)
    demo.actions.recall_one(first, reason="wrong price")
    clock.advance(40)
    demo.actions.recall_one(walked, via="walk")
    clock.advance(50)
    demo.actions.recall(bulk, reason="already deleted")
    now = clock.now()
    items = select_items(demo, batch=BATCH)
    report = build_incident(demo, items, f"batch {BATCH}", now)
    marks = section(report, "3.")
    by_id = {i.message.id: i for i in items}
    for message_id, at in ((first, NOW + timedelta(seconds=30)), (walked, NOW + timedelta(seconds=70))):
        minutes = (by_id[message_id].window.deadline - at).total_seconds() / 60
        row = next(line for line in marks.splitlines() if f"| {message_id} |" in line)
        assert f"| {minutes:.1f} |" in row
        assert ("| walk |" if message_id == walked else "| one by one |") in row
    for message_id in bulk:
        row = next(line for line in marks.splitlines() if f"| {message_id} |" in line)
        assert "marked recalled in a bulk mark of 3 at 15:02 UTC" in row
        assert "already deleted" in row
    summary = section(report, "1.")
    assert "**Recalled:** 11 (2 one by one, 9 in 2 bulk marks" in summary


def test_what_leaked_and_credits(report: str, demo: Cockpit) -> None:
    leaks = section(report, "4.")
    assert "the first 140 characters" in leaks
    assert "| PLACEHOLDER |" in leaks  # the broken greeting was inside the preview
    assert "Hi \\{\\{first\\_name\\}\\}" in leaks
    credits = section(report, "5.")
    assert "| consumed (lost) |" in credits
    assert "A recall never refunds a credit" in credits


def test_maximum_exposure_with_statutes_and_caveat(report: str, demo: Cockpit) -> None:
    items = select_items(demo, batch=BATCH)
    total, lines = total_exposure((i.assessment.penalties for i in items), demo.policy)
    assert total >= 400 * 53_088  # every message lacks an opt-out: CAN-SPAM on all 400
    exposure = section(report, "6.")
    assert f"**${total:,}**" in exposure
    for line in lines:
        assert md(line.statute) in exposure
    assert CAVEAT in exposure
    assert "not legal advice" in CAVEAT and "**maximum**" in CAVEAT
    assert f"**Maximum exposure:** ${total:,}" in report


def test_audit_entries_with_hashes_and_verify_result(report: str, demo: Cockpit) -> None:
    audit = section(report, "7.")
    result = verify_audit(demo.repo)
    assert result.ok
    assert f"**OK**: {result.entries:,} entries" in audit and result.head_hash in audit
    ids = {i.message.id for i in select_items(demo, batch=BATCH)}
    for entry in demo.repo.audit():
        if entry.message_id in ids:
            assert f"`{entry.hash}`" in audit
    assert audit.count("| recall |") == 6


def test_message_text_cannot_break_the_document(repo: Repository, clock: FixedClock, policy: Policy) -> None:
    cockpit = Cockpit(repo=repo, clock=clock, policy=policy, actor="alice")
    hostile_subject = "a | b ` c # d <script>x</script> [x](javascript:alert(1))"
    hostile_body = "# Not a heading\n```\n| forged | row |\n- item\n\x1b[2Jcleared\u202eevil"
    cockpit.actions.add_send(
        make_send(recipient="Ana | Lima", subject=hostile_subject, body=hostile_body, batch="x|y")
    )
    text = build_incident(cockpit, select_items(cockpit, batch="x|y"), "batch " + md("x|y"), NOW)
    # No line of the document starts with syntax that came from the data.
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(line.startswith(("# Incident report", "## ", "### ")) for line in headings)
    assert "\n```" not in text and "\x1b" not in text and "\u202e" not in text
    for line in text.splitlines():
        if line.startswith("| ") and "Ana" in line:
            # every pipe from the data is escaped, so the row keeps its column count
            assert len(re.findall(r"(?<!\\)\|", line)) == 9
    assert "\\<script\\>" in text and "\\`" in text
    assert md_quote(hostile_body).splitlines()[0] == "> \\# Not a heading  "


def test_command_writes_atomically_with_mode_0600(
    demo: Cockpit, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.md"
    code = main(
        ["--db", database_url, "--now", NOW.isoformat(), "incident", "--batch", BATCH, "--out", str(out)]
    )
    assert code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("# Incident report: batch q4-pricing-blast\n")
    assert "written to" in capsys.readouterr().err
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.md")]  # no temp file


def test_filter_and_usage(demo: Cockpit, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", database_url, "--now", (NOW + timedelta(seconds=1)).isoformat(), "incident"]
    assert main([*args, "--filter", "risk:SSN"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Incident report: messages matching risk:SSN")
    assert main(args) == 2
    assert main([*args, "--batch", "no-such-batch"]) == 1
    assert "no messages in batch 'no-such-batch'" in capsys.readouterr().err
    assert main([*args, "--filter", "colour:red"]) == 1
