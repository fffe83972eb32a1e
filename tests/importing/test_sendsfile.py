"""Sends files (DESIGN section 4): CSV and JSONL, defaults, keys, idempotent re-import, the audit entry."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.services.cockpit import Cockpit
from cockpit.services.importing.sendsrow import COLUMNS, derived_key
from cockpit.services.importing.service import import_file
from cockpit.services.new_send import derived_external_id
from cockpit.store.instant_text import encode_instant
from cockpit.store.verify import verify_audit
from tests.conftest import make_send
from tests.importing.conftest import state

pytestmark = pytest.mark.all_backends

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
HEADER = ",".join(COLUMNS)


def write(tmp_path: Path, text: str, name: str = "sends.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_the_shipped_samples_import_and_agree(cockpit: Cockpit) -> None:
    csv_report = import_file(cockpit, str(SAMPLES / "sends.csv"))
    assert csv_report.outcome is not None and csv_report.outcome.imported == 4
    jsonl_report = import_file(cockpit, str(SAMPLES / "sends.jsonl"))
    assert jsonl_report.result.format == "jsonl"
    assert jsonl_report.outcome is not None
    assert (jsonl_report.outcome.imported, jsonl_report.duplicates) == (0, 4)
    linkedin = import_file(cockpit, str(SAMPLES / "messages.csv"))
    assert linkedin.result.format == "linkedin" and linkedin.outcome is not None
    # Priya's send is in both files (same seat: none; same profile, text and time): linked, not added
    assert (linkedin.outcome.imported, linkedin.outcome.linked, linkedin.duplicates) == (2, 1, 1)
    assert verify_audit(cockpit.repo).ok


def test_values_defaults_and_booleans(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sent_at,recipient,body,open_profile,commercial,recipient_state,push,channel,sent_from\n"
        "2026-11-28T14:00:00+02:00,Priya Raman,Hi Priya,yes,0,ny,YES,InMail,Mobile\n"
        "2026-11-28T14:10:00Z,Sam Okafor,Hi Sam,,,,,,\n",
    )
    report = import_file(cockpit, str(path))
    assert report.written
    first, second = cockpit.repo.messages()
    assert first.sent_at == datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    assert (first.open_profile, first.commercial, first.recipient_state) == (True, False, "NY")
    assert (first.push, first.channel, first.sent_from) == ("yes", "inmail", "mobile")
    assert (second.open_profile, second.commercial, second.push) == (False, None, "unknown")
    assert (second.channel, second.sent_from, second.subject) == ("inmail", "desktop", "")


def test_ids_follow_the_file_order(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sent_at,recipient,body\n2026-11-28T14:10:00Z,Later,b\n2026-11-28T14:00:00Z,Earlier,a\n",
    )
    import_file(cockpit, str(path))
    assert [(m.id, m.recipient) for m in cockpit.repo.messages()] == [(1, "Later"), (2, "Earlier")]


def test_the_import_audit_entry(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sent_at,recipient,body,push,external_id\n"
        "2026-11-28T14:00:00Z,A,one,yes,k1\n2026-11-28T14:01:00Z,B,two,,k2\n2026-11-28T14:02:00Z,C,three,no,k3\n",
    )
    import_file(cockpit, str(path))
    (entry,) = cockpit.repo.audit()
    assert entry.action == "import" and entry.actor == "alice"
    assert entry.details["file"] == "sends.csv"
    assert entry.details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert entry.details["counts"] == {
        "rows": 3, "imported": 3, "duplicates": 0, "skipped": 0, "rejected": 0, "responses": 0,
    }  # fmt: skip
    assert entry.details["id_ranges"] == [[1, 3]]
    assert entry.details["push_by_id"] == {"1": "yes", "3": "no"}
    assert [m.push for m in cockpit.repo.messages()] == ["yes", "unknown", "no"]
    assert verify_audit(cockpit.repo).ok


def test_reimport_adds_no_message_and_records_the_attempt(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(tmp_path, "sent_at,recipient,body\n2026-11-28T14:00:00Z,A,one\n2026-11-28T14:01:00Z,B,two\n")
    import_file(cockpit, str(path))
    again = import_file(cockpit, str(path))
    assert again.outcome is not None and (again.outcome.imported, again.duplicates) == (0, 2)
    assert cockpit.repo.message_count() == 2
    entries = cockpit.repo.audit()
    assert [e.action for e in entries] == ["import", "import"]
    assert entries[1].details["id_ranges"] == []
    assert verify_audit(cockpit.repo).ok


def test_a_send_logged_by_hand_is_a_duplicate_of_the_same_row(cockpit: Cockpit, tmp_path: Path) -> None:
    send = make_send(minutes_ago=30)
    cockpit.actions.add_send(send)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["sent_at", "recipient", "subject", "body"])
    writer.writerow([send.sent_at.isoformat(), send.recipient, send.subject, send.body])
    path = write(tmp_path, buffer.getvalue())
    report = import_file(cockpit, str(path))
    assert report.outcome is not None and (report.outcome.imported, report.duplicates) == (0, 1)


def test_repeated_row_in_the_file_is_a_duplicate(cockpit: Cockpit, tmp_path: Path) -> None:
    row = "2026-11-28T14:00:00Z,A,one,k1\n"
    path = write(tmp_path, "sent_at,recipient,body,external_id\n" + row + row)
    report = import_file(cockpit, str(path))
    assert report.outcome is not None and (report.outcome.imported, report.result.repeated) == (1, 1)


def test_same_external_id_for_different_sends_is_rejected(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sent_at,recipient,body,external_id\n2026-11-28T14:00:00Z,A,one,k1\n2026-11-28T14:05:00Z,B,two,k1\n",
    )
    report = import_file(cockpit, str(path))
    assert not report.written
    assert [str(p) for p in report.result.problems] == [
        "line 3: external_id: 'k1' is used on line 2 for a different send"
    ]


def test_seat_option_is_the_default_seat_and_must_exist(cockpit: Cockpit, tmp_path: Path) -> None:
    from cockpit.errors import BadInput

    path = write(
        tmp_path, "sent_at,recipient,body,seat\n2026-11-28T14:00:00Z,A,one,\n2026-11-28T14:01:00Z,B,two,sam\n"
    )
    with pytest.raises(BadInput, match="--seat 'dana' is not registered"):
        import_file(cockpit, str(path), seat="dana")
    cockpit.actions.add_seat("dana", "recruiter")
    cockpit.actions.add_seat("sam", "sales_navigator_core")
    import_file(cockpit, str(path), seat="dana")
    assert [m.seat for m in cockpit.repo.messages()] == ["dana", "sam"]


def test_unknown_column_is_refused_with_a_suggestion(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(tmp_path, "sent_at,recipient,body,recipient_sate\n2026-11-28T14:00:00Z,A,one,NY\n")
    report = import_file(cockpit, str(path))
    assert not report.written and report.result.file_problem is not None
    assert report.result.file_problem.line == 1
    assert (
        "unknown column 'recipient_sate' (did you mean 'recipient_state'?)"
        in report.result.file_problem.message
    )
    assert state(cockpit.repo) == (0, 0)


def test_missing_required_column(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(tmp_path, "sent_at,recipient\n2026-11-28T14:00:00Z,A\n")
    report = import_file(cockpit, str(path), fmt="csv")
    assert report.result.file_problem is not None
    assert "required column missing: body" in report.result.file_problem.message


def test_jsonl_types(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '{"sent_at": "2026-11-28T14:00:00Z", "recipient": "A", "body": "x", '
        '"open_profile": true, "external_id": 7}\n'
        "\n"
        '{"sent_at": "2026-11-28T14:00:00Z", "recipient": 5, "body": "x"}\n'
        '["not", "an", "object"]\n'
        '{"sent_at": "2026-11-28T14:00:00Z", "recipient": "B", "body": "y", "colour": "red"}\n',
        name="sends.jsonl",
    )
    report = import_file(cockpit, str(path))
    assert [str(p) for p in report.result.problems] == [
        "line 3: recipient: expected text, got int",
        "line 4: expected a JSON object, got list",
        "line 5: unknown key 'colour'",
    ]
    report = import_file(cockpit, str(path), skip_invalid=True)
    assert report.outcome is not None and report.outcome.imported == 1
    (message,) = cockpit.repo.messages()
    assert (message.external_id, message.open_profile) == ("7", True)


@given(
    st.text(max_size=20),
    st.datetimes(min_value=datetime(1000, 1, 1), timezones=st.just(UTC)),
    st.text(max_size=20),
    st.text(max_size=50),
)
def test_derived_key_is_the_same_as_cockpit_add(
    recipient: str, sent_at: datetime, subject: str, body: str
) -> None:
    assert derived_key(recipient, encode_instant(sent_at), subject, body) == derived_external_id(
        recipient, sent_at, subject, body
    )


def test_an_iso_week_date_is_stored_as_the_instant_it_names(cockpit: Cockpit, tmp_path: Path) -> None:
    path = write(tmp_path, "sent_at,recipient,body\n2026-W48-6T14:00:00Z,Ana Lima,Hi Ana\n")
    report = import_file(cockpit, str(path))
    assert report.written
    (message,) = cockpit.repo.messages()
    assert message.sent_at == datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
