"""The same send from a sends file and from the LinkedIn export: linked, not stored twice."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, update

from cockpit.clock import iso_z
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.linking import same_name, same_text
from cockpit.services.importing.service import ImportReport, import_file
from cockpit.store.links import stored_links
from cockpit.store.tables import audit_table, message_link_table
from cockpit.store.verify import verify_audit
from tests.conftest import NOW, make_send
from tests.importing.conftest import ME, CliResult, state

pytestmark = pytest.mark.all_backends

EXPORT_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "SUBJECT", "CONTENT", "FOLDER",
]  # fmt: skip
PRIYA_URL = "https://www.linkedin.com/in/example-priya-raman"
BODY = "Hi Priya,\n\nYour work on event streaming stood out. Open to a call?\n\nDana"
SENT = NOW - timedelta(minutes=30)


def export(tmp_path: Path, rows: list[dict[str, str]], name: str = "messages.csv") -> Path:
    """A LinkedIn export whose owner (Dana) sent ``rows`` (each may override the defaults), plus a
    message Dana received, so the owner is clear."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for index, row in enumerate(rows):
        values = {
            "CONVERSATION ID": f"conv-{index}",
            "CONVERSATION TITLE": "Dana Whitfield and Priya Raman",
            "FROM": "Dana Whitfield",
            "SENDER PROFILE URL": ME,
            "TO": "Priya Raman",
            "RECIPIENT PROFILE URLS": PRIYA_URL,
            "DATE": f"{SENT:%Y-%m-%d %H:%M:%S} UTC",
            "SUBJECT": "Senior Backend Engineer",
            "CONTENT": BODY,
            "FOLDER": "INBOX",
            **row,
        }
        writer.writerow([values[column] for column in EXPORT_HEADER])
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def sends(tmp_path: Path, rows: list[dict[str, str]], name: str = "sends.csv") -> Path:
    """A sends file of ``rows`` (each may override the defaults)."""
    columns = ["sent_at", "recipient", "subject", "body", "recipient_profile_url", "external_id"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for index, row in enumerate(rows):
        values = {
            "sent_at": iso_z(SENT),
            "recipient": "Priya Raman",
            "subject": "Senior Backend Engineer",
            "body": BODY,
            "recipient_profile_url": PRIYA_URL,
            "external_id": f"tool-{index + 1:04d}",
            **row,
        }
        writer.writerow([values[c] for c in columns])
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def counted(report: ImportReport) -> tuple[int, int, int]:
    """``(imported, linked, duplicates)``, after checking that the summary adds up."""
    assert report.outcome is not None
    r = report.result
    assert r.rows_read == report.outcome.imported + report.duplicates + report.skipped + r.rejected
    return report.outcome.imported, report.outcome.linked, report.duplicates


def links_in_log(cockpit: Cockpit) -> list[tuple[int | None, object]]:
    return [(e.message_id, e.details.get("key")) for e in cockpit.repo.audit() if e.action == "link"]


def test_a_send_from_the_sends_file_and_the_export_is_one_message(cockpit: Cockpit, tmp_path: Path) -> None:
    assert counted(import_file(cockpit, str(sends(tmp_path, [{}])))) == (1, 0, 0)
    report = import_file(cockpit, str(export(tmp_path, [{}])))
    assert counted(report) == (0, 1, 1)
    assert cockpit.repo.message_count() == 1
    [(message_id, key)] = links_in_log(cockpit)
    assert message_id == 1 and isinstance(key, str) and key.startswith("linkedin:")
    with cockpit.repo.read() as r:
        assert stored_links(r.conn) == {key: 1}
    entry = next(
        e for e in cockpit.repo.audit() if e.action == "import" and e.details["format"] == "linkedin"
    )
    assert entry.details["counts"]["linked"] == 1  # type: ignore[index]
    assert entry.details["counts"]["duplicates"] == 1  # type: ignore[index]
    assert verify_audit(cockpit.repo).ok

    before = state(cockpit.repo)
    again = import_file(cockpit, str(export(tmp_path, [{}])))
    assert counted(again) == (0, 0, 1)  # the linked key is known: a duplicate, no second link
    assert state(cockpit.repo) == (before[0], before[1] + 1)  # only the new import entry
    assert len(links_in_log(cockpit)) == 1
    assert verify_audit(cockpit.repo).ok


def test_the_other_way_round_a_sends_file_after_the_export(cockpit: Cockpit, tmp_path: Path) -> None:
    assert counted(import_file(cockpit, str(export(tmp_path, [{}])))) == (1, 0, 0)
    assert counted(import_file(cockpit, str(sends(tmp_path, [{}])))) == (0, 1, 1)
    assert cockpit.repo.message_count() == 1
    assert links_in_log(cockpit) == [(1, "tool-0001")]
    assert counted(import_file(cockpit, str(sends(tmp_path, [{}])))) == (0, 0, 1)
    assert verify_audit(cockpit.repo).ok


def test_a_send_logged_by_hand_is_linked_too(cockpit: Cockpit, tmp_path: Path) -> None:
    cockpit.actions.add_send(make_send(30, body=BODY, subject="Senior Backend Engineer"))
    assert counted(import_file(cockpit, str(export(tmp_path, [{}])))) == (0, 1, 1)
    assert verify_audit(cockpit.repo).ok


def test_a_response_in_the_export_is_recorded_on_the_linked_message(cockpit: Cockpit, tmp_path: Path) -> None:
    import_file(cockpit, str(sends(tmp_path, [{}])))
    reply = {
        "FROM": "Priya Raman",
        "SENDER PROFILE URL": PRIYA_URL,
        "TO": "Dana Whitfield",
        "RECIPIENT PROFILE URLS": ME,
        "DATE": f"{SENT + timedelta(minutes=5):%Y-%m-%d %H:%M:%S} UTC",
        "SUBJECT": "",
        "CONTENT": "Thanks, Thursday works.",
        "CONVERSATION ID": "conv-0",
    }
    report = import_file(cockpit, str(export(tmp_path, [{}, reply])), me=ME)
    assert counted(report) == (0, 1, 1)
    [message] = cockpit.repo.messages()
    assert message.replied_at == SENT + timedelta(minutes=5)
    assert verify_audit(cockpit.repo).ok


@pytest.mark.parametrize(
    ("seconds", "linked"),
    [(0, True), (-120, True), (120, True), (121, False), (-121, False), (3600, False)],
)
def test_the_time_tolerance_edges(cockpit: Cockpit, tmp_path: Path, seconds: int, linked: bool) -> None:
    assert cockpit.policy.link_tolerance_seconds == 120
    import_file(cockpit, str(sends(tmp_path, [{"sent_at": iso_z(SENT + timedelta(seconds=seconds))}])))
    report = import_file(cockpit, str(export(tmp_path, [{}])))
    assert counted(report) == ((0, 1, 1) if linked else (1, 0, 0))
    assert verify_audit(cockpit.repo).ok


@pytest.mark.parametrize(
    ("sends_row", "export_row", "linked"),
    [
        # no profile URL on one side: the name decides, ignoring case and accents
        ({"recipient": "PRIYA RAMAN", "recipient_profile_url": ""}, {}, True),
        ({"recipient": "Jose Alvarez", "recipient_profile_url": ""}, {"TO": "José  Álvarez"}, True),
        ({"recipient": "Priya Ramen", "recipient_profile_url": ""}, {}, False),
        # both have a URL: the URL decides (the name may be spelt otherwise)
        ({"recipient": "P. Raman", "recipient_profile_url": PRIYA_URL.upper() + "/"}, {}, True),
        ({"recipient_profile_url": "https://www.linkedin.com/in/someone-else"}, {}, False),
        # the text: line endings and whitespace do not matter, words do
        ({"body": BODY.replace("\n", "\r\n") + "  "}, {}, True),
        ({"body": BODY + " Thanks"}, {}, False),
    ],
)
def test_what_makes_the_same_send(
    cockpit: Cockpit, tmp_path: Path, sends_row: dict[str, str], export_row: dict[str, str], linked: bool
) -> None:
    import_file(cockpit, str(sends(tmp_path, [sends_row])))
    report = import_file(cockpit, str(export(tmp_path, [export_row])))
    assert counted(report) == ((0, 1, 1) if linked else (1, 0, 0))


def test_another_seat_is_another_send(cockpit: Cockpit, tmp_path: Path) -> None:
    cockpit.actions.add_seat("dana", "recruiter")
    cockpit.actions.add_seat("sam", "recruiter")
    import_file(cockpit, str(sends(tmp_path, [{}])), seat="sam")
    assert counted(import_file(cockpit, str(export(tmp_path, [{}])), seat="dana")) == (1, 0, 0)
    assert counted(
        import_file(cockpit, str(export(tmp_path, [{"CONVERSATION ID": "c-sam"}], "sam.csv")), seat="sam")
    ) == (0, 1, 1)


def test_two_candidates_are_ambiguous_imported_as_new_with_a_warning(
    cockpit: Cockpit, tmp_path: Path
) -> None:
    later = iso_z(SENT + timedelta(seconds=60))
    import_file(cockpit, str(sends(tmp_path, [{}, {"sent_at": later}])))
    report = import_file(
        cockpit, str(export(tmp_path, [{"DATE": f"{SENT + timedelta(seconds=30):%Y-%m-%d %H:%M:%S} UTC"}]))
    )
    assert counted(report) == (1, 0, 0)
    assert report.outcome is not None
    [warning] = report.outcome.link_warnings
    assert (warning.message_ids, warning.reason) == ((1, 2), "ambiguous")
    assert links_in_log(cockpit) == []
    entry = cockpit.repo.audit()[-1]
    assert entry.details["link_warnings"] == [
        {"sent_at": iso_z(SENT + timedelta(seconds=30)), "message_ids": [1, 2], "reason": "ambiguous"}
    ]
    assert verify_audit(cockpit.repo).ok


def test_the_summary_names_links_and_warnings(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    first = cli("import", str(sends(tmp_path, [{}, {"sent_at": iso_z(SENT + timedelta(seconds=60))},
                                                {"recipient": "Sam [bold]Okafor", "recipient_profile_url": "",
                                                 "sent_at": iso_z(SENT - timedelta(hours=1))}])))  # fmt: skip
    assert first.code == 0
    rows = [
        {"DATE": f"{SENT + timedelta(seconds=30):%Y-%m-%d %H:%M:%S} UTC"},
        {
            "TO": "Sam [bold]Okafor",
            "RECIPIENT PROFILE URLS": "",
            "DATE": f"{SENT - timedelta(hours=1):%Y-%m-%d %H:%M:%S} UTC",
        },
    ]
    result = cli("import", str(export(tmp_path, rows)), "--me", ME)
    assert result.code == 0, result.err
    assert "rows read   2 = imported 1 + duplicates 1 + skipped 0 + rejected 0" in result.out
    assert "duplicates  1 linked to sends already stored from another file" in result.out
    assert "  linked      1 row matched a send stored from another file" in result.out
    assert "message 3" in result.out
    assert "  warning     Priya Raman at " in result.out
    assert "matches messages 1, 2 equally: imported as a new message, linked to neither" in result.out
    assert cli("audit", "verify").code == 0


def test_a_message_already_linked_is_not_linked_again(cockpit: Cockpit, tmp_path: Path) -> None:
    import_file(cockpit, str(sends(tmp_path, [{}])))
    # The same text twice within the tolerance, in two conversations: the first row is linked,
    # the second cannot be the same send too.
    rows = [
        {},
        {"CONVERSATION ID": "conv-other", "DATE": f"{SENT + timedelta(seconds=20):%Y-%m-%d %H:%M:%S} UTC"},
    ]
    report = import_file(cockpit, str(export(tmp_path, rows)))
    assert counted(report) == (1, 1, 1)
    assert report.outcome is not None
    [warning] = report.outcome.link_warnings
    assert (warning.message_ids, warning.reason) == ((1,), "already linked")
    assert verify_audit(cockpit.repo).ok


def test_verify_catches_a_tampered_link(cockpit: Cockpit, tmp_path: Path) -> None:
    import_file(cockpit, str(sends(tmp_path, [{}, {"recipient": "Sam Okafor", "recipient_profile_url": ""}])))
    import_file(cockpit, str(export(tmp_path, [{}])))
    assert verify_audit(cockpit.repo).ok
    with cockpit.repo.engine.begin() as conn:
        conn.execute(update(message_link_table).values(message_id=2))
    result = verify_audit(cockpit.repo)
    assert not result.ok and "the link names message 2" in (result.problem or "")

    with cockpit.repo.engine.begin() as conn:
        conn.execute(delete(message_link_table))
    result = verify_audit(cockpit.repo)
    assert not result.ok and "the link is missing" in (result.problem or "")

    with cockpit.repo.engine.begin() as conn:
        conn.execute(
            insert(message_link_table).values(external_id="linkedin:forged", message_id=2, created_at=NOW)
        )
    problems = verify_audit(cockpit.repo).problems
    assert any("'linkedin:forged' to message 2 has no audit entry" in p for p in problems)


def test_verify_catches_an_edited_link_entry(cockpit: Cockpit, tmp_path: Path) -> None:
    import_file(cockpit, str(sends(tmp_path, [{}])))
    import_file(cockpit, str(export(tmp_path, [{}])))
    seq = next(e.seq for e in cockpit.repo.audit() if e.action == "link")
    with cockpit.repo.engine.begin() as conn:
        conn.execute(update(audit_table).where(audit_table.c.seq == seq).values(message_id=99))
    result = verify_audit(cockpit.repo)
    assert not result.ok and result.first_bad_seq == seq


def test_comparable_forms() -> None:
    assert same_name("  José   ÁLVAREZ ") == same_name("jose alvarez")
    assert same_text("a\r\n\r\nb\tc  ") == same_text("a\n\nb c")
