"""Times and durations in words, in the reader's language ("3 hours ago", "in 4 minutes").

pendulum is imported inside the functions, so nothing pays for it until a text is asked for. The
language comes from ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``; a language pendulum does not ship (or
an odd locale setting) falls back to English.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from functools import cache
from importlib import resources

_LOCALE_NAME = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}))?")


@cache
def _shipped(name: str) -> bool:
    try:
        return resources.files("pendulum.locales").joinpath(name, "locale.py").is_file()
    except (ModuleNotFoundError, OSError, ValueError):
        return False


def user_locale(environ: dict[str, str] | None = None) -> str:
    """The pendulum locale for the reader: ``fr``, ``en_gb``, ``pt_br``; ``en`` when unknown."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "").strip()
        if not value:
            continue
        match = _LOCALE_NAME.match(value)
        if match is None:
            return "en"  # C, POSIX or something unreadable: the first one set decides
        language = match.group(1).lower()
        region = (match.group(2) or "").lower()
        for candidate in (f"{language}_{region}" if region else "", language):
            if candidate and _shipped(candidate):
                return candidate
        return "en"
    return "en"


def relative_time(when: datetime, now: datetime, locale: str | None = None) -> str:
    """``when`` as seen from ``now`` in words: ``3 hours ago``, ``in 4 minutes``."""
    import pendulum

    name = locale or user_locale()
    diff = pendulum.instance(when).diff(pendulum.instance(now))
    try:
        return pendulum.format_diff(diff, True, False, name)
    except (ValueError, KeyError, AttributeError, ImportError):
        return pendulum.format_diff(diff, True, False, "en")


def duration_words(length: timedelta, locale: str | None = None) -> str:
    """A duration in words to the second: ``1 hour 2 minutes 5 seconds``."""
    name = locale or user_locale()
    seconds = int(abs(length.total_seconds()))
    try:
        return _in_words(seconds, name)
    except (ValueError, KeyError, AttributeError, ImportError):
        return _in_words(seconds, "en")


def _in_words(seconds: int, locale: str) -> str:
    import pendulum

    if seconds == 0:
        language = pendulum.locale(locale)
        return str(language.translation(f"units.second.{language.plural(0)}")).format(0)
    return pendulum.duration(seconds=seconds).in_words(locale=locale)
