"""Nicknames: whether two first names can greet the same person (accents folded).

The ``nicknames`` package's table (Bob/Robert, Bill/William, Liz/Elizabeth...) is read once, on
first need. Two names match when one is a nickname of the other or both are nicknames of one
name (Kate and Katie of Katherine). A short table adds forms it lacks: Spanish, Italian and German
ones (Paco, Nacho, Beppe, Hans) and a few English spellings (Catherine, Steven, Sasha).
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
"""


@cache
def _related() -> dict[str, frozenset[str]]:
    """Each known name with the names that can greet the same person."""
    from nicknames import NickNamer

    namer = NickNamer()
    nicks = namer.nickname_lookup
    canonicals = namer.canonical_lookup
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
