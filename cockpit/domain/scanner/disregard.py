"""DISREGARD_FOLLOWUP: a "please disregard my previous message" follow-up.

It costs another credit and becomes the exhibit. Fires on asking the recipient to ignore
anything sent earlier, whatever it was ("my previous message", "the earlier attachment", "my
last one", "the link I sent", "my previous patch"), "sent in error", "sorry, wrong person" and
their Spanish, French, German, Portuguese and Italian forms, including those said as "do not
take into account" ("merci de ne pas tenir compte de mon précédent message", "no tenga en
cuenta", "nicht beachten"). Not a follow-up: a first message's courtesy about itself ("feel free
to disregard if not relevant", "feel free to ignore this note"), since it retracts nothing sent
before; "disregard the noise" (nothing earlier is named); a negated request ("don't ignore the
previous quarter").
"""

from __future__ import annotations

import re

from cockpit.domain.scanner.grammar import negated
from cockpit.domain.scanner.matching import Phrases
from cockpit.domain.scanner.values import Span

_MESSAGE = r"(?:message|msg|inmail|in-mail|note|email|e-mail|mail|dm|text|invite|invitation)"
_PLEASE = r"(?:please |pls |kindly |just )?"
_EARLIER = (
    r"(?:very )?(?:previous|last|earlier|prior|first|above|other|original|recent|former|preceding"
    r"|last two|previous two|two previous|old)\b"
    r"(?! (?:quarter|year|month|week|day|season|decade|generation|era|round|cycle|trend)s?\b)"
)
_FUNCTION_WORD = r"(?!(?:and|but|it|as|if|i|we|please|thanks|sorry|too|so|one of|of)\b)"
_ES_DET = r"(?:mi|el|la|este|esta|mis|los|las|lo|ese|esa)"
_FR_DET = r"(?:mon|ma|mes|le|la|les|ce|cette|ces)"
_DE_DET = r"(?:meine|die|den|das|meinen|meinem|meiner)"
_PT_DET = r"(?:a|o|as|os|minha|meu|minhas|meus|esta|este|essa|esse)"
_IT_DET = r"(?:il|lo|la|i|gli|le|l['’]|mio|mia|miei|mie|il mio|la mia|i miei|le mie|questo|questa)"
# Periods are not something sent: "le trimestre précédent", "el año anterior", "l'anno precedente".
_NOT_SENT = (
    r"(?!(?:trimestre|année|an|mois|semaine|jour|exercice|saison|tour|fois|año|mes|semana|día|dia"
    r"|ejercicio|temporada|anno|mese|settimana|giorno|esercizio|stagione|periodo)s?\b)"
)
# What is taken back: "de mon précédent message", "le mail d'avant".
_FR_EARLIER = (
    r"(?:de |du |des |d['’])?(?:mon |ma |mes |ce |cette |ces |le |la |les |l['’])?(?:(?:précédente?s?"
    r"|derni(?:er|ère)s?|premi(?:er|ère)s?) "
    + _NOT_SENT
    + r"[\w-]+|"
    + _NOT_SENT
    + r"[\w-]+ (?:précédente?s?|d['’]avant|d['’]hier|envoyée?s? (?:par erreur|plus tôt|ce matin|hier)))"
)
_DISREGARD = Phrases(
    ("disregard|ignore", r"\b" + _PLEASE + r"(?:disregard|ignore) (?:my|the|our|that|this|those|these) "
     + _EARLIER + r"(?: " + _FUNCTION_WORD + r"[\w-]+)?"),
    ("disregard|ignore", r"\b" + _PLEASE + r"(?:disregard|ignore) (?:my|the|that|this|those|these)"
     r" (?:[\w-]+ ){1,2}(?:i|we) (?:just |had |have |recently )?sent\b"),
    ("disregard|ignore", r"\b" + _PLEASE + r"(?:disregard|ignore) (?:my|the|our|that|this)"
     r" (?:previous|last|earlier|prior|first|above|other|original|recent|last two|previous two) "
     + _MESSAGE + r"s?\b"),
    ("disregard|ignore", r"\b" + _PLEASE + r"(?:disregard|ignore) (?:my|the|that) " + _MESSAGE
     + r" (?:i|we) (?:just )?sent\b"),
    ("disregard", r"^[ \t]*" + _PLEASE + r"disregard\b|\bplease disregard(?: (?:it|that|this))?"
     r"[ \t]*(?:[.!]|$)"),
    ("error|mistake", r"\b(?:was |were |got )?sent (?:to you )?(?:in|by) (?:error|mistake)\b"),
    ("wrong", r"\bsent (?:this |it |that |my |the )?(?:(?:last |previous |earlier )?(?:message|email"
     r"|e-mail|inmail|note) )?to the wrong (?:person|recipient|contact|candidate)\b"
     r"|\bsorry,? wrong (?:person|recipient|contact|candidate)\b|\bwrong recipient\b"),
    ("meant for|intended for", r"\b(?:was|wasn['’]?t|is|isn['’]?t) (?:not )?(?:meant|intended)"
     r" for you\b"),
    # Spanish
    ("ignor|descarta|desestime", r"\b(?:ignora|ignore|ignoren|descarta|desestime) (?:mi|el|este"
     r"|mis) (?:mensaje|correo|inmail) (?:anterior|previo)"),
    ("ignor", r"\bpor favor,? ignor[ae]\b(?: (?:mi|el|este|mis) (?:mensaje|correo|inmail)"
     r"(?: anterior| previo)?)?"),
    ("ignor|descart|desestim|omit", r"\b(?:ignora|ignore|ignoren|descarta|descarte|desestime"
     r"|desestima|omite|omita) " + _ES_DET + r" (?:(?:último|última|primer|primera|anterior) [\w-]+"
     r"|[\w-]+ (?:anterior(?:es)?|previ[oa]s?|que (?:te|le|les) (?:envié|mandé)))"),
    ("enviado", r"\benviado (?:por|con) error\b"),
    ("tenga|tengas|tener|caso omiso", r"\b(?:no (?:tenga|tengas|tengan|tener) en cuenta|haga caso"
     r" omiso (?:a|de)|hagas caso omiso (?:a|de)) " + _ES_DET + r" (?:(?:último|última|primer|primera"
     r"|anterior) " + _NOT_SENT + r"[\w-]+|" + _NOT_SENT + r"[\w-]+ (?:anterior(?:es)?|previ[oa]s?"
     r"|que (?:te|le|les) (?:envié|mandé)))"),
    # French
    ("ignor", r"\bignorez (?:mon|le|ce) (?:message|mail|courriel|inmail) (?:précédent|d['’]avant)"
     r"|\bmerci d['’]ignorer\b"),
    ("ignor", r"\bignor(?:ez|e|er) " + _FR_DET + r" (?:(?:dernier|dernière|derniers|dernières|précédent"
     r"|précédente|premier|première) [\w-]+|[\w-]+ (?:précédente?s?|d['’]avant|que je (?:vous|t['’]ai)"
     r" (?:envoyée?s?)))"),
    ("*par erreur", r"\benvoy[ée]e? par erreur\b"),
    ("tenir|tenez|tiens|prendre|prenez|prends|abstraction", r"\b(?:ne (?:pas|plus) (?:tenir compte|prendre en"
     r" compte)|ne (?:tenez|tiens) pas compte|ne (?:prenez|prends) pas en compte"
     r"|fai(?:tes|s|re) abstraction) " + _FR_EARLIER),
    # German
    ("ignorieren", r"\bbitte ignorieren sie (?:meine|die) (?:letzte|vorherige|erste) nachricht"
     r"|\bbitte (?:meine|die) (?:letzte|vorherige) nachricht ignorieren"),
    ("ignorieren", r"\bignorieren sie (?:bitte )?" + _DE_DET + r" (?:letzte|vorherige|vorige|erste"
     r"|frühere)[nrs]? [\w-]+|\b" + _DE_DET + r" (?:letzte|vorherige|vorige|erste|frühere)[nrs]?"
     r" [\w-]+ (?:bitte )?ignorieren\b"),
    ("versehentlich|irrtümlich", r"\b(?:versehentlich|irrtümlich) (?:gesendet|verschickt"
     r"|geschickt)"),
    ("beachten|gegenstandslos", r"\b" + _DE_DET + r" (?:letzte|vorherige|vorige|erste|frühere)[nrs]?"
     r" [\w-]+ (?:bitte )?(?:nicht (?:beachten|berücksichtigen)|als gegenstandslos)"
     r"|\bbeachten sie (?:bitte )?" + _DE_DET + r" (?:letzte|vorherige|vorige|erste|frühere)[nrs]?"
     r" [\w-]+ (?:bitte )?nicht\b"),
    # Portuguese
    ("desconsider", r"\bdesconsider(?:e|ar) (?:a|minha|esta) (?:mensagem|inmail)(?: anterior)?"),
    ("desconsider|ignor", r"\b(?:desconsider(?:e|ar|em)|ignor(?:e|a|ar|em)) " + _PT_DET
     + r" (?:(?:última|último|primeira|primeiro) [\w-]+|[\w-]+ (?:anterior(?:es)?"
     r"|que (?:te|lhe) (?:enviei|mandei)))"),
    ("engano|ignore a", r"\benviad[ao] por engano\b|\bignore a mensagem anterior"),
    ("considere|considerar|leve em|levar em",
     r"\bnão (?:considere|considerar|leve em conta|levar em conta) " + _PT_DET
     + r" (?:(?:última|último|primeira|primeiro) [\w-]+|[\w-]+ (?:anterior(?:es)?|que (?:te|lhe)"
     r" (?:enviei|mandei)))"),
    # Italian
    ("ignora|ignori|ignorate|ignorare|tenere|tenga|tenete|considerare|consideri",
     r"\b(?:ignora|ignori|ignorate|ignorare|non (?:tenere|tenga|tenete) conto d(?:i|el|ella|ello|ei|egli"
     r"|elle|ell['’])|non consider(?:are|i|ate)) ?" + _IT_DET + r" ?(?:(?:precedente|ultimo|ultima|primo"
     r"|prima) " + _NOT_SENT + r"[\w-]+|" + _NOT_SENT + r"[\w-]+ (?:precedente|precedenti|di prima"
     r"|che (?:ti|le|vi) ho (?:inviato|mandato)))"),
    ("*per errore|*per sbaglio", r"\b(?:inviat[oa]|mandat[oa]|spedit[oa]) per (?:errore|sbaglio)\b"),
    flags=re.MULTILINE,
)  # fmt: skip


def find_disregard_followups(text: str) -> list[Span]:
    """Spans asking the recipient to disregard an earlier message."""
    spans: list[Span] = []
    for m in sorted(_DISREGARD.finditer(text), key=lambda m: (m.start() - m.end(), m.start())):
        if any(m.start() < s.end and s.start < m.end() for s in spans):
            continue  # overlapping wordings of one request: keep the longest
        if negated(text, m.start()):
            continue  # "don't ignore the previous quarter"
        spans.append(Span(m.start(), m.end()))
    return sorted(spans)
