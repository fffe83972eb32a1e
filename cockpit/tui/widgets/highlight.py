"""Message text with its risky spans highlighted, and the preview a phone already showed.

Risk offsets point into the raw text; the safe-text function may change lengths (a control
character becomes a visible token), so the text is cut at the span boundaries first and each piece
is made safe on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from textual.content import Content

from cockpit.domain.assessment import SEVERITY_RANK, Risk
from cockpit.domain.leaks import preview_text
from cockpit.domain.model import Message
from cockpit.policy import Policy
from cockpit.text import safe_text

BODY_LIMIT = 20_000
MARK_STYLE = {
    4: "bold $text on $error-muted",
    3: "bold $text on $error-muted",
    2: "$text on $warning-muted",
    1: "underline",
}


def _pieces(length: int, risks: Sequence[Risk], field: str) -> list[tuple[int, int, int]]:
    """``(start, end, severity rank)`` pieces covering ``[0, length)``; rank 0 is unmarked."""
    spans = [
        (max(0, r.start), min(length, r.end), SEVERITY_RANK.get(r.severity, 1))
        for r in risks
        if r.field == field and r.end > r.start and r.start < length
    ]
    cuts = sorted({0, length, *[s for s, _e, _r in spans], *[e for _s, e, _r in spans]})
    pieces: list[tuple[int, int, int]] = []
    for start, end in pairwise(cuts):
        rank = max((r for s, e, r in spans if s <= start and end <= e), default=0)
        pieces.append((start, end, rank))
    return pieces


def highlighted(
    text: str, risks: Sequence[Risk], field: str, limit: int, *, multiline: bool = True
) -> Content:
    """``text`` (at most ``limit`` characters) as safe Content with the risky spans of ``field``."""
    shown = text[:limit]
    parts: list[Content] = []
    for start, end, rank in _pieces(len(shown), risks, field):
        piece = safe_text(shown[start:end], multiline=multiline)
        parts.append(Content.styled(piece, MARK_STYLE.get(rank, "")) if rank else Content(piece))
    return Content("").join(parts)


def preview_box(message: Message, risks: Sequence[Risk], policy: Policy, indent: str = "  ") -> Content:
    """The notification as the recipient's phone showed it: subject and the first characters of the
    body, with the risky spans inside it marked (each risk's own line says it is in the preview)."""
    preview = preview_text(message, policy)
    if preview is None:
        return Content.styled(f"{indent}No push went out: nothing was previewed.\n", "$success")
    lines = [
        Content.styled(
            f"{indent}┌─ LinkedIn · {safe_text(message.recipient, limit=40)}'s phone\n", "$text-muted"
        ),
        Content.assemble(
            (f"{indent}│ ", "$text-muted"),
            highlighted(message.subject, risks, "subject", 200, multiline=False).stylize("bold"),
            "\n",
        ),
        Content.assemble(
            (f"{indent}│ ", "$text-muted"),
            highlighted(preview, risks, "body", len(preview), multiline=False),
            ("…" if len(message.body) > len(preview) else ""),
            "\n",
        ),
        Content.styled(f"{indent}└─ {len(preview)} characters of the body shown\n", "$text-muted"),
    ]
    return Content("").join(lines)
