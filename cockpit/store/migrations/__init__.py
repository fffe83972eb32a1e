"""The schema's history as alembic revisions (``versions/``), shipped inside the package.

``HEAD_REVISION`` names the newest revision so that opening a database already at it needs no
alembic import; ``tests/test_migrations.py`` checks it against the scripts.
"""

from __future__ import annotations

from pathlib import Path

HEAD_REVISION = "0004"
"""The newest revision: the schema :mod:`cockpit.store.tables` describes."""

SCRIPTS_DIR = Path(__file__).resolve().parent
"""The folder alembic reads (its revisions are in ``versions/``)."""
