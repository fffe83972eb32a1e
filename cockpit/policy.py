"""The policy: every platform rule and penalty number, loaded from a TOML file into typed values."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any, Literal, cast

from cockpit.errors import PolicyError
from cockpit.paths import bundled_data_dir

Severity = Literal["low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = ("low", "medium", "high", "critical")
PenaltyUnit = Literal["per_message", "per_incident"]


@dataclass(frozen=True)
class Sourced:
    """Where a number comes from and when it was last checked."""

    source: str
    as_of: str


@dataclass(frozen=True)
class WindowPolicy:
    minutes: int
    urgent_minutes: int
    critical_minutes: int
    origin: Sourced


@dataclass(frozen=True)
class ChannelPolicy:
    name: str
    label: str
    recallable: bool
    editable: bool
    costs_credit: bool
    origin: Sourced


@dataclass(frozen=True)
class PlanPolicy:
    name: str
    label: str
    monthly_credits: int
    recruiter: bool
    by_contract: bool
    origin: Sourced
    commercial_by_default: bool = False


@dataclass(frozen=True)
class CreditPolicy:
    refund_days: int
    recall_refunds: bool
    origin: Sourced


@dataclass(frozen=True)
class FollowupPolicy:
    """What a follow-up costs: the owner's later message, before any answer, in a conversation the
    owner opened with an InMail (``verified``: whether the source confirms it)."""

    costs_credit: bool
    verified: bool
    origin: Sourced


DEFAULT_FOLLOWUPS = FollowupPolicy(
    costs_credit=True,
    verified=False,
    origin=Sourced(source="DESIGN section 2: an apology follow-up costs another credit (unverified)",
                   as_of="2026-12-03"),
)  # fmt: skip


@dataclass(frozen=True)
class LeakagePolicy:
    preview_chars: int
    mobile_cache_hours: int
    metadata_retention_years: int
    origin: Sourced


@dataclass(frozen=True)
class AfterHoursPolicy:
    start: time
    end: time
    origin: Sourced


@dataclass(frozen=True)
class AlertsPolicy:
    """How the screen announces a risky window closing: a user's preference, not a platform rule.

    ``bell``: ring the terminal bell with the notification; ``quiet_start``/``quiet_end``: the
    hours (in the user's zone) when it never rings, the notification still shown (None: no quiet
    hours).
    """

    bell: bool = True
    quiet_start: time | None = None
    quiet_end: time | None = None


DEFAULT_ALERTS = AlertsPolicy()


@dataclass(frozen=True)
class LinkingPolicy:
    """When an imported row is taken to be a send already stored from another file."""

    time_tolerance_seconds: int
    origin: Sourced


@dataclass(frozen=True)
class PlanningPolicy:
    """The triage plan's defaults: the pace of one manual recall, how it is learned, and the weights."""

    default_pace_seconds: int
    min_pace_seconds: int
    max_pace_seconds: int
    pace_step_seconds: int
    learn_hours: int
    learn_max_gap_seconds: int
    learn_min_gaps: int
    base_weight: int
    severity_weight: dict[str, int]
    preview_percent: int
    exposure_usd_per_point: int
    exposure_max_points: int
    origin: Sourced


@dataclass(frozen=True)
class Penalty:
    name: str
    label: str
    statute: str
    amount_usd: int
    minimum_usd: int
    unit: PenaltyUnit
    origin: Sourced


@dataclass(frozen=True)
class RiskPolicy:
    code: str
    severity: Severity
    penalty: str | None


