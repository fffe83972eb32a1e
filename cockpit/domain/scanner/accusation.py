"""ACCUSATION: a message accuses a person of a crime or misconduct (defamation risk).

A small grammar: an accusing predicate ("stole the client list", "embezzled", "is a fraudster",
"was sexually harassing", "was fired for harassment", "has a criminal record") said of a person.
The clause to its left decides: a negation ("never stole", "was cleared of", "is not a thief")
or a subject that is a thing or the writer ("our tool steals the show", "it stole my heart", "we
were robbed") rules it out, and so does a passive with no one named ("funds were stolen").
Predicates that are ambiguous on their own ("stole it", "lied about", "cheated investors",
"bribed the inspector", "leaked our database") need a person as subject (a name, "she", "your
former manager", "the candidate"); unambiguous ones ("embezzled", "committed fraud") only need
no other subject. A victim speaking does not change that ("Mark stole my laptop" accuses Mark),
but someone no one can identify is not accused ("someone stole my laptop", "a guy robbed the
store"), nor is a character in a work of fiction ("the thief in the novel"). Hedges and rumours
stay accusations ("allegedly stole", "rumor is she was let go for leaking deal terms"). English,
Spanish, French, German, Portuguese, Italian. Nouns about the subject area ("fraud detection",
"anti-harassment training") are not.
"""

from __future__ import annotations

import re

from cockpit.domain.scanner.grammar import (
    negated,
    negated_inside,
    passive_without_agent,
    subject_of,
)
from cockpit.domain.scanner.matching import Phrases
from cockpit.domain.scanner.textutil import sentence_around
from cockpit.domain.scanner.values import Span

_MISCONDUCT = (
    r"harassment|sexual harassment|theft|fraud|stealing|embezzlement|embezzling|misconduct"
    r"|lying|bribery|assault|bullying|discrimination|falsifying \w+|fudging \w+|cheating"
    r"|gross misconduct|sexual misconduct|taking bribes|faking \w+|forging \w+"
    r"|(?:sexually )?(?:harassing|assaulting|abusing|groping|molesting|bullying) \w+"
    r"|leaking \w+|leaks|selling (?:\w+ )?(?:data|secrets|information|client \w+|customer \w+)"
    r"|defrauding \w+|bribing \w+|misusing (?:\w+ )?funds|misappropriat\w+|insider trading"
    r"|violence|(?:domestic|workplace) violence|padding (?:\w+ )?expenses|expense fraud"
)
# The words between "fired" and "for": "fired from Northgate", "let go last year".
_FIRED_GAP = r"(?:[\w'’-]+ ){0,4}?"
_NOT_FRAUD_ROLE = (
    r"(?![- ](?:analyst|investigator|detection|prevention|team|specialist|expert|examiner|ops"
    r"|operations|lead|manager|engineer|risk|case|model|investigation|squad|unit|desk))"
)
_NOT_STOLEN = (
    r"(?!(?:the |my |our |your |his |her |their |a )?(?:show|shows|spotlight|heart|hearts|glance"
    r"|scene|kiss|limelight|base|bases|march|thunder|headlines?|market share|moment|hearts)\b)"
)
_LOOT = (
    r"(?:(?:(?:the|our|my|his|her|their|your|a|an|some|all|all the) )?(?:[\w-]+ )?"
    r"(?:client list|customer list|client base|customer base|clients?|customers?|accounts?|money"
    r"|funds|cash|code"
    r"|source code|ip|trade secrets?|data|designs?|files|documents|leads|deals|commissions?"
    r"|credit|equipment|inventory|ideas?|contacts|pipeline|database|tips)\b|from\b)"
)
_FORGED = (
    r"(?:(?:the|his|her|their|its|our|my|your|a|an|some) )?(?:[\w'’-]+ )?(?:references?|r[ée]sum[ée]s?"
    r"|cvs?|degrees?|diplomas?|credentials|qualifications|results|data|numbers|figures|books"
    r"|records?|expenses|expense reports?|reports?|invoices|timesheets|signatures?|documents?"
    r"|checks|cheques|receipts|sales|revenue|metrics|audits?|accounts|certificates?|transcripts?"
    r"|test scores|scores|paperwork)\b"
)
_ADV = r"(?:(?:\w+ly|not|never|also|just|once|even|reportedly) )?"
_BE = r"(?:\b(?:is|was|are|were|has been|had been|have been)|['’](?:s|re))"
_ROGUE = (
    r"fraud" + _NOT_FRAUD_ROLE + r"|fraudster|thief|crook|liar|con artist|con man|scammer"
    r"|criminal(?! (?:defen[cs]e|lawyer|attorney|justice|law|court|case|investigat\w*|psycholog\w*))"
    r"|embezzler|predator|sexual predator|cheat|cheater|swindler|abuser|harasser|sex offender"
    r"|felon|racist|pedophile|paedophile"
)
_ROGUES = r"frauds|fraudsters|thieves|crooks|liars|scammers|criminals|swindlers|cheats|abusers|predators"
_NOT_A_ROLE = r"(?! (?:in|on) (?:the|a|this|that) (?:film|movie|show|play|series|book|novel|game|story)\b)"
_PERSON_OBJECT = (
    r"(?:(?:a|an|the|his|her|their|two|three|several|many|multiple|other|female|male|junior"
    r"|younger|new|direct) )*(?:her|him|them|me|us|you|staff|staffers|employees|colleagues|interns?"
    r"|women|men|coworkers|co-workers|team ?members|people|someone|reports|subordinates|assistants?"
    r"|candidates?|customers|clients|reps|juniors|trainees|students|patients|a \w+|an \w+"
    r"|\w+ colleagues?)\b"
)
# What is leaked or sold: "our customer database", "the board deck", "deal terms".
_SECRETS = (
    r"(?:client list|customer list|database|data|documents?|files|terms|pricing|prices|roadmap"
    r"|salaries|emails|memos?|deck|slides|source code|code|information|info|secrets?|details|plans"
    r"|designs|numbers|figures|results|financials|contracts?|recordings?|photos|minutes)\b"
)
# Where a sentence is about a work of fiction ("the thief in the novel").
_FICTION = re.compile(
    r"\b(?:in|from|of) (?:the|that|this|his|her|your|my) (?:\w+ )?(?:novel|film|movie|book|series"
    r"|show|sitcom|play|story|game|episode|comic|musical|opera)\b(?! of\b)|\b(?:fictional|protagonist"
    r"|main character|storyline)\b|\b(?:en|de) (?:la|el|esa|esta) (?:novela|película|pelicula|serie"
    r"|obra)\b|\b(?:dans|de) (?:le|la|ce|cette) (?:roman|film|série|serie|pièce)\b|\b(?:im|in dem"
    r"|aus dem) (?:roman|film|buch|stück)\b|\b(?:nel|nella|del|della) (?:romanzo|film|libro|serie)\b"
    r"|\b(?:no|na|do|da) (?:romance|filme|livro|série|serie)\b|\bpersona(?:je|gem|ggio)\b"
    r"|\bpersonnage\b",
    re.I,
)

