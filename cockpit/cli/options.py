"""The options of each command as a small frozen value, converted once from argparse's namespace."""

from __future__ import annotations

import argparse
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GlobalOptions:
    """The options given before the command: database, clock, actor, policy, time zone."""

    db: str | None = None
    now: str | None = None
    actor: str | None = None
    policy: str | None = None
    tz: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> GlobalOptions:
        """The global options of a parsed command line."""
        return cls(db=ns.db, now=ns.now, actor=ns.actor, policy=ns.policy, tz=ns.user_tz)


@dataclass(frozen=True, slots=True)
class TuiOptions:
    """``cockpit`` with no command: the screen."""

    quiet: bool = False  # alerts never ring the terminal bell

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> TuiOptions:
        """``--quiet``, given before any command."""
        return cls(quiet=bool(getattr(ns, "quiet_screen", False)))


@dataclass(frozen=True, slots=True)
class DemoOptions:
    """``cockpit demo``."""

    fresh: bool = False
    no_tui: bool = False
    quiet: bool = False  # alerts never ring the terminal bell

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> DemoOptions:
        """The options of ``demo`` (``--quiet`` after it, or before it as for ``cockpit``)."""
        quiet = bool(getattr(ns, "quiet_demo", False) or getattr(ns, "quiet_screen", False))
        return cls(fresh=ns.fresh, no_tui=ns.no_tui, quiet=quiet)


@dataclass(frozen=True, slots=True)
class BodyOptions:
    """Where a message text comes from: ``--body`` or ``--body-file`` (``-`` for standard input)."""

    body: str | None = None
    body_file: str | None = None


@dataclass(frozen=True, slots=True)
class AddOptions:
    """``cockpit add``."""

    to: str
    text: BodyOptions
    subject: str = ""
    channel: str = "inmail"
    seat: str | None = None
    sent_at: str | None = None
    ago: str | None = None
    state: str | None = None
    open_profile: bool = False
    batch: str | None = None
    sent_from: str = "desktop"
    profile_url: str | None = None
    push: str = "unknown"
    external_id: str | None = None
    commercial: bool | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> AddOptions:
        """The options of ``add`` (``--from-mobile`` folded into ``sent_from``)."""
        return cls(
            to=ns.to,
            text=BodyOptions(ns.body, ns.body_file),
            subject=ns.subject,
            channel=ns.channel,
            seat=ns.seat,
            sent_at=ns.sent_at,
            ago=ns.ago,
            state=ns.state,
            open_profile=ns.open_profile,
            batch=ns.batch,
            sent_from="mobile" if ns.from_mobile else ns.sent_from,
            profile_url=ns.profile_url,
            push=ns.push,
            external_id=ns.external_id,
            commercial=ns.commercial,
        )


@dataclass(frozen=True, slots=True)
class SeatAddOptions:
    """``cockpit seat add``."""

    name: str
    plan: str
    credits: int | None = None
    tz: str = "UTC"
    commercial: bool | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> SeatAddOptions:
        """The options of ``seat add``."""
        return cls(name=ns.name, plan=ns.plan, credits=ns.credits, tz=ns.tz, commercial=ns.commercial)


@dataclass(frozen=True, slots=True)
class BatchSetOptions:
    """``cockpit batch set``."""

    name: str
    commercial: bool | None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> BatchSetOptions:
        """The options of ``batch set``."""
        return cls(name=ns.name, commercial={"yes": True, "no": False}.get(ns.commercial))


@dataclass(frozen=True, slots=True)
class CommercialOptions:
    """``cockpit commercial``."""

    id: int
    commercial: bool
    reason: str

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> CommercialOptions:
        """The options of ``commercial``."""
        return cls(id=ns.id, commercial=bool(ns.commercial), reason=ns.reason)


@dataclass(frozen=True, slots=True)
class SeatListOptions:
    """``cockpit seat`` / ``cockpit seat list``."""

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> SeatListOptions:
        """Nothing beyond the global options."""
        return cls()


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """``cockpit import``."""

    file: str
    format: str = "auto"
    me: str | None = None
    seat: str | None = None
    skip_invalid: bool = False
    shift_to_now: bool = False
    me_name: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> ImportOptions:
        """The options of ``import``."""
        return cls(
            file=ns.file,
            format=ns.format or "auto",
            me=ns.me,
            seat=ns.seat,
            skip_invalid=ns.skip_invalid,
            shift_to_now=ns.shift_to_now,
            me_name=ns.me_name,
        )


