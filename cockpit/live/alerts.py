"""Alerts that matter: a risky message's window entering its last minutes, or closing unrecalled.

A message is risky when it has a high or critical finding. Two kinds of alert, each given at most
once per message:

- ``critical``: a risky message still in the inbox (sent or edited) enters the ``critical`` phase,
  or is found risky while it is in it;
- ``closed``: a risky message's window closes while it is still in the inbox.

Alerts come from the phase changes the tracker reports as the clock moves (and from findings as
they arrive), never from a message first seen already in that phase. Whether the terminal bell
rings with them is the user's preference (``[alerts]`` in the policy, ``--quiet``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from enum import StrEnum

from cockpit.live.batches import is_risky
from cockpit.live.columns import CLOSED, CRITICAL, MessageColumns
from cockpit.live.phases import PhaseChange
from cockpit.policy import AlertsPolicy


class AlertKind(StrEnum):
    """What an alert announces."""

    CRITICAL = "critical"  # a risky window entered its last minutes
    CLOSED = "closed"  # a risky window closed before the message was recalled


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert about one message (``row`` in the table's columns)."""

    kind: AlertKind
    row: int
    message_id: int


class Alerter:
    """Turns phase changes and new findings into alerts, each message alerted once per kind."""

    def __init__(self) -> None:
        self._given: dict[AlertKind, set[int]] = {kind: set() for kind in AlertKind}

    def _give(self, columns: MessageColumns, row: int, kind: AlertKind) -> Alert | None:
        message_id = columns.ids[row]
        given = self._given[kind]
        if message_id in given or not columns.is_live(row) or not columns.assessed[row]:
            return None
        if not is_risky(columns.risks[row]):
            return None
        given.add(message_id)
        return Alert(kind, row, message_id)

    def from_phase_changes(self, columns: MessageColumns, changes: Iterable[PhaseChange]) -> list[Alert]:
        """The alerts of phases that changed as time passed (a row's first placement is none)."""
        alerts: list[Alert] = []
        for change in changes:
            if change.old is None or change.old >= change.new:
                continue
            if change.new == CRITICAL:
                kind = AlertKind.CRITICAL
            elif change.new == CLOSED:
                kind = AlertKind.CLOSED
            else:
                continue
            alert = self._give(columns, change.row, kind)
            if alert is not None:
                alerts.append(alert)
        return alerts

    def from_new_findings(self, columns: MessageColumns, rows: Iterable[int]) -> list[Alert]:
        """The alerts of rows just judged: a risky one already in its last minutes."""
        alerts: list[Alert] = []
        for row in rows:
            if columns.phase[row] == CRITICAL:
                alert = self._give(columns, row, AlertKind.CRITICAL)
                if alert is not None:
                    alerts.append(alert)
        return alerts


def in_quiet_hours(now: datetime, zone: tzinfo, alerts: AlertsPolicy) -> bool:
    """Whether ``now`` falls in the quiet hours (in ``zone``); they may span midnight."""
    start, end = alerts.quiet_start, alerts.quiet_end
    if start is None or end is None or start == end:
        return False
    local = now.astimezone(zone)
    clock = time(local.hour, local.minute, local.second)
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def rings_bell(now: datetime, zone: tzinfo, alerts: AlertsPolicy, *, quiet: bool = False) -> bool:
    """Whether an alert at ``now`` rings the terminal bell: the preference allows it, ``--quiet``
    was not given, and it is not quiet hours."""
    return alerts.bell and not quiet and not in_quiet_hours(now, zone, alerts)
