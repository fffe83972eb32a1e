"""Writes ``fixtures/linkedin_large.csv``: a realistic export of a few hundred rows (newest first)
combining every shape real exports take. Every person is invented. Run from the repository root:
``python -m tests.importing.make_large_export``."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT",
]  # fmt: skip
OWNER = ("Dana Whitfield", "https://www.linkedin.com/in/example-dana-whitfield")
FIRST = [
    "Tomáš",
    "Jiří",
    "Zoë",
    "Priya",
    "Lena",
    "Jorge",
    "Ana",
    "Wei",
    "Aisha",
    "Kenji",
    "Søren",
    "Małgorzata",
]
LAST = ["Minář", "Dvořák", "Sánchez", "Raman", "Hoffmann", "Lima", "Zhang", "Okafor", "Nováková", "Ødegård"]
START = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
PATH = Path(__file__).parent / "fixtures" / "linkedin_large.csv"


def _date(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M:%S} UTC"


def rows(seed: int = 7) -> list[list[str]]:
    """The records, newest first."""
    rng = random.Random(seed)
    out: list[tuple[datetime, list[str]]] = []

    def add(at: datetime, conv: str, sender: tuple[str, str], to: str, urls: str, subject: str,
            content: str, attachment: str = "") -> None:  # fmt: skip
        out.append((at, [conv, "", sender[0], sender[1], to, urls, _date(at), subject, content, "INBOX",
                         attachment, "No", "No"]))  # fmt: skip

    for i in range(120):
        name = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
        slug = f"example-contact-{i:03d}"
        url = f"https://www.linkedin.com/in/{slug}"
        person = (name, url)
        conv = f"conv-{i:03d}"
        at = START + timedelta(hours=5 * i, minutes=rng.randint(0, 50))
        subject = f"Role {i} at Northwind"
        shape = i % 8
        if shape == 0:  # the contact opened with an InMail; Dana replies under the repeated subject
            add(at, conv, person, OWNER[0], OWNER[1], subject, f"Hi Dana, a role for you ({i})?")
            add(at + timedelta(hours=1), conv, OWNER, name, url, subject, "Thanks, tell me more.")
            add(at + timedelta(hours=2), conv, person, OWNER[0], OWNER[1], subject, "Call on Friday?")
            add(at + timedelta(hours=3), conv, OWNER, name, url, subject, "Friday works.")
        elif shape == 1:  # an InMail answered, then a follow-up after the answer
            add(at, conv, OWNER, name, url, subject, f"Hi {name.split()[0]}, open to role {i}?")
            add(at + timedelta(hours=2), conv, person, OWNER[0], OWNER[1], subject, "Maybe, details?")
            add(at + timedelta(hours=3), conv, OWNER, name, url, subject, "Here are the details.")
        elif shape == 2:  # an InMail and an unanswered follow-up, then an accepted request
            add(at, conv, OWNER, name, url, subject, f"Hi {name.split()[0]}, role {i}?")
            add(at + timedelta(days=2), conv, OWNER, name, url, subject, "Just checking in.")
            add(at + timedelta(days=2, hours=4), conv, ("", ""), OWNER[0], OWNER[1], subject,
                "Message request accepted")  # fmt: skip
        elif shape == 3:  # an InMail to a member who has since deleted the account
            add(at, conv, OWNER, "", "", subject, f"Hello, role {i} might suit you.")
            if i % 16 == 3:
                add(at + timedelta(hours=1), conv, ("LinkedIn Member", ""), OWNER[0], OWNER[1], subject,
                    "Thanks, not now.")  # fmt: skip
        elif shape == 4:  # an attachment-only send in a 1st-degree conversation
            add(at, conv, OWNER, name, url, "", f"Hi {name.split()[0]}, the description follows.")
            add(at + timedelta(minutes=1), conv, OWNER, name, url, "", "",
                f"https://www.linkedin.com/dms/example-{i:03d}/role-{i}.pdf")  # fmt: skip
        elif shape == 5:  # a group send, URLs separated by ","
            other = f"https://www.linkedin.com/in/example-guest-{i:03d}"
            add(at, conv, OWNER, f"{name}, Guest {i}", f"{url},{other}", "", f"Welcome both ({i}).")
            add(at + timedelta(minutes=30), conv, person, f"{OWNER[0]}, Guest {i}", f"{OWNER[1]},{other}", "",
                "Thanks Dana!")  # fmt: skip
        elif shape == 6:  # the contact writes much more than Dana (a chatty 1st-degree thread)
            add(at, conv, person, OWNER[0], OWNER[1], "", "Hey Dana!")
            for k in range(1, 5):
                add(
                    at + timedelta(minutes=10 * k),
                    conv,
                    person,
                    OWNER[0],
                    OWNER[1],
                    "",
                    f"And another thing {k}",
                )
            add(at + timedelta(hours=1), conv, OWNER, name, url, "", "Ha, all good.")
        else:  # a plain first message, a notice of leaving, and a draft
            add(at, conv, OWNER, name, url, "", f"Good to meet you, {name.split()[0]}.")
            add(
                at + timedelta(minutes=5),
                conv,
                person,
                OWNER[0],
                OWNER[1],
                "",
                f"{name} left the conversation",
            )
    # The newest send: still inside its recall window at 2026-11-28 15:00 UTC.
    zoe = "https://www.linkedin.com/in/example-zo%C3%AB-%C3%B8deg%C3%A5rd"  # percent-encoded
    add(datetime(2026, 11, 28, 14, 40, tzinfo=UTC), "conv-last", OWNER, "Zoë Ødegård", zoe, "Last role",
        "Hi Zoë, one more role?")  # fmt: skip
    out.sort(key=lambda item: item[0], reverse=True)
    return [fields for _, fields in out]


def text() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    return buffer.getvalue()


if __name__ == "__main__":
    PATH.write_text(text(), encoding="utf-8")
