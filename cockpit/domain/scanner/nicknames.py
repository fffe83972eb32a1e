"""Common nicknames: each group holds names that greet the same person (accents folded)."""

from __future__ import annotations

_GROUPS = """
abigail abby abbie gail
abraham abe
alexander alex alec sasha sandy xander
alexandra alex alexa alexis sasha sandra sandy lexi
alfred alf alfie fred freddie
alice ally allie
allison alison ali allie
amanda mandy
andrew andy drew
angela angie
anthony tony
antonia toni
arthur art artie
barbara barb barbie babs
benjamin ben benji benny
bernard bernie
beatrice bea
bradley brad
brian bryan
catherine cathy cat kate katie kathy katherine kathryn katharine caitlin
charles charlie chuck chas
charlotte charlie lottie
christina chris christine tina christy kristina kristin
christopher chris kit topher
cynthia cindy
daniel dan danny dani
daniela dani daniella danielle
david dave davey
deborah debbie deb debra
dominic dom
donald don donnie
dorothy dot dottie
douglas doug
edward ed eddie ted ned
elizabeth liz lizzie beth betsy betty eliza lisa libby
emily em emmy
eugene gene
frances fran frannie
francis frank
francisco paco pancho
frederick fred freddie fritz
gabriel gabe gabi
gabriela gabi gaby gabrielle
gerald gerry jerry
gregory greg
harold harry hal
henry hank harry
ignacio nacho
isabella bella izzy isabel
jacob jake
james jim jimmy jamie
jane janie jenny
janet jan
jeffrey jeff geoffrey
jennifer jen jenny jenn
jessica jess jessie
john jon johnny jack
johann hans
jonathan jon jonny nathan
joseph joe joey
jose pepe
giuseppe beppe peppe
josephine jo josie
joshua josh
judith judy
katherine kate katie kathy kat cathy catherine kathryn
kenneth ken kenny
kimberly kim
lawrence larry laurence
leonard leo len lenny
louis lou
manuel manny
margaret maggie meg peggy marge margie greta
maria mari
martin marty
matthew matt matty
michael mike mikey mick
michelle shelly
nathaniel nate nathan
nicholas nick nicky nico nicolas
nicole nikki nicky
oliver ollie
pamela pam
patricia pat patty trish tricia
patrick pat paddy patricio
peter pete
philip phil
rebecca becky becca
richard rick ricky dick rich
robert rob bob bobby robbie bert
ronald ron ronnie
rosemary rose rosie
samantha sam sammy
samuel sam sammy
sandra sandy
santiago santi
sarah sara sally
stephanie steph stef
stephen steve steven stevie
susan sue suzy susie susanne
theodore ted teddy theo
thomas tom tommy thom
timothy tim timmy
valentina vale val
victoria vicky tori
vincent vince vinny
walter walt
william will bill billy liam willy
wilhelm willi
guillermo memo
zachary zach zack
"""

_INDEX: dict[str, frozenset[int]] = {}
for _number, _line in enumerate(_GROUPS.strip().splitlines()):
    for _name in _line.split():
        _INDEX[_name] = _INDEX.get(_name, frozenset()) | {_number}


def same_person_names(a: str, b: str) -> bool:
    """Whether folded first names ``a`` and ``b`` are nickname forms of each other."""
    groups = _INDEX.get(a)
    return bool(groups and groups & _INDEX.get(b, frozenset()))
