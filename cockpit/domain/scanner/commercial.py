"""Whether a message is commercial (advertises a product or service), guessed from its text.

An "ADV" label, a promotion, a discount, a free trial, a demo offer, per-seat prices or a call to
buy make a message commercial. Everyday sales phrasing counts too: a product or service pitch
("our platform helps teams ...", "I make explainer videos for B2B startups", "we place preparers
with CPA firms"), a results claim ("we cut cloud bills 30%"), a request for a sales call ("worth
15 minutes?"), a quote or a proposal, a referral deal, a webinar or a free guide, early access or
a pilot, a price for a unit or a service ("$250 per building", "desde $0.90 por folio") and a
time-limited offer. Weaker cues count together: the sender's own offering ("we put sensors in
reefer trailers") with a call request or a customer's result ("Freshroute saved $210k").

None of these weaker signals counts in a job pitch (role, salary, interview, contract work), where
"our platform is used by millions" describes the employer and "the offer ends Friday" is a job
offer; pay, expenses, an existing account's bill and a charity's fee are not prices.
"""

from __future__ import annotations

import re

from cockpit.domain.scanner.matching import Caseless, Phrases, lowered, word_starts
from cockpit.domain.scanner.offer import PROMO_SIGNALS, pitch_reasons
from cockpit.domain.scanner.optout import has_opt_out

_MONEY = r"(?:[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?(?:[$€£]|usd|eur|gbp|dollars|euros?))"
_PER_UNIT = (
    r"\s?(?:/|per |a |each |por |par |pro |je )\s?(?:user|seat|licen[cs]e|agent|unit|location|device"
    r"|member|employee|hire|usuario|utilisateur|nutzer|usu[aá]rio|poste)\b"
)

# Signals that make a message commercial on their own.
_Entry = tuple[str, str] | tuple[str, str, str]  # (triggers, pattern[, gate]), as Phrases takes them


def _grouped(groups: tuple[tuple[str, tuple[_Entry, ...]], ...]) -> tuple[Phrases, dict[int, str]]:
    """One phrase set of every group's entries, and the reason of each pattern (by ``id``)."""
    phrases = Phrases(*(entry for _, entries in groups for entry in entries))
    reasons = (reason for reason, entries in groups for _ in entries)
    return phrases, {id(pattern): reason for pattern, reason in zip(phrases.patterns, reasons, strict=True)}


