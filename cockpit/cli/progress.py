"""A Rich progress bar for a long import, shown on a terminal only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

Progress = Callable[[str, int], None]


@contextmanager
def import_progress(enabled: bool, err: IO[str]) -> Iterator[Progress | None]:
    """A callback that moves a transient bar on ``err``; ``None`` when not ``enabled``."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    console = Console(file=err)
    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)
        total = 0

        def update(phase: str, count: int) -> None:
            nonlocal total
            if phase == "total":
                total = max(count, 1)
                bar.update(task, total=total, description="importing lines")
            elif phase == "write":
                bar.update(task, description="saving", completed=total)
            else:
                bar.update(task, completed=min(count, total))

        yield update


@contextmanager
def count_progress(
    enabled: bool, err: IO[str], description: str
) -> Iterator[Callable[[int, int], None] | None]:
    """A callback ``(done, total)`` that moves a transient bar on ``err``; ``None`` when not
    ``enabled``."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn(description),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=err),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, total=total, completed=done)

        yield update
