"""Fixtures for the scanner tests."""

from __future__ import annotations

import pytest

from cockpit.policy import Policy, load_policy


@pytest.fixture(scope="session")
def scanner_policy() -> Policy:
    """The bundled policy."""
    return load_policy()
