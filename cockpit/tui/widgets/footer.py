"""A footer that keeps its essential keys on a narrow terminal."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Footer


@dataclass(slots=True)
class _FooterUnit:
    """A key (or a group of keys and its label) of the footer, hidden or shown together."""

    action: str
    widgets: list[Widget]


class FittedFooter(Footer):
    """A compact footer that never lets its essential keys (help, quit) fall off a narrow
    terminal: keys that do not fit are hidden, least important first."""

    def __init__(self, keep: Collection[str], drop_first: Sequence[str], **kwargs: Any) -> None:
        """``keep``: actions always shown; ``drop_first``: actions hidden first to last when the
        keys do not fit (others are hidden after them, right-most first)."""
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self.keep = frozenset(keep)
        self.drop_first = tuple(drop_first)
        self._widths: dict[str, int] = {}
        self.hidden: set[str] = set()

    async def recompose(self) -> None:
        """Rebuild the keys, then hide again those that do not fit (before they are drawn)."""
        await super().recompose()
        self._fit()

    def on_resize(self, _event: events.Resize) -> None:
        self._fit()

    def _units(self) -> tuple[list[_FooterUnit], Widget | None]:
        units: list[_FooterUnit] = []
        palette: Widget | None = None
        for child in self.children:
            # a key has its action; a group holds keys; a group's label follows the group
            keys = [child] if isinstance(getattr(child, "action", None), str) else list(child.children)
            actions = [a for a in (getattr(k, "action", None) for k in keys) if isinstance(a, str)]
            if child.has_class("-command-palette"):
                palette = child
            elif actions:
                units.append(_FooterUnit(actions[0].split("(")[0], [child]))
            elif units:
                units[-1].widgets.append(child)
        return units, palette

    @staticmethod
    def _width(widgets: list[Widget]) -> int:
        return sum(w.outer_size.width + w.styles.margin.width for w in widgets)

    def _measure(self) -> None:
        units, palette = self._units()
        for unit in units:
            if all(w.display for w in unit.widgets) and unit.widgets[0].outer_size.width:
                self._widths[unit.action] = self._width(unit.widgets)
        if palette is not None and palette.outer_size.width:
            self._widths["-palette"] = self._width([palette])
        self._fit(measured=True)

    def _fit(self, measured: bool = False) -> None:
        units, _palette = self._units()
        if not units:
            return
        if any(unit.action not in self._widths for unit in units):
            if measured:  # could not measure (not laid out): show everything
                self.hidden = set()
            else:
                for unit in units:
                    for widget in unit.widgets:
                        widget.display = True
                self.call_after_refresh(self._measure)
                return
        else:
            room = self.size.width - self._widths.get("-palette", 0)
            order = [a for a in self.drop_first if any(u.action == a for u in units)]
            order += [u.action for u in reversed(units) if u.action not in order]
            used = sum(self._widths[u.action] for u in units)
            hidden: set[str] = set()
            for action in order:
                if used <= room:
                    break
                if action in self.keep:
                    continue
                hidden.add(action)
                used -= self._widths[action]
            self.hidden = hidden
        for unit in units:
            for widget in unit.widgets:
                widget.display = unit.action not in self.hidden