# Predicates that accuse whoever the subject is (unless it is a thing, the writer, or negated).
_STRONG = Phrases(
    ("embezzl", r"\b(?:embezzled|embezzles)\b"),
    ("defraud|swindl|misappropriat|launder", r"\b(?:defrauded|defrauds|swindled|misappropriated"
     r" (?:\w+ )?(?:funds|money|\w+)|laundered (?:\w+ )?(?:money|funds|millions|\w+))"),
    ("cooked|took|taking|accept", r"\bcooked the books|\b(?:took|taking|accepted|accepting)"
     r" (?:\w+ )?(?:bribes|kickbacks)"),
    ("committed", r"\bcommitted (?:\w+ )?(?:fraud|a crime|crimes|perjury|tax evasion|insider trading"
     r"|securities fraud|a felony|theft|embezzlement)"),
    ("lied to", r"\blied to (?:investors|the board|clients|customers|auditors|regulators|the police)"),
    ("falsified|forged|faked|fabricat|doctored|fudged|cooked",
     r"\b(?:falsified|forged|faked|fabricated|doctored|fudged|cooked) " + _FORGED),
    ("sexually", r"\bsexually (?:harassed|assaulted|abused)\b"),
    ("harass|assault|abused|groped|molest", r"\b(?:harassed|assaulted|abused|groped|molested) (?:by )?"
     + _PERSON_OBJECT),
    ("fired|terminated|let go|dismissed|sacked|pushed out|walked out|removed|ousted",
     r"\b(?:was|were|got|been|is being) " + _ADV + r"(?:fired|terminated|let go|dismissed|sacked"
     r"|pushed out|walked out|removed|ousted) " + _FIRED_GAP + r"(?:for|over|after|because of)"
     r" (?:\w+ )?(?:" + _MISCONDUCT + r")"),
    ("arrested|convicted|indicted|charged with|jailed|imprisoned|sentenced|prosecuted",
     r"\b(?:was|were|got|been|has been|had been) " + _ADV + r"(?:arrested|convicted|indicted|charged"
     r" with (?!(?:leading|managing|overseeing|running|building|developing|the task|responsibility"
     r"|delivering|coordinating|creating|setting up|handling)\b)\w+|jailed|imprisoned|prosecuted"
     r"|sentenced)"),
    ("accused of|sued for", r"\b(?:was|were|got|been|is being|are being) " + _ADV + r"(?:accused of"
     r"|sued for) (?:\w+ )?(?:" + _MISCONDUCT + r"|sexual \w+)"),
    ("investigat", r"\b(?:is|was|are|were) (?:being |under |currently )?investigat\w* (?:by (?:the )?"
     r"[\w.&-]+ )?for (?:\w+ )?(?:fraud|theft|embezzlement|bribery|harassment|misconduct"
     r"|money laundering|tax evasion|insider trading|corruption)"),
    # Taking money: "pocketed $2 million", "siphoned client funds", "skimming from the till"
    ("pocket|siphon|skim|divert|funnel|loot|pilfer",
     r"\b(?:pocketed|pockets|siphoned|siphons|siphoning|skimmed|skims|skimming|diverted|diverts"
     r"|diverting|funnel(?:l)?ed|funnels|looted|pilfered|pilfering) (?:[^.!?\n]{0,40}?(?:[$€£]\s?\d"
     r"|\d[\d,.]* (?:million|thousand|dollars|euros|pounds)|money|funds|cash|donations?|proceeds"
     r"|payroll|deposits)|from (?:the|his|her|their|our|a|an) (?:\w+ )?(?:till|register|company"
     r"|fund|funds|account|accounts|charity|clients?|customers?|pension|firm|business|budget"
     r"|treasury|petty cash))"),
    # Invented figures: "booked fake revenue", "recorded fictitious sales", "created phantom invoices"
    ("fake|fictitious|phantom|bogus|false|sham|ghost",
     r"\b(?:booked|booking|recorded|recording|reported|invented|created|creating|issued|issuing|billed"
     r"|submitted|submitting) (?:\w+ )?(?:fake|fictitious|phantom|bogus|false|sham|ghost) (?:revenue"
     r"|sales|invoices|expenses|accounts|transactions|orders|receipts|employees|vendors|contracts"
     r"|claims|hours|numbers|results)\b"),
    ("pleaded|pled|found guilty", r"\b(?:pleaded|pled|pleads) (?:guilty|no contest)\b"
     r"|\b(?:was|were|been|is) found guilty\b"),
    ("ponzi|pyramid", r"\b(?:ran|runs|running|operated|operates|set up) an? (?:ponzi|pyramid) scheme"),
    ("rigged|rigging|padded|padding|pads|inflated|inflating",
     r"\b(?:rigged|rigging) (?:the )?(?:bids?|tenders?|contracts?|auctions?|votes?|elections?"
     r"|procurement)|\b(?:padded|padding|pads|inflated|inflating) (?:(?:his|her|their|the) )?"
     r"(?:expense|expenses|invoices|hours|timesheets|bills|billing|claims|mileage)"),
    ("launder", r"\blaunder(?:s|ed|ing) (?:\w+ )?(?:money|funds|cash|proceeds)"),
    ("evad|dodg|tax evasion", r"\b(?:evad(?:ed|es|ing)|dodg(?:ed|es|ing)) (?:\w+ )?tax(?:es)?\b"
     r"|\bcommitted tax evasion"),
    ("dui|dwi|drunk", r"\b(?:got|had|received|charged with) an? (?:dui|dwi)\b"
     r"|\barrested for (?:dui|dwi|drunk driving)"),
    ("quedó|embols", r"\bse (?:quedó|quedo) con (?:el|los|la|las) (?:dinero|fondos|comisiones|pagos"
     r"|cobros)|\bse embols[oó]\b"),
    ("caught", r"\b(?:was|were|got|been) " + _ADV + r"caught (?:\w+ )?(?:stealing|lying|embezzling"
     r"|cheating|taking bribes|faking|falsifying|harassing)"),
    ("fraud|thie|crook|liar|*con artist|*con man|scammer|criminal|embezzl|predator|cheat|swindl|abuser"
     r"|harasser|*sex offender|felon|racist|pedophile|paedophile",
     _BE + r" " + _ADV + r"(?:a |an )?(?:total |complete |known |serial |such a |pathological "
     r"|compulsive |habitual |convicted |notorious |real |outright |absolute |proven )?(?:" + _ROGUE
     + r")\b" + _NOT_A_ROLE),
    ("fraud|thie|crook|liar|scammer|criminal|swindl|cheat|abuser|predator",
     r"\b(?:are|were|they['’]re) " + _ADV + r"(?:all )?(?:" + _ROGUES + r")\b" + _NOT_A_ROLE),
    ("criminal record|rap sheet|history of|record of",
     r"\b(?:has|had|have) (?:a |an )?(?:long |lengthy |prior )?(?:criminal record|rap sheet"
     r"|(?:history|record) of (?:" + _MISCONDUCT + r"|violence|abuse|domestic violence))"),
    ("stole|steal", r"\b(?:stole|steals|has stolen|had stolen|have stolen) " + _NOT_STOLEN + _LOOT),
    # Spanish
    ("malvers|desfalc|robó|robo |estaf|robaba|desvi", r"\b(?:malvers(?:[oó]|aba)|desfalc(?:[oó]|aba)"
     r"|estaf(?:[oó]|aba)|rob(?:[oó]|aba) (?:clientes|dinero|fondos|a |de )"
     r"|desvi(?:[oó]|aba|ó) (?:\w+ )?(?:fondos|dinero|pagos|cobros|comisiones))"),
    ("fraud|ladr|estaf|delincuente|mentiros", r"\b(?:es|era) (?:un|una) (?:fraude"
     r"|ladr[oó]na?|estafador[a]?|delincuente|mentiros[oa])\b"),
    ("cometi", r"\bcometi[oó] (?:un )?fraude"),
    ("despedid|echad", r"\bfue (?:despedid[oa]|echad[oa]) (?:\w+ ){0,4}?por (?:acoso|robo|fraude"
     r"|malversaci[oó]n|robar|acosar|filtrar|falsificar|estafar|mentir)"),
    ("robó|robo |robado", r"\b(?:rob[oó]|ha robado|había robado|habia robado)"
     r" (?!(?:el |la |los |las )?(?:show|protagonismo|coraz[oó]n|corazones|bal[oó]n|foco|escena"
     r"|atenci[oó]n|mirada)\b)(?:(?:el|la|los|las|su|sus|mi|mis|nuestr[oa]s?|un|una|dinero|a|de) )"),
    ("falsific", r"\b(?:falsific[oó]|ha falsificado) (?:(?:el|la|los|las|su|sus|un|una) )?(?:t[ií]tulos?"
     r"|firmas?|documentos?|facturas?|cuentas|referencias|curr[ií]culums?|cv|datos|resultados"
     r"|informes?|gastos|diplomas?|certificados?|contabilidad|libros|n[úu]meros|cifras)\b"),
    ("arrestad|detenid|condenad|imputad|procesad", r"\bfue (?:arrestad[oa]|detenid[oa]|condenad[oa]"
     r"|imputad[oa]|procesad[oa])\b"),
    ("acos", r"\b(?:acos[oó]|acosaba|ha acosado|había acosado) (?:a |sexualmente)"),
    # French
    ("détourn|volé|escro|harcel", r"\ba détourné (?:des fonds|de l['’]argent|[\d\s.,]+ ?(?:euros?|€)"
     r"|\w+ euros)"
     r"|\ba (?:volé|escroqué|harcelé)\b|\b(?:harcelait|escroquait|détournait (?:des fonds|de l['’]argent))"),
    ("escro|voleu|menteu|fraud|criminel", r"\b(?:est|était) (?:un|une) (?:escroc|voleu(?:r|se)"
     r"|menteu(?:r|se)|fraudeu(?:r|se)|criminel)"),
    ("a commis|licenci", r"\ba commis (?:une )?fraude|\ba été licencié(?:e)? (?:\w+ ){0,4}?pour"
     r" (?:harcèlement|vol|fraude|faute grave|avoir volé|détournement)"),
    ("falsifi|condamn|mis en examen|interpell|garde à vue", r"\ba falsifié (?:(?:son|sa|ses|le|la|les"
     r"|des) )?\w+|\ba été (?:condamnée?|mise? en examen|interpellée?|placée? en garde à vue)\b"),
    # German
    ("unterschlag|veruntreu|gestohlen|betr",
     r"\bhat (?:\w+ )?(?:unterschlagen|veruntreut|gestohlen|betrogen)\b"
     r"|\b(?:geld|gelder|firmengeld|kundengelder|\w+ euro) (?:unterschlagen|veruntreut|gestohlen)\b"),
    ("betr|dieb|lügner|kriminell",
     r"\b(?:ist|war) (?:ein|eine) (?:betrüger(?:in)?|dieb(?:in)?|lügner(?:in)?|krimineller?)\b"),
    ("betr|wurde wegen", r"\bhat betrug begangen|\bwurde wegen (?:sexueller )?(?:belästigung|diebstahl"
     r"|betrug|untreue|unterschlagung)\w* (?:fristlos )?(?:entlassen|gefeuert|gekündigt|verurteilt)"),
    ("gefälscht|verhaftet|verurteilt|festgenommen",
     r"\bhat (?:\w+ ){0,2}?(?:(?:seine|ihre|die|den|das|seinen|ihren) )?\w+ gefälscht\b"
     r"|\bwurde (?:\w+ ){0,3}?(?:verhaftet|verurteilt|festgenommen)\b"),
    # Portuguese
    ("desvi|roub", r"\bdesvi(?:ou|ava) (?:dinheiro|verbas|fundos)|\broub(?:ou|ava) (?:clientes|dinheiro"
     r"|\w+ da)"),
    ("fraud|ladr|golpista|bandid|mentiros", r"\b(?:é|era) (?:um|uma) (?:fraude|ladr[aã]o|ladra"
     r"|golpista|bandid[oa]|mentiros[oa])\b"),
    ("cometeu|demitid|assedi", r"\bcometeu fraude|\bfoi demitid[oa] (?:\w+ ){0,4}?por (?:assédio|roubo"
     r"|fraude|desvio|justa causa)|\bassedi(?:ou|ava)\b"),
    ("falsific|pres|condenad", r"\bfalsificou (?:(?:o|a|os|as|seu|sua|seus|suas) )?\w+"
     r"|\bfoi (?:pres[oa]|condenad[oa])\b"),
    # Italian
    ("sottratt|rubat|intascat|appropriat",
     r"\bha (?:sottratto|rubato|intascato) (?:(?:il|lo|la|i|gli|le|l['’]|dei|degli|delle|del|della|un|una"
     r"|\d[\d.,]*) ?)?(?:\w+ )?(?:fondi|denaro|soldi|contanti|dati|clienti|documenti|file|informazioni"
     r"|codice|progetti|euro|merce|cassa|portafoglio|database|contatti)\b"
     r"|\bsi è appropriat[oa] (?:indebitamente )?d"),
    ("frodat|truffat|molestat|falsificat|riciclat|corrott|plagiat|molestava|truffava|rubava",
     r"\bha (?:frodato|truffato|molestato|aggredito|falsificato|riciclato|corrotto|plagiato)\b"
     r"|\b(?:molestava|truffava) \w+|\brubava (?:soldi|denaro|fondi|dati|clienti|dalla cassa)"),
    ("commesso", r"\bha commesso (?:una |un )?(?:frode|reati?|furto|truffa|appropriazione indebita)"),
    ("licenziat|arrestat|condannat|indagat|denunciat",
     r"\bè stat[oa] licenziat[oa] (?:\w+ ){0,4}?per (?:giusta causa|molestie|furto|frode|truffa"
     r"|appropriazione|malversazione|aver rubato|aver sottratto|aver falsificato)"
     r"|\bè stat[oa] (?:arrestat[oa]|condannat[oa]|indagat[oa]|denunciat[oa])\b"),
    ("ladr|truffat|criminal|imbroglion|bugiard|corrott|molestator",
     r"\b(?:è|era) (?:un |una |un['’])(?:ladr[oa]|ladrone|truffatore|truffatrice|criminale|imbroglion[ea]"
     r"|bugiard[oa]|corrott[oa]|molestatore)\b"),
)  # fmt: skip


