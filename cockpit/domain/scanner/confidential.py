"""CONFIDENTIAL: pasted price lists, NDA material and "internal only / confidential" markings.

Markings fire on their own ("INTERNAL ONLY", "do not forward", "covered by our NDA", "strictly
confidential", "Confidential:"). Material the writer calls internal or not public ("the band is
internal", "these numbers aren't public yet") fires when it is passed on: asked to be kept secret
("between us", "keep it to yourself") or given with amounts. Recruiting idioms ("a confidential
search", "kept confidential", "references in confidence", "à titre confidentiel", "de forma
confidencial", "happy to sign an NDA", "I'm under NDA so I can't name the client") do not, nor
does a kind of data named as the subject of work ("classify confidential and internal-only
data"). A price list fires on its name ("price list", "pricing sheet", "rate card", "client
pricing"), unless it is the reader's own ("I can review your current price list"), or on its
shape: three or more currency amounts with price-sheet words (tier, per seat, list price,
discount, SKU...). A salary range in a job pitch is pay, not a price list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cockpit.domain.scanner.matching import Caseless, Phrases
from cockpit.domain.scanner.textutil import sentence_around
from cockpit.domain.scanner.values import Span, merge_spans

_MARKINGS = Phrases(
    ("internal", r"\binternal(?:[- ]use)?[- ]only\b|\bfor internal (?:use|purposes|eyes"
     r"|distribution)"),
    ("not for ", r"\bnot for (?:external |public )?(?:distribution|circulation|sharing)\b"),
    ("do not |don't|don’t|dont ", r"\bdo not (?:forward|distribute|share|circulate|copy)\b"
     r"|\bdon['’]?t (?:forward|share|circulate) (?:this|it)\b"),
    (" nda|\nnda|nda-|non-disclosure", r"\bunder (?:an? |our |the )?(?:nda|non-disclosure)\b"
     r"|\bcovered by (?:an? |our |the )?nda\b|\bnda[- ](?:protected|covered|material|restricted)\b"
     r"|\bsubject to (?:an? |our |the )?nda\b|\bper (?:our|the) nda\b"
     r"|\bnon-disclosure agreement (?:applies|covers)"),
    ("confidential", r"\bstrictly (?:private and )?confidential\b|\bconfidential (?:and|&)"
     r" proprietary\b|\bproprietary (?:and|&) confidential\b"
     r"|(?:^|\n)[ \t*>_-]*confidential[ \t]*[:\-–—]|\bmarked (?:as )?confidential\b"
     r"|\bconfidential (?:pricing|prices|price|rates|figures|numbers|data|document|deck|memo"
     r"|roadmap|financials|information|material|terms|margins?|forecast|report|slides)\b"),
    ("confidencial|uso interno|no reenviar|no distribuir|no compartir",
     r"\bconfidencial\b|\bsolo (?:para )?uso interno\b|\bno (?:reenviar|distribuir|compartir)\b"),
    ("confidentiel|usage interne|ne pas ", r"\bconfidentiel(?:le)?\b|\busage interne"
     r" (?:uniquement|seulement)|\bne pas (?:diffuser|transférer|partager)\b"),
    ("vertraulich|intern|nicht weiter", r"\bstreng vertraulich\b|\bvertraulich\b"
     r"|\bnur für den internen gebrauch\b|\bnur intern\b|\bnicht weiter(?:leiten|geben)\b"),
    ("uso interno|encaminhar|divulgar|compartilhar", r"\bapenas (?:para )?uso interno\b"
     r"|\bn[ãa]o (?:encaminhar|divulgar|compartilhar)\b"),
    ("confidenzial|riservat|uso interno|inoltrare|divulgare|diffondere", r"\bconfidenziale\b"
     r"|\bstrettamente riservat[oa]\b|\b(?:solo )?(?:per|ad) uso interno\b"
     r"|\bnon (?:inoltrare|divulgare|diffondere)\b"),
)  # fmt: skip
# Material the writer says is internal or not public: "the band is internal", "not public yet".
_INTERNAL_STATUS = Phrases(
    ("internal|public|wraps|announced|disclosed|embargo",
     r"\b(?:is|are|was|were|['’]s|['’]re) (?:still |strictly |purely |technically |all |very much )?"
     r"(?:internal(?!-| (?:to|candidates?|hires?|roles?|transfers?|moves?|promotions?|applicants?)\b)"
     r"|not (?:yet )?public|not public yet|under wraps|not (?:yet )?(?:announced|disclosed|published)"
     r"|embargoed)\b|\b(?:aren|isn|wasn|weren)['’]t (?:yet )?(?:public|announced|disclosed)\b"
     r"|\binternal (?:numbers|figures|pricing|salary bands?|comp(?:ensation)? bands?|pay bands?"
     r"|budget|forecasts?|targets|valuation|financials|margins)\b"),
    ("intern|publi", r"\b(?:est|sont) (?:encore |purement |strictement )?(?:internes?|pas (?:encore )?"
     r"publi(?:c|que)s?|non publi(?:c|que)s?)\b|\b(?:es|son) (?:informaci[oó]n )?(?:intern[ao]s?"
     r"|no p[uú]blic[ao]s?)\b|\bist (?:noch )?(?:intern|nicht öffentlich)\b|\b(?:é|são)"
     r" (?:intern[oa]s?|não p[uú]blic[oa]s?)\b|\b(?:è|sono) (?:ancora )?(?:intern[oa]|non pubblic[oa])\b"),
)  # fmt: skip
# What "is internal" says of a posting or a person, not of material: "the role is internal".
_NOT_MATERIAL = frozenset(
    """role roles position positions job jobs opening openings search posting postings vacancy
    candidate candidates hire hires team teams process interview interviews move transfer
    promotion he she they who it this that poste puesto vaga stelle posizione""".split()
)
_SUBJECT_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PREPOSITIONS = frozenset("for of on at in from with about de du des del della für von".split())
_SUBJECT_START = re.compile(r"[.!?;:,\n]")
# Asking the recipient to keep it secret.
_SECRECY = Caseless(
    r"\bbetween (?:us|you and me|the two of us)\b|\bkeep (?:this|that|it|these|them) (?:to yourself"
    r"|quiet|under wraps|between us)|\boff the record\b|\bdon['’]?t (?:tell|mention (?:this|it) to)"
    r" anyone\b|\byou didn['’]?t hear (?:this|it) from me\b|\bentre nous\b|\bgardez? (?:ça|cela|le)"
    r" pour (?:toi|vous)\b|\bentre (?:nosotros|tú y yo|tu y yo)\b|\bunter uns\b|\bentre nós\b"
    r"|\btra (?:noi|me e te|di noi)\b",
    triggers="between|keep|off the|don|you didn|entre|gard|unter uns|tra ",
)
_SHOUTED = re.compile(r"\bCONFIDENTIAL\b")
# Idioms that mention confidentiality or an NDA without leaking anything.
_IDIOMS = Caseless(
    r"\bconfidential (?:search|role|opportunit\w*|position|conversation|chat|call|discussion"
    r"|basis|process|inquiry|enquiry|replacement|retained search)\b"
    r"|\b(?:kept|keep|treated|treat|remain|remains|stay|stays|held|handled) (?:\w+ )?"
    r"(?:strictly )?confidential(?:ly)?\b|\bconfidentially\b"
    r"|\b(?:búsqueda|proceso|conversación) confidencial|\bconfidencial(?:idad)? (?:garantizada"
    r"|absoluta)|\btratad[ao] (?:de forma )?confidencial|\btrait[ée]e? (?:de mani[eè]re )?"
    r"confidentiel|\bvertraulich behandelt|\bunder (?:an? |our |the )?nda,? (?:so|and|which means)"
    r" (?:i|we)(?: can['’]?t| cannot|['’]m not able| am not able| are not able)"
    # Said in confidence, not marking material: "à titre confidentiel", "de forma confidencial".
    r"|\b(?:à|a) t[ií]tulo confidencial|\bà titre confidentiel|\bde (?:manière|façon|forma|manera)"
    r" confiden\w+|\bcon car[aá]cter confidencial|\bem car[aá]ter confidencial|\bin via (?:riservata"
    r"|confidenziale)|\ba titolo (?:riservato|confidenziale)|\b(?:restera|resteront|reste|restent"
    r"|sera|seront|demeure|demeureront|será|serán|serão|se mantendr[aá]n?|quedar[aá]n?|permanecer[aá]n?"
    r"|ficar[aá]o?|sarà|saranno|resterà|resteranno|rimarrà|rimarranno) (?:strictement |estrictamente"
    r" |estritamente |strettamente )?confiden\w+|\b(?:recherche|démarche|candidature|processus"
    r"|échange|entretien|poste|mission|approche|candidatura|entrevista|puesto|vacante|proceso"
    r"|processo|vaga|conversa|ricerca|selezione|colloquio|posizione) (?:\w+ )?confiden\w+"
    r"|\bin confidence\b"
    # A kind of data as a subject of work, not a marking: "classify confidential and internal-only
    # data", "protecting restricted documents".
    r"|\b(?:classif|label|tag|handl|protect|secur|manag|detect|govern|encrypt|identif|discover"
    r"|redact|mask)\w* (?:\w+ ){0,4}?(?:(?:confidential|internal[- ]only|sensitive|restricted|secret)"
    r"(?:,? (?:and|or) |, ))*(?:confidential|internal[- ]only|sensitive|restricted|secret)"
    r" (?:data|documents|files|information|content|records|material|emails)\b",
    triggers="confiden|vertraulich|nda|internal",
)
# A price list named as the reader's own ("review your current price list") or as the one
# others already have ("margin in their existing price list"): not passed on.
_READERS_OWN = re.compile(r"\b(?:your (?:[\w-]+ )?|their (?:existing|current|own|old) )$", re.IGNORECASE)
_PRICE_LIST_NAMES = Phrases(
    ("price|pricing|rate card|rate-card|ratecard| rates|cost basis|margin |discount ",
     r"\bprice[- ]?lists?\b|\bpric(?:ing|e) (?:sheet|schedule|grid|matrix|table|tiers? for)"
     r"|\brate[- ]?cards?\b|\b(?:client|customer|partner|reseller|wholesale|dealer|distributor"
     r"|channel|vip|enterprise) (?:pricing|prices|price list|rates|discounts?)\b"
     r"|\bour cost basis\b|\bmargin (?:sheet|table|breakdown)\b"
     r"|\bdiscount (?:schedule|matrix|tiers?)\b"),
    ("precios|tarif|prix|preis|kundenpreise|konditionen|preços|precos",
     r"\blista de precios\b|\btarifa(?:rio)? (?:de )?cliente|\bliste de prix\b"
     r"|\bgrille tarifaire|\btarifs? (?:clients?|partenaires?)|\bpreisliste\b|\bkundenpreise\b"
     r"|\bkonditionen für|\btabela de pre[çc]os\b|\blista de pre[çc]os\b"),
)  # fmt: skip
_AMOUNT = re.compile(
    r"[$€£]\s?\d[\d,.]*(?:\s?[kKmM]\b)?|\d[\d,.]*\s?(?:[$€£]|USD|EUR|GBP)\b|\bR\$\s?\d[\d,.]*"
)
_SHEET_WORDS = Phrases(
    ("tier", r"\btiers?\b"),
    ("per", r"\bper (?:seat|user|licen[cs]e|unit|month|year|annum|instance|node)\b"),
    ("*/", r"/(?:seat|user|licen[cs]e|unit|mo|month|yr|year)\b"),
    ("list|net|unit|floor", r"\b(?:list|net|unit|floor) price\b"),
    ("discount", r"\bdiscount"),
    ("sku|msrp|wholesale|volume|margin|cost", r"\b(?:sku|msrp|wholesale|volume|margin|cost)\b"),
    ("standard|premium|enterprise|starter|basic|pro", r"\b(?:standard|premium|enterprise"
     r"|starter|basic|pro)\b"),
    ("platinum|gold|silver|bronze", r"\b(?:platinum|gold|silver|bronze)\b"),
    ("precio|prix|preis|preço|preco|rabatt|descuento|remise|desconto", r"\b(?:precio|prix"
     r"|preis|pre[çc]o|rabatt|descuento|remise|desconto)\b"),
)  # fmt: skip
_PAY_WORDS = Caseless(
    r"\b(?:base|salary|salaries|comp(?:ensation)?|bonus|equity|ote|pay|per hour|hourly|stipend"
    r"|sueldo|salario|salaire|gehalt|sal[aá]rio|brutto|bruto|rémunération|vergütung)\b",
    triggers=(
        "base|salar|salário|salaire|comp|bonus|equity|ote|pay|per hour|hourly|stipend|sueldo|gehalt|brutto"
        "|bruto|rémunération|vergütung"
    ),
)


def _price_sheet(text: str) -> list[Span]:
    if not any(c in text for c in "$€£") and not any(c in text for c in ("USD", "EUR", "GBP")):
        return []
    amounts = list(_AMOUNT.finditer(text))
    if len(amounts) < 3:
        return []
    kinds = len(_SHEET_WORDS.matching(text))
    pay = len(_PAY_WORDS.finditer(text))
    if kinds < 2 or pay >= len(amounts) - 1:
        return []
    return [Span(amounts[0].start(), amounts[-1].end())]


def find_confidential(text: str) -> list[Span]:
    """Spans of confidentiality markings and pasted price lists in ``text``."""
    marks = _MARKINGS.spans(text)
    if "CONFIDENTIAL" in text:
        marks.extend(Span(m.start(), m.end()) for m in _SHOUTED.finditer(text))
    spans: list[Span] = []
    if marks:
        idioms = _IDIOMS.spans(text)
        for mark in marks:
            if any(i.start < mark.end and mark.start < i.end for i in idioms):
                continue
            lead = len(text[mark.start : mark.end]) - len(text[mark.start : mark.end].lstrip(" \t\n*>_-"))
            spans.append(Span(mark.start + lead, mark.end))
    spans.extend(s for s in _PRICE_LIST_NAMES.spans(text) if not _READERS_OWN.search(text, 0, s.start))
    if not spans:
        spans.extend(_price_sheet(text))
    if not spans:
        spans.extend(_internal_shared(text))
    return merge_spans(spans)


# "Please don't share", "bitte nicht weitergeben": a request not to pass something on.
_PASS_ON_REQUEST = re.compile(
    r"(?:do not|don['’]?t|nicht|no|ne pas|n[ãa]o|non) (?:forward|share|circulate|distribute|copy"
    r"|weiter\w*|reenviar|distribuir|compartir|diffuser|transférer|partager|encaminhar|divulgar"
    r"|compartilhar|inoltrare|divulgare|diffondere)",
    re.IGNORECASE,
)
_VALUE_CODES = ("SECRET", "SSN", "CARD_NUMBER")
_VALUE_REACH = 160


def guarding_values_only(text: str, found: Mapping[str, list[Span]]) -> list[Span]:
    """The CONFIDENTIAL spans of ``found``, less the requests not to pass on a password, an SSN
    or a card number given just before or in the same sentence ("the password is ..., please don't
    share it"): those findings already name the value; no material is marked."""
    values = [span for code in _VALUE_CODES for span in found.get(code, [])]
    if not values:
        return found["CONFIDENTIAL"]
    kept: list[Span] = []
    for span in found["CONFIDENTIAL"]:
        sentence = sentence_around(text, span.start, span.end)
        guarded = _PASS_ON_REQUEST.search(text, span.start, span.end) is not None and any(
            sentence.start <= value.start < sentence.end
            or (0 <= span.start - value.end <= _VALUE_REACH and "\n\n" not in text[value.end : span.start])
            for value in values
        )
        if not guarded:
            kept.append(span)
    return kept


def _subject_head(text: str, end: int) -> str:
    """The head word of the subject ending at ``end``: "band" in "the band for this role"."""
    start = max(0, end - 80)
    boundaries = list(_SUBJECT_START.finditer(text, start, end))
    if boundaries:
        start = boundaries[-1].end()
    words = [w.group().lower() for w in _SUBJECT_WORDS.finditer(text, start, end)]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]  # "she's internal"
    for i, word in enumerate(words):
        if word in _PREPOSITIONS and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


def _internal_shared(text: str) -> list[Span]:
    """Material called internal or not public, passed on in secret or with amounts."""
    status = _INTERNAL_STATUS.finditer(text)
    if not status:
        return []
    if _SECRECY.search(text) is None and _AMOUNT.search(text) is None:
        return []
    spans: list[Span] = []
    for m in status:
        if _subject_head(text, m.start()) in _NOT_MATERIAL:
            continue  # "the role is internal", "she's internal"
        lead = len(m.group()) - len(m.group().lstrip())
        spans.append(Span(m.start() + lead, m.end()))
    return spans
