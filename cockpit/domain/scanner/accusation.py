"""ACCUSATION: a message accuses a person of a crime or misconduct (defamation risk).

Fires on criminal or misconduct verbs said of someone ("your former manager embezzled", "he was
fired for harassment", "she stole clients", "is a fraud", "committed fraud") in English,
Spanish, French, German and Portuguese. Nouns about the subject area ("fraud detection",
"anti-harassment training"), "stole the show" and "feel like a fraud" are not accusations.
"""

from __future__ import annotations

from cockpit.domain.scanner.matching import Phrases
from cockpit.domain.scanner.values import Span

_MISCONDUCT = (
    r"harassment|sexual harassment|theft|fraud|stealing|embezzlement|embezzling|misconduct"
    r"|lying|bribery|assault|bullying|discrimination|falsifying \w+|fudging \w+|cheating"
)
_NOT_FRAUD_ROLE = (
    r"(?![- ](?:analyst|investigator|detection|prevention|team|specialist|expert|examiner|ops"
    r"|operations|lead|manager|engineer|risk|case|model|investigation|squad|unit|desk))"
)
_NOT_STOLEN = (
    r"(?!(?:the |my |our |your )?(?:show|spotlight|heart|hearts|glance|a glance|the scene"
    r"|a kiss|the limelight|base|bases|a march)\b)"
)
_ACCUSATION = Phrases(
    ("embezzl", r"\b(?:embezzled|embezzles|embezzling (?:money|funds|from)|has been embezzling)"),
    ("defraud|swindl|misappropriat|launder", r"\b(?:defrauded|swindled|misappropriated (?:funds"
     r"|money)|laundered (?:money|funds))"),
    ("cooked|bribe|kickback", r"\bcooked the books|\b(?:took|taking) (?:bribes|kickbacks)"),
    ("committed", r"\bcommitted (?:fraud|a crime|crimes|perjury|tax evasion|insider trading"
     r"|securities fraud)"),
    ("lied to", r"\blied to (?:investors|the board|clients|customers|auditors|regulators|the police)"),
    ("falsified|forged", r"\bfalsified (?:the |their |his |her )?(?:books|records|numbers|data"
     r"|expenses|reports?)|\bforged (?:\w+ )?(?:signatures?|documents?|checks?|cheques?|records?)"),
    ("harass", r"\b(?:sexually )?harassed (?:\w+ )?(?:her|him|them|staff|employees|colleagues"
     r"|interns|women|coworkers|co-workers|team ?members|people|a \w+|an \w+|someone|his|her)"),
    ("fired|terminated|let go|dismissed|sacked|pushed out|walked out",
     r"\b(?:was|were|got|been) (?:fired|terminated|let go|dismissed|sacked|pushed out|walked out)"
     r" (?:\w+ )?for (?:\w+ )?(?:" + _MISCONDUCT + r")"),
    ("arrested|convicted|indicted|charged with",
     r"\b(?:was|were|got|been) (?:arrested|convicted|indicted|charged with \w+)"),
    ("investigat", r"\b(?:is|was|are|were) (?:being |under )?investigat\w* for (?:fraud|theft"
     r"|embezzlement|bribery)"),
    ("caught", r"\b(?:was|were|got) caught (?:stealing|lying|embezzling|cheating|taking bribes)"),
    ("fraud|thie|crook|liar|*con artist|*con man|scammer|criminal|embezzl|predator|cheat|swindl",
     r"\b(?:is|was|he's|she's|they're|he’s|she’s|they’re) (?:a |an )?(?:total |complete |known "
     r"|serial |such a )?(?:fraud" + _NOT_FRAUD_ROLE + r"|thief|crook|liar|con artist|con man"
     r"|scammer|criminal|embezzler|predator|cheat|swindler)\b"),
    ("fraud|thie|crook|liar|scammer|criminal|swindl",
     r"\b(?:are|were) (?:all )?(?:frauds|thieves|crooks|liars|scammers|criminals|swindlers)\b"),
    ("stole|steal", r"\b(?:stole|steals|stealing|has stolen|had stolen) " + _NOT_STOLEN
     + r"(?:\w+ )??(?:clients|customers|money|funds|code|ip|trade secrets|data|credit|ideas?"
     r"|commissions?|leads|accounts|deals|from)"),
    # Spanish
    ("malvers|desfalc|robó|robo |estaf", r"\b(?:malvers[oó]|desfalc[oó]|estaf[oó]"
     r"|rob[oó] (?:clientes|dinero|fondos|a |de ))"),
    ("fraud|ladr|estaf|delincuente|mentiros", r"\b(?:es|era) (?:un|una) (?:fraude"
     r"|ladr[oó]na?|estafador[a]?|delincuente|mentiros[oa])\b"),
    ("cometi", r"\bcometi[oó] (?:un )?fraude"),
    ("despedid", r"\bfue despedid[oa] por (?:acoso|robo|fraude|malversaci[oó]n)"),
    ("acos", r"\bacos[oó] (?:a |sexualmente)"),
    # French
    ("détourn|volé|escro|harcel", r"\ba détourné (?:des fonds|de l['’]argent|\w+ euros)"
     r"|\ba (?:volé|escroqué|harcelé)\b"),
    ("escro|voleu|menteu|fraud|criminel", r"\b(?:est|était) (?:un|une) (?:escroc|voleu(?:r|se)"
     r"|menteu(?:r|se)|fraudeu(?:r|se)|criminel)"),
    ("a commis|licenci", r"\ba commis (?:une )?fraude|\ba été licencié(?:e)? pour (?:harcèlement"
     r"|vol|fraude|faute grave)"),
    # German
    ("unterschlag|veruntreu|gestohlen|betr",
     r"\bhat (?:\w+ )?(?:unterschlagen|veruntreut|gestohlen|betrogen)\b"
     r"|\b(?:geld|gelder|firmengeld|kundengelder|\w+ euro) (?:unterschlagen|veruntreut|gestohlen)\b"),
    ("betr|dieb|lügner|kriminell",
     r"\b(?:ist|war) (?:ein|eine) (?:betrüger(?:in)?|dieb(?:in)?|lügner(?:in)?|krimineller?)\b"),
    ("betr|wurde wegen", r"\bhat betrug begangen|\bwurde wegen (?:belästigung|diebstahl|betrug"
     r"|untreue)\w* (?:entlassen|gefeuert|gekündigt)"),
    # Portuguese
    ("desviou|roubou", r"\bdesviou (?:dinheiro|verbas|fundos)|\broubou (?:clientes|dinheiro|\w+ da)"),
    ("fraud|ladr|golpista|bandid|mentiros", r"\b(?:é|era) (?:um|uma) (?:fraude|ladr[aã]o|ladra"
     r"|golpista|bandid[oa]|mentiros[oa])\b"),
    ("cometeu|demitid|assedi", r"\bcometeu fraude|\bfoi demitid[oa] por (?:assédio|roubo|fraude"
     r"|desvio)|\bassediou\b"),
)  # fmt: skip


def find_accusations(text: str) -> list[Span]:
    """Spans of accusations of a crime or misconduct against a person."""
    return _ACCUSATION.spans(text)