@dataclass(frozen=True)
class Policy:
    """Typed, validated policy values."""

    window: WindowPolicy
    channels: dict[str, ChannelPolicy]
    plans: dict[str, PlanPolicy]
    credits: CreditPolicy
    followups: FollowupPolicy
    leakage: LeakagePolicy
    after_hours: AfterHoursPolicy
    penalties: dict[str, Penalty]
    risks: dict[str, RiskPolicy]
    path: str
    linking: LinkingPolicy | None = None  # None: the file has no [import_linking] table
    planning_table: PlanningPolicy | None = None  # None: the file has no [planning] table
    alerts: AlertsPolicy = DEFAULT_ALERTS  # the file's [alerts] table, else a bell at any hour

    @property
    def planning(self) -> PlanningPolicy:
        """The triage plan's defaults (this file's, else the bundled file's)."""
        if self.planning_table is not None:
            return self.planning_table
        bundled = load_policy().planning_table
        assert bundled is not None
        return bundled

    @property
    def link_tolerance_seconds(self) -> int:
        """The send-time tolerance for linking (this file's, else the bundled file's)."""
        if self.linking is not None:
            return self.linking.time_tolerance_seconds
        bundled = load_policy().linking
        assert bundled is not None
        return bundled.time_tolerance_seconds

    def channel(self, name: str) -> ChannelPolicy:
        """The policy of channel ``name`` (KeyError if unknown)."""
        return self.channels[name]

    def penalty_for(self, code: str) -> Penalty | None:
        """The penalty a risk code maps to, if any."""
        risk = self.risks.get(code)
        if risk is None or risk.penalty is None:
            return None
        return self.penalties[risk.penalty]


def default_policy_path() -> Path:
    """The policy file shipped with the package."""
    return bundled_data_dir() / "policy.toml"


