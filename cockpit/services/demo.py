"""``cockpit demo``: a recruiter's day and a sales rep's bad batch, built relative to the clock."""

from __future__ import annotations

import random
import tomllib
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cockpit.domain.model import Observation
from cockpit.paths import bundled_data_dir
from cockpit.services.cockpit import Cockpit
from cockpit.services.new_send import NewSend

SEED = 2026


def load_demo_inputs() -> dict[str, Any]:
    """The demo's inputs from ``data/demo/demo.toml``."""
    return tomllib.loads((bundled_data_dir() / "demo" / "demo.toml").read_text(encoding="utf-8"))


def working_zone(zones: list[str], now: datetime, hours: tuple[int, int] = (13, 18)) -> str:
    """The first of ``zones`` where ``now`` falls in the afternoon (else the first zone)."""
    for zone in zones:
        if hours[0] <= now.astimezone(ZoneInfo(zone)).hour < hours[1]:
            return zone
    for zone in zones:
        if 9 <= now.astimezone(ZoneInfo(zone)).hour < 21:
            return zone
    return zones[0]


def _person(rng: random.Random, people: dict[str, list[str]]) -> tuple[str, str]:
    first = rng.choice(people["first"])
    return first, f"{first} {rng.choice(people['last'])}"


def _recruiter_sends(
    cfg: dict[str, Any], people: dict[str, list[str]], now: datetime, rng: random.Random
) -> list[NewSend]:
    total, recent = int(cfg["sends"]), int(cfg["recent"])
    span = timedelta(hours=int(cfg["hours"]))
    offsets = sorted(
        [timedelta(seconds=rng.randint(3_700, int(span.total_seconds()))) for _ in range(total - recent)]
        + [timedelta(seconds=rng.randint(30, 3_500)) for _ in range(recent)],
        reverse=True,
    )
    mistakes = list(cfg["mistakes"])
    mistake_slots = {total - 1 - i * 1: m for i, m in enumerate(mistakes)}  # the newest sends
    sends: list[NewSend] = []
    for index, ago in enumerate(offsets):
        first, name = _person(rng, people)
        values = {
            "first": first,
            "role": rng.choice(cfg["roles"]),
            "company": rng.choice(cfg["companies"]),
            "topic": rng.choice(cfg["topics"]),
            "salary": rng.choice(cfg["salary"]),
        }
        mistake = mistake_slots.get(index)
        body = (mistake["body"] if mistake else cfg["template"]).format(**values)
        sends.append(
            NewSend(
                recipient=name,
                subject=rng.choice(cfg["subjects"]).format(**values),
                body=body,
                sent_at=now - ago,
                channel="inmail",
                seat=cfg["seat"],
                open_profile=rng.random() < 0.15,
                sent_from="mobile" if (mistake and mistake["kind"] == "wrong_name") else "recruiter",
                commercial=False,
                push=rng.choice(["yes", "unknown", "unknown", "no"]),
                recipient_state=rng.choice(["NY", "CA", "TX", "IL", "WA", None, None]),
            )
        )
    return sends


def _sales_sends(
    cfg: dict[str, Any], people: dict[str, list[str]], now: datetime, rng: random.Random
) -> list[NewSend]:
    sends: list[NewSend] = []
    window = int(cfg["minutes"]) * 60
    for index in range(int(cfg["sends"])):
        _first, name = _person(rng, people)
        ago = timedelta(seconds=window - (window * index) // int(cfg["sends"]) + rng.randint(0, 20))
        company = rng.choice(cfg["companies"])
        sends.append(
            NewSend(
                recipient=name,
                subject=cfg["subject"],
                body=cfg["template"].replace("{company}", company),
                sent_at=now - ago,
                channel="inmail",
                seat=cfg["seat"],
                batch=cfg["batch"],
                recipient_state=rng.choice(cfg["states"]),
                open_profile=rng.random() < 0.1,
                sent_from="sales_navigator",
                commercial=True,
                push="unknown",
                external_id=f"salestool-{cfg['batch']}-{index + 1:04d}",
            )
        )
    return sends


def incident_batch() -> str:
    """The demo's bad batch (the one its incident report is about)."""
    return str(load_demo_inputs()["sales"]["batch"])


def build_demo(cockpit: Cockpit) -> str:
    """Fill an empty database with the demo day; returns a one-line summary."""
    inputs = load_demo_inputs()
    rng = random.Random(SEED)
    now = cockpit.clock.now()
    actions = cockpit.actions
    rec, sales, spon = inputs["recruiter"], inputs["sales"], inputs["sponsored"]
    actions.add_seat(rec["seat"], rec["plan"], time_zone=working_zone(rec["time_zones"], now))
    actions.add_seat(
        sales["seat"],
        sales["plan"],
        credits=sales.get("credits"),
        time_zone=working_zone(sales["time_zones"], now, (9, 18)),
    )
    recruiter = _recruiter_sends(rec, inputs["people"], now, rng)
    batch = _sales_sends(sales, inputs["people"], now, rng)
    sponsored = [
        NewSend(
            recipient=_person(rng, inputs["people"])[1],
            subject=spon["subject"],
            body=spon["body"],
            sent_at=now - timedelta(minutes=rng.randint(3, 40)),
            channel="sponsored",
            seat=spon["seat"],
            batch=spon["batch"],
            commercial=True,
        )
        for _ in range(int(spon["sends"]))
    ]
    recruiter_ids = actions.add_sends(recruiter)
    batch_ids = actions.add_sends(batch)
    actions.add_sends(sponsored)
    # What the recruiter already knows about the older sends.
    for message_id, send in list(zip(recruiter_ids, recruiter, strict=True))[:40:4]:
        actions.observe(
            message_id, Observation.REPLIED, send.sent_at + timedelta(minutes=rng.randint(20, 50))
        )
    for message_id, send in list(zip(recruiter_ids, recruiter, strict=True))[1:40:5]:
        actions.observe(message_id, Observation.OPENED, send.sent_at + timedelta(minutes=rng.randint(5, 30)))
    # The sales rep has started deleting the bad batch, newest first.
    open_batch = [i for i, s in zip(batch_ids, batch, strict=True) if now - s.sent_at < timedelta(minutes=58)]
    actions.recall(open_batch[-6:], reason="broken template and pasted price list")
    return (
        f"demo: {len(recruiter)} recruiter sends, {len(batch)} in batch {sales['batch']}, "
        f"{len(sponsored)} sponsored; 6 recalled"
    )
