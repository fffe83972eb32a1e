"""Whether a message is commercial (advertises a product or service), guessed from its text.

A promotion, a discount, a free trial, a demo booking, stated prices or a call to buy make a
message commercial. Everyday sales phrasing counts too: a product or service pitch ("our platform
helps teams ...", "I help teams like yours"), a results claim ("we cut cloud bills 30%"), a
request for a sales call ("worth 15 minutes?", "book a call"), early access or a pilot, a monthly
price and a time-limited offer; these weaker signals do not count in a job pitch, where "our
platform is used by millions" describes the employer and "the offer ends Friday" is a job offer.
A recruiter's job pitch (role, salary, interview) is not commercial by itself: salary figures are
not prices.
"""

from __future__ import annotations

from cockpit.domain.scanner.matching import Caseless, Phrases

_MONEY = r"(?:[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?(?:[$€£]|usd|eur|gbp|dollars|euros?))"

# Signals that make a message commercial on their own.
_SIGNAL_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("offers a free trial", (
        ("trial", r"\bfree[- ]trial|\btrial (?:period|account)"),
        ("free", r"\btry (?:it|us|\w+) (?:for )?free\b"),
        ("prueba|essai|kostenlos|testphase|teste gr",
         r"\bprueba gratu|\bprueba gratis|\bessai gratuit|\bkostenlos(?:e|en)? (?:test|testen"
         r"|probe)|\btestphase\b|\bteste gr[aá]t|\bper[ií]odo de (?:prueba|teste) gr"),
    )),
    ("promotes an offer or discount", (
        ("%", r"\b\d{1,2}\s?% (?:off|discount|de descuento|de remise|rabatt|de desconto)"),
        ("discount", r"(?<!employee )\bdiscount(?:ed)?\b"),
        ("descuento|remise|réduction|rabatt|desconto",
         r"\bdescuento|\bremise\b|\bréduction|\brabatt|\bdesconto"),
        ("promo|coupon|gutschein|cupom", r"\bpromo\b|\bpromotional\b|\bpromo ?code|\bcoupon"
         r"|\bcódigo promocional|\bcode promo|\bgutschein|\bcupom\b"),
        ("special|especial|spéciale|sonderangebot", r"\bspecial (?:offer|price|pricing|rate)"
         r"|\boferta especial|\boffre spéciale|\bsonderangebot"),
        ("offering", r"\bwe['’]re offering\b|\bwe are offering\b"),
        ("save|half|bogo|fee|waive", r"\bsave (?:up to )?\d{1,2}\s?%|\bhalf[- ]price\b|\bbogo\b"
         r"|\bno (?:setup|set-up|onboarding) fees?\b|\bwaive (?:the |your )?(?:setup|set-up|onboarding)"),
        ("free", r"\bfree (?:first )?(?:month|week|consultation|audit|assessment|quote|shipping"
         r"|setup)|\b(?:first|1st) (?:month|\w+ months) (?:is )?free\b"),
    )),
    ("time-limited offer", (
        ("limited|offer|only until|ends |while ",
         r"\blimited[- ]time\b|\boffer (?:ends|expires|valid until)|\bonly until\b"
         r"|\bends (?:this|on) (?:friday|monday|week|month)|\bwhile (?:supplies|spots) last"),
        ("limitado|agotar|offre|nur |só até", r"\bpor tiempo limitado|\bhasta agotar"
         r"|\boffre (?:limitée|valable)|\bnur (?:noch )?(?:bis|für kurze zeit)"
         r"|\bpor tempo limitado|\bsó até\b"),
    )),
    ("asks to book a demo", (
        ("demo", r"\b(?:book|schedule|set up|grab|request|see) (?:a |an? \w+ |some )?(?:live "
         r"|quick |short |free |personali[sz]ed |\d+[- ]min(?:ute)? )?demo\b|\bdemo call\b"
         r"|\b(?:would|could|can) (?:a|we do a|i show you a) (?:quick |short |live )?demo\b"
         r"|\bdemo (?:vereinbaren|buchen|anfragen)|\bagendar (?:uma )?demo"),
        ("product tour|product walkthrough|product demo", r"\bproduct (?:demo|tour|walkthrough)\b"),
        ("happy|love|glad|walk", r"\b(?:happy|love|glad) to (?:give you a |do a |run a |show you a )?"
         r"(?:quick |short |live )?demo\b|\bwalk you through (?:our|the|my) (?:platform|product|tool"
         r"|software|app|solution|dashboard)"),
        ("demostraci|démonstration|demonstra", r"\bdemostraci[oó]n\b|\bdémonstration"
         r"|\bdemonstra[cç][aã]o\b"),
    )),
    ("states prices", (
        ("$|€|£|usd|eur|gbp|dollar",
         _MONEY + r"\s?(?:/|per |a |each |por |par |pro |je )\s?(?:user|seat|licen[cs]e|agent"
         r"|unit|location|device|member|employee|hire|usuario|utilisateur|nutzer|usu[aá]rio"
         r"|poste)\b|\bstarting (?:at|from) " + _MONEY + r"|\b(?:only|just) " + _MONEY
         + r"|\b(?:costs?|priced at|pricing is|price is) " + _MONEY),
        ("pricing|rate card", r"\b(?:share|send(?: you| over)?|walk you through) (?:our |my )?"
         r"(?:pricing|rate card)\b"),
        ("pricing|plan|price", r"\bpricing (?:starts?|starting|begins?|is|from)\b"
         r"|\b(?:plans?|prices?) (?:starts?|starting|begins?) (?:at|from)\b"),
        ("precio|tarif|preis|preço|preco", r"\bprecios? desde|\btarifs? (?:à partir|dès)"
         r"|\bpreise? ab\b|\bpre[cç]os? a partir"),
    )),
    ("calls to buy or sign up", (
        ("buy |order |shop |subscribe|upgrade|sign up|register",
         r"\b(?:buy|order|shop|subscribe|upgrade|sign up|register) (?:now|today|here)\b"),
        ("offer|deal|discount|seat|spot|copy",
         r"\b(?:get|claim|grab) (?:your|the) (?:offer|deal|discount|seat|spot|copy)\b"),
        ("compra|achetez|jetzt|compre|regístrate|inscri|inscreva",
         r"\bcompra (?:ahora|ya)|\bachetez|\bjetzt (?:kaufen|bestellen|buchen|anmelden)"
         r"|\bcompre (?:agora|já)|\bregístrate|\binscrivez-vous|\binscreva-se"),
    )),
)  # fmt: skip
_SIGNALS = Phrases(*(entry for _, entries in _SIGNAL_GROUPS for entry in entries))
_REASON_OF = {
    id(pattern): reason
    for pattern, reason in zip(
        _SIGNALS.patterns,
        (reason for reason, entries in _SIGNAL_GROUPS for _ in entries),
        strict=True,
    )
}
# Weaker signals: commercial unless the message is a job pitch.
_WEAK_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("pitches a product or service", (
        ("platform|product|software|tool|solution|* app|service|saas|api|agency|firm|offering|suite"
         "|crm|system", r"\b(?:our|my) (?:platform|product|software|tool|solution|app|service|saas"
         r"|api|agency|firm|offering|suite|crm|system)s? (?:helps?|lets|allows|can|will|automates?"
         r"|cuts?|reduces?|saves?|integrates?|gives|makes|keeps|is used|is trusted|has helped)\b"),
        ("help", r"\b(?:i|we) help (?:b2b |saas |smb "
         r"|mid-market |enterprise |e-?commerce |growing |fast-growing |\w+ )?(?:companies|teams"
         r"|businesses|brands|startups|founders|firms|organi[sz]ations|agencies|clinics|practices"
         r"|retailers|restaurants|manufacturers|lenders|insurers|schools|cfos|ctos|ceos|cmos|leaders"
         r"|sales|marketing|hr|finance|revops|ops|recruiting teams|companies like)\b"),
        ("like yours|like you", r"\b(?:companies|teams|businesses|brands|firms|orgs|organi[sz]ations"
         r"|agencies|stores|shops|clinics|practices|startups|founders|leaders|operators) like "
         r"(?:yours|you|\w+['’]s)\b"),
        ("clients|customers|trusted|used",
         r"\b(?:our|my) (?:clients|customers) (?:include|like|such as|range|are)\b"
         r"|\b(?:trusted|used) by (?:\d[\d,]*\+? |over \d[\d,]* |hundreds of |thousands of )?"
         r"(?:companies|teams|brands|businesses|customers)\b"),
        ("nuestr", r"\b(?:nuestra|nuestro) (?:plataforma|soluci[oó]n|herramienta|software|servicio)"
         r" (?:automatiza|ayuda|permite|simplifica|reduce|le ayuda|te ayuda|ahorra)"),
        ("notre|nos ", r"\b(?:notre|nos) (?:plateforme|solution|outil|logiciel|service)s? (?:aide"
         r"|aident|permet|permettent|automatise|simplifie|réduit|vous aide)"),
        ("unser", r"\bunsere? (?:plattform|lösung|software|tool|dienstleistung|produkt) (?:hilft"
         r"|ermöglicht|automatisiert|vereinfacht|spart|reduziert)"),
        ("nossa|nosso", r"\b(?:nossa|nosso) (?:plataforma|solu[cç][aã]o|ferramenta|software"
         r"|servi[cç]o) (?:ajuda|permite|automatiza|simplifica|reduz)"),
        ("empresas|entreprises|unternehmen", r"\bempresas como (?:la suya|la tuya|a sua|a tua|la vuestra)"
         r"|\bentreprises comme (?:la vôtre|la votre|la tienne)|\bunternehmen wie (?:ihres|ihrem|ihr)"),
    )),
    ("claims results for customers", (
        ("helped|help", r"\b(?:we(?:['’]ve)?|i(?:['’]ve)?|it) (?:helped|help|helps) (?:\w+[ ,]+){1,6}?"
         r"(?:cut|reduce|lower|save|increase|boost|grow|double|triple|recover|win|close|book|hire)"
         r"\w* [^.!?\n]{0,50}?(?:\d+\s?%|\d+x\b|[$€£]\s?\d)"),
        ("cut|reduced|lowered|slashed|saved|increased|boosted|grew|doubled|tripled",
         r"\bwe(?:['’]ve)? (?:cut|reduced|lowered|slashed|saved|increased|boosted|grew|doubled"
         r"|tripled) (?!our |my )[^.!?\n]{2,50}?(?:\d+\s?%|\d+x\b|[$€£]\s?\d)"),
        ("clients|customers", r"\b(?:our |my )?(?:clients|customers) (?:typically |usually |often "
         r"|on average )?(?:see|save|cut|get|report|reduce|increase|grow)s? [^.!?\n]{0,40}?"
         r"(?:\d+\s?%|\d+x\b|[$€£]\s?\d)"),
    )),
    ("asks for a sales call", (
        ("worth", r"\bworth (?:a |an )?(?:\d+|five|ten|fifteen|twenty|thirty|few)[- ]?min(?:ute)?s?\b"
         r"|\bworth a (?:quick|short|brief) (?:call|chat)\b"),
        ("book|schedule|grab",
         r"\b(?:book|schedule|grab) (?:a |some )?(?:quick |short |brief "
         r"|\d+[- ]min(?:ute)? )?(?:call|meeting|time on my calendar|slot)\b"),
    )),
    ("offers early access or a pilot", (
        ("early|beta|priority|founding|exclusive|pilot|waitlist",
         r"\b(?:early|beta|priority|founding|exclusive) (?:access|customers?|partners?|pricing"
         r"|cohort|program)\b|\b(?:free|paid|no-cost) pilot\b|\bpilot (?:program|programme)\b"
         r"|\bwaitlist\b"),
    )),
    ("states a monthly price", (
        ("$|€|£|usd|eur|gbp|dollar",
         _MONEY + r"\s?(?:/|per |a )\s?(?:mo|month|yr|year|annum|week)\b"),
    )),
)  # fmt: skip
_WEAK_SIGNALS = Phrases(*(entry for _, entries in _WEAK_GROUPS for entry in entries))
_WEAK_REASON_OF = {
    id(pattern): reason
    for pattern, reason in zip(
        _WEAK_SIGNALS.patterns,
        (reason for reason, entries in _WEAK_GROUPS for _ in entries),
        strict=True,
    )
}
# Reasons that do not make a job pitch commercial on their own.
_WEAK = frozenset({"time-limited offer", *(reason for reason, _ in _WEAK_GROUPS)})
_JOB_PITCH = Caseless(
    r"\b(?:hiring|we['’]re hiring|role|roles|position|(?:an|the|this|new|open) opening|openings"
    r"|vacancy|candidate|interview"
    r"|offer letter|job offer|start date"
    r"|salary|compensation|base pay|join (?:our|the) team|job|career|headcount|apply|resume|cv"
    r"|internships?|stipend|applications? close"
    r"|vaga|puesto|vacante|poste|recrute|stelle|bewerbung|contratando|salário|salario|gehalt)\b",
    triggers=(
        "hiring|role|position|opening|vacancy|candidate|interview|salary|compensation|base pay"
        "|offer letter|job offer|start date"
        "|join|job|career|headcount|apply|resume|cv|internship|stipend|application|vaga|puesto|vacante|poste|recrute|stelle"
        "|bewerbung|contratando|salário|salario|gehalt"
    ),
)


def infer_commercial(text: str) -> tuple[str, ...]:
    """Short reasons why ``text`` (subject and body) reads as commercial (empty if it does not)."""
    reasons = list(dict.fromkeys(_REASON_OF[id(p)] for p in _SIGNALS.matching(text)))
    reasons += dict.fromkeys(_WEAK_REASON_OF[id(p)] for p in _WEAK_SIGNALS.matching(text))
    if reasons and all(r in _WEAK for r in reasons) and _JOB_PITCH.search(text) is not None:
        return ()  # "our platform is used by millions", "the offer ends Friday" in a job pitch
    return tuple(reasons)