def load_policy(path: str | Path | None = None) -> Policy:
    """Load and validate a policy file (the bundled default when ``path`` is None).

    Raises:
        PolicyError: the file is missing, not TOML, or a key is absent or of the wrong kind.
    """
    file = Path(path) if path is not None else default_policy_path()
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(f"policy file not found: {file}") from None
    except UnicodeDecodeError as exc:
        raise PolicyError(f"policy file {file} is not UTF-8: {exc.reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"policy file {file} is not valid TOML: {exc}") from None
    return _Reader(str(file)).policy(raw)


class _Reader:
    """Reads a parsed TOML document, naming the full key of any problem."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, problem: str) -> PolicyError:
        return PolicyError(f"policy {self.file}: {key}: {problem}")

    def table(self, raw: dict[str, Any], key: str, prefix: str = "") -> dict[str, Any]:
        full = f"{prefix}{key}"
        if key not in raw:
            raise self.fail(full, "missing table")
        value = raw[key]
        if not isinstance(value, dict):
            raise self.fail(full, "must be a table")
        return value

    def int_(self, raw: dict[str, Any], key: str, prefix: str, minimum: int = 0) -> int:
        full = f"{prefix}{key}"
        if key not in raw:
            raise self.fail(full, "missing")
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(full, f"must be an integer, got {value!r}")
        if value < minimum:
            raise self.fail(full, f"must be at least {minimum}, got {value}")
        return value

    def bool_(self, raw: dict[str, Any], key: str, prefix: str, default: bool | None = None) -> bool:
        full = f"{prefix}{key}"
        if key not in raw:
            if default is not None:
                return default
            raise self.fail(full, "missing")
        value = raw[key]
        if not isinstance(value, bool):
            raise self.fail(full, f"must be true or false, got {value!r}")
        return value

    def str_(self, raw: dict[str, Any], key: str, prefix: str, default: str | None = None) -> str:
        full = f"{prefix}{key}"
        if key not in raw:
            if default is not None:
                return default
            raise self.fail(full, "missing")
        value = raw[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(full, f"must be a non-empty string, got {value!r}")
        return value

    def origin(self, raw: dict[str, Any], prefix: str) -> Sourced:
        as_of = self.str_(raw, "as_of", prefix)
        if len(as_of) != 10 or as_of[4] != "-" or as_of[7] != "-":
            raise self.fail(f"{prefix}as_of", f"must be a date YYYY-MM-DD, got {as_of!r}")
        return Sourced(source=self.str_(raw, "source", prefix), as_of=as_of)

    def clock_time(self, raw: dict[str, Any], key: str, prefix: str) -> time:
        text = self.str_(raw, key, prefix)
        try:
            return time.fromisoformat(text)
        except ValueError:
            raise self.fail(f"{prefix}{key}", f"must be a time HH:MM, got {text!r}") from None

    def policy(self, raw: dict[str, Any]) -> Policy:
        w = self.table(raw, "window")
        window = WindowPolicy(
            minutes=self.int_(w, "minutes", "window.", 1),
            urgent_minutes=self.int_(w, "urgent_minutes", "window.", 0),
            critical_minutes=self.int_(w, "critical_minutes", "window.", 0),
            origin=self.origin(w, "window."),
        )
        if not window.critical_minutes <= window.urgent_minutes <= window.minutes:
            raise self.fail("window", "need critical_minutes <= urgent_minutes <= minutes")
        channels = {
            name: ChannelPolicy(
                name=name,
                label=self.str_(c, "label", f"channels.{name}.", name),
                recallable=self.bool_(c, "recallable", f"channels.{name}."),
                editable=self.bool_(c, "editable", f"channels.{name}."),
                costs_credit=self.bool_(c, "costs_credit", f"channels.{name}."),
                origin=self.origin(c, f"channels.{name}."),
            )
            for name, c in self.sections(raw, "channels").items()
        }
        plans = {
            name: PlanPolicy(
                name=name,
                label=self.str_(p, "label", f"plans.{name}.", name),
                monthly_credits=self.int_(p, "monthly_credits", f"plans.{name}."),
                recruiter=self.bool_(p, "recruiter", f"plans.{name}.", False),
                by_contract=self.bool_(p, "by_contract", f"plans.{name}.", False),
                origin=self.origin(p, f"plans.{name}."),
                commercial_by_default=self.bool_(p, "commercial_by_default", f"plans.{name}.", False),
            )
            for name, p in self.sections(raw, "plans").items()
        }
        c = self.table(raw, "credits")
        credits = CreditPolicy(
            refund_days=self.int_(c, "refund_days", "credits.", 0),
            recall_refunds=self.bool_(c, "recall_refunds", "credits.", False),
            origin=self.origin(c, "credits."),
        )
        followups = DEFAULT_FOLLOWUPS
        if "followups" in raw:
            f = self.table(raw, "followups")
            followups = FollowupPolicy(
                costs_credit=self.bool_(f, "costs_credit", "followups."),
                verified=self.bool_(f, "verified", "followups.", False),
                origin=self.origin(f, "followups."),
            )
        lk = self.table(raw, "leakage")
        leakage = LeakagePolicy(
            preview_chars=self.int_(lk, "preview_chars", "leakage.", 1),
            mobile_cache_hours=self.int_(lk, "mobile_cache_hours", "leakage.", 0),
            metadata_retention_years=self.int_(lk, "metadata_retention_years", "leakage.", 0),
            origin=self.origin(lk, "leakage."),
        )
        ah = self.table(raw, "after_hours")
        after_hours = AfterHoursPolicy(
            start=self.clock_time(ah, "start", "after_hours."),
            end=self.clock_time(ah, "end", "after_hours."),
            origin=self.origin(ah, "after_hours."),
        )
        penalties = {name: self.penalty(name, p) for name, p in self.sections(raw, "penalties").items()}
        risks: dict[str, RiskPolicy] = {}
        for code, r in self.sections(raw, "risks").items():
            prefix = f"risks.{code}."
            severity = self.str_(r, "severity", prefix)
            if severity not in SEVERITIES:
                raise self.fail(f"{prefix}severity", f"must be one of {', '.join(SEVERITIES)}")
            penalty = r.get("penalty")
            if penalty is not None and penalty not in penalties:
                raise self.fail(f"{prefix}penalty", f"names no [penalties.{penalty}] table")
            risks[code] = RiskPolicy(code=code, severity=severity, penalty=penalty)
        linking = None
        if "import_linking" in raw:
            li = self.table(raw, "import_linking")
            linking = LinkingPolicy(
                time_tolerance_seconds=self.int_(li, "time_tolerance_seconds", "import_linking.", 0),
                origin=self.origin(li, "import_linking."),
            )
        planning = self.planning(raw) if "planning" in raw else None
        alerts = self.alerts(raw) if "alerts" in raw else DEFAULT_ALERTS
        return Policy(
            window=window,
            channels=channels,
            plans=plans,
            credits=credits,
            followups=followups,
            leakage=leakage,
            after_hours=after_hours,
            penalties=penalties,
            risks=risks,
            path=self.file,
            linking=linking,
            planning_table=planning,
            alerts=alerts,
        )

    def alerts(self, raw: dict[str, Any]) -> AlertsPolicy:
        a = self.table(raw, "alerts")
        bell = self.bool_(a, "bell", "alerts.", True)
        if "quiet_hours" not in a or a["quiet_hours"] == "":
            return AlertsPolicy(bell=bell)
        text = self.str_(a, "quiet_hours", "alerts.")
        start, sep, end = text.partition("-")
        try:
            if not sep:
                raise ValueError(text)
            return AlertsPolicy(bell, time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))
        except ValueError:
            raise self.fail("alerts.quiet_hours", f'must be "HH:MM-HH:MM" or "", got {text!r}') from None

    def planning(self, raw: dict[str, Any]) -> PlanningPolicy:
        p = self.table(raw, "planning")
        weights = self.table(p, "severity_weight", "planning.") if "severity_weight" in p else {}
        severity: dict[str, int] = {
            name: self.int_(weights, name, "planning.severity_weight.", 0) for name in SEVERITIES
        }
        planning = PlanningPolicy(
            default_pace_seconds=self.int_(p, "default_pace_seconds", "planning.", 1),
            min_pace_seconds=self.int_(p, "min_pace_seconds", "planning.", 1),
            max_pace_seconds=self.int_(p, "max_pace_seconds", "planning.", 1),
            pace_step_seconds=self.int_(p, "pace_step_seconds", "planning.", 1),
            learn_hours=self.int_(p, "learn_hours", "planning.", 1),
            learn_max_gap_seconds=self.int_(p, "learn_max_gap_seconds", "planning.", 1),
            learn_min_gaps=self.int_(p, "learn_min_gaps", "planning.", 1),
            base_weight=self.int_(p, "base_weight", "planning.", 1),
            severity_weight=severity,
            preview_percent=self.int_(p, "preview_percent", "planning.", 0),
            exposure_usd_per_point=self.int_(p, "exposure_usd_per_point", "planning.", 1),
            exposure_max_points=self.int_(p, "exposure_max_points", "planning.", 0),
            origin=self.origin(p, "planning."),
        )
        if not planning.min_pace_seconds <= planning.default_pace_seconds <= planning.max_pace_seconds:
            raise self.fail("planning", "need min_pace_seconds <= default_pace_seconds <= max_pace_seconds")
        if planning.preview_percent > 100:
            raise self.fail("planning.preview_percent", "must be at most 100")
        return planning

    def sections(self, raw: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
        table = self.table(raw, key)
        if not table:
            raise self.fail(key, "must define at least one entry")
        for name, value in table.items():
            if not isinstance(value, dict):
                raise self.fail(f"{key}.{name}", "must be a table")
        return table

    def penalty(self, name: str, p: dict[str, Any]) -> Penalty:
        prefix = f"penalties.{name}."
        unit = self.str_(p, "unit", prefix)
        if unit not in ("per_message", "per_incident"):
            raise self.fail(f"{prefix}unit", f"must be per_message or per_incident, got {unit!r}")
        amount = self.int_(p, "amount_usd", prefix)
        return Penalty(
            name=name,
            label=self.str_(p, "label", prefix, name),
            statute=self.str_(p, "statute", prefix),
            amount_usd=amount,
            minimum_usd=self.int_(p, "minimum_usd", prefix) if "minimum_usd" in p else amount,
            unit=cast(PenaltyUnit, unit),
            origin=self.origin(p, prefix),
        )
