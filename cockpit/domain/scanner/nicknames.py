"""Nicknames: whether two first names can greet the same person (accents folded).

The ``nicknames`` package's table (Bob/Robert, Bill/William, Liz/Elizabeth...) is read once, on
first need. Two names match when one is a nickname of the other or both are nicknames of one
name (Kate and Katie of Katherine). A short table adds forms it lacks: Spanish, French, Italian,
German and Portuguese ones (Paco, Manu, Nico, Beppe, Hans, Zé) and a few English spellings
(Catherine, Steven, Sasha). The package also keeps old genealogical links between names that
are used today as different names or as nicknames of another one (Bill and Fred for Robert,
Polly for Paul); those are dropped, so "Hey Bill" to Robert is someone else.
"""

from __future__ import annotations

from functools import cache

_EXTRA_GROUPS = """
alexander sasha xander
alexandra alexa alexis sasha lexi
alfred alf alfie freddie
alice ally
allison alison
antonia toni
arthur artie
barbara barb
benjamin benji
catherine cat kate katie cathy kathy katherine kathryn katharine caitlin
charles chas
charlotte charlie
christopher topher
daniel dani
daniela dani daniella danielle
francisco paco pancho
gabriel gabi
gabriela gabi gaby gabrielle
ignacio nacho
isabella izzy isabel
jane jenny
jeffrey geoffrey
johann hans
jose pepe
giuseppe beppe peppe
katherine katie kat kathryn
margaret greta
maria mari
nicholas nicolas
patrick patricio
robert robbie
rosemary rosie
santiago santi
stephanie stef
stephen steven stevie
susan suzy susanne
valentina vale
william liam
wilhelm willi
guillermo memo
emmanuel manu
emmanuelle manu
manuel manolo manu
nicolas nico
sebastien seb
stephane steph
frederic fred
christophe chris
alexandre alex
benoit ben
florian flo
florence flo
caroline caro
clement clem
jean-baptiste jb
jean-francois jf
johannes hans hannes
johann hannes
friedrich fritz
josef sepp
andreas andi
katharina kathi kati
elisabeth lisa liesl sissi
franziska franzi
sebastian basti
magdalena lena leni
susanne susi
nikolaus klaus
heinrich heinz
ulrich ulli
giovanni gianni
francesco checco cesco
alessandro sandro ale
alessandra sandra ale
vincenzo enzo
lorenzo renzo enzo
salvatore toto turi
domenico mimmo
federico fede
emanuele manu lele
gabriele gabri lele
enrique quique
eduardo edu lalo
alejandro ale
fernando nando
roberto beto
alberto beto
jesus chuy
dolores lola
rosario charo
mercedes merche
concepcion concha conchita
javier javi
rafael rafa
guadalupe lupe lupita
pilar pili
teresa tere
jose ze
francisco chico
antonio toninho
"""
# Links in the package that join two names used today for different people.
_NOT_THE_SAME = """
robert bill billy fred rupert
paul polly
salvador sally
clifton tony
shelton tony
cameron ron
sheridan dan
mckenna ken
jalen al
alyssa al
joshua joe
"""


@cache
def _related() -> dict[str, frozenset[str]]:
    """Each known name with the names that can greet the same person."""
    from nicknames import NickNamer

    namer = NickNamer()
    nicks = {name: set(names) for name, names in namer.nickname_lookup.items()}
    canonicals = {name: set(names) for name, names in namer.canonical_lookup.items()}
    for line in _NOT_THE_SAME.strip().splitlines():
        name, *others = line.split()
        for other in others:
            for table in (nicks, canonicals):
                table.get(name, set()).discard(other)
                table.get(other, set()).discard(name)
    related: dict[str, set[str]] = {}
    for name in nicks.keys() | canonicals.keys():
        names = {name} | nicks.get(name, set()) | canonicals.get(name, set())
        for canonical in canonicals.get(name, ()):
            names |= nicks.get(canonical, set())  # Kate and Katie, both of Katherine
        related[name] = names
    for line in _EXTRA_GROUPS.strip().splitlines():
        group = set(line.split())
        for name in group:
            related.setdefault(name, {name}).update(group)
    return {name: frozenset(names) for name, names in related.items()}


def is_known_name(name: str) -> bool:
    """Whether the folded first name ``name`` is in the nickname tables."""
    return name in _related()


def same_person_names(a: str, b: str) -> bool:
    """Whether folded first names ``a`` and ``b`` are nickname forms of each other."""
    related = _related()
    return b in related.get(a, ()) or a in related.get(b, ())


def nickname_forms(name: str) -> frozenset[str]:
    """The folded first names that can greet the same person as the folded ``name`` (empty when the
    tables do not know it)."""
    return _related().get(name, frozenset())
