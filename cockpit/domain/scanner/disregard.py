"""DISREGARD_FOLLOWUP: a "please disregard my previous message" follow-up.

It costs another credit and becomes the exhibit. Fires on asking the recipient to ignore an
earlier message, "sent in error", "sorry, wrong person" and their Spanish, French, German and
Portuguese forms; "feel free to ignore this if you are not interested" does not.
"""

from __future__ import annotations

import re

from cockpit.domain.scanner.matching import Phrases
from cockpit.domain.scanner.values import Span

_MESSAGE = r"(?:message|msg|inmail|in-mail|note|email|e-mail|mail|dm|text|invite|invitation)"
_PLEASE = r"(?:please |pls |kindly )?"
_DISREGARD = Phrases(
    ("disregard|ignore", r"\b" + _PLEASE + r"(?:disregard|ignore) (?:my|the|our|that|this)"
     r" (?:previous|last|earlier|prior|first|above|other|original|recent|last two|previous two) "
     + _MESSAGE + r"s?\b"),
    ("disregard|ignore", r"\b" + _PLEASE + r"(?:disregard|ignore) (?:my|the|that) " + _MESSAGE
     + r" (?:i|we) (?:just )?sent\b"),
    ("disregard", r"^[ \t]*" + _PLEASE + r"disregard\b|\bplease disregard(?: (?:it|that|this))?"
     r"[ \t]*(?:[.!]|$)"),
    ("error|mistake", r"\b(?:was |were |got )?sent (?:to you )?(?:in|by) (?:error|mistake)\b"),
    ("wrong", r"\bsent (?:this |it |that )?to the wrong (?:person|recipient|contact|candidate)\b"
     r"|\bsorry,? wrong (?:person|recipient|contact|candidate)\b|\bwrong recipient\b"),
    ("meant for|intended for", r"\b(?:was|wasn['’]?t|is|isn['’]?t) (?:not )?(?:meant|intended)"
     r" for you\b"),
    # Spanish
    ("ignor|descarta|desestime", r"\b(?:ignora|ignore|ignoren|descarta|desestime) (?:mi|el|este"
     r"|mis) (?:mensaje|correo|inmail) (?:anterior|previo)"),
    ("ignor", r"\bpor favor,? ignor[ae]\b(?: (?:mi|el|este|mis) (?:mensaje|correo|inmail)"
     r"(?: anterior| previo)?)?"),
    ("enviado", r"\benviado (?:por|con) error\b"),
    # French
    ("ignor", r"\bignorez (?:mon|le|ce) (?:message|mail|courriel|inmail) (?:précédent|d['’]avant)"
     r"|\bmerci d['’]ignorer\b"),
    ("*par erreur", r"\benvoy[ée]e? par erreur\b"),
    # German
    ("ignorieren", r"\bbitte ignorieren sie (?:meine|die) (?:letzte|vorherige|erste) nachricht"
     r"|\bbitte (?:meine|die) (?:letzte|vorherige) nachricht ignorieren"),
    ("versehentlich|irrtümlich", r"\b(?:versehentlich|irrtümlich) (?:gesendet|verschickt"
     r"|geschickt)"),
    # Portuguese
    ("desconsider", r"\bdesconsider(?:e|ar) (?:a|minha|esta) (?:mensagem|inmail)(?: anterior)?"),
    ("engano|ignore a", r"\benviad[ao] por engano\b|\bignore a mensagem anterior"),
    flags=re.MULTILINE,
)  # fmt: skip


def find_disregard_followups(text: str) -> list[Span]:
    """Spans asking the recipient to disregard an earlier message."""
    return _DISREGARD.spans(text)
