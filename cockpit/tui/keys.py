"""The key reference's sections, made from the bindings themselves so they never fall behind."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType

KEY_NAMES = {
    "space": "space",
    "escape": "esc",
    "enter": "enter",
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "pagedown": "pgdn",
    "pageup": "pgup",
}


@dataclass(frozen=True, slots=True)
class HelpKey:
    """One line of the key reference."""

    key: str
    description: str
    tip: str = ""


@dataclass(frozen=True, slots=True)
class HelpSection:
    """A titled group of keys (one screen's, a dialog's, the filter box's)."""

    title: str
    keys: tuple[HelpKey, ...]


def key_label(binding: Binding) -> str:
    """How the key of ``binding`` is written in the reference."""
    if binding.key_display:
        return binding.key_display
    return "/".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


def help_section(
    title: str, bindings: Iterable[BindingType], extra: tuple[tuple[str, str], ...] = ()
) -> HelpSection:
    """A section listing each action of ``bindings`` once, then the ``extra`` (key, description)
    lines."""
    keys: list[HelpKey] = []
    seen: set[str] = set()
    for item in bindings:
        if not isinstance(item, Binding) or item.action in seen:
            continue
        seen.add(item.action)
        keys.append(HelpKey(key_label(item), item.description, f" · {item.tooltip}" if item.tooltip else ""))
    keys.extend(HelpKey(key, text) for key, text in extra)
    return HelpSection(title, tuple(keys))