# Predicates that accuse only a person named or pointed at as their subject.
_WEAK = Phrases(
    ("stole|steal", r"\b(?:stole|steals|stealing|has stolen|had stolen|have stolen) " + _NOT_STOLEN
     + r"(?:(?:the|a|an|his|her|their|our|my|your) )?[\w-]+"),
    ("embezzl|defraud|swindl", r"\b(?:embezzling|defrauding|swindling)\b"),
    ("lied|lies|lying", r"\b(?:lied|lies|lying) (?:about|to|on)\b"),
    ("cheated|cheating|cheats", r"\b(?:cheated|cheats|cheating) (?!(?:death|fate|the odds|time)\b)"
     r"(?:on )?(?:(?:a|an|the|his|her|their|its|our|my|your) )?[\w-]+"),
    ("bribed|bribing", r"\b(?:bribed|bribing) (?:(?:a|an|the|his|her|their) )?[\w-]+"),
    ("scammed|conned|ripped off|robbed", r"\b(?:scammed|conned|ripped off) (?:(?:a|an|the|his|her"
     r"|their|our|my|your) )?[\w-]+|\brobbed (?:a bank|a store|a shop|(?:the|his|her|their) (?:company"
     r"|employer|clients|firm)|clients|customers|investors)\b"),
    ("harass|assault|abus|grop|molest", r"\b(?:harassing|assaulting|abusing|groping|molesting)"
     r" " + _PERSON_OBJECT + r"|\b(?:was|were|is|are|has been|had been|been|kept|keeps) (?:\w+ly )?"
     r"(?:sexually )?(?:harassing|assaulting|abusing|groping|molesting)\b"),
    ("abused", r"\babused (?:his|her|their) (?:power|position|authority|role|expense account)"),
    ("plagiari", r"\bplagiari[sz]ed\b"),
    # Hiding the books: "hid the invoices", "concealed the losses from the board"
    ("hid|hiding|conceal|cover", r"\b(?:hid|hidden|hiding|concealed|concealing|covered up|covering up)"
     r" (?:(?:the|his|her|their|its|our|some|all|all the) )?(?:[\w-]+ )?(?:invoices|losses|debts?"
     r"|liabilities|payments|transactions|receipts|evidence|records|accounts|books|figures|shortfall"
     r"|deficit|overdraft)\b"),
    # Taking property on the way out: "took a laptop and company files when she left"
    ("took", r"\btook (?:(?:the|a|an|his|her|their|our|my|your|some|all|all the|company|client|customer)"
     r" )?(?:[\w-]+ ){0,3}?(?:laptops?|files|documents|data|client list|customer list|clients|customers"
     r"|equipment|inventory|cash|money|funds|designs|source code|code|database|records|hard drives?"
     r"|phones?|tools)\b[^.!?\n]{0,40}?\b(?:when|as|before|after|on (?:his|her|their) way out)"
     r" (?:she|he|they) (?:left|quit|resigned|was fired|were fired|departed|walked out)"),

    ("leak", r"\b(?:leaked|leaks|has leaked|had leaked) (?:(?:the|our|my|your|their|his|her|its|a|an"
     r"|some|all|confidential|internal|proprietary|sensitive|private|secret|company|board|deal) )*"
     r"(?:[\w-]+ )?" + _SECRETS),
    ("sold", r"\bsold (?:(?:the|our|my|your|their|his|her|its|all|confidential|internal|proprietary) )*"
     r"(?:[\w-]+ )?(?:client list|customer list|database|data|trade secrets?|source code|designs"
     r"|contacts|leads|secrets|files|documents)\b"),
    ("corrupt|dishonest|crooked", _BE + r" " + _ADV + r"(?:totally |completely |deeply )?(?:corrupt"
     r"|dishonest|crooked)\b"),
)  # fmt: skip