_SIGNAL_GROUPS: tuple[tuple[str, tuple[_Entry, ...]], ...] = (
    ("labelled as an advertisement", (
        ("adv", r"^\s*(?:adv\s*[:\-–—]|\[\s*adv\s*\]|\(\s*adv\s*\))|^[^\n]*(?:\[\s*adv\s*\]"
         r"|\(\s*adv\s*\))|(?:^|\n)[ \t]*adv[ \t]*(?:\n|$)"),
    )),
    ("offers a free trial", (
        ("trial", r"\bfree[- ]trial|\b\d+[- ]days? (?:free )?trial\b"),
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
         r"|\bno (?:setup|set-up|onboarding|placement|activation|upfront|hidden) fees?\b"
         r"|\bwaive (?:the |your )?(?:setup|set-up|onboarding)"),
        ("free", r"\bfree (?:first )?(?:month|week|consultation|audit|assessment|quote|shipping"
         r"|setup)|\b(?:first|1st) (?:month|\w+ months) (?:is )?free\b"
         r"|\b(?:do|give you|make) (?:your|the) first (?:one|\w+) (?:for )?free\b"),
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
        ("demo|démo", r"\b(?:book|schedule|set up|grab|request|see) (?:a |an? \w+ |some )?(?:live "
         r"|quick |short |free |personali[sz]ed |\d+[- ]min(?:ute)? )?demo\b|\bdemo call\b"
         r"|\b(?:would|could|can|may|shall) (?:a|we do a|i show you a|i send you a|i set up a) "
         r"(?:quick |short |live |\d+[- ]min(?:ute)? )?demo\b"
         r"|\b(?:want|like|need|fancy) (?:a|to see a) (?:quick |short |live |\d+[- ]min(?:ute)? )?"
         r"demo\?"
         r"|\bdemo (?:vereinbaren|buchen|anfragen|zeigen)|\bagendar (?:uma )?demo"
         r"|\b(?:le|te|les|os) (?:envío|envio|muestro|enseño|hago) una demo|\buna demo de \d+"
         r"|\b(?:une|la) démo (?:de \d+|gratuite|personnalisée|en ligne)|\bdémo vous int[ée]ress"
         r"|\bdemo (?:inplannen|plannen|geven)|\been demo (?:van|in)"),
        ("product tour|product walkthrough|product demo", r"\bproduct (?:demo|tour|walkthrough)\b"),
        ("happy|love|glad|walk", r"\b(?:happy|love|glad) to (?:give you a |do a |run a |show you a )?"
         r"(?:quick |short |live )?demo\b|\bwalk you through (?:our|the|my) (?:platform|product|tool"
         r"|software|app|solution|dashboard)"),
        ("demostraci|démonstration|demonstra", r"\bdemostraci[oó]n\b|\bdémonstration"
         r"|\bdemonstra[cç][aã]o\b"),
    )),
    ("states prices", (
        # A price per unit, "starting at $29", "only $9": three patterns so that each runs only
        # when its cheaper gate (the unit, "starting", "only"/"just") is in the text.
        ("$|€|£|usd|eur|gbp|dollar",
         _MONEY + _PER_UNIT, _PER_UNIT.removeprefix(r"\s?")),
        ("$|€|£|usd|eur|gbp|dollar", r"\bstarting (?:at|from) " + _MONEY, r"starting (?:at|from) "),
        ("$|€|£|usd|eur|gbp|dollar", r"\b(?:only|just) " + _MONEY, r"(?:only|just) "),
        ("pricing|rate card", r"\b(?:share|send(?: you| over)?|walk you through) (?:our |my )?"
         r"(?:pricing|rate card)\b"),
        ("pricing|plan|price", r"\bpricing (?:starts?|starting|begins?|is|from)\b"
         r"|\b(?:plans?|prices?) (?:starts?|starting|begins?) (?:at|from)\b"),
        ("precio|tarif|preis|preço|preco", r"\bprecios? desde|\btarifs? (?:à partir|dès)"
         r"|\bpreise? ab\b|\bpre[cç]os? a partir"),
    )),
    ("charges a success fee", (
        # "we only get paid if we win", "no win, no fee", "30% of the savings"
        ("*only get paid|*only charge|*only bill|*only earn|*no win|savings|recover|refund|reduction",
         r"\b(?:we|i) only (?:get paid|charge|bill|earn) (?:if|when"
         r"|once|on)\b|\bno win,? no fee\b|\bno (?:savings|results|cure),? no (?:fee|charge|pay)\b"
         r"|\b\d{1,2}\s?% of (?:the|your|what we) (?:savings|recovered|recovery|refund|reduction)"),
    )),
    ("promotes a sale or a retail offer", PROMO_SIGNALS),
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
_SIGNALS, _REASON_OF = _grouped(_SIGNAL_GROUPS)
# Weaker signals: commercial unless the message is a job pitch.
_CUSTOMERS = (
    r"(?:companies|teams|businesses|brands|startups|scale-?ups|founders|firms|organi[sz]ations"
    r"|agencies|clinics|practices|retailers|restaurants|hotels|manufacturers|distributors"
    r"|wholesalers|lenders|banks|insurers|brokers|brokerages|dealers|dealerships|landlords"
    r"|(?:property|facility|facilities|fleet|office|sales) managers|contractors|builders|schools"
    r"|universities|hospitals|carriers|fleets|shippers|farms|wineries|stores|shops|merchants"
    r"|sellers|accountants|dentists|dental groups|smbs|smes|enterprises|operators|plants"
    r"|factories|warehouses|venues|gyms|salons|agents|cfos|ctos|ceos|cmos|breweries|bakeries"
    r"|caf[eé]s|bars|studios|labs|fintechs|marketplaces|nonprofits|charities|publishers"
    r"|creators|coaches|consultants|therapists|physicians|doctors|vets|pharmacies|utilities)"
)
# "we"/"i" and "our"/"my" as whole words, written so that the regex engine can skip ahead to them.
_WE = r"(?:we|i)(?<![\w'’]we)(?<![\w'’]i)"
_OUR = r"(?:our|my)(?<![\w'’]our)(?<![\w'’]my)"
_CUSTOMER_TRIGGERS = (
    "compan|team|busines|brand|startup|scale|founder|firm|organi|agenc|clinic|practice|retailer"
    "|restaurant|hotel|manufactur|distribut|wholesal|lender|bank|insurer|broker|dealer|landlord"
    "|manager|contractor|builder|school|universit|hospital|carrier|fleet|shipper|farm|winer|store"
    "|shop|merchant|seller|accountant|dentist|dental|smb|sme|enterprise|operator|plant|factor"
    "|warehouse|venue|gym|salon|agent|cfo|cto|ceo|cmo|brewer|baker|caf|bar|studio|lab|fintech"
    "|marketplace|nonprofit|charit|publisher|creator|coach|consultant|therapist|physician|doctor"
    "|vet|pharmac|utilit"
)
_WE_SERVE = (
    _WE + r" (?:make|do|run|provide|offer|build|place|supply|deliver|handle|install|sell"
    r"|design|create|produce|manage|serve|support|train|coach|equip|insure|finance|automate"
    r"|source|ship|clean|inspect|audit|translate|film|protect|secure|work with|partner with|lease"
    r"|rent|repair|maintain|photograph|cater|print)"
)
# (triggers, pattern) or (triggers, pattern, gate): see ``Caseless``.
_WEAK_GROUPS: tuple[tuple[str, tuple[tuple[str, str] | tuple[str, str, str], ...]], ...] = (
    ("pitches a product or service", (
        ("platform|product|software|tool|solution|* app|service|saas|api|agency|firm|offering|suite"
         "|crm|system|engine|subscription|program|course|sensor|device",
         _OUR + r" (?:[\w-]+ ){0,2}?(?:platform|product|software|tool|solution|app|service|saas"
         r"|api|agency|firm|offering|suite|crm|system|engine|subscription|program|programme|course"
         r"|sensor|device)s? (?:helps?|lets|allows|can|will(?! be\b)|automates?|cuts?|reduces?|saves?"
         r"|integrates?|gives|makes|keeps|is used|is trusted|has helped|costs|catches|flags|tracks"
         r"|monitors|replaces|pays for itself)\b"),
        ("help", _WE + r"(?:['’]ve been| have been|['’]m| am|['’]re| are)? help(?:s|ing)? (?:b2b "
         r"|saas |smb |mid-market |enterprise |e-?commerce |growing |fast-growing |[\w+-]+ ){0,3}?"
         r"(?:" + _CUSTOMERS + r"|leaders|sales|marketing|hr|finance|revops|ops|companies like)\b"),
        # "I make product explainers for B2B startups", "we place preparers with CPA firms"
        (_CUSTOMER_TRIGGERS,
         _WE_SERVE + r"\b[^.!?\n]{0,70}?\b(?:for|with|to|across) (?!our |my )(?:[\w+-]+ ){0,3}?"
         + _CUSTOMERS + r"\b", _WE_SERVE + r"\b"),
        ("like yours|like you", r"\b(?:companies|teams|businesses|brands|firms|orgs|organi[sz]ations"
         r"|agencies|stores|shops|clinics|practices|startups|founders|leaders|operators) like "
         r"(?:yours|you|\w+['’]s)\b"),
        ("clients|customers|trusted|used|loved",
         r"\b(?:our|my) (?:clients|customers) (?:include|like|such as|range|are)\b"
         r"|\b(?:trusted|used|loved) by (?:(?:over |more than )?\d[\d,]*\+? (?:[\w-]+ )?\w+s\b"
         r"|(?:(?:hundreds|thousands) of )?(?:companies|teams|brands|businesses|customers)\b)"),
        ("nuestr", r"\b(?:nuestra|nuestro|nuestros) (?:plataforma|soluci[oó]n|herramienta|software"
         r"|servicio|app|aplicaci[oó]n)[^.!?\n]{0,40}? (?:automatiza|ayuda|permite|simplifica|reduce"
         r"|le ayuda|te ayuda|ahorra|cuesta|cuestan)"),
        ("notre|nos ", r"\b(?:notre|nos) (?:plateforme|solution|outil|logiciel|service|application)s?"
         r"[^.!?\n]{0,40}? (?:aide|aident|permet|permettent|automatise|simplifie|réduit|vous aide"
         r"|coûte|coûtent)"),
        ("unser", r"\bunsere? \w*(?:plattform|lösung|software|tool|app|dienstleistung|produkt)"
         r"[^.!?\n]{0,30}? (?:hilft|ermöglicht|automatisiert|vereinfacht|spart|reduziert|kostet)"),
        ("nossa|nosso", r"\b(?:nossa|nosso) (?:plataforma|solu[cç][aã]o|ferramenta|software|app"
         r"|servi[cç]o)[^.!?\n]{0,40}? (?:ajuda|permite|automatiza|simplifica|reduz|custa)"),
        ("onze", r"\bonze \w*(?:software|platform|tool|app|oplossing|dienst)[^.!?\n]{0,40}? (?:helpt"
         r"|automatiseert|bespaart|vereenvoudigt|kost)"),
        ("ayud|ajud|aidons|aide|helfen|helfe|helpen|aiut",
         r"\b(?:ayudo|ayudamos) a (?:equipos|empresas|negocios|compañías|marcas|cl[ií]nicas|tiendas"
         r"|restaurantes|startups)|\b(?:ajudo|ajudamos) (?:empresas|equipes|times|neg[oó]cios|marcas"
         r"|cl[ií]nicas|lojas|restaurantes|startups)|\b(?:nous aidons|j['’]aide) (?:les )?(?:entreprises"
         r"|équipes|pme|marques|groupes|cabinets|cliniques|agences|commerçants|startups)"
         r"|\b(?:aiuto|aiutiamo) (?:\w+ )?(?:team|aziende|imprese|negozi|studi|marchi|startup|ristoranti"
         r"|hotel|cliniche|agenzie|professionisti)\b"
         r"|\b(?:wir helfen|ich helfe) (?:\w+ )?(?:unternehmen|teams|kanzleien|händlern|marken"
         r"|praxen|agenturen|startups)|\b(?:wij|we|ik) help(?:en)? (?:\w+ )?(?:bedrijven|teams"
         r"|winkels|merken|praktijken|installateurs)"),
        ("empresas|equipos|entreprises|unternehmen|equipes|aziende|team|imprese|negozi|studi",
         r"\b(?:empresas|equipos|equipes|negocios)"
         r" como (?:la suya|la tuya|el tuyo|el suyo|a sua|a tua|o seu|o teu|la vuestra|el vuestro"
         r"|a \[)|\bentreprises comme (?:la vôtre|la votre|la tienne)"
         r"|\b(?:aziende|team|imprese|negozi|studi) come (?:la (?:tua|vostra|sua)|il (?:tuo|vostro|suo))\b"
         r"|\bunternehmen wie (?:ihres|ihrem|ihr)"),
    )),
    ("claims results for customers", (
        ("helped|help", r"help(?<![\w'’]help)(?<!you help)(?<!they help)(?<!he help)(?<!she help)"
         r"(?:ed|s)? (?!me |us )"
         r"(?:\w+[ ,]+){1,6}?(?:cut|reduce|lower|save|increase|boost|grow|double|triple|recover|win"
         r"|close|book|hire|lift|improve|raise|halve|speed)"
         r"\w* [^.!?\n]{0,50}?(?:\d+\s?%|\d+x\b|[$€£]\s?\d)"),
        ("cut|reduced|lowered|slashed|saved|increased|boosted|grew|doubled|tripled",
         r"\bwe(?:['’]ve)? (?:cut|reduced|lowered|slashed|saved|increased|boosted|grew|doubled"
         r"|tripled) (?!our |my )[^.!?\n]{2,50}?(?:\d+\s?%|\d+x\b|[$€£]\s?\d)"),
        ("clients|customers", r"\b(?:our |my )?(?:clients|customers) (?:typically |usually |often "
         r"|on average )?(?:see|save|cut|get|report|reduce|increase|grow)s? [^.!?\n]{0,40}?"
         r"(?:\d+\s?%|\d+x\b|[$€£]\s?\d)"),
    )),
    ("asks for a sales call", (
        ("worth|vale", r"\bworth (?:a |an )?(?:\d+|five|ten|fifteen|twenty|thirty|few)[- ]?min(?:ute)?s?\b"
         r"|\bworth a (?:quick|short|brief) (?:call|chat)\b|\bworth a (?:quick |closer )?look\?"
         r"|\bvale (?:uma|a pena uma) (?:conversa|chamada|liga[cç][aã]o)"),
        ("book|schedule|grab",
         r"\b(?:book|schedule|grab) (?:a |some )?(?:quick |short |brief "
         r"|\d+[- ]min(?:ute)? )?(?:call|meeting|time on my calendar|slot)\b"),
    )),
    ("offers a quote or proposal", (
        ("quote|proposal|estimate|prospectus|rate card|media kit|price list|partner terms",
         r"\b(?:want|like|need) (?:the |a |our |me to send (?:you |over )?(?:the |a |our )?)?"
         r"(?:detailed |free |custom |formal |walkthrough |quick )?(?:quote|proposal|estimate"
         r"|prospectus|rate card|media kit|price list|partner terms)\b"
         r"|\b(?:(?:can|could|shall|may) i|i can|happy to|glad to|i['’]d love to) (?:send|share|email"
         r"|prepare|put together)(?: you| over)* (?:the |a |our |my )?"
         r"(?:detailed |free |custom |formal |quick )?(?:quote|proposal|estimate|prospectus"
         r"|rate card|media kit|price list|partner terms)\b|\bwalkthrough quote"),
        ("presupuesto|devis|angebot|orçamento|orcamento|offerte",
         r"\b(?:un|el|su) presupuesto (?:sin compromiso|personalizado|gratis)|\b(?:le|te) (?:envío"
         r"|preparo|mando) (?:un |el )?presupuesto|\b(?:un|votre|le) devis\b"
         r"|\bunverbindliches angebot|\bum or[cç]amento|\been offerte\b"),
    )),
    ("offers a partnership or referral deal", (
        ("commission|referral|partner|affiliate|reseller|revenue",
         r"\brecurring commission|\bcommission (?:for|on) every\b|\breferral (?:fee|program|programme"
         r"|partnership)\b|\bpartner (?:terms|program|programme)\b|\baffiliate (?:program|programme"
         r"|commission)|\breseller (?:program|programme|margin)|\brevenue[- ]share\b"),
    )),
    ("promotes a webinar or free content", (
        ("webinar|masterclass|ebook|e-book|whitepaper|guide|report|playbook|checklist|template"
         "|toolkit", r"\b(?:join|register for|download|grab|get|read) (?:our|the|a|this) (?:free "
         r"|live |upcoming |new |on-demand )*(?:webinar|masterclass|e-?book|whitepaper|guide|report"
         r"|playbook|checklist|template|toolkit)\b|\b(?:our|a) free (?:webinar|masterclass|e-?book"
         r"|whitepaper|guide|report|playbook|checklist|template|toolkit)\b"),
    )),
    ("calls to buy or sign up", (
        ("register|sign|get|start|download|upgrade|buy|shop|order|claim|reserve|try",
         r"(?:^|\n)[ \t]*(?:register|sign up|get started|start (?:here|free|now)|download|get (?:the"
         r"|your) \w+|upgrade|buy|shop|order|claim|reserve|try it)(?: (?:here|now|today|free))?"
         r"\s*:\s*(?:https?://|www\.|[\w-]+\.[a-z]{2,}\b)"),
    )),
    ("offers early access or a pilot", (
        ("early|beta|priority|founding|exclusive|pilot|waitlist",
         r"\b(?:early|beta|priority|founding|exclusive) (?:access|customers?|partners?|pricing"
         r"|cohort|program)\b|\b(?:free|paid|no-cost) pilot\b|\bpilot (?:program|programme)\b"
         r"|\bwaitlist\b"),
    )),
)  # fmt: skip
_WEAK_SIGNALS, _WEAK_REASON_OF = _grouped(_WEAK_GROUPS)
# A price for a unit or a service ("$250 per building", "from $29 each", "cuesta 2 € por
# empleado", "ab 79 € pro Monat"), unless the sentence is about pay or expenses.
_CODE_AFTER = r"(?:\s?(?:usd|eur|gbp|mxn|cad|aud|nzd|sgd|brl|chf)\b)?"
_AMOUNT = (
    r"(?:[$€£]\s?\d[\d,.]*k?|\d[\d,.]*k?\s?(?:[$€£]|usd\b|eur\b|gbp\b|chf\b|dollars?\b|euros?\b))"
    + _CODE_AFTER
)
_AMOUNT_AT = re.compile(_AMOUNT)
# An amount after a currency code ("CHF 12", "SGD 1,200", "R$ 99", "Rs. 4,999", "₹4,999"), looked
# for only when one of the codes is in the text.
_CODE_WORDS = frozenset(
    "chf usd eur gbp cad aud nzd sgd hkd inr sek nok dkk pln czk zar aed mxn brl r rs".split()
)
_CODE_AMOUNT_AT = re.compile(
    r"(?:\b(?:chf|usd|eur|gbp|cad|aud|nzd|sgd|hkd|inr|sek|nok|dkk|pln|czk|zar|aed|mxn|brl|r\$|rs\.?)|[₹¥])"
    r"\s?\d[\d,.]*k?" + _CODE_AFTER
)
_CODE_NUMBER = {code: re.compile(r"\b" + re.escape(code) + r"\b[.$]?\s?\d") for code in _CODE_WORDS}
_UNIT_AFTER = re.compile(
    r"\s?(?:\+ ?(?:vat|tax|iva|tva|mwst) )?(?:/\s?[a-z]|per [a-z]|each\b|an? (?:hour|day|night|visit"
    r"|month|year|week|session|seat|user|head|person|piece|unit|location|store)\b|por [a-z]|par [a-z]"
    r"|pro [a-z]|je [a-z]|al (?:mes|año)\b|le mois\b)"
)
_MONTHLY_AFTER = re.compile(r"\s?(?:/|per |a )\s?(?:mo|month|yr|year|annum|week)\b")
_PREFIX_BEFORE = re.compile(
    r"\b(?:from|start(?:s|ing)? (?:at|from)|desde|à partir de|dès|ab|vanaf|a partir de|only|just"
    r"|solo|seulement|nur|apenas|slechts|costs?|priced at|pricing is|price is|cuesta|cuestan"
    r"|coûte|coûtent|kostet|kosten|kost|custa|custam) (?:only |just |about |around |from |ab "
    r"|desde |à partir de )?$"
)
_RANGE_AFTER = re.compile(r" ?(?:to|-|–|a|à|bis|tot)\s?[$€£\d]")  # "from $150k to $170k"
_CURRENCIES = ("$", "€", "£", "usd", "eur", "gbp", "dollar", "chf")
# Pay, expenses and bills of an existing account are not offers.
_NOT_A_SALE = Caseless(
    r"\b(?:salar|sal[aá]rio|stipend|reimburs|expens|allowance|per diem|budget|bonus|equity|base pay"
    r"|brutos|gehalt|compensation|relocation|rent\b|pay (?:is|range)|pays\b|paid|earn|renew|invoice"
    r"|receipt|charged|billed|refund|hotel|flight|mileage|offsite|covers\b|covered|company card"
    r"|pay (?:me|you|us|at|on)\b|will cost|instead of|your (?:plan|subscription|account)|day rate|ir35)",
    triggers="salar|salá|stipend|reimburs|expens|allowance|per diem|budget|bonus|equity|base pay"
    "|brutos|gehalt|compensation|relocation|rent|pay|paid|earn|renew|invoice|receipt|charged"
    "|billed|refund|hotel|flight|mileage|offsite|cover|company card|will|instead|your|day|ir35",
)
# A charity's entry fee or a donation is not a sale either.
_CHARITY = Caseless(
    r"\b(?:charity|charitable|donat|fundrais|non-?profit|volunteer)",
    triggers="charit|donat|fundrais|nonprofit|non|volunteer",
)


