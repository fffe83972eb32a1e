"""The after-hours rule reads the sender's wall clock through zoneinfo, so DST changes are right."""

from __future__ import annotations

from datetime import UTC, datetime, time

from cockpit.domain.scanner.meta import after_hours_explanation

NEW_YORK = "America/New_York"
QUIET = (time(22, 0), time(6, 0))


def _after_hours(utc: str) -> str | None:
    return after_hours_explanation(datetime.fromisoformat(utc).astimezone(UTC), NEW_YORK, *QUIET)


def test_both_instants_of_the_fall_back_fold_are_half_past_one() -> None:
    first, second = _after_hours("2026-11-01T05:30:00Z"), _after_hours("2026-11-01T06:30:00Z")
    assert first is not None and "sent at 01:30 America/New_York" in first  # 01:30 EDT
    assert second is not None and "sent at 01:30 America/New_York" in second  # 01:30 EST


def test_the_same_utc_time_of_day_is_an_hour_earlier_after_falling_back() -> None:
    assert _after_hours("2026-10-31T10:30:00Z") is None  # 06:30 EDT: the working day has begun
    late = _after_hours("2026-11-01T10:30:00Z")  # 05:30 EST: still quiet hours
    assert late is not None and "05:30" in late


def test_the_spring_forward_gap_is_skipped() -> None:
    before = _after_hours("2026-03-08T06:59:00Z")  # 01:59 EST
    after = _after_hours("2026-03-08T07:00:00Z")  # 03:00 EDT: 02:00-02:59 never happens
    assert before is not None and "01:59" in before
    assert after is not None and "03:00" in after
    assert _after_hours("2026-03-08T10:30:00Z") is None  # 06:30 EDT (it would be 05:30 EST)
