# ruff: noqa: E501  (whole summary lines, as printed)
"""The shapes real LinkedIn exports take (DESIGN section 9; sources in fixtures/README.md): each
imports as described, and the summary says what was made of it, every figure asserted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.service import import_file
from cockpit.store.verify import verify_audit
from tests.importing import make_large_export
from tests.importing.conftest import FIXTURES, ME, CliResult, state
from tests.importing.test_linkedin_chunked import import_four_ways

pytestmark = pytest.mark.all_backends

ENCODED_ME = "http://linkedin.com/in/Example-Dana-Whitfield/"


def test_the_shapes_import_and_the_summary_names_each(cli: Callable[..., CliResult]) -> None:
    result = cli("import", str(FIXTURES / "linkedin_shapes.csv"))
    assert result.code == 0 and result.err == ""
    assert result.out.splitlines() == [
        "Imported linkedin_shapes.csv, LinkedIn export: 8 new messages",
        "  rows read   12 = imported 8 + duplicates 0 + skipped 4 + rejected 0",
        "  skipped     received 3, system 1",
        f"  note        owner taken to be {ME}, who is on every row of the file (as sender or recipient); "
        "pass --me PROFILE_URL to choose another",
        "  sends       8 in the file: InMails 3, first messages 2, replies 1, follow-ups 2",
        "              4 cost a credit (InMails and 1 unanswered follow-up to them); replies, in conversations "
        "the other side started, are free",
        "  deleted     1 send to a since-deleted member (empty TO), imported as 'LinkedIn Member (deleted account)'",
        "  attachments 1 attachment-only send imported with an empty body (each attachment is named in the "
        "audit entry)",
        "  notices     2 sends answered by a 'Message request accepted/declined' notice (recorded as the response)",
        "  responses   3 sends have a response in the file; a response within 90 days refunds the credit",
        "  windows     1 of 8 arrived with the recall window still open: act in LinkedIn now "
        "(cockpit list --filter 'phase:open,urgent,critical')",
        "              the file's newest send is 30 min old",
        "  ids         1-8; audit entry 1",
    ]
    assert "mojibake" not in result.out  # Tomáš Minář is correct Czech, not garbled text


def test_the_shapes_are_stored_as_described(cockpit: Cockpit) -> None:
    report = import_file(cockpit, str(FIXTURES / "linkedin_shapes.csv"), me=ENCODED_ME)
    assert report.outcome is not None and report.outcome.imported == 8
    assert (report.result.repaired, report.result.unrepaired) == (0, 0)
    by_body = {m.body: m for m in cockpit.repo.messages()}
    assert by_body["Thanks Lena, Thursday works."].channel == "message"  # a reply, subject repeated
    tomas = by_body["Dobrý den Tomáši, a backend role at Northwind?"]
    assert (tomas.channel, tomas.recipient) == ("inmail", "Tomáš Minář")
    follow_up = by_body["Tomáš, just checking you saw my note."]
    assert follow_up.channel == "inmail"  # unanswered follow-up to an InMail: a credit (policy, unverified)
    accepted = "2026-11-27T16:00:00+00:00"  # the notice without a sender
    assert tomas.replied_at is not None and tomas.replied_at.isoformat() == accepted
    deleted = by_body["Hi, a data role you might like."]
    assert (deleted.recipient, deleted.recipient_profile_url, deleted.channel) == (
        "LinkedIn Member (deleted account)", None, "inmail"
    )  # fmt: skip
    attachment = by_body[""]
    assert (attachment.channel, attachment.recipient) == ("message", "Priya Raman")  # after Priya answered
    guild = by_body["Slides from today are in the folder."]
    assert guild.recipient_profile_url == (
        "https://www.linkedin.com/in/example-ana-lima;https://www.linkedin.com/in/example-wei-zhang"
    )
    assert guild.channel == "message"
    assert by_body["Hola Jorge, good to meet you yesterday."].recipient == "Jorge Sánchez"
    entry = cockpit.repo.audit()[0]
    assert entry.details["attachments_by_id"] == {
        str(attachment.id): "https://www.linkedin.com/dms/example-attachment/job-description.pdf"
    }
    assert entry.details["kinds"] == {
        "InMail": 3, "first message": 2, "follow-up": 1, "follow-up, InMail": 1, "reply": 1
    }  # fmt: skip
    assert entry.details["shapes"] == {"attachment only": 1, "deleted member": 1, "notice": 2}
    assert verify_audit(cockpit.repo).ok


@pytest.mark.parametrize(
    "me",
    [
        "https://www.linkedin.com/in/example-jorge-s%C3%A1nchez/",
        "http://www.linkedin.com/in/example-jorge-sánchez",
        "https://cz.linkedin.com/in/EXAMPLE-JORGE-S%C3%A1NCHEZ",
    ],
)
def test_me_as_a_browser_copies_it_matches_the_same_profile(
    cockpit: Cockpit, tmp_path: Path, me: str
) -> None:
    path = tmp_path / "messages.csv"
    written = (FIXTURES / "linkedin_shapes.csv").read_text(encoding="utf-8")
    jorge = "https://www.linkedin.com/in/example-jorge-sánchez"
    path.write_text(
        written
        + f'"t-jorge","","Jorge Sánchez","{jorge}","Dana Whitfield","{ME}","2026-11-22 10:00:00 UTC","",'
        '"Gracias Dana","INBOX","","No","No"\r\n',
        encoding="utf-8",
    )
    report = import_file(cockpit, str(path), me=me)
    assert report.result.file_problem is None
    assert report.outcome is not None and report.outcome.imported == 1
    assert [m.body for m in cockpit.repo.messages()] == ["Gracias Dana"]


def test_an_export_from_2018_with_direction(cli: Callable[..., CliResult]) -> None:
    result = cli("import", str(FIXTURES / "linkedin_2018_direction.csv"))
    assert result.code == 0
    assert result.out.splitlines()[:6] == [
        "Imported linkedin_2018_direction.csv, LinkedIn export: 2 new messages",
        "  rows read   3 = imported 2 + duplicates 0 + skipped 1 + rejected 0",
        "  skipped     received 1",
        "  note        owner Dana Whitfield: the export's DIRECTION column tells",
        "  sends       2 in the file: InMails 1, first messages 1, replies 0, follow-ups 0",
        "              1 costs a credit (InMails); replies, in conversations the other side started, are free",
    ]
    assert (
        "  responses   1 send has a response in the file; a response within 90 days refunds the credit"
        in (result.out.splitlines())
    )


def test_an_export_from_2020_without_profile_urls(cli: Callable[..., CliResult]) -> None:
    result = cli("import", str(FIXTURES / "linkedin_2020.csv"))
    assert result.code == 0
    assert result.out.splitlines()[:5] == [
        "Imported linkedin_2020.csv, LinkedIn export: 2 new messages",
        "  rows read   4 = imported 2 + duplicates 0 + skipped 2 + rejected 0",
        "  skipped     received 2",
        "  note        owner taken to be Dana Whitfield, who is on every row of the file (as sender or "
        "recipient); pass --me-name NAME to choose another",
        "  sends       2 in the file: InMails 1, first messages 0, replies 1, follow-ups 0",
    ]


def test_me_on_an_export_without_urls_says_what_the_export_lacks(cli: Callable[..., CliResult]) -> None:
    result = cli("import", str(FIXTURES / "linkedin_2020.csv"), "--me", ME)
    assert result.code == 1
    assert result.err == (
        "cockpit: linkedin_2020.csv, LinkedIn export: line 1: this is a LinkedIn export from before 2021, which "
        "lacks the profile URL columns, so --me cannot be matched: name yourself with --me-name NAME; "
        "nothing was imported\n"
    )
    chosen = cli("import", str(FIXTURES / "linkedin_2020.csv"), "--me-name", "Priya  Raman")
    assert chosen.code == 0 and "1 new message" in chosen.out.splitlines()[0]


def test_a_2020_export_of_one_conversation_cannot_tell_its_owner(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    path = tmp_path / "messages.csv"
    lines = (FIXTURES / "linkedin_2020.csv").read_text().splitlines()
    path.write_text("\n".join(lines[:3]) + "\n")  # Priya and Dana, one message each
    result = cli("import", str(path))
    assert result.code == 1
    assert result.err.startswith(
        "cockpit: messages.csv, LinkedIn export: line 1: this is a LinkedIn export from before 2021, which lacks "
        "the profile URL columns; cannot tell whose export this is: "
    )
    assert "are each on every row; name yours with --me-name NAME" in result.err


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("guide_messages.csv", "your conversations with LinkedIn's AI assistant"),
        ("LearningCoachMessages.csv", "your LinkedIn Learning coach conversations"),
    ],
)
def test_sibling_files_say_what_they_are(cli: Callable[..., CliResult], name: str, what: str) -> None:
    result = cli("import", str(FIXTURES / name))
    assert result.code == 1
    assert result.err.startswith(f"cockpit: {name}: this file of LinkedIn's export holds {what}")
    assert "import messages.csv from the same archive" in result.err


def test_a_prefix_where_a_contact_wrote_more_than_the_owner(cockpit: Cockpit, tmp_path: Path) -> None:
    lines = make_large_export.text().splitlines()
    chatty = [lines[0]] + [line for line in lines[1:] if line.startswith(("conv-006,", "conv-014,"))]
    path = tmp_path / "messages.csv"
    path.write_text("\n".join(chatty) + "\n", encoding="utf-8")
    report = import_file(cockpit, str(path))
    assert report.result.sender == ME  # 10 messages from the contacts, 2 from Dana
    assert report.outcome is not None and report.outcome.imported == 2
    assert dict(report.result.skipped) == {"received": 10}
    assert dict(report.result.kind_counts) == {"reply": 2}


def test_the_large_fixture_is_what_the_script_writes() -> None:
    assert (FIXTURES / "linkedin_large.csv").read_text(encoding="utf-8") == make_large_export.text()


def test_the_large_fixture_summary(cli: Callable[..., CliResult]) -> None:
    result = cli("import", str(FIXTURES / "linkedin_large.csv"))
    assert result.code == 0
    assert result.out.splitlines() == [
        "Imported linkedin_large.csv, LinkedIn export: 181 new messages",
        "  rows read   354 = imported 181 + duplicates 0 + skipped 173 + rejected 0",
        "  skipped     received 143, system 30",
        f"  note        owner taken to be {ME}, who is on every row of the file (as sender or recipient); "
        "pass --me PROFILE_URL to choose another",
        "  sends       181 in the file: InMails 46, first messages 45, replies 45, follow-ups 45",
        "              61 cost a credit (InMails and 15 unanswered follow-ups to them); replies, in "
        "conversations the other side started, are free",
        "  deleted     15 sends to a since-deleted member (empty TO), imported as 'LinkedIn Member (deleted "
        "account)'",
        "  attachments 15 attachment-only sends imported with an empty body (each attachment is named in the "
        "audit entry)",
        "  notices     30 sends answered by a 'Message request accepted/declined' notice (recorded as the "
        "response)",
        "  responses   83 sends have a response in the file; a response within 90 days refunds the credit",
        "  windows     1 of 181 arrived with the recall window still open: act in LinkedIn now "
        "(cockpit list --filter 'phase:open,urgent,critical')",
        "              the file's newest send is 20 min old",
        "  ids         1-181; audit entry 1",
    ]
    again = cli("import", str(FIXTURES / "linkedin_large.csv"))
    assert (
        again.out.splitlines()[1]
        == "  rows read   354 = imported 0 + duplicates 181 + skipped 173 + rejected 0"
    )


def test_the_large_fixture_reads_the_same_by_columns_and_by_rows(tmp_path: Path) -> None:
    outcome, column_reads = import_four_ways(tmp_path, make_large_export.text())
    assert outcome["outcome"] is not None and outcome["outcome"]["imported"] == 181
    assert False in column_reads  # the shapes need the row-by-row path


def test_the_zip_with_only_siblings_names_them(cockpit: Cockpit, tmp_path: Path) -> None:
    import zipfile

    from cockpit.errors import BadInput

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURES / "guide_messages.csv", "guide_messages.csv")
    with pytest.raises(BadInput, match=r"no messages\.csv, only guide_messages\.csv"):
        import_file(cockpit, str(archive))
    assert state(cockpit.repo) == (0, 0)