@dataclass(frozen=True, slots=True)
class ObserveOptions:
    """``cockpit observe``."""

    id: int
    kind: str
    at: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> ObserveOptions:
        """The options of ``observe``."""
        return cls(id=ns.id, kind=ns.kind, at=ns.at)


@dataclass(frozen=True, slots=True)
class RiskOptions:
    """``cockpit risk dismiss`` and ``cockpit risk add``."""

    id: int
    code: str
    reason: str
    evidence: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> RiskOptions:
        """The options of ``risk dismiss`` / ``risk add``."""
        return cls(id=ns.id, code=ns.code, reason=ns.reason, evidence=getattr(ns, "evidence", None))


@dataclass(frozen=True, slots=True)
class ListOptions:
    """``cockpit list``."""

    json: bool = False
    csv: bool = False
    filter: str | None = None
    batch: str | None = None
    out: str | None = None
    sort: str = "triage"

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> ListOptions:
        """The options of ``list``."""
        return cls(json=ns.json, csv=ns.csv, filter=ns.filter, batch=ns.batch, out=ns.out, sort=ns.sort)


@dataclass(frozen=True, slots=True)
class ShowOptions:
    """``cockpit show``."""

    id: int
    json: bool = False

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> ShowOptions:
        """The options of ``show``."""
        return cls(id=ns.id, json=ns.json)


@dataclass(frozen=True, slots=True)
class RecallOptions:
    """``cockpit recall``."""

    ids: tuple[int, ...]
    batch: str | None = None
    reason: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> RecallOptions:
        """The options of ``recall``."""
        return cls(ids=tuple(ns.ids), batch=ns.batch, reason=ns.reason)


@dataclass(frozen=True, slots=True)
class CommentOptions:
    """``cockpit comment``."""

    id: int
    text: str

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> CommentOptions:
        """The options of ``comment``."""
        return cls(id=ns.id, text=ns.text)


@dataclass(frozen=True, slots=True)
class EscalateOptions:
    """``cockpit escalate`` (``escalation``: ``raised``, or ``resolved``/``withdrawn`` to settle one)."""

    id: int
    reason: str
    escalation: str = "raised"

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> EscalateOptions:
        """The options of ``escalate``."""
        return cls(id=ns.id, reason=ns.reason, escalation=ns.escalation or "raised")


@dataclass(frozen=True, slots=True)
class EditOptions:
    """``cockpit edit``."""

    id: int
    text: BodyOptions
    subject: str | None = None
    reason: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> EditOptions:
        """The options of ``edit``."""
        return cls(id=ns.id, text=BodyOptions(ns.body, ns.body_file), subject=ns.subject, reason=ns.reason)


@dataclass(frozen=True, slots=True)
class RevertOptions:
    """``cockpit revert``."""

    id: int
    reason: str

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> RevertOptions:
        """The options of ``revert``."""
        return cls(id=ns.id, reason=ns.reason)


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """``cockpit report``."""

    json: bool = False
    filter: str | None = None
    batch: str | None = None
    actor: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> ReportOptions:
        """The options of ``report``."""
        return cls(json=ns.json, filter=ns.filter, batch=ns.batch, actor=ns.report_actor)


@dataclass(frozen=True, slots=True)
class PlanOptions:
    """``cockpit plan``."""

    json: bool = False
    filter: str | None = None
    batch: str | None = None
    pace: float | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> PlanOptions:
        """The options of ``plan``."""
        return cls(json=ns.json, filter=ns.filter, batch=ns.batch, pace=ns.pace)


@dataclass(frozen=True, slots=True)
class JudgeOptions:
    """``cockpit judge``."""

    json: bool = False

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> JudgeOptions:
        """The options of ``judge``."""
        return cls(json=ns.json)


@dataclass(frozen=True, slots=True)
class DbOptions:
    """``cockpit db status`` and ``cockpit db upgrade``."""

    json: bool = False

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> DbOptions:
        """The options of ``db status`` or ``db upgrade``."""
        return cls(json=bool(getattr(ns, "json", False)))


@dataclass(frozen=True, slots=True)
class IncidentOptions:
    """``cockpit incident``."""

    batch: str | None = None
    filter: str | None = None
    out: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> IncidentOptions:
        """The options of ``incident``."""
        return cls(batch=ns.batch, filter=ns.filter, out=ns.out)


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """``cockpit audit`` (and ``audit verify``)."""

    verify: bool = False
    json: bool = False
    csv: bool = False
    out: str | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> AuditOptions:
        """The options of ``audit``."""
        return cls(verify=ns.action == "verify", json=ns.json, csv=ns.csv, out=ns.out)
