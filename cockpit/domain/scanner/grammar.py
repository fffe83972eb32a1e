"""A small clause grammar for statement rules: who a sentence is about, negation, passives.

Rules find their key phrase (a request, an accusing predicate) with fast patterns, then ask
these helpers about the words to its left in the same clause: whether they negate it ("never
stole", "not required"), whether the subject is a person ("Jennifer Hale", "your former
manager", "she"), someone unidentified ("someone", "a guy"), a thing ("our tool", "this deal",
"it"), and whether the phrase is a passive with no agent ("funds were stolen"). Languages:
English, Spanish, French, German, Portuguese, Italian.
"""

from __future__ import annotations

import re
from typing import Literal

from cockpit.domain.scanner.textutil import sentence_around

Subject = Literal["person", "indefinite", "thing", "self", "unknown"]

_CLAUSE_BREAK = re.compile(
    r"[,:()\u2013\u2014]|\s-\s|\b(?:but|although|though|however|whereas|pero|mais|aber|mas|ma|però"
    r"|tuttavia)\b",
    re.I,
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)

_NEGATORS = frozenset(
    """not never no nobody none nothing neither nor without cannot
    nunca jamás jamas ningún ningun ninguna nadie sin
    ne pas jamais aucun aucune personne sans
    nicht nie niemals kein keine keinen keiner ohne
    não nao nenhum nenhuma ninguém ninguem sem
    non nessun nessuno nessuna niente senza
    absuelto absuelta exonerado exonerada acquitté acquittée innocenté innocentée freigesprochen
    entlastet absolvido absolvida inocentado inocentada assolto assolta scagionato scagionata
    prosciolto prosciolta""".split()
)
_NEGATING_PHRASES = re.compile(
    r"(?:n['’]t|\bcleared of|\bacquitted of|\bexonerated|\bfalsely|\bwrongly|\bunfairly"
    r"|\bden(?:y|ies|ied|ying)|\bdisproved?|\bno need to|\bno longer)\W*$|\bno one\b",
    re.I,
)
_NEGATED_PHRASE = re.compile(r"n['’]t\b|\b(?:falsely|wrongly|wrongfully|unfairly|cleared|acquitted)\b", re.I)
_BE = frozenset("is are was were be been being am 's ’s es era fue est était ist war sind é foi são".split())
# Words that may sit between a subject and its verb: auxiliaries and adverbs.
_FILLER = (
    frozenset(
        """has have had was were is are been be being did does do will would could might may must
    also just then later once even still already reportedly allegedly apparently actually
    basically literally repeatedly openly secretly quietly clearly obviously definitely probably
    sexually physically verbally personally himself herself themselves really
    supposedly certainly ever recently
    ha han había habia hanno aveva avevano anche già forse presumibilmente supuestamente
    presuntamente apparemment angeblich supostamente""".split()
    )
    | _NEGATORS
)
_PERSON_PRONOUNS = frozenset(
    """he she they you him her them who whom
    he's she's they're you're he’s she’s they’re
    él ella ellos ellas il elle ils elles er sie ele ela eles elas lui lei loro""".split()
)
# Someone no one can identify: "someone stole my laptop", "alguien", "quelqu'un", "jemand".
_INDEFINITE_PRONOUNS = frozenset(
    """someone somebody anyone anybody everyone everybody alguien cualquiera quelqu'un quelqu’un
    jemand irgendwer irgendjemand alguém alguem qualcuno chiunque""".split()
)
_INDEFINITE_ARTICLES = frozenset("a an some one un una uno une ein eine einer um uma".split())
_CONJUNCTIONS = frozenset("and or y o e et ou und oder ed".split())
_SELF = frozenset("i we me us i'm we're i’m we’re yo nosotros je nous ich wir eu nós io noi mi ci".split())
_THING_PRONOUNS = frozenset(
    "it this that which what something nothing everything there it's it’s esto eso ello cela ceci ça"
    " questo quello ciò".split()
)
_DETERMINERS = frozenset(
    """the a an this that these those our your my his her their its some any every each
    el la los las un una le les une ce cette ces der die das ein eine o os as um uma
    il lo gli uno questo questa quel quella""".split()
)
_PERSON_NOUNS = frozenset(
    """manager managers boss bosses ceo cfo cto coo cmo ciso vp svp evp founder founders cofounder
    co-founder cofounders director directors recruiter recruiters colleague colleagues coworker
    coworkers co-worker co-workers partner partners candidate candidates employee employees
    contractor contractors consultant consultants predecessor successor owner owners rep reps
    salesperson salesman saleswoman accountant accountants bookkeeper bookkeepers lead supervisor
    supervisors intern
    interns hire guy guys man men woman women person people friend husband wife teammate
    teammates associate associates advisor adviser banker broker agent executive executives exec
    execs president chair chairman chairwoman head engineer engineers developer developers
    designer analyst analysts landlord client clients customer customers vendor principal
    treasurer controller officer officers staff staffer member members leader leaders
    jefe jefa director directora socio socia gerente chef directeur directrice patron patronne
    associé collègue chefin kollege kollegin geschäftsführer gründer chefe diretor diretora
    sócio colega gestor capo collega dipendente candidato candidata direttore direttrice
    responsabile titolare
    team teams company companies firm firms agency agencies competitor competitors startup
    employer department bank""".split()
)
# Capitalised words that start sentences without naming anyone.
_NOT_NAMES = frozenset(
    """the a an this that these those it its there here what which who when where why how our
    we i my your you he she they his her their some any every each all no one also honestly
    frankly between apparently everyone anyway btw ps hi hello dear thanks funds money data
    el la los las le les der die das o os as il lo gli""".split()
)


