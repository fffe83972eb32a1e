"""A year of a team's sends, written as a sends file (CSV) for ``cockpit import``.

Sends are spread over the 365 days before :data:`NOW`: working days (Monday to Friday, 08:00-18:00
in Chicago) carry nearly all of them, weekends a trickle, the last 24 hours three times a working
day, and the last hour ~300 (windows still open). Every third send is a sales campaign with the
demo's broken template (an unfilled placeholder and a pasted internal price list); a few per cent
of the recruiter's sends are one of the demo's mistakes (a wrong name, an SSN, an accusation...).
Every person and company here is invented (``data/demo/demo.toml``).
"""

from __future__ import annotations

import csv
import random
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cockpit.services.importing.sendsrow import COLUMNS as SENDS_FILE_COLUMNS

# Bump when the generated history changes: cached databases are keyed by it. 2: databases record
# that they are drills (made with --now), so the benches may write to them with a fixed clock.
GENERATOR_VERSION = 2
NOW = datetime(2026, 11, 28, 15, 0, 0, tzinfo=UTC)
DAYS = 365
RECENT_MAX = 300
LAST_DAY_WEIGHT = 3.0
WEEKEND_WEIGHT = 0.05
MISTAKE_SHARE = 0.04
BATCH_SIZE = 2_000
ZONE = ZoneInfo("America/Chicago")
DEMO_INPUTS = Path(__file__).resolve().parent.parent / "data" / "demo" / "demo.toml"
COLUMNS = SENDS_FILE_COLUMNS  # every column of the documented sends file


def demo_inputs() -> dict[str, Any]:
    """The demo's inputs (seats, templates, mistakes, people)."""
    return tomllib.loads(DEMO_INPUTS.read_text(encoding="utf-8"))


def seats() -> list[list[str]]:
    """The ``cockpit seat add`` arguments of the two seats the history's sends come from."""
    inputs = demo_inputs()
    rec, sales = inputs["recruiter"], inputs["sales"]
    return [
        [rec["seat"], "--plan", rec["plan"], "--tz", "America/Chicago"],
        [
            sales["seat"],
            "--plan",
            sales["plan"],
            "--credits",
            str(sales["credits"]),
            "--tz",
            "America/New_York",
        ],
    ]


def send_times(size: int, now: datetime, rng: random.Random) -> list[datetime]:
    """``size`` send instants, oldest first: a year of working days, a dense last day, a live last hour."""
    recent = min(RECENT_MAX, size // 3)
    rest = size - recent
    last_day_start = now - timedelta(hours=25)
    days = [last_day_start - timedelta(days=d) for d in range(DAYS - 1, 0, -1)]
    weights = [WEEKEND_WEIGHT if day.astimezone(ZONE).weekday() >= 5 else 1.0 for day in days]
    weights.append(LAST_DAY_WEIGHT)
    chosen = rng.choices(range(len(weights)), weights=weights, k=rest)
    times: list[datetime] = []
    for index in chosen:
        if index == len(days):  # the last day: any hour, up to the last hour
            times.append(last_day_start + timedelta(seconds=rng.uniform(0, 24 * 3_600)))
            continue
        local = days[index].astimezone(ZONE).replace(hour=8, minute=0, second=0, microsecond=0)
        times.append(local.astimezone(UTC) + timedelta(seconds=rng.uniform(0, 10 * 3_600)))
    times.extend(now - timedelta(seconds=rng.uniform(20, 3_590)) for _ in range(recent))
    times.sort()
    return times


def rows(size: int, now: datetime = NOW, seed: int = 7) -> Iterator[dict[str, str]]:
    """The sends-file rows of a year of history, oldest first."""
    inputs = demo_inputs()
    rng = random.Random(seed)
    rec, sales, people = inputs["recruiter"], inputs["sales"], inputs["people"]
    mistakes = rec["mistakes"]
    states = ["NY", "CA", "TX", "IL", "WA", ""]
    for index, sent_at in enumerate(send_times(size, now, rng)):
        first = rng.choice(people["first"])
        sales_send = index % 3 == 0
        if sales_send:
            body = sales["template"].replace("{company}", rng.choice(sales["companies"]))
            subject = sales["subject"]
        else:
            values = {
                "first": first,
                "role": rng.choice(rec["roles"]),
                "company": rng.choice(rec["companies"]),
                "topic": rng.choice(rec["topics"]),
                "salary": rng.choice(rec["salary"]),
            }
            mistake = rng.choice(mistakes) if rng.random() < MISTAKE_SHARE else None
            body = (mistake["body"] if mistake else rec["template"]).format(**values)
            subject = rng.choice(rec["subjects"]).format(**values)
        yield {
            "sent_at": sent_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "recipient": f"{first} {rng.choice(people['last'])}",
            "subject": subject,
            "body": body,
            "channel": "inmail",
            "seat": sales["seat"] if sales_send else rec["seat"],
            "batch": f"campaign-{index // 3 // BATCH_SIZE:03d}" if sales_send else "",
            "recipient_profile_url": "",
            "recipient_state": rng.choice(states),
            "open_profile": "true" if rng.random() < 0.1 else "false",
            "commercial": "true" if sales_send else "false",
            "sent_from": "sales_navigator" if sales_send else "recruiter",
            "push": rng.choice(["yes", "unknown", "unknown", "no"]),
            "external_id": f"bench-{index:07d}",
        }


def write_sends_file(path: Path, size: int, now: datetime = NOW) -> None:
    """Write the history of ``size`` sends to ``path`` as a CSV sends file."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows(size, now))
