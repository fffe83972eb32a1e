"""Scan speed: CPU time per 700-character message (DESIGN section 6 budget: <= 500 us).

Run: ``.venv/bin/python bench/bench_scan.py [--rounds N] [--against PATH]``. Every message of the
scanner's corpora (own, tuning, held-out) is padded with the next messages' bodies to exactly 700
characters (distinct texts, so no cache helps), scanned once to warm up, then ``N`` times;
``time.process_time`` gives CPU time, so other processes' load counts only through shared caches.
Prints the median and the lowest round per corpus and overall. ``--against PATH`` also times the
scanner of another checkout (for example an export of the main branch) in the same process,
alternating rounds, and prints the ratio: the fairer comparison on a busy machine.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("corpus", "tuning", "heldout")
LENGTH = 700


def _load(root: Path) -> dict[str, Callable[[], int]]:
    """One scanning round per corpus, with the ``cockpit`` package of ``root``."""
    for name in [n for n in sys.modules if n.split(".")[0] in ("cockpit", "tests")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        policy = importlib.import_module("cockpit.policy").load_policy()
        scan = importlib.import_module("cockpit.domain.scanner").scan
        load_corpus = importlib.import_module("tests.scanner.corpus_loader").load_corpus
        corpora = {name: load_corpus(root / "tests" / "scanner" / name) for name in CORPORA}
    finally:
        sys.path.remove(str(root))
    rounds: dict[str, Callable[[], int]] = {}
    for name, entries in corpora.items():
        messages = []
        for i, entry in enumerate(entries):
            body, j = entry.message.body, i
            while len(body) < LENGTH:
                j = (j + 1) % len(entries)
                body = f"{body}\n\n{entries[j].message.body}"
            messages.append(replace(entry.message, body=body[:LENGTH]))
        for message in messages:
            scan(message, policy)

        def one_round(messages: list[object] = messages) -> int:
            for message in messages:
                scan(message, policy)
            return len(messages)

        rounds[name] = one_round
    return rounds


def _timed(run: Callable[[], int]) -> float:
    start = time.process_time()
    count = run()
    return (time.process_time() - start) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout to time in the same process")
    args = parser.parse_args()
    trees = {"this": _load(ROOT)}
    if args.against is not None:
        trees["against"] = _load(args.against.resolve())
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.rounds):
        for tree, rounds in trees.items():
            for name, run in rounds.items():
                times.setdefault((tree, name), []).append(_timed(run))
    print(f"us of CPU per {LENGTH}-character message (median / lowest of {args.rounds} rounds)")
    for tree in trees:
        every = [t for (owner, _), ts in times.items() if owner == tree for t in ts]
        cells = [
            f"{name} {statistics.median(times[tree, name]):.0f}/{min(times[tree, name]):.0f}"
            for name in CORPORA
        ]
        print(f"  {tree:<8} {'  '.join(cells)}  all {statistics.median(every):.0f}")
    if "against" in trees:
        ours = statistics.median(t for (owner, _), ts in times.items() if owner == "this" for t in ts)
        theirs = statistics.median(t for (owner, _), ts in times.items() if owner == "against" for t in ts)
        print(f"  ratio this/against: {ours / theirs:.3f}")


if __name__ == "__main__":
    main()