def _price_reasons(text: str) -> list[str]:
    """Price reasons: a price of a unit or a service, a subscription price, each in a sentence
    that is not about pay, expenses or an existing bill."""
    low = lowered(text)
    codes = _CODE_WORDS.intersection(word_starts(text)) if len(low) == len(text) else _CODE_WORDS
    coded = "₹" in low or "¥" in low or any(_CODE_NUMBER[code].search(low) for code in codes)
    if not (coded or any(c in low for c in _CURRENCIES)) or _CHARITY.search(text):
        return []
    reasons: list[str] = []
    amounts = list(_AMOUNT_AT.finditer(low))
    if coded:
        amounts = sorted(amounts + list(_CODE_AMOUNT_AT.finditer(low)), key=lambda m: m.start())
    for m in amounts:
        found = []
        if _UNIT_AFTER.match(low, m.end()) or (
            _PREFIX_BEFORE.search(low, max(0, m.start() - 30), m.start())
            and not _RANGE_AFTER.match(low, m.end())
        ):
            found.append("states prices")
        if _MONTHLY_AFTER.match(low, m.end()):
            found.append("states a monthly price")
        if not found or all(r in reasons for r in found):
            continue
        start = max(low.rfind(stop, 0, m.start()) for stop in ".!?\n") + 1
        ends = [at for at in (low.find(stop, m.end()) for stop in ".!?\n") if at >= 0]
        if _NOT_A_SALE.search(low[start : min(ends, default=len(low))]) is None:
            reasons += [r for r in found if r not in reasons]
    return reasons


