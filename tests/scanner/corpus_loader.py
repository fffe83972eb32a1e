"""Loads the labelled scanner corpus (tests/scanner/corpus/*.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cockpit.domain.scanner import CODES, ScanInput

CORPUS_DIR = Path(__file__).parent / "corpus"
DEFAULT_SENT_AT = "2026-11-27T15:00:00Z"
DEFAULT_TZ = "America/New_York"


@dataclass(frozen=True)
class Labelled:
    """One corpus message and what the scanner must (and must not) say about it."""

    id: str
    file: str
    message: ScanInput
    must: frozenset[str]
    either: frozenset[str]
    expect_commercial: bool | None

    def must_not(self) -> frozenset[str]:
        """Codes that must not fire."""
        return frozenset(CODES) - self.must - self.either


def _entry(file: str, raw: dict[str, object]) -> Labelled:
    allowed = {
        "id", "note", "lang", "recipient", "state", "channel", "commercial", "sent_at", "tz",
        "sent_from", "subject", "body", "must", "either", "expect_commercial",
    }  # fmt: skip
    unknown = set(raw) - allowed
    assert not unknown, f"{file} {raw.get('id')}: unknown keys {unknown}"
    must = frozenset(raw.get("must", []))  # type: ignore[arg-type]
    either = frozenset(raw.get("either", []))  # type: ignore[arg-type]
    bad = (must | either) - set(CODES)
    assert not bad, f"{file} {raw['id']}: unknown codes {bad}"
    commercial = raw.get("commercial")
    expect = raw.get("expect_commercial")
    message = ScanInput(
        subject=str(raw.get("subject", "")),
        body=str(raw["body"]),
        recipient=str(raw["recipient"]),
        recipient_state=raw.get("state"),  # type: ignore[arg-type]
        channel=str(raw.get("channel", "inmail")),
        commercial=commercial if isinstance(commercial, bool) else None,
        sent_at=datetime.fromisoformat(str(raw.get("sent_at", DEFAULT_SENT_AT))),
        sender_time_zone=str(raw.get("tz", DEFAULT_TZ)),
        sent_from=str(raw.get("sent_from", "desktop")),
    )
    return Labelled(
        id=str(raw["id"]),
        file=file,
        message=message,
        must=must,
        either=either,
        expect_commercial=expect if isinstance(expect, bool) else None,
    )


def load_raw(directory: Path = CORPUS_DIR) -> list[tuple[str, dict[str, object]]]:
    """Every message of every corpus file in ``directory`` as written, with its file name."""
    raw: list[tuple[str, dict[str, object]]] = []
    for path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        raw.extend((path.name, entry) for entry in data["message"])
    return raw


def load_corpus(directory: Path = CORPUS_DIR) -> list[Labelled]:
    """Every labelled message of every corpus file in ``directory``, in file order."""
    return [_entry(name, raw) for name, raw in load_raw(directory)]
