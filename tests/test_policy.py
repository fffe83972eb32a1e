"""The policy file: every number of DESIGN section 2, sourced and dated; malformed files refused."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest

from cockpit import cli
from cockpit.errors import PolicyError
from cockpit.policy import Policy, default_policy_path, load_policy

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED = default_policy_path().read_text(encoding="utf-8")


@pytest.fixture
def restore_umask() -> Iterator[None]:
    """``cli.main`` sets the process umask to 0o077; give the test process its own back."""
    previous = os.umask(0o077)
    os.umask(previous)
    yield
    os.umask(previous)


def test_bundled_policy_numbers(policy: Policy) -> None:
    assert (policy.window.minutes, policy.window.urgent_minutes, policy.window.critical_minutes) == (
        60,
        15,
        5,
    )
    credits = {name: plan.monthly_credits for name, plan in policy.plans.items()}
    assert credits == {
        "premium_career": 5,
        "premium_business": 15,
        "sales_navigator_core": 50,
        "sales_navigator_advanced_plus": credits["sales_navigator_advanced_plus"],
        "recruiter_lite": 30,
        "recruiter": 150,
    }
    assert policy.plans["sales_navigator_advanced_plus"].by_contract
    assert policy.plans["recruiter"].recruiter and policy.plans["recruiter_lite"].recruiter
    assert not policy.plans["premium_career"].recruiter
    assert policy.credits.refund_days == 90
    assert policy.credits.recall_refunds is False
    assert policy.leakage.preview_chars == 140
    assert policy.leakage.mobile_cache_hours == 48
    assert policy.leakage.metadata_retention_years == 7
    assert (policy.after_hours.start, policy.after_hours.end) == (time(22, 0), time(6, 0))


def test_bundled_channels(policy: Policy) -> None:
    assert set(policy.channels) == {"inmail", "message", "connection_note", "sponsored"}
    for name in ("inmail", "message", "connection_note"):
        assert policy.channels[name].recallable and policy.channels[name].editable
    assert not policy.channels["sponsored"].recallable
    assert policy.channels["inmail"].costs_credit
    assert not policy.channels["message"].costs_credit
    assert not policy.channels["connection_note"].costs_credit


def test_bundled_penalties(policy: Policy) -> None:
    can_spam = policy.penalties["can_spam"]
    assert (can_spam.amount_usd, can_spam.unit) == (53088, "per_message")
    assert 400 * can_spam.amount_usd == 21_235_200  # DESIGN's worked figure
    assert (policy.penalties["texas_adv"].amount_usd, policy.penalties["texas_adv"].unit) == (
        10,
        "per_message",
    )
    shield = policy.penalties["ny_shield"]
    assert (shield.amount_usd, shield.unit) == (250_000, "per_incident")
    bipa = policy.penalties["il_bipa"]
    assert (bipa.minimum_usd, bipa.amount_usd) == (1000, 5000)
    tcpa = policy.penalties["tcpa"]
    assert (tcpa.minimum_usd, tcpa.amount_usd) == (500, 1500)
    assert policy.penalty_for("NO_OPT_OUT") is can_spam
    assert policy.penalty_for("PLACEHOLDER") is None


def test_every_risk_code_of_the_design_has_a_severity(policy: Policy) -> None:
    codes = {
        "PLACEHOLDER", "NAME_MISMATCH", "NO_POSTAL_ADDRESS", "NO_OPT_OUT", "TX_NO_ADV", "SSN",
        "CARD_NUMBER", "CONFIDENTIAL", "BIOMETRIC", "ACCUSATION", "DISREGARD_FOLLOWUP", "SECRET",
        "AFTER_HOURS", "MOBILE_SEND", "NO_RECALL_CHANNEL",
    }  # fmt: skip
    assert codes <= set(policy.risks)
    assert {r.severity for r in policy.risks.values()} <= {"low", "medium", "high", "critical"}


def test_every_section_has_source_and_as_of(policy: Policy) -> None:
    sections = [
        policy.window,
        policy.credits,
        policy.leakage,
        policy.after_hours,
        *policy.channels.values(),
        *policy.plans.values(),
        *policy.penalties.values(),
    ]
    for section in sections:
        assert section.origin.source.strip(), section
        assert len(section.origin.as_of) == 10 and section.origin.as_of[4] == "-", section


def write_policy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    return path


def replace_once(old: str, new: str) -> str:
    assert old in BUNDLED, old
    return BUNDLED.replace(old, new, 1)


MALFORMED = {
    "missing-key": (replace_once("minutes = 60 ", "# "), "window.minutes", "missing"),
    "missing-table": (replace_once("[credits]", "[credit_rules]"), "credits", "missing"),
    "wrong-type": (
        replace_once("refund_days = 90", 'refund_days = "ninety"'),
        "credits.refund_days",
        "integer",
    ),
    "bool-not-int": (
        replace_once("preview_chars = 140", "preview_chars = true"),
        "leakage.preview_chars",
        "integer",
    ),
    "bad-unit": (
        replace_once('unit = "per_message"', 'unit = "per_email"'),
        "penalties.can_spam.unit",
        "per_message or per_incident",
    ),
    "bad-severity": (
        replace_once('severity = "high"', 'severity = "severe"'),
        "risks.PLACEHOLDER.severity",
        "one of",
    ),
    "missing-penalty-table": (
        replace_once('penalty = "texas_adv"', 'penalty = "texas_fine"'),
        "risks.TX_NO_ADV.penalty",
        "texas_fine",
    ),
    "bad-as-of": (
        replace_once('as_of = "2025-01-17"', 'as_of = "last year"'),
        "penalties.can_spam.as_of",
        "YYYY-MM-DD",
    ),
    "missing-source": (
        replace_once('source = "LinkedIn Premium plan comparison"', "# no source"),
        "plans.premium_career.source",
        "missing",
    ),
    "bad-time": (replace_once('start = "22:00"', 'start = "10pm"'), "after_hours.start", "HH:MM"),
    "thresholds": (
        replace_once("critical_minutes = 5", "critical_minutes = 20"),
        "window",
        "critical_minutes <= urgent_minutes",
    ),
    "invalid-toml": (BUNDLED + "\n[window\n", "bad.toml", "not valid TOML"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_policy_names_the_key_and_the_problem(tmp_path: Path, case: str) -> None:
    text, key, problem = MALFORMED[case]
    with pytest.raises(PolicyError) as raised:
        load_policy(write_policy(tmp_path, text))
    message = str(raised.value)
    assert key in message
    assert problem in message
    assert "\n" not in message


def test_missing_policy_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not found"):
        load_policy(tmp_path / "nope.toml")


def test_cli_bad_policy_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_umask: None
) -> None:
    bad = write_policy(tmp_path, MALFORMED["bad-unit"][0])
    db = tmp_path / "cockpit.sqlite3"
    code = cli.main(["--db", str(db), "--policy", str(bad), "list"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "penalties.can_spam.unit" in lines[0]
    assert not db.exists()  # nothing was written


def test_wheel_ships_the_policy_and_the_demo_inputs(tmp_path: Path) -> None:
    """A non-editable install must find its default policy: the wheel carries ``cockpit/_data``."""
    out = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO_ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0 and "hatchling" in build.stderr and "No matching" in build.stderr:
        pytest.skip("hatchling is not available from the package index")
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "cockpit/_data/policy.toml" in names
        assert "cockpit/_data/demo/demo.toml" in names
        assert archive.read("cockpit/_data/policy.toml").decode() == BUNDLED
        archive.extractall(tmp_path / "site")
    # Imported from the unpacked wheel (as after `pip install .`), the policy is found in _data.
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from cockpit.policy import default_policy_path, load_policy;"
            "p = default_policy_path(); load_policy(); print(p)",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    assert Path(probe.stdout.strip()) == tmp_path / "site" / "cockpit" / "_data" / "policy.toml"