# Cues that are not enough alone (a journalist asks for a call, a friend congratulates on a
# result), but are when the sender also describes their own product or service.
_OFFER_CUES = Phrases(
    ("put|install|sell|supply|provide|make|build|offer|run|deliver|handle|ship|manufacture"
     "|distribute|rent|lease|design|develop|place|clean|repair|inspect|monitor|track|automate"
     "|insure|finance|connect|match|turn|specialize|specialise",
     _WE + r" (?:put|install|sell|supply|provide|make|build|offer|run|deliver|handle|ship"
     r"|manufacture|distribute|rent|lease|design|develop|place|clean|repair|inspect|monitor|track"
     r"|automate|insure|finance|connect|match|turn|speciali[sz]e in)\b"),
    ("switch", r"\bswitch(?:ing|ed)? (?:over )?to (?:our|us)\b"),
    ("freelance", r"\bi(?:['’]?m| am) a freelance (?!journalist|reporter|writer)"),
    ("ofrecemos|vendemos|instalamos|timbramos|gestionamos|proposons|installons|bieten|liefern"
     "|oferecemos|fornecemos|leveren|bieden",
     r"\b(?:ofrecemos|vendemos|instalamos|timbramos|gestionamos|nous proposons|nous installons"
     r"|wir bieten|wir liefern|oferecemos|fornecemos|wij leveren|we leveren|wij bieden|we bieden)\b"),
)  # fmt: skip
_ASK_CUES: tuple[tuple[str, Phrases], ...] = (
    ("asks for a sales call", Phrases(
        ("could|can|shall|find|grab", r"\b(?:could|can|shall) we (?:find|grab|set up|schedule|book"
         r"|do) (?:\d+|a few|some|ten|fifteen|twenty|thirty) min"),
        ("open|up|time|call|chat|quick|hop|calendly|cal", r"\b(?:open to|up for|time for) a (?:quick "
         r"|short |brief )?(?:call|chat)\b|\b\d+[- ]min(?:ute)? (?:call|chat|conversation|meeting"
         r"|intro)\b|\bquick (?:call|chat)\b|\bhop on a call\b|calendly\.com/|\bcal\.com/|\bgrab \d+ min"),
        ("love|pitch|show|walk", r"\bi['’]d love to (?:pitch|show you|walk you)\b"),
        ("llamada|agendamos|gespräch|telefonat|zeit|conversa|échange|appel|gesprek",
         r"\bllamada de \d+ minutos|\b(?:agendamos|hacemos|tenemos) una (?:breve )?llamada"
         r"|\bkurze[sn]? (?:gespräch|telefonat)|\bzeit für ein|\bconversa de \d+ minutos"
         r"|\bun (?:échange|appel) de \d+|\b(?:kort )?(?:gesprek|belletje) van \d+"),
    )),
    ("claims results for customers", Phrases(
        ("saved|cut|reduced|slashed|lowered|lifted|boosted|improved|halved|recovered|save",
         r"\b(?:saved|cut|reduced|slashed|lowered|lifted|boosted|improved|halved|recovered) "
         r"[^.!?\n]{0,50}?(?:\d+\s?%|\d+x\b|[$€£]\s?\d|\d+ (?:hours|hrs|days|weeks|minutes))"
         r"|\b(?:would|could|will|can) save you\b"),
        ("recortamos|redujimos|ahorr|redujo|spart|sparte|senkte|économis|réduit|economiz|reduziu"
         "|bespaar", r"\b(?:recortamos|redujimos|ahorr[oó]|ahorraron|redujo|spart|sparte|senkte"
         r"|économise|a réduit|ont réduit|a économisé|economizou|economiza|reduziu|bespaart"
         r"|bespaarde)\b[^.!?\n]{0,50}?\d"),
    )),
    ("offers to send samples", Phrases(
        ("want|shall|should|can|may|send", r"\b(?:want|shall|should|can|may) (?:i|me to) send "
         r"(?:you |over )*(?:a few |some |three |\d+ )?(?:profiles|samples|examples|case stud(?:y|ies)"
         r"|(?:the|our|a) deck|the terms)\b"),
    )),
)  # fmt: skip
# A strong signal that still does not make a job pitch commercial ("the offer ends Friday").
_NOT_DECISIVE = frozenset({"time-limited offer"})
_JOB_PITCH = Caseless(
    r"\b(?:hiring|we['’]re hiring|role|roles|position(?! \d)|ir35|day rate"
    r"|(?:an|the|this|new|open) opening|openings"
    r"|vacancy|candidate|interview"
    r"|offer letter|job offer|start date"
    r"|salary|compensation|base pay|join (?:our|the) team|job|career|headcount|resume|cv"
    r"|apply(?! (?:button|link|page|form|flow|filters?|discounts?|coupons?|codes?|changes?|patch"
    r"|fix|updates?|settings)\b)"
    r"|internships?|stipend|applications? close|recruiting for|looking for someone"
    r"|contract (?:work|role|position|engagement)|freelance (?:work|role|position)"
    r"|vaga|puesto|vacante|poste|recrute|stelle|bewerbung|contratando|recrutando|salário|salario"
    r"|gehalt|wir suchen|ich suche|posizione|stiamo cercando|cerchiamo|colloquio|assumendo"
    r"|assunzione|stipendio|retribuzione|candidatura|offerta di lavoro)\b",
    triggers=(
        "hiring|role|position|ir35|day|opening|vacancy|candidate|interview|salary|compensation|base pay"
        "|offer letter|job offer|start date|recruiting|looking|contract|freelance"
        "|join|job|career|headcount|apply|resume|cv|internship|stipend|application|vaga|puesto|vacante|poste|recrute|stelle"
        "|bewerbung|contratando|recrutando|salário|salario|gehalt|wir suchen|ich suche|posizione"
        "|stiamo|cerchiamo|colloquio|assumendo|assunzione|stipendio|retribuzione|candidatura|offerta"
    ),
)
# "I saw Brightpath is hiring SDRs", "saw Corvane posted 12 SDR roles": the recipient's hiring is a
# sales opening, not a job pitch.
_THEIR_HIRING = Caseless(
    r"\b(?:saw|see|seeing|noticed|read|congrat\w*)\b[^.!?\n]{0,60}$"
    # "Corvane's hiring push", "your open roles", "their SDR roles": someone else's hiring
    r"|\b(?:your|their|[\w-]+['’]s) (?:[\w-]+ )?$",
    triggers="",
)


