"""Where the cockpit keeps its files, and how it creates them privately (0700 dirs, 0600 files)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

APP_NAME = "recall-cockpit"


def bundled_data_dir() -> Path:
    """The ``data/`` folder: inside an installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_data"
    if installed.is_dir():
        return installed
    return here.parent / "data"


def user_data_dir() -> Path:
    """The platform's user data directory for the cockpit (not created)."""
    from platformdirs import user_data_path

    return Path(user_data_path(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """The platform's user config directory for the cockpit (not created)."""
    from platformdirs import user_config_path

    return Path(user_config_path(APP_NAME, appauthor=False))


def user_documents_dir() -> Path:
    """Where exports go unless the user says otherwise: the platform's documents folder, else the
    home folder when there is none (never the current directory)."""
    from platformdirs import user_documents_dir as documents

    folder = Path(documents()).expanduser()
    return folder if folder.is_dir() else Path.home()


def default_db_path() -> Path:
    """The default database file."""
    return user_data_dir() / "cockpit.sqlite3"


def demo_db_path() -> Path:
    """The database ``cockpit demo`` builds when no ``--db`` is given."""
    return user_data_dir() / "demo.sqlite3"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed; the leaf is made 0700 when the cockpit creates it."""
    if not path.exists():
        path.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create an empty ``path`` with mode 0600 if it does not exist yet."""
    ensure_private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    return path


def write_private_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, then rename), 0600."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.exists():
        ensure_private_dir(directory)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
