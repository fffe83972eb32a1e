"""Sales pitches in everyday wording, recognised by their shape rather than by stock phrases.

A cold sales message says what the sender's business does ("we roast coffee for cafés", "I make
product videos", "Rostafy builds your rosters", "limpiamos oficinas", "wir beliefern Kanzleien")
and then asks for a next step ("shall I send a quote?", "want me to ...", "interested?", "¿le
envío una cotización?") or proves it with a customer's result ("Dellmont saved 11 hours per
store", "bounce rate fell from 18% to 3%"). Either half alone is ordinary business talk (a
supplier's update, a journalist's call request, a friend's congratulations); together they are a
pitch. A retail promotion (free delivery, "up to 40% off", "only 120 tickets left", "shop the
collection", "jetzt entdecken") is commercial on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cockpit.domain.scanner.matching import Phrases

# What a business does for its customers, said by the sender in the present ("we roast"), as a
# record ("we built", "we've put panels on 85 clinics") or as a capability ("we can cover").
_DOES = (
    r"make|build|built|run|roast|bake|brew|grow|manufacture|produce|supply|deliver|install|installed"
    r"|clean|translate|look after|do the|do your|arrange|fit out|design|develop|developed|sell|offer"
    r"|provide|place|ship|repair|maintain|service|train|coach|insure|lease|rent|write|film|print"
    r"|cater|handle|manage|automate|source|import|export|distribute|audit|monitor|track|process"
    r"|serve|work with|worked with|partner with|speciali[sz]e in|move|haul|cover|represent|booked"
    r"|put|got|helped|rebuilt|redesigned|ran|launched|finished|solved|turn|fix|help|represented"
    r"|placed|cleaned|supplied|delivered|moved|translated|designed|produced|manufactured"
)
_SENDER_DOES = (
    r"\b(?:we|i)(?<![\w'’]we)(?<![\w'’]i)(?:['’]ve| have)? (?:also |now |currently |already |just "
    r"|even |mainly |only )?(?:" + _DOES + r")\b(?! (?:you|to|it|up|out|off|a meeting|a call|time)(?![\w-]))"
    # "I got your message", "I booked your flight": a favour done for the reader, not a business
    r"(?!(?:(?<=got)|(?<=booked)|(?<=moved)|(?<=put)|(?<=placed)|(?<=delivered)) your\b)"
)
_OFFERS = Phrases(
    ("we|i", _SENDER_DOES),
    # "Rostafy builds the rosters for your venues", "Our fuel card gives your drivers 6 cents off"
    # "Rostafy builds the week's rosters for all five of your venues"
    ("your|you", r"(?:^|[.!?\n]\s*)[\w+'’-]+ (?:[\w'’-]+ )?(?!is\b|was\b|has\b|does\b)"
     r"[a-z]{3,}s (?:[^.!?\n]{0,60}?\b)?(?:your|you)\b"),
    # "Careerloop turns it into a one-minute application", "Stackr moves them to the cloud"
    ("it into|it to|them into|them to", r"(?:^|[.!?;\n]\s*)[\w+'’-]+ (?!is\b|was\b|has\b|does\b)"
     r"[a-z]{3,}s (?:it|them) (?:into|to)\b"),
    # "Our smart safe removes the bank run", "our phishing simulations and lessons bring ..."
    ("our|my", r"\b(?:our|my) (?:[a-z'’-]+ ){1,5}?(?!is\b|was\b|has\b|does\b|needs\b|renews\b"
     r"|expires\b|ends\b|starts\b|arrives\b)[a-z]{3,}(?<!ss)(?<!ous)(?<!ics)(?<!us)s (?:the|your|you"
     r"|it|them|every|all|each|[a-z]+ (?:automatically|faster|down|up))\b"
     # the plural: "our corporate cards give 1.5% cashback", "our sensors cut spoilage"
     r"|\b(?:our|my) (?:[a-z'’-]+ ){0,3}?[a-z]{3,}(?<!ss)(?<!us)s (?:give|cut|save|help|let|make|bring"
     r"|keep|track|catch|flag|pay|reduce|lower|remove|replace|handle|cover|protect|earn|get|lift"
     r"|boost|send|turn|fit|last|run|work|pay for)\b(?! (?:me|us)\b)"),
    ("nossa|nosso|nuestr|notre|unser|onze|nostr",
     r"\b(?:nossa|nosso|nuestra|nuestro|notre|unsere?|onze|la nostra|il nostro)\s(?:[\w-]+\s){0,4}?"
     r"(?:manda|envia|reduz|ajuda|automatiza|permite|envía|reduce|ayuda|envoie|réduit|aide|permet"
     r"|automatise|schickt|sendet|reduziert|hilft|automatisiert|ermöglicht|stuurt|helpt|verlaagt"
     r"|riduce|aiuta|permette|automatizza|invia)\b"),
    ("*amos |*emos |*imos |nous |wir |wij |we plaatsen|we leveren|*iamo ",
     r"\b(?:limpiamos|instalamos|fabricamos|ofrecemos|vendemos|distribuimos|diseñamos|hacemos"
     r"|llevamos|gestionamos|ayudamos|trabajamos con|suministramos|reparamos|producimos"
     r"|fabricamos|oferecemos|fornecemos|instalamos|atendemos|produzimos|vendemos"
     r"|nous (?:assurons|proposons|installons|livrons|fabriquons|accompagnons|nettoyons"
     r"|réparons|concevons|vendons|gérons|aidons)|wir (?:beliefern|liefern|bieten|installieren"
     r"|reinigen|bauen|fertigen|entwickeln|betreuen|helfen|übernehmen)"
     r"|wij (?:plaatsen|leveren|installeren|bouwen|maken|helpen|verzorgen)|we plaatsen|we leveren"
     r"|(?:offriamo|installiamo|produciamo|forniamo|realizziamo|aiutiamo|gestiamo))\b"),
    # Any verb in the first person plural opening a sentence, as Spanish, Portuguese and Italian
    # write it without "we" ("Aseguramos flotas", "Protegemos sua loja", "Ripariamo caldaie"),
    # and "nous ...ons" / "wir ...en"; auxiliaries, wishes and job searches are not offerings.
    ("*amos |*emos |*imos |*iamo |nous |wir ",
     r"(?:^|[.!?¿¡\n]\s*)(?:(?:también|ya|ahora|hoy|também|já|anche|ora) )?"
     r"(?!(?:est|s|ten|h|pod|quer|necesit|v|cre|esper|sent|agradec|recib|v|not|habl|segu|qued"
     r"|volv|pens|sab|deb|busc|contrat|escrib|lament|fu|hic|d|tuv|pud|quis|sol|acab|pud|ac"
     r"|gost|fic|ach|precis|procur|lembr|agradec|vi|fiz|estiv|tiv|deix|cheg|ouv|comec|empez"
     r"|ab|s|st|poss|dobb|vogl|cerch|sper|pens|sapp|and|dic|sent|vedr|ringraz|abb)(?:amos|emos"
     r"|imos|iamo)\b)[a-záéíóúâêôãõçàèìòùñ]{2,}(?:amos|emos|imos|iamo) (?!que\b|a\b|de\b|di\b|en\b"
     r"|in\b|em\b|con\b|com\b)[a-záéíóúâêôãõçàèìòùñ]"
     r"|\bnous (?!(?:av|somm|pouv|voul|dev|cherch|espér|esper|pens|sav|all|recrut|regrett|rem"
     r"|aim|sommes|serions|ser|av|v|f|d|t|p|s)ons\b)[a-zéèêàç]{2,}ons (?!que\b|à\b|de\b)[a-zéèêàç]"
     r"|\bwir (?!(?:hab|sind|könn|woll|müss|such|hoff|werd|würd|möcht|freu|dürf|sollt|brauch"
     r"|wiss|denk|glaub|seh|les|hör|kenn|hatt|war|bitt|dank|meld|schreib|geb|wart|komm|treff"
     r"|sprech|telefonier|schick|send|hätt|wär)en\b|sind\b)"
     r"[a-zäöüß]{2,}en (?!sie\b|uns\b|dich\b|ihnen\b)[a-zäöüß]"),
)  # fmt: skip
# A next step offered to the recipient.
_ASKS = Phrases(
    ("shall i|can i|could i|may i|should i|would a|would an",
     r"\b(?:shall|can|could|may|should) i (?:send|share|set up|put"
     r"|drop|stop|come|book|quote|show|run|get|pass|post|email|pencil|grab|swing|walk|record|do)\b"
     r"|\bwould (?:a|an) (?:[\w-]+ ){0,3}?(?:call|chat|conversation|meeting|demo|look)\b[^.!?\n]{0,30}?"
     r"(?:make sense|be useful|help|work)\b"),
    ("want me|like me|fancy me|want in|would you like|like the|want the",
     r"\b(?:want|like|fancy) me to\b|\bwant in\b|\bwould you like (?:to see|to try"
     r"|the|a|me|us|to get|to have)\b|\b(?:want|like) the (?:media kit|syllabus|deck|brochure"
     r"|catalog|catalogue|case study|audit|report|numbers|spec|details)\b"),
    ("interested|curious|keen|open to|worth ",
     r"\b(?:interested|curious|keen)\b[^.!?\n]{0,40}\?|\bopen to\b[^.!?\n]{0,50}\?"
     r"|\bworth (?:exploring|a look|it|a try|a conversation|a chat)\b"),
    ("would it|would that|would this",
     r"\bwould (?:it|that|this) (?:make sense|be useful|be helpful|help)\b"),
    ("happy to|glad to|love to|i can |i could ",
     r"\b(?:i['’]?d|we['’]?d|i am|i['’]m|we['’]re|we are) (?:be )?"
     r"(?:happy|glad|love) to (?:send|share|show|walk|run|put|drop|set|prepare|look|come|give)"
     r"|\bi (?:can|could) (?:put together|send|look|run|set up|get|come|drop|prepare|record"
     r"|show|do|post|mail|ship)\b"),
    ("send|quote|price|rates|free|mockup|sample", r"\b(?:send|quote|email) (?:you )?(?:a |an |our |the |my )?"
     r"(?:quote|price|prices|pricing|rates|proposal|sample|samples|mockup|estimate|catalog|catalogue"
     r"|brochure|audit|teardown|floor plan|layout)\b"),
    ("presupuesto|cotizaci|envío|parece|devis|disponible|passer|angebot|hätten|schicke|conversar"
     "|posso|andrebbe|andrebbero|zullen|orçamento|catálogo|catalogue|katalog",
     r"¿(?:le|te) (?:envío|parece|interesa)|\b(?:presupuesto|cotizaci[oó]n)"
     r"|\bdevis\b|\bseriez-vous disponible|\bje (?:peux|pourrais) (?:passer|vous envoyer)"
     r"|\bangebot\b|\bhätten sie\b|\bgerne schicke ich|\bpodemos conversar|\bposso (?:enviar|mandar)"
     r"|\b(?:le|ti|vi) andrebber?o?\b|\bzullen we\b|\bor[çc]amento|\bcat[aá]logo|\bkatalog"),
)  # fmt: skip
# A chaser of a sales sequence: the next step was offered before ("I haven't heard back",
# "bumping this up", "I'll leave it here").
_CHASER = Phrases(
    ("heard|hear|following|follow|bump|circl|leave it|last note|last email|closing|close the loop",
     r"\b(?:haven['’]?t|have not|didn['’]?t|did not) heard? back\b|\bfollowing up on my (?:last|previous"
     r"|earlier) (?:email|e-mail|note|message|inmail)\b|\bbump(?:ing)? (?:this|my (?:note|email|message))"
     r"\b|\bcircling back\b|\bi['’]ll leave it (?:here|there)\b|\b(?:this is )?my last (?:note|email"
     r"|message)\b|\bclos(?:e|ing) the loop\b"),
)  # fmt: skip
# A customer's result, or the scale of the sender's customer base ("70 cafés", "300 dealerships").
_PROOF = Phrases(
    ("saved|cut|tripled|doubled|grew|reduced|went|got|fell|brought|processed|recovered|halved"
     "|dropped|booked|redujo|redujeron|réduit|divisé|spart|recuperou|bespaart|azzerato|tagliat"
     "|ridott|risparmiat|dimezzat|raddoppiat|triplicat|aumentat|recort|ahorr|duplic|triplic"
     "|aument|cortou|reduziu|economiz|dobrou|doublé|triplé|économis|senkte|sparte|halbiert"
     "|verdoppelt|gesenkt|gespart",
     r"\b(?:saved|cut|tripled|doubled|grew|reduced|went from|got(?! your\b)|fell|brought|processed"
     r"|recovered|halved|dropped|booked(?! your\b)|redujo|redujeron|a réduit|a divisé|spart|recuperou"
     r"|bespaart|azzerato|(?:l['’])?(?:abbiamo|hanno|ha) (?:\w+ )?(?:tagliat|ridott|risparmiat"
     r"|dimezzat|raddoppiat|triplicat|aumentat)[oaie]|recort[oó]|recortaron|recortamos|ahorr[oó]"
     r"|ahorraron|duplic[oó]|triplic[oó]|aument[oó]|cortou|reduziu|economizou|dobrou|triplicou"
     r"|aumentou|a (?:doublé|triplé|économisé)|ont (?:réduit|doublé|triplé|économisé)|senkte"
     r"|sparte|halbierte|verdoppelte|(?:hat|haben) (?:\w+ ){0,3}?(?:halbiert|verdoppelt|gesenkt"
     r"|gespart))\b[^.!?\n]{0,60}?(?:\d|twice|half|three|four|five)"
     r"|\b(?:doubled|tripled|quadrupled|halved) (?:their|its|his|her|the) \w+"),
    ("*%|x", r"\b\d+(?:\.\d+)?\s?(?:%|x)\s(?:more|less|faster|better|cheaper|fewer|higher|lower"
     r"|increase|reduction|de (?:ahorro|reducción)|moins|mehr|weniger|menos|más|mais|meno|più"
     r"|minder|meer)", r"\d\s?(?:%|x)\s"),
    ("office|restaurant|caf|clinic|firm|compan|team|store|shop|dealer|brand|startup|scale"
     "|practice|venue|kanzlei|oficina|commerce|hotel|school|agenc|bakeri|pub|bar|gym|salon|retailer"
     "|hospital|customer|client|busines|truckload|load|build|kunde|cliente|empresa|entrepris",
     r"\b\d[\d,.]*\+? (?:small |independent |local |mid-size |b2b |dtc )?(?:[\w-]+ )?(?:offices"
     r"|restaurants|caf[eé]s|clinics|firms|companies|teams|stores|shops|dealerships|dealers|brands"
     r"|practices|venues|kanzleien|oficinas|commerces|hotels|schools|agencies|bakeries|pubs|bars"
     r"|gyms|salons|retailers|hospitals|customers|clients|businesses|truckloads|loads|buildings"
     r"|kunden|clientes|empresas|entreprises|startups|scale-?ups)\b"),
    # Customers already using it: "a few companies like Marrow & Vine have been using it",
    # "Tallstack started using it last spring", "teams at 300 startups use them".
    ("*using|*use it|*use us|*use them",
     r"\b(?:have been|has been|started|began|are now|are already|switched to) using"
     r" (?:it|us|them|our|this|the (?:tool|app|platform|product|service))\b"
     r"|\b(?:already |now )?use (?:it|us|them) (?:to|for|every|daily|today)\b"),
    # A before-and-after: "close the month in 3 days instead of 10", "from 90 days down to 51"
    ("*instead of|*down to|*up to", r"\bin (?:under )?\d+ (?:days|hours|weeks|minutes|months) instead of"
     r" \d+|\bfrom \d[\d,.]*\s?(?:%|days|hours|weeks|minutes|months)?[^.!?\n]{0,30}? (?:down|up) to"
     r" \d"),
)  # fmt: skip

PROMO_SIGNALS: tuple[tuple[str, str], ...] = (
    ("free delivery|free shipping|free returns|free gift|free install|free storage|free lock"
     "|free engrav|envío gra|envio gra|livraison|versandkostenfrei|kostenlose|portes|frete|spedizione"
     "|gratis verz|gratis bez|gratis lev|gratis slot|darmowa",
     r"\bfree (?:delivery|shipping|returns|gift[- ]wrapping|installation|storage|lock|engraving)\b"
     r"|\benv[ií]o (?:gratis|gratuito)|\blivraison (?:offerte|gratuite)|\bversandkostenfrei"
     r"|\bkostenlose[rn]? (?:versand|lieferung)|\bportes gr[aá]tis|\bfrete gr[aá]tis"
     r"|\bspedizione gratuita|\bgratis (?:verzending|bezorging|levering|slot)|\bdarmowa dostawa"),
    ("up to|hasta|jusqu|bis zu|fino al|até|tot |% en|% sur|% auf|% su|% em|% op",
     r"\b(?:up to|hasta(?: un)?|jusqu['’]à|bis zu"
     r"|fino al|até|tot) -?\d{1,2}\s?%|\b\d{1,2}\s?% (?:en (?:todos|todas|toda|el|la|los|las)"
     r"|sur (?:tout|tous|les|la|le)|auf (?:alle|das|den|die)|su (?:tutt|borse|scarpe)"
     r"|em (?:todos|todas)|op (?:alle|de))"),
    ("sale |sale.|sale!|sale,|sale:|saldi|soldes|rebajas",
     r"\b(?:eofy|summer|winter|spring|autumn|fall|black friday"
     r"|cyber monday|clearance|flash|seed|end of season|end-of-season|annual|holiday|boxing day"
     r"|january) sale\b|\bsale (?:is on|starts|ends|runs)\b|\bsaldi\b|\bsoldes\b|\brebajas\b"),
    ("shop the|shop now|shop our|shop online|complete your|grab them|grab it|grab yours|save your"
     "|register here|register now|register today|book your|book now|book online|jetzt|bestellen sie"
     "|commandez|vereinbaren sie|descubre|découvrez|scopri|reserva",
     r"\bshop (?:the|now|our|online)\b|\bcomplete your (?:order|purchase)\b|\bgrab (?:them|it"
     r"|yours) before\b|\bsave your (?:seat|spot|place)\b|\bregister (?:here|now|today)\b"
     r"|\bbook (?:your|now|online)\b[^.!?\n]{0,60}\b(?:before|by|until|and|to get|free)\b"
     r"|\bjetzt (?:entdecken|bestellen|kaufen|sichern)|\bbestellen sie\b|\bcommandez\b"
     r"|\bvereinbaren sie jetzt|\bdescubre (?:la|el|nuestr)|\bdécouvrez (?:nos|notre|la|le|les)"
     r"|\bscopri (?:la|il|le|i)\b|\breserva (?:antes|ya|ahora)"),
    ("tickets|seats|spots|places|units|rooms|before they|while stock|hasta agotar"
     "|double points|triple points|bonus points|members get|members save|members collect"
     "|members can|no-cost emi|meses sin|interest-free",
     r"\bonly \d+ (?:tickets|seats|spots|places|units|rooms)\b|\b(?:tickets|seats|spots|places)"
     r" left\b|\bbefore they['’]re gone\b|\bwhile stocks? lasts?\b|\bhasta agotar"
     r"|\b(?:double|triple|bonus) points\b|\bmembers (?:get|save|collect|can shop)\b"
     r"|\bno-cost emi\b|\bmeses sin intereses\b|\binterest-free (?:credit|finance|instal)"),
    # a cut price: "nur CHF 49 statt 69", "$39 instead of $59", "19 € au lieu de 29 €"
    ("statt|instead|lieu|vez|invece", r"(?:[$€£₹]|chf|eur|usd|r\$)\s?\d[\d.,]*\s?(?:€|eur|chf)?"
     r" (?:statt|instead of|au lieu de|en vez de|invece di|em vez de)\b"),
)  # fmt: skip


# "With Ledgerline, ...", "Con Facturo, sus facturas ...", "Mit Bautakt erfassen Ihre Leute ...":
# a capitalised product name after "with" opening a sentence (not a pronoun or a closing formula).
_WITH_PRODUCT = re.compile(
    r"(?:^|[.!?\n]\s*)(?:With|Con|Avec|Grâce à|Mit|Met|Com) (?!Ihr|Ihnen|Sie\b|Dank|Freund|Vriend"
    r"|Best|Kind|Warm|Love|Regards|Thanks|Gratitude|Respect)[A-Z][\w+]+(?:,| [a-zà-ü])"
)


def pitch_reasons(text: str, has_opt_out: Callable[[str], bool]) -> list[str]:
    """Reasons ``text`` reads as a sales pitch: the sender's offering with an ask (or a chaser of
    an earlier one) or a customer's result (empty when one half is missing). An opt-out line
    (``has_opt_out``) stands in for the offering: a message that lets the reader stop further mail
    and asks for a next step is a campaign."""
    asks = _ASKS.search(text) or _CHASER.search(text)
    proof = None if asks else _PROOF.search(text)  # one half is enough to go on
    if not asks and not proof:
        return []
    if not (_WITH_PRODUCT.search(text) or _OFFERS.search(text) or has_opt_out(text)):
        return []
    if asks:
        proof = _PROOF.search(text)  # both halves, for the reasons
    found = [
        reason
        for reason, seen in (("offers a next step", asks), ("claims results for customers", proof))
        if seen
    ]
    return ["pitches a product or service", *found]
