"""BIOMETRIC: a request for a voiceprint, face scan, fingerprint or other biometric identifier.

A biometric identifier (fingerprints, a face scan, a video selfie, a voiceprint, an iris, hand
or palm scan) counts only when it is asked for, in either order: a request before it ("please
upload", "we need", "send us", the recipient's own "your fingerprint"), an imperative that is
the identifier itself ("scan your face", "record your voice"), or a requirement after it
("fingerprints are required", "a hand scan is mandatory", "sont requises", "erforderlich").
A tool that reads the recipient's own face or voice counts when it is a step the recipient is
asked to take ("the next step is an AI interview; our tool analyzes your facial expressions").
Negated requests ("no fingerprints are required", "we will never ask for") and talk about the
technology ("our team builds facial recognition", "we use facial recognition in our product",
"fingerprint sensors", "our readers scan your fingerprint in 0.3 s") are not requests, nor are
figures of speech ("your fingerprints are all over the redesign").
English, Spanish, French, German, Portuguese, Italian.
"""

from __future__ import annotations

import re

from cockpit.domain.scanner.grammar import negated, negated_inside, subject_of
from cockpit.domain.scanner.matching import Phrases
from cockpit.domain.scanner.textutil import sentence_around
from cockpit.domain.scanner.values import Span

_I = re.IGNORECASE

