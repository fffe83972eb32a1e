"""NAME_MISMATCH: the greeting names someone other than the recipient.

The greeting is looked for at the start of the body's first lines, in English, Spanish,
French, German, Portuguese, Italian and a few more. Titles (Dr., Ms., Herr, Sra.) are skipped,
accents and case are folded (José == jose), a surname greeting ("Dear Ms. Raman") and the
recipient's initials ("Hi JR" to Jordan Reyes) match, and the ``nicknames`` package accepts the
usual forms of a first name (Bob for Robert). A longer or different name is someone else ("Hi
Daniel" to Danielle); only a clipped form the nickname tables do not know ("Raj" for Rajesh)
passes. Collective greetings ("Hi there", "Hello all", "Hola a todos"), forms of address ("Hey
man", "Hello Brother"), the sender introducing themself ("Hi, I’m Sam"), an unfilled template
field ("Hi USER-FIRST-NAME") and a lowercase word that is neither a known name nor followed by a
comma ("Hi ,ohk") name nobody.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cockpit.domain.scanner.nicknames import is_known_name, same_person_names
from cockpit.domain.scanner.placeholder import is_field_word
from cockpit.domain.scanner.textutil import alternation, fold
from cockpit.domain.scanner.values import Span

_GREETINGS = (
    "hi", "hello", "hey", "heya", "hiya", "dear", "good morning", "good afternoon",
    "good evening", "good day", "greetings", "howdy", "morning", "yo",
    "hola", "buenos días", "buenos dias", "buenas tardes", "buenas noches", "buenas",
    "estimado", "estimada", "estimados", "estimadas", "querido", "querida", "apreciado",
    "apreciada", "bonjour", "bonsoir", "salut", "cher", "chère", "chere", "coucou",
    "hallo", "guten tag", "guten morgen", "guten abend", "liebe", "lieber", "sehr geehrte",
    "sehr geehrter", "moin", "servus", "grüß gott", "olá", "ola", "oi", "bom dia",
    "boa tarde", "boa noite", "prezado", "prezada", "caro", "cara", "ciao", "buongiorno",
    "buonasera", "gentile", "salve", "hoi", "beste", "hej", "hei",
)  # fmt: skip
_GREETING = re.compile(
    r"(?:^|\n)[ \t>*_\-]*(?P<greet>" + alternation(_GREETINGS) + r")(?![^\W\d_])[ \t]*,?[ \t]*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")
_SPACE = re.compile(r"[ \t]+")
_TITLES = frozenset(
    "dr dr. mr mr. mrs mrs. ms ms. mx mx. miss prof prof. professor sr sr. sra sra. srta srta. "
    "don dona señor senor señora senora señorita senorita monsieur madame mademoiselle m. mme "
    "mme. mlle mlle. herr frau senhor senhora signor signora sig. sig.ra dott. dott ing. ing "
    "sir madam doctor doctora docteur".split()
)
_NOT_NAMES = frozenset(
    """there all everyone everybody team folks friend friends guys gals yall y'all again both
    you sir madam sir/madam colleague colleagues world hiring manager recruiter recruiters
    connection connections neighbor neighbour member members candidate applicant professional
    customer client partner partners and from i i'm im this it it's its hope hoping just quick
    thanks thank happy welcome congrats congratulations great my we we're our how trust
    wanted saw noticed loved are is was hello hi hey good dear morning afternoon evening
    todos todas equipo amigo amiga amigos a al tout tous toutes le la les equipe zusammen
    alle leute pessoal gente galera tutti voi everyone's
    man men bro bros brother brothers sis sister sisters dude dudes mate mates buddy buddies bud
    pal pals boss chief champ fam homie gents gentlemen ladies fellas peeps people sirs ma'am
    maam mam madame love dear darling hun hon legend stranger human coach doc gang guy girl
    girls boys hermano hermana jefe mec frere bruder""".split()
)
_FOLLOWING_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_COLLECTIVE_AFTER = frozenset(
    "here team teams folks crew family friends people all everyone gang squad group crowd "
    "recruiters colleagues equipo equipe team! leute".split()
)
_INTRODUCING = frozenset("from with at of".split())
_NAME_END = frozenset(",!:;.?\n—–-") | {""}
_PARTICLES = frozenset("de da di do dos das du del della van von der den la le y e bin ibn".split())
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd ph.d md m.d mba cpa esq pe rn".split())
_RECIPIENT_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_LOWERCASE_NAME_END = frozenset(",!:")
_TOKEN = re.compile(r"[\w\-]+")


_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@lru_cache(maxsize=4096)
def _recipient_names(recipient: str) -> frozenset[str]:
    raw = _RECIPIENT_WORD.findall(recipient) + _HYPHENATED.findall(recipient)
    words = {_fold(w) for w in raw} | {_fold(w.translate(_GERMAN)) for w in raw}
    names = frozenset(w for w in words if len(w) > 1 and w not in _TITLES and w.rstrip(".") not in _SUFFIXES)
    in_order = [w for w in _RECIPIENT_WORD.findall(recipient) if _fold(w) in names]
    if len(in_order) >= 2:  # initials: "jr" for Jordan Reyes, first and last or every word
        initials = [_fold(w[0]) for w in in_order]
        names |= {initials[0] + initials[-1], "".join(initials)}
    return names


def _fold(word: str) -> str:
    return fold(word).replace("’", "'")


def _matches(name: str, recipient: frozenset[str]) -> bool:
    if name in recipient:
        return True
    for candidate in recipient:
        if same_person_names(name, candidate):
            return True
        # A clipped form ("Raj" for Rajesh), unless it is a name of its own ("Daniel", "Dan").
        if len(name) >= 3 and candidate.startswith(name) and not is_known_name(name):
            return True
    return False


def _capitalised_before(body: str, after: int) -> bool:
    """Whether the greeting word that ends at ``after`` is capitalised ("Dear", not "hey")."""
    head = body[:after].rstrip(" \t,")
    word = head.split()[-1] if head.split() else ""
    return word[:1].isupper()


def _greeted_name(body: str, after: int, introduced: bool) -> list[tuple[int, int, str]]:
    """The name words after a greeting that ends at ``after``: (start, end, folded word).

    ``introduced``: a comma followed the greeting ("Hi, Dana from ..." introduces the sender).
    """
    words: list[tuple[int, int, str]] = []
    pos = after
    pending_title = False
    while len(words) < 4:
        m = _WORD.match(body, pos)
        if not m:
            break
        raw = m.group()
        folded = _fold(raw)
        bare = folded.rstrip(".")
        if not words and (folded in _TITLES or bare in _TITLES):
            nxt = _SPACE.match(body, m.end())
            if nxt and _WORD.match(body, nxt.end()):
                pending_title = True
                pos = nxt.end()
                continue
        if bare in _PARTICLES and words:
            nxt = _SPACE.match(body, m.end())
            if nxt and _WORD.match(body, nxt.end()):
                pos = nxt.end()
                continue
        capital = raw[0].isupper()
        if bare in _NOT_NAMES or (raw.endswith(".") and len(bare) <= 1):
            break
        token = _TOKEN.match(body, m.start())
        field = token.group() if token else raw
        if not words and (field.isupper() or "-" in field or "_" in field) and is_field_word(field):
            return []  # "Hi USER-FIRST-NAME,": an unfilled field, not a name
        if not capital:
            if words or pending_title:
                break
            # "hey jason," counts; "hello from Berlin" and "Hi ,ohk" do not.
            tail = body[m.end() : m.end() + 1]
            if not is_known_name(bare) and (
                introduced or tail not in _LOWERCASE_NAME_END or _capitalised_before(body, after)
            ):
                break  # "Dear parents,": a written-out greeting capitalises a name
        words.append((m.start(), m.start() + len(raw.rstrip(".")), bare))
        nxt = _SPACE.match(body, m.end())
        if raw.endswith(".") or not nxt:
            break
        pos = nxt.end()
    if not words:
        return words
    following = _FOLLOWING_WORD.match(body, words[-1][1])
    next_word = fold(following.group(1)) if following else ""
    if next_word in _COLLECTIVE_AFTER:
        return []  # "Hello, Dana here": the sender; "Hi Larkspur team": a group
    if introduced and next_word in _INTRODUCING:
        return []  # "Hi, Dana from Northwind": the sender introducing themselves
    if len(words) > 1 and body[words[-1][1] : words[-1][1] + 1] not in _NAME_END:
        return words[:1]  # "Hi Priya Would you...": the name was one word, a sentence follows
    return words


def find_name_mismatch(body: str, recipient: str) -> list[Span]:
    """The greeting's name span when it does not name ``recipient``."""
    names = _recipient_names(recipient)
    if not names:
        return []
    head = body[:400]
    m = _GREETING.search(head)
    if m is None:
        return []
    words = _greeted_name(head, m.end(), "," in m.group())
    if not words or all(_matches(w, names) for _, _, w in words[:2]):
        return []  # nobody named ("Hi there,"), or the recipient under one of their names
    return [Span(words[0][0], words[-1][1])]


def opening_greeting_end(text: str) -> int | None:
    """Where the greeting word that opens ``text`` ends ("Hi ", "Buenos días, "), or None when
    ``text`` does not open with a greeting."""
    m = _GREETING.match(text)
    return m.end() if m else None
