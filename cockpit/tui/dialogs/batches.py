"""The batch picker: every batch present, with what tells the bad one apart; enter shows only it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widgets import OptionList

from cockpit.live.batches import BatchFigures
from cockpit.store.rows import epoch_us, from_epoch_us
from cockpit.tui.dialogs.choose import ChoiceDialog
from cockpit.tui.format import data_text, hhmm, mmss

NAME_WIDTH = 24


def _fit(text: str, size: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``size`` cells."""
    if cell_len(text) > size:
        return set_cell_size(text, size - 1) + "…"
    return set_cell_size(text, size)


def batch_label(figures: BatchFigures, now: datetime, zone: tzinfo) -> Content:
    """One batch's line: name, messages, still recallable, risky, when its first open window closes."""
    deadline = figures.first_deadline_us
    if deadline is None:
        closes = Content.styled("no open window", "$text-muted")
    else:
        left = max(0, (deadline - epoch_us(now)) // 1_000_000)
        closes = Content(f"first closes {hhmm(from_epoch_us(deadline), zone)} (in {mmss(left)})")
    risky = f"{figures.risky:>4} risky" + ("+?" if figures.unjudged else "  ")
    return Content.assemble(
        Content.styled(_fit(data_text(figures.batch, limit=200), NAME_WIDTH), "bold"),
        f"  {figures.messages:>5} msgs  {figures.recallable:>5} recallable  ",
        Content.styled(risky, "$error" if figures.risky else "$text-muted"),
        "  ",
        closes,
    )


class BatchPicker(ChoiceDialog):
    """Choose a batch; the dialog returns its name, or None on esc."""

    def __init__(self, batches: Sequence[BatchFigures], now: datetime, zone: tzinfo) -> None:
        self.names = [figures.batch for figures in batches]
        super().__init__(
            Content("Show one batch"),
            Content(
                f"{len(self.names)} batches, those with open windows first, the riskiest first "
                "(risky: a high or critical finding). enter shows only the chosen batch (batch:NAME)."
            ),
            [(str(index), batch_label(figures, now, zone)) for index, figures in enumerate(batches)],
        )

    def on_mount(self) -> None:
        self.query_one(".dialog").add_class("-wide")  # the base class's handler focuses the list

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event.prevent_default()  # the base class's handler would dismiss a second time
        self.dismiss(self.names[int(event.option.id or 0)])