_TERMS = Phrases(
    ("voice|clone", r"\bvoice ?prints?\b|\bvoice (?:sample|recording|clip)s?\b"
     r"|\brecord(?:ing)? (?:of )?your (?:own )?voice\b|\b(?:minutes|seconds|hours) of your (?:own )?voice\b"
     r"|\bclone (?:your|their|his|her) voice\b|\bvoice clon(?:e|ing)\b"),
    ("scan|have|get", r"\bscan(?:ning)? (?:of )?your (?:face|hands?|palms?|iris(?:es)?|eyes?|retinas?"
     r"|fingers?|fingerprints?)\b|\b(?:have|get) your (?:face|fingerprints?|iris(?:es)?|hands?"
     r"|palms?|retinas?) (?:scanned|taken|captured)\b"),
    ("hand|palm", r"\b(?:hand|palm)(?: ?print| vein| geometry)? scans?\b|\bpalm ?prints?\b"
     r"|\bpalm veins?\b"),
    ("selfie", r"\bselfie[- ]?videos?\b|\bvideo[- ]?selfies?\b|\blive selfies?\b"
     r"|\bselfie (?:scan|check|verification)s?\b"),
    ("escane|scann|gesicht", r"\bescane(?:e|a|ar|ie|iar|ando) (?:su|tu|seu|sua|o seu|a sua|el|la|o|a)"
     r" (?:rostro|cara|mano|iris|rosto|mão|mao|íris|retina)\b|\bscann(?:ez|er) (?:votre|ton|vos|le|la)"
     r" (?:visage|main|iris|rétine)\b|\b(?:ihr|dein|das) gesicht scannen\b"
     r"|\bscannen sie (?:ihr|das) gesicht\b"),
    ("face|facial", r"\bface ?scans?\b|\bfacial (?:scan|geometry|recognition|map|data|biometrics?"
     r"|verification|image)s?\b|\bface (?:recognition|geometry|id|verification|map)\b"),
    ("finger|palm|hand geometry", r"\bfinger ?prints?\b|\bfingerprinted\b|\bpalm ?prints?\b"
     r"|\bhand geometry\b"),
    ("retina|iris", r"\bretina(?:l)? scans?\b|\biris[- ]?scans?\b"),
    ("biometric", r"\bbiometric(?:s| data| scan| sample| identifier| verification)?\b"),
    ("huella|facial|voz|escane", r"\bhuellas? (?:digital|dactilar|de voz|vocal)(?:es)?\b"
     r"|\breconocimiento facial\b|\bmuestra de (?:su |tu )?voz|\bgrab(?:a|e|es|en|ar|ando|ación de)"
     r" (?:su |tu )?voz|\bescaneo (?:facial|de (?:iris|retina|rostro))"),
    ("empreinte|faciale|scan d|voix", r"\bempreintes? (?:digitales?|vocales?)\b"
     r"|\breconnaissance faciale\b|\bscan (?:facial|du visage|de l['’]iris)"
     r"|\benregistr\w* (?:de )?votre voix"),
    ("finger|gesicht|stimm", r"\bfingerabdr(?:u|ü)cke?\b|\bgesichts(?:scan|erkennung|bild)\b"
     r"|\bstimmprobe\b|\bstimmabdruck\b|\bihre stimme aufnehm"),
    ("impress|facial|voz|escane", r"\bimpress(?:ão|ao|ões|oes) digita(?:l|is)\b"
     r"|\breconhecimento facial\b|\bamostra de voz\b|\bgrav(?:e|ar|ação de) (?:sua |a sua )?voz\b"
     r"|\bescaneamento (?:facial|de (?:íris|iris|retina))"),
    ("impront|riconoscimento|scansione|campione|registr",
     r"\bimpront[ae] (?:digital[ei]|vocal[ei]|della mano|del palmo)\b|\briconoscimento facciale\b"
     r"|\bscansion[ei] (?:facciale|del (?:volto|viso)|dell['’](?:iride|occhio)|della (?:retina|mano))"
     r"|\bcampione (?:della (?:tua |sua )?voce|vocale)\b|\bregistra(?:re|ti)? (?:la (?:tua|sua) )?voce\b"),
)  # fmt: skip
# A tool that reads the recipient's own face or voice: "our tool analyzes your facial expressions".
_READS_YOU = Phrases(
    ("*your face|*your facial|*your voice|*your vocal|*your eye|*your gaze|*your expression|*your micro"
     "|*your speech|*your tone|*your own|*geometry of your",
     r"\b(?:analy[sz]\w*|scan\w*|reads?|reading|measur\w*|maps?|mapping|captur\w*|tracks?|tracking"
     r"|records?|recording|evaluat\w*|assess\w*|detects?|detecting|monitor\w*) (?:the )?(?:geometry"
     r" of )?your (?:own )?(?:face|facial \w+|voice|vocal \w+|eye movements?|gaze|expressions?"
     r"|micro-?expressions?|speech patterns?|tone of voice)\b"),
)  # fmt: skip
# What makes such a reading a step the recipient takes: an interview, a screening, a next step.
_RECIPIENT_STEP = re.compile(
    r"\b(?:interview|screening|assessment|next step|next round|onboarding|check-in|your application"
    r"|(?:when|before|once|as) you (?:start|take|begin|join|log|complete|record|answer)"
    r"|link to (?:start|begin|join))",
    _I,
)
_REQUEST_VERB = re.compile(
    r"\b(?:send|sending|submit|upload|provide|share|record|capture|scan|take|attach|complete|"
    r"enroll|enrol|register|verify|need|needs|require|requires|required|requesting|request|ask"
    r"|collect|collecting|mandatory|can you|could you|would you)\b"
    # German imperatives and verbs of taking one: "bitte mach ein Video-Selfie", "scannen wir ... ein"
    r"|\b(?:mach|machen sie|nimm|nehmen sie|schick|schicke|schicken sie|sende|lade|laden sie|scannen"
    r"|erfassen|abnehmen|veuillez)\b"
    r"|\b(?:env[ií][ae]|enviar|env[ií]anos|sube|subir|graba|grabar|necesitamos|necesito"
    r"|proporcione|proporcionar|envoyez|envoyer|fournir|fournissez|enregistrez|merci de"
    r"|nous avons besoin|senden sie|schicken sie|übermitteln|hochladen|aufnehmen|benötigen"
    r"|envie|envia|grave|gravar|precisamos|forneça|fornecer|invia|inviare|inviaci|carica|caricare"
    r"|registr(?:a|are|eremo|iamo|ate|ino)|fornire|fornisci|abbiamo bisogno|serve|servono|ci serve"
    r"|chiediamo)\b",
    _I,
)
_POSSESSIVE = re.compile(
    r"\b(?:your|su|tu|sus|tus|votre|vos|ton|ta|tes|ihre?[nmrs]?|deine?[nmrs]?|eure?[nmrs]?|sua|seu|suas"
    r"|seus|tua|tuo|tue|tuoi|vostra|vostro|vostre|vostri)\s+(?:[^\W\d_]+\s+)?$",
    _I,
)
_INHERENT_REQUEST = re.compile(
    r"(?![^\W\d_]+ing\b)(?:record|grab|enregistr|aufnehm|grav|scan|escane|have|get|ihr|dein|das)", _I
)
# A requirement stated after the identifier ("fingerprints are required", "sind erforderlich").
_REQUIRED_AFTER = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:(?:is|are|will be|must be|shall be|would be|['’]ll be|gets? taken"
    r"|es|son|será|serán|est|sont|sera|seront|ist|sind|wird|werden|é|são|será|serão|è|sono|sarà"
    r"|saranno)\s+"
    r"(?:[^\W\d_]+\s+){0,3}?)?(?:required|mandatory|needed|necessary|compulsory|collected|captured"
    r"|requested|a (?:requirement|must|condition)|obligatori[oa]s?|necesari[oa]s?|requerid[oa]s?"
    r"|requise?s?|obligatoires?|nécessaires?|exigée?s?|erforderlich|notwendig|pflicht|benötigt"
    r"|verpflichtend|obrigatóri[oa]s?|necessári[oa]s?|exigid[oa]s?|richiest[aeio]|necessari[aeio]?"
    r"|obbligatori[aeo]?)\b",
    _I,
)
_TECH_CONTEXT = re.compile(
    r"\s*(?:(?!(?:for|to|at|on|in|with|and|or|before|after|per|pour|para|für|zum|zur)\b)"
    r"[^\W\d_]+\s+)?(?:engineers?|engineering|team|startup|company|researchers?|research"
    r"|scientists?|sensors?|software|technology|tech|products?|experts?|expertise|experience"
    r"|roles?|positions?|lead|specialists?|algorithms?|models?|systems?|stack|pipeline|features?"
    r"|login|unlock|locks?|readers?|devices?|vendor|market|industry|ingenier|équipe|entwickl)",
    _I,
)
# Figures of speech: "your fingerprints are all over the redesign", "it has her fingerprints on it".
_FIGURATIVE = re.compile(
    r"\s+(?:are|were|is|was)\s+(?:all\s+)?over\b|\s+(?:all\s+)?over\s+(?:it|this|that|the)\b"
    r"|\s+on\s+(?:it|this|that|every|the (?:project|design|deal|plan|strategy|product|launch))\b",
    _I,
)
_REACH = 60
_STEP_REACH = 120  # a step named in the sentence before also counts


def find_biometric_requests(text: str) -> list[Span]:
    """Spans of biometric terms used in a request."""
    spans: list[Span] = []
    covered = -1
    for m in _TERMS.finditer(text):
        if m.start() < covered:
            continue  # "fingerprint" inside "scan your fingerprint" was judged with it
        covered = m.end()
        if _TECH_CONTEXT.match(text, m.end()):
            continue  # "facial recognition engineer", "fingerprint sensor"
        if _FIGURATIVE.match(text, m.end()):
            continue  # "your fingerprints are all over the redesign"
        sentence = sentence_around(text, m.start(), m.end())
        before = text[max(sentence.start, m.start() - _REACH) : m.start()]
        if negated(text, m.start()):
            continue  # "no fingerprints are required", "we will never ask for your voiceprint"
        if _requested(text, m, before):
            spans.append(Span(m.start(), m.end()))
    for m in _READS_YOU.finditer(text):
        if any(s.start < m.end() and m.start() < s.end for s in spans) or negated(text, m.start()):
            continue
        sentence = sentence_around(text, m.start(), m.end())
        if _RECIPIENT_STEP.search(text, max(0, sentence.start - _STEP_REACH), sentence.end):
            spans.append(Span(m.start(), m.end()))
    return sorted(spans)


def _requested(text: str, term: re.Match[str], before: str) -> bool:
    """Whether the identifier ``term`` is asked for: a cue before it or a requirement after it."""
    if _INHERENT_REQUEST.match(term.group()):
        return subject_of(text, term.start()) != "thing"  # not "our readers scan your fingerprint"
    if _POSSESSIVE.search(before) or _REQUEST_VERB.search(before):
        return True
    after = _REQUIRED_AFTER.match(text, term.end())
    return after is not None and not negated_inside(after.group())
