"""BIOMETRIC: a request for a voiceprint, face scan, fingerprint or other biometric identifier.

A biometric term counts only as a request: next to a request verb ("send", "record", "upload",
"we need"...) or the recipient's own ("your fingerprint"). Talking about the technology ("our
team builds facial recognition", "I worked on fingerprint sensors") is not a request.
"""

from __future__ import annotations

import re

from cockpit.domain.scanner.matching import Phrases
from cockpit.domain.scanner.textutil import sentence_around
from cockpit.domain.scanner.values import Span

_I = re.IGNORECASE

_TERMS = Phrases(
    ("voice", r"\bvoice ?prints?\b|\bvoice (?:sample|recording|clip|memo|note)s?\b"
     r"|\brecord(?:ing)? (?:of )?your (?:own )?voice\b"),
    ("face|facial", r"\bface ?scans?\b|\bfacial (?:scan|geometry|recognition|map|data|biometrics?"
     r"|verification|image)s?\b|\bface (?:recognition|geometry|id|verification|map)\b"),
    ("finger|palm|hand geometry", r"\bfinger ?prints?\b|\bfingerprinted\b|\bpalm ?prints?\b"
     r"|\bhand geometry\b"),
    ("retina|iris", r"\bretina(?:l)? scans?\b|\biris[- ]?scans?\b"),
    ("biometric", r"\bbiometric(?:s| data| scan| sample| identifier| verification)?\b"),
    ("selfie", r"\bselfie (?:video|scan) (?:for|to) (?:verify|verification|id)"),
    ("huella|facial|voz|escane", r"\bhuellas? (?:digital|dactilar)(?:es)?\b"
     r"|\breconocimiento facial\b|\bmuestra de (?:su |tu )?voz|\bgrab(?:a|e|ar|ación de)"
     r" (?:su |tu )?voz|\bescaneo (?:facial|de (?:iris|retina|rostro))"),
    ("empreinte|faciale|scan d|voix", r"\bempreintes? (?:digitales?|vocales?)\b"
     r"|\breconnaissance faciale\b|\bscan (?:facial|du visage|de l['’]iris)"
     r"|\benregistr\w* (?:de )?votre voix"),
    ("finger|gesicht|stimm", r"\bfingerabdr(?:u|ü)cke?\b|\bgesichts(?:scan|erkennung|bild)\b"
     r"|\bstimmprobe\b|\bstimmabdruck\b|\bihre stimme aufnehm"),
    ("impress|facial|voz|escane", r"\bimpress(?:ão|ao|ões|oes) digita(?:l|is)\b"
     r"|\breconhecimento facial\b|\bamostra de voz\b|\bgrav(?:e|ar|ação de) (?:sua |a sua )?voz\b"
     r"|\bescaneamento (?:facial|de (?:íris|iris|retina))"),
)  # fmt: skip
_REQUEST_VERB = re.compile(
    r"\b(?:send|sending|submit|upload|provide|share|record|capture|scan|take|attach|complete|"
    r"enroll|enrol|register|verify|need|needs|require|requires|required|requesting|request|ask"
    r"|collect|collecting|mandatory|can you|could you|would you)\b"
    r"|\b(?:env[ií][ae]|enviar|env[ií]anos|sube|subir|graba|grabar|necesitamos|necesito"
    r"|proporcione|proporcionar|envoyez|envoyer|fournir|fournissez|enregistrez|merci de"
    r"|nous avons besoin|senden sie|schicken sie|übermitteln|hochladen|aufnehmen|benötigen"
    r"|envie|envia|grave|gravar|precisamos|forneça|fornecer)\b",
    _I,
)
_POSSESSIVE = re.compile(
    r"\b(?:your|su|tu|sus|tus|votre|vos|ihre?[nm]?|sua|seu|suas|seus)\s+(?:[^\W\d_]+\s+)?$", _I
)
_INHERENT_REQUEST = re.compile(r"record|grab|enregistr|aufnehm|grav", _I)
_TECH_CONTEXT = re.compile(
    r"\s*(?:[^\W\d_]+\s+)?(?:engineers?|engineering|team|startup|company|researchers?|research"
    r"|scientists?|sensors?|software|technology|tech|products?|experts?|expertise|experience"
    r"|roles?|positions?|lead|specialists?|algorithms?|models?|systems?|stack|pipeline|features?"
    r"|login|unlock|locks?|readers?|devices?|vendor|market|industry|ingenier|équipe|entwickl)",
    _I,
)
_REACH = 60


def find_biometric_requests(text: str) -> list[Span]:
    """Spans of biometric terms used in a request."""
    spans: list[Span] = []
    for m in _TERMS.finditer(text):
        if _TECH_CONTEXT.match(text, m.end()):
            continue  # "facial recognition engineer", "fingerprint sensor"
        sentence = sentence_around(text, m.start(), m.end())
        before = text[max(sentence.start, m.start() - _REACH) : m.start()]
        if _INHERENT_REQUEST.match(m.group()) or _POSSESSIVE.search(before) or _REQUEST_VERB.search(before):
            spans.append(Span(m.start(), m.end()))
    return spans