def _job_pitch(text: str) -> bool:
    """Whether ``text`` offers a job (a role, a salary, an interview)."""
    for m in _JOB_PITCH.finditer(text):
        if not _THEIR_HIRING.search(text[max(0, m.start() - 80) : m.start()]):
            return True
    return False


def _cue_reasons(text: str) -> list[str]:
    """The sender's own product or service with an ask or a proof ("we put sensors in
    trailers ... Freshroute saved $210k ... Could we find 20 minutes?"), else nothing."""
    if not _OFFER_CUES.search(text):
        return []
    asks = [reason for reason, cues in _ASK_CUES if cues.search(text)]
    return ["pitches a product or service", *asks] if asks else []


# The sender says it is not a sales message: weaker signals then describe, not sell.
_NOT_SELLING = Caseless(
    r"\bno (?:sales )?pitch\b|\bnot (?:a (?:sales )?pitch|pitching|selling (?:anything|you)"
    r"|trying to sell)\b|\bnothing to sell\b|\bsin (?:ánimo|animo) de vender|\bsans (?:rien )?vendre\b"
    r"|\bkein verkaufsgespräch|\bsem (?:intenção de )?vender",
    triggers="pitch|selling|sell|vender|vendre|verkauf",
)


def infer_commercial(text: str) -> tuple[str, ...]:
    """Short reasons why ``text`` (subject and body) reads as commercial (empty if it does not)."""
    strong = list(dict.fromkeys(_REASON_OF[id(p)] for p in _SIGNALS.matching(text)))
    weak = list(dict.fromkeys(_WEAK_REASON_OF[id(p)] for p in _WEAK_SIGNALS.matching(text)))
    weak += [r for r in _price_reasons(text) if r not in strong]
    if not strong and not weak:
        weak = _cue_reasons(text) or pitch_reasons(text, has_opt_out)
    if "states prices" in strong and not _price_reasons(text) and _NOT_A_SALE.search(text):
        strong.remove("states prices")  # "you were charged $49 per user ... a refund": a bill
    reasons = tuple(dict.fromkeys(strong + weak))
    decisive = any(r not in _NOT_DECISIVE for r in strong)
    if reasons and not decisive and _job_pitch(text):
        return ()  # "our platform is used by millions", "the offer ends Friday" in a job pitch
    if reasons and not strong and "states prices" not in weak and _NOT_SELLING.search(text):
        return ()  # "we build compliance training ... I'd value your opinion, no pitch"
    return reasons
