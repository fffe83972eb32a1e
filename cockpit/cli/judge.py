"""``cockpit judge``: judge every message the running scanner has not judged yet, and store it."""

from __future__ import annotations

import sys
import time

from cockpit.cli.context import open_cockpit
from cockpit.cli.options import GlobalOptions, JudgeOptions
from cockpit.cli.output import out, print_json


def judge(options: GlobalOptions, opts: JudgeOptions) -> int:
    """Judge the content of every message without a current stored judgement (after an import, or
    when a new scanner version or policy makes the stored ones out of date)."""
    from cockpit.cli.progress import count_progress
    from cockpit.domain.risk_summary import judgement_basis
    from cockpit.services.judging import judge_missing

    cockpit = open_cockpit(options, create=False)
    repo, policy = cockpit.repo, cockpit.policy
    basis = judgement_basis(policy)
    total = repo.message_count()
    started = time.perf_counter()
    interactive = sys.stdout.isatty() and sys.stderr.isatty()
    with count_progress(interactive and not opts.json, sys.stderr, "judging") as progress:
        judged = judge_missing(repo, policy, cockpit.clock.now(), progress=progress, wait=True)
    seconds = time.perf_counter() - started
    if opts.json:
        print_json({"messages": total, "judged": judged, "current": total - judged, "basis": basis})
        return 0
    out(
        f"Judged {judged:,} of {total:,} messages in {seconds:.1f} s; the other {total - judged:,} "
        f"were judged by this version already (basis {basis})."
    )
    return 0
