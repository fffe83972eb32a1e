"""Times in words in the reader's language, and the reader's zone, without the screen library."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.humanize import duration_words, relative_time, user_locale
from cockpit.zones import local_text, user_zone

NOW = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)


def test_relative_times_in_english_and_french() -> None:
    assert relative_time(NOW - timedelta(hours=3), NOW, "en") == "3 hours ago"
    assert relative_time(NOW + timedelta(minutes=4), NOW, "en") == "in 4 minutes"
    assert relative_time(NOW - timedelta(hours=3), NOW, "fr") == "il y a 3 heures"


def test_durations_in_words() -> None:
    assert duration_words(timedelta(seconds=3725), "en") == "1 hour 2 minutes 5 seconds"
    assert duration_words(timedelta(0), "en") == "0 seconds"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_ALL": "pt_BR.utf8", "LANG": "de_DE"}, "pt_br"),
        ({"LC_MESSAGES": "en_GB.UTF-8"}, "en_gb"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "xx_YY"}, "en"),
        ({"LANG": "..@@"}, "en"),
        ({}, "en"),
    ],
)
def test_locale_from_the_environment_never_fails(environ: dict[str, str], expected: str) -> None:
    assert user_locale(environ) == expected


def test_an_odd_locale_still_gives_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "tlh_QO.UTF-8")
    assert relative_time(NOW - timedelta(minutes=2), NOW) == "2 minutes ago"


def test_zone_from_option_then_tz_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert local_text(NOW, user_zone()) == "2026-11-29 00:00 JST"
    assert local_text(NOW, user_zone("America/New_York"), seconds=True) == "2026-11-28 10:00:00 EST"
    monkeypatch.setenv("TZ", "EST5EDT4,M3.2.0,M11.1.0")  # a POSIX rule: the system's zone answers
    assert user_zone() is not None


def test_humanize_and_zones_load_no_heavy_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, cockpit.humanize, cockpit.zones\n"
        "heavy = {'pendulum', 'textual', 'sqlalchemy', 'rich'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
