"""The second frozen scanner corpus (``tests/scanner/frozen``) is unchanged and well formed.

Every message was labelled from DESIGN's definitions before any scanner ran on it (see
``frozen/SOURCES.md``). The whole corpus is frozen: its hash, over every message sorted by id as
canonical JSON, is committed in ``frozen/FROZEN.sha256``. This module checks only the hash and the
shape of the corpus; it never scans it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cockpit.policy import load_policy
from tests.scanner.corpus_loader import load_raw

FROZEN_DIR = Path(__file__).parent / "frozen"
FROZEN_HASH = FROZEN_DIR / "FROZEN.sha256"
MIN_MESSAGES = 320
REQUIRED_KEYS = {"id", "note", "recipient", "body", "must"}
ALLOWED_KEYS = REQUIRED_KEYS | {
    "lang", "state", "channel", "commercial", "sent_at", "tz", "sent_from", "subject", "either",
    "expect_commercial",
}  # fmt: skip
CHANNELS = {"inmail", "message", "connection_note", "sponsored"}
SENT_FROM = {"desktop", "mobile", "recruiter", "sales_navigator"}


def frozen_digest() -> str:
    """The hash of every message of the frozen corpus as written (sorted by id, canonical JSON)."""
    messages = sorted((entry for _name, entry in load_raw(FROZEN_DIR)), key=lambda entry: str(entry["id"]))
    text = json.dumps(messages, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def messages() -> list[tuple[str, dict[str, object]]]:
    return load_raw(FROZEN_DIR)


def test_the_frozen_corpus_is_unchanged() -> None:
    assert FROZEN_HASH.read_text(encoding="utf-8").split()[0] == frozen_digest(), (
        "the frozen corpus was changed; it must stay exactly as labelled"
    )


def test_the_frozen_corpus_is_large_and_its_ids_are_unique(
    messages: list[tuple[str, dict[str, object]]],
) -> None:
    ids = [str(entry["id"]) for _name, entry in messages]
    assert len(ids) >= MIN_MESSAGES
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert all(message_id.startswith("fz-") for message_id in ids)


def test_every_label_is_a_known_risk_code(messages: list[tuple[str, dict[str, object]]]) -> None:
    known = set(load_policy().risks)
    for name, entry in messages:
        must, either = entry["must"], entry.get("either", [])
        assert isinstance(must, list) and isinstance(either, list), f"{name} {entry['id']}"
        assert set(must) <= known and set(either) <= known, f"{name} {entry['id']}: unknown code"
        assert not set(must) & set(either), f"{name} {entry['id']}: a code is both must and either"


def test_every_message_has_the_corpus_shape(messages: list[tuple[str, dict[str, object]]]) -> None:
    for name, entry in messages:
        keys = set(entry)
        assert keys >= REQUIRED_KEYS, f"{name} {entry.get('id')}: missing {REQUIRED_KEYS - keys}"
        assert keys <= ALLOWED_KEYS, f"{name} {entry['id']}: unknown keys {keys - ALLOWED_KEYS}"
        assert str(entry["note"]).strip(), f"{name} {entry['id']}: no source in the note"
        assert entry.get("channel", "inmail") in CHANNELS, f"{name} {entry['id']}"
        assert entry.get("sent_from", "desktop") in SENT_FROM, f"{name} {entry['id']}"
        for flag in ("commercial", "expect_commercial"):
            assert isinstance(entry.get(flag, False), bool), f"{name} {entry['id']}: {flag}"


def test_every_frozen_file_names_its_sources() -> None:
    sources = (FROZEN_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for path in sorted(FROZEN_DIR.glob("*.toml")):
        assert f"## {path.name}" in sources, f"{path.name} has no section in SOURCES.md"