# Prepositions: a pronoun right after one is an object ("worked with us", "con nosotros").
_PREPOSITIONS = frozenset(
    """with for to from at by of on in about without
    con para de a en sin por avec pour à chez sans par mit für von zu bei ohne com em sem per da di su
    tra""".split()
)


def _clause_words(text: str, start: int) -> tuple[str, list[re.Match[str]]]:
    """The clause text left of ``start`` and its words, nearest last."""
    sentence = sentence_around(text, start, start)
    left = text[sentence.start : start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end() :]
    return left, list(_WORD.finditer(left))


def negated(text: str, start: int, reach: int = 4) -> bool:
    """Whether the clause left of ``start`` negates what follows ("never", "didn't", "cleared of")."""
    left, words = _clause_words(text, start)
    near = [w.group().lower() for w in words[-reach:]]
    if any(w in _NEGATORS for w in near):
        return True
    if words:
        tail = left[words[-reach].start() if len(words) >= reach else 0 :]
        return _NEGATING_PHRASES.search(tail) is not None
    return False


def negated_inside(phrase: str) -> bool:
    """Whether a matched phrase itself carries a negation ("are not required", "isn't")."""
    return any(w.group().lower() in _NEGATORS for w in _WORD.finditer(phrase)) or bool(
        _NEGATED_PHRASE.search(phrase)
    )


def passive_without_agent(text: str, start: int, end: int) -> bool:
    """Whether the verb at ``start`` follows a form of "be" and no "by <someone>" comes after it."""
    _, words = _clause_words(text, start)
    before = [w.group().lower() for w in words[-3:]]
    if not any(w in _BE for w in before):
        return False
    return re.match(r"[\w\s]{0,30}?\bby\s+\S", text[end : end + 40], re.I) is None


def _first_subject(text: str, start: int) -> Subject:
    """The subject a coordinated predicate shares: the first pronoun or person noun of its sentence
    ("our former controller, Mark Ellison, racked up debt ... and hid the invoices")."""
    sentence = sentence_around(text, start, start)
    for index, word in enumerate(_WORD.finditer(text, sentence.start, start)):
        low = word.group().lower()
        if low in _PERSON_PRONOUNS or low in _PERSON_NOUNS:
            return "person"
        if index and word.group()[0].isupper() and low not in _NOT_NAMES:
            return "person"  # "Our former bookkeeper, Ana Ruiz, ran ... and hid ..."
        if low in _SELF:
            return "self"
        if low in _INDEFINITE_PRONOUNS:
            return "indefinite"
        if low in _THING_PRONOUNS:
            return "thing"
    return "unknown"


def _before_object(words: list[re.Match[str]]) -> Subject:
    """What the words before a prepositional object name, when they name anything ("he" in "he
    worked with us"); an unknown subject otherwise (a dropped one, as Spanish and Italian drop it)."""
    for word in reversed(words):
        low = word.group().lower()
        if low in _PERSON_PRONOUNS:
            return "person"
        if low in _SELF:
            return "self"
    return "unknown"


def subject_of(text: str, start: int) -> Subject:
    """What the words left of ``start`` name as the subject.

    A person, someone unidentified, a thing, the writer, or unknown.
    """
    _, words = _clause_words(text, start)
    i = len(words) - 1
    while i >= 0 and words[i].group().lower() in _FILLER:
        i -= 1
    if i < 0:
        return "unknown"
    word = words[i].group()
    low = word.lower().rstrip(".")
    if low in _CONJUNCTIONS:
        return _first_subject(text, start)  # "racked up debt and hid the invoices"
    if (
        i > 0
        and words[i - 1].group().lower() in _PREPOSITIONS
        and (low in _SELF or low in _PERSON_PRONOUNS or low in _THING_PRONOUNS)
    ):
        return _before_object(words[: i - 1])  # "when he worked with us, diverted funds"
    if low.endswith(("'s", "’s")) and low[:-2] not in ("it", "that", "what", "there"):
        low = low[:-2]  # "she's", "Priya's"
    if low in _PERSON_PRONOUNS:
        return "person"
    if low in _INDEFINITE_PRONOUNS:
        return "indefinite"
    if low in _SELF:
        return "self"
    if low in _THING_PRONOUNS:
        return "thing"
    if low in _PERSON_NOUNS:
        article = words[i - 1].group().lower() if i > 0 else ""
        return "indefinite" if article in _INDEFINITE_ARTICLES else "person"  # "a guy", "the candidate"
    if word[0].isupper() and low not in _NOT_NAMES:
        return "person"  # "Jennifer Hale", "Priya", "Northgate Data"
    if i > 0 and words[i - 1].group().lower() in _DETERMINERS:
        return "thing"  # "our tool", "this deal"
    if i > 1 and words[i - 2].group().lower() in _DETERMINERS:
        return "thing"  # "the new app"
    return "unknown"
