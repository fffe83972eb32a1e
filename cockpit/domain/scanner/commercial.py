"""Whether a message is commercial (advertises a product or service), inferred from its text.

A promotion, a discount, a free trial, a demo booking, stated prices or a call to buy make a
message commercial. A product or service pitch ("our platform helps teams ...") and a
time-limited offer count too, except in a job pitch, where "our platform is used by millions"
describes the employer and "the offer ends Friday" is a job offer. A recruiter's job pitch
(role, salary, interview) is not commercial by itself: salary figures are not prices.
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
        ("demostraci|démonstration|demonstra", r"\bdemostraci[oó]n\b|\bdémonstration"
         r"|\bdemonstra[cç][aã]o\b"),
    )),
    ("states prices", (
        ("$|€|£|usd|eur|gbp|dollar",
         _MONEY + r"\s?(?:/|per |a |each |por |par |pro |je )\s?(?:user|seat|licen[cs]e|agent"
         r"|unit|location|device|member|employee|hire|usuario|utilisateur|nutzer|usu[aá]rio"
         r"|poste)\b|\bstarting (?:at|from) " + _MONEY + r"|\bonly " + _MONEY),
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
# A product pitch: commercial unless the message is a job pitch.
_PITCH = Phrases(
    ("platform|product|software|tool|solution|* app|service|saas|api|agency|firm|offering|suite"
     "|crm|system", r"\b(?:our|my) (?:platform|product|software|tool|solution|app|service|saas|api"
     r"|agency|firm|offering|suite|crm|system)s? (?:helps?|lets|allows|can|will|automates?"
     r"|cuts?|reduces?|saves?|integrates?|gives|makes|keeps|is used|is trusted|has helped)\b"),
    ("we help", r"\bwe help (?:companies|teams|businesses|brands|startups|firms|organi[sz]ations"
     r"|sales|marketing|hr|recruiting teams|companies like)\b"),
    ("nuestr", r"\b(?:nuestra|nuestro) (?:plataforma|soluci[oó]n|herramienta|software|servicio)"
     r" (?:automatiza|ayuda|permite|simplifica|reduce|le ayuda|te ayuda|ahorra)"),
    ("notre|nos ", r"\b(?:notre|nos) (?:plateforme|solution|outil|logiciel|service)s? (?:aide"
     r"|aident|permet|permettent|automatise|simplifie|réduit|vous aide)"),
    ("unser", r"\bunsere? (?:plattform|lösung|software|tool|dienstleistung|produkt) (?:hilft"
     r"|ermöglicht|automatisiert|vereinfacht|spart|reduziert)"),
    ("nossa|nosso", r"\b(?:nossa|nosso) (?:plataforma|solu[cç][aã]o|ferramenta|software"
     r"|servi[cç]o) (?:ajuda|permite|automatiza|simplifica|reduz)"),
)  # fmt: skip
# Reasons that do not make a job pitch commercial on their own.
_WEAK = frozenset({"pitches a product or service", "time-limited offer"})
_JOB_PITCH = Caseless(
    r"\b(?:hiring|we['’]re hiring|role|roles|position|opening|vacancy|candidate|interview"
    r"|offer letter|job offer|start date"
    r"|salary|compensation|base pay|join (?:our|the) team|job|career|headcount|apply|resume|cv"
    r"|vaga|puesto|vacante|poste|recrute|stelle|bewerbung|contratando|salário|salario|gehalt)\b",
    triggers=(
        "hiring|role|position|opening|vacancy|candidate|interview|salary|compensation|base pay"
        "|offer letter|job offer|start date"
        "|join|job|career|headcount|apply|resume|cv|vaga|puesto|vacante|poste|recrute|stelle"
        "|bewerbung|contratando|salário|salario|gehalt"
    ),
)


def infer_commercial(text: str) -> tuple[str, ...]:
    """Short reasons why ``text`` (subject and body) reads as commercial (empty if it does not)."""
    reasons = list(dict.fromkeys(_REASON_OF[id(p)] for p in _SIGNALS.matching(text)))
    if _PITCH.search(text):
        reasons.append("pitches a product or service")
    if reasons and all(r in _WEAK for r in reasons) and _JOB_PITCH.search(text) is not None:
        return ()  # "our platform is used by millions", "the offer ends Friday" in a job pitch
    return tuple(reasons)
