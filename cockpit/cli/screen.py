"""Commands that open the full-screen cockpit: ``cockpit`` itself and ``cockpit demo``."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.cli.context import explicit_db, open_cockpit
from cockpit.cli.options import DemoOptions, GlobalOptions, TuiOptions
from cockpit.cli.output import out
from cockpit.errors import BadInput
from cockpit.text import safe_text

if TYPE_CHECKING:
    from cockpit.tui.app import CockpitApp


def tui(options: GlobalOptions, opts: TuiOptions) -> int:
    """``cockpit``: the screen. A ``--db``/``COCKPIT_DB`` that does not exist is reported; the
    default database is created on first use."""
    from cockpit.zones import user_zone

    user_zone(options.tz)  # an unknown --tz is reported before the screen opens
    cockpit = open_cockpit(options, create=explicit_db(options) is None)
    from cockpit.tui.app import create_app

    return _run(create_app(cockpit, zone=options.tz, quiet=opts.quiet))


def _run(app: CockpitApp) -> int:
    """Run the screen; exit non-zero when it closed on an error."""
    app.run()
    return app.return_code or 0


def demo(options: GlobalOptions, opts: DemoOptions) -> int:
    """``cockpit demo``: build the demo data relative to now (unless there is some), then open it."""
    from cockpit.services.demo import build_demo, incident_batch

    if opts.fresh:
        _remove_default_demo(options)
    cockpit = open_cockpit(options, demo=True)
    if cockpit.repo.message_count() == 0:
        summary = build_demo(cockpit)
        if opts.no_tui:
            out(summary)
    if opts.no_tui:
        target = cockpit.repo.engine.url.database or cockpit.repo.engine.url.render_as_string(
            hide_password=True
        )
        out(f"demo database: {safe_text(target)}")
        out(
            "incident report of the demo's bad batch: "
            f"cockpit --db {safe_text(shlex.quote(target))} incident --batch {shlex.quote(incident_batch())}"
        )
        return 0
    from cockpit.tui.app import create_app

    return _run(create_app(cockpit, zone=options.tz, quiet=opts.quiet))


def _remove_default_demo(options: GlobalOptions) -> None:
    """Delete the default demo database so ``demo --fresh`` rebuilds it relative to now."""
    from cockpit.paths import demo_db_path

    if explicit_db(options):
        raise BadInput(
            "--fresh only rebuilds the default demo database; it never deletes a --db/COCKPIT_DB one"
        )
    path = demo_db_path()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
