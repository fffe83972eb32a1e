"""Errors that map to the command line's exit codes (0 done, 1 bad input, 2 usage, 3 refused, 4 conflict)."""

from __future__ import annotations


class CockpitError(Exception):
    """Base of every error the cockpit reports to a user; carries its exit code."""

    exit_code = 1


class BadInput(CockpitError):
    """The input is malformed; the message says what and where. Nothing was changed."""

    exit_code = 1


class UsageError(CockpitError):
    """The command was used wrongly."""

    exit_code = 2


class Refused(CockpitError):
    """A rule says no (window closed, sponsored, already recalled). Nothing was changed."""

    exit_code = 3


class Conflict(CockpitError):
    """Someone else changed the message first. Nothing was changed."""

    exit_code = 4


class PolicyError(BadInput):
    """The policy file is malformed; the message names the key and the problem."""


class OutputFailed(CockpitError):
    """Standard output could not be written (a full disk, a closed device): the output is incomplete."""

    exit_code = 1


class DatabaseBusy(Conflict):
    """Another writer held the database longer than the cockpit waits, or a race with other writers
    kept aborting the change. Nothing was changed; trying again may succeed."""