def find_accusations(text: str) -> list[Span]:
    """Spans of accusations of a crime or misconduct against a person."""
    found = [m for m in _STRONG.finditer(text) if _accuses(text, m, strong=True)]
    found += [m for m in _WEAK.finditer(text) if _accuses(text, m, strong=False)]
    spans: list[Span] = []
    for m in sorted(found, key=lambda m: (m.start(), -m.end())):
        if spans and m.start() < spans[-1].end:
            continue  # one finding per predicate
        spans.append(Span(m.start(), m.end()))
    return spans


def _accuses(text: str, match: re.Match[str], *, strong: bool) -> bool:
    """Whether ``match`` is said of a person and not negated."""
    start = match.start()
    if negated_inside(match.group()) or negated(text, start):
        return False
    first = match.group().split()[0]
    if first.endswith(("ed", "en")) and passive_without_agent(text, start, start + len(first)):
        return False  # "funds were stolen", "she was harassed" with no one named
    subject = subject_of(text, start)
    if subject in ("thing", "self", "indefinite"):
        return False
    if _FICTION.search(text, *_sentence(text, start)):
        return False  # "the thief in the novel, the one who embezzles"
    return strong or subject == "person"


def _sentence(text: str, start: int) -> tuple[int, int]:
    span = sentence_around(text, start, start)
    return span.start, span.end
