"""LinkedIn's messages.csv and export zip: every header variant, BOM, CRLF, multi-line content,
system rows, drafts, received rows, mojibake, several recipients, responses."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cockpit.domain.credits import CreditState, message_credit
from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.linkedin import is_system_text
from cockpit.services.importing.service import import_file
from cockpit.store.verify import verify_audit
from tests.importing.conftest import FIXTURES, ME, state

pytestmark = pytest.mark.all_backends


def _adds_up(report) -> None:  # type: ignore[no-untyped-def]
    r, o = report.result, report.outcome
    imported = o.imported if o else 0
    assert r.rows_read == imported + report.duplicates + report.skipped + r.rejected


@pytest.mark.parametrize(
    ("name", "imported", "skipped"),
    [
        ("linkedin_2021.csv", 2, {"received": 1}),
        ("linkedin_2023.csv", 2, {"received": 1}),
        ("linkedin_2024.csv", 3, {"received": 2, "system": 2, "draft": 1}),
    ],
)
def test_every_header_variant_imports_the_owners_sends(
    cockpit: Cockpit, name: str, imported: int, skipped: dict[str, int]
) -> None:
    report = import_file(cockpit, str(FIXTURES / name), me=ME)
    assert report.written and report.result.format == "linkedin"
    assert report.outcome is not None and report.outcome.imported == imported
    assert dict(report.result.skipped) == skipped
    assert report.result.rejected == 0
    _adds_up(report)
    assert verify_audit(cockpit.repo).ok


def test_auto_detects_linkedin_and_takes_the_person_on_every_row(cockpit: Cockpit) -> None:
    report = import_file(cockpit, str(FIXTURES / "linkedin_2024.csv"))
    assert report.result.sender == ME and report.result.sender_guessed
    assert report.result.notes == [
        f"owner taken to be {ME}, who is on every row of the file (as sender or recipient); "
        "pass --me PROFILE_URL to choose another"
    ]


def test_me_chooses_whose_sends_are_imported(cockpit: Cockpit) -> None:
    priya = "http://linkedin.com/in/example-priya-raman/"  # another spelling of the same URL
    report = import_file(cockpit, str(FIXTURES / "linkedin_2024.csv"), me=priya)
    assert report.outcome is not None and report.outcome.imported == 1
    assert cockpit.repo.messages()[0].body == "Hi Dana! Are you hiring?"


def test_me_that_sent_nothing_is_bad_input_and_writes_nothing(cockpit: Cockpit) -> None:
    report = import_file(
        cockpit, str(FIXTURES / "linkedin_2024.csv"), me="https://www.linkedin.com/in/nobody"
    )
    assert not report.written
    assert report.result.file_problem is not None
    assert "no message in this file was sent from that profile" in report.result.file_problem.message
    assert state(cockpit.repo) == (0, 0)


def test_bom_and_crlf_and_quoted_header(cockpit: Cockpit) -> None:
    raw = (FIXTURES / "linkedin_2023.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and raw.count(b'"CONVERSATION ID"') == 1
    import_file(cockpit, str(FIXTURES / "linkedin_2023.csv"), me=ME)
    first = cockpit.repo.messages()[0]
    # Multi-line content inside quotes, CRLF inside the field kept exactly as written.
    assert first.body == "Hi Priya,\r\n\r\nThe Staff Data Engineer role is remote-friendly.\r\n\r\nDana"
    assert first.recipient == "Priya Raman"
    assert first.recipient_profile_url == "https://www.linkedin.com/in/example-priya-raman"
    assert first.sent_at.isoformat() == "2023-06-11T15:33:58+00:00"
    assert cockpit.repo.messages()[1].body == 'Quick follow-up, "no pressure".'


def test_multiline_content_with_lf(cockpit: Cockpit) -> None:
    import_file(cockpit, str(FIXTURES / "linkedin_2024.csv"), me=ME)
    bodies = [m.body for m in cockpit.repo.messages()]
    assert "Hi José,\nThe Payments team is hiring.\nInterested?" in bodies


def test_mojibake_is_repaired_when_unambiguous(cockpit: Cockpit) -> None:
    report = import_file(cockpit, str(FIXTURES / "linkedin_2024.csv"), me=ME)
    recipients = [m.recipient for m in cockpit.repo.messages()]
    assert "José Alvarez" in recipients
    assert not any("Ã" in r for r in recipients)
    assert report.result.repaired == 2


def test_several_recipients_is_one_message_with_every_url(cockpit: Cockpit) -> None:
    import_file(cockpit, str(FIXTURES / "linkedin_2024.csv"), me=ME)
    group = next(m for m in cockpit.repo.messages() if m.recipient == "Ana Lima, Wei Zhang")
    assert group.recipient_profile_url == (
        "https://www.linkedin.com/in/example-ana-lima;https://www.linkedin.com/in/example-wei-zhang"
    )
    assert group.channel == "message"  # a group conversation is not an InMail


def test_system_rows_drafts_and_received_rows_are_skipped_not_imported(cockpit: Cockpit) -> None:
    import_file(cockpit, str(FIXTURES / "linkedin_2024.csv"), me=ME)
    bodies = " ".join(m.body for m in cockpit.repo.messages())
    assert "Message request accepted" not in bodies
    assert "left the conversation" not in bodies
    assert "still drafting" not in bodies
    assert "Are you hiring" not in bodies


@pytest.mark.parametrize(
    "text",
    [
        "Message request accepted",
        "A LinkedIn member left the conversation.",
        "Wei Zhang left the conversation",
        "Ana Lima added Wei Zhang to the conversation.",
        "This message has been deleted.",
    ],
)
def test_system_texts(text: str) -> None:
    assert is_system_text(text)
    assert not is_system_text(f"Hi Ana,\n{text}")


def test_a_later_received_message_is_a_response_that_refunds_the_credit(cockpit: Cockpit) -> None:
    import_file(cockpit, str(FIXTURES / "linkedin_2021.csv"), me=ME)
    inmail = next(m for m in cockpit.repo.messages() if m.channel == "inmail")
    assert inmail.replied_at is not None and inmail.replied_at.isoformat() == "2021-03-02T11:40:12+00:00"
    assert message_credit(inmail, cockpit.policy).state == CreditState.REFUNDED
    observed = [e for e in cockpit.repo.audit() if e.action == "observe"]
    assert [(e.message_id, e.details["observed"]) for e in observed] == [(inmail.id, "replied")]
    assert verify_audit(cockpit.repo).ok


def test_an_acceptance_notice_is_a_response(cockpit: Cockpit) -> None:
    import_file(cockpit, str(FIXTURES / "linkedin_2024.csv"), me=ME)
    jose = next(m for m in cockpit.repo.messages() if m.recipient == "José Alvarez")
    assert jose.replied_at is not None and jose.replied_at.isoformat() == "2024-09-10T14:20:00+00:00"
    answered_first = next(m for m in cockpit.repo.messages() if m.body.startswith("Yes: see"))
    assert answered_first.replied_at is None  # Priya wrote before this send, not after it


def test_zip_export_with_messages_csv_in_a_subfolder(cockpit: Cockpit, tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_28-11-2026.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Basic_LinkedInDataExport_28-11-2026/Profile.csv", "First Name,Last Name\nDana,W\n")
        z.write(FIXTURES / "linkedin_2024.csv", "Basic_LinkedInDataExport_28-11-2026/messages.csv")
    report = import_file(cockpit, str(archive), me=ME)
    assert report.outcome is not None and report.outcome.imported == 3
    assert report.source.member == "Basic_LinkedInDataExport_28-11-2026/messages.csv"
    entry = cockpit.repo.audit()[0]
    assert entry.details["file"] == archive.name and entry.details["member"] == report.source.member


def test_zip_without_messages_csv_is_bad_input(cockpit: Cockpit, tmp_path: Path) -> None:
    from cockpit.errors import BadInput

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Profile.csv", "x\n")
    with pytest.raises(BadInput, match=r"no messages\.csv"):
        import_file(cockpit, str(archive))
    assert state(cockpit.repo) == (0, 0)


def test_reimport_adds_nothing_and_a_later_export_adds_only_the_new(cockpit: Cockpit, tmp_path: Path) -> None:
    first = import_file(cockpit, str(FIXTURES / "linkedin_2021.csv"), me=ME)
    assert first.outcome is not None and first.outcome.imported == 2
    again = import_file(cockpit, str(FIXTURES / "linkedin_2021.csv"), me=ME)
    assert again.outcome is not None and again.outcome.imported == 0 and again.duplicates == 2
    assert cockpit.repo.message_count() == 2
    # A later export: one new send, and a response to the earlier "Thanks for connecting!".
    later = tmp_path / "messages.csv"
    later.write_text(
        (FIXTURES / "linkedin_2021.csv").read_text()
        + "conv-b,x,Sam Okafor,https://www.linkedin.com/in/example-sam-okafor,Dana Whitfield,"
        "2021-03-04 08:00:00 UTC,,Likewise!,INBOX\n"
        + f"conv-z,x,Dana Whitfield,{ME},Lee Park,2021-03-05 08:00:00 UTC,,Hello Lee,INBOX\n"
    )
    report = import_file(cockpit, str(later), me=ME)
    assert report.outcome is not None
    assert (report.outcome.imported, report.duplicates, report.outcome.responses_earlier) == (1, 2, 1)
    thanks = next(m for m in cockpit.repo.messages() if m.body == "Thanks for connecting!")
    assert thanks.replied_at is not None and thanks.version == 2
    assert verify_audit(cockpit.repo).ok


def test_open_windows_and_lateness_are_reported(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    recent = tmp_path / "messages.csv"
    recent.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
        f"c1,t,Dana,{ME},Priya,2026-11-28 14:50:00 UTC,Role,Hi Priya,INBOX\n"
        f"c2,t,Dana,{ME},Sam,2026-11-28 12:00:00 UTC,Role,Hi Sam,INBOX\n"
    )
    result = cli("import", str(recent), "--me", ME)
    assert result.code == 0
    assert "1 of 2 arrived with the recall window still open" in result.out
    assert "newest send is 10 min old" in result.out
