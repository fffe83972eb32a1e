"""Opt-out mechanisms and the Texas "ADV" subject label (for NO_OPT_OUT and TX_NO_ADV)."""

from __future__ import annotations

import re

from cockpit.domain.scanner.matching import Phrases

_OPT_OUT = Phrases(
    ("unsubscrib|opt", r"\bunsubscrib|\bopt[- ]?out\b"),
    ("stop", r"\b(?:reply|respond|text)(?: with)? [\"'“”‘’]?stop\b|\bstop to (?:unsubscribe|opt out)"
     r"|\bstop (?:receiving|getting) (?:these|our|my)"),
    ("no longer|rather not|prefer not", r"\bno longer (?:wish|want|like) to (?:receive|hear|get)"
     r"|\b(?:rather|prefer) not (?:to )?(?:hear|receive|get)"),
    ("want to", r"\b(?:don['’]?t|do not|doesn['’]?t) want to (?:hear from|receive|get) (?:me|us"
     r"|these|more|further)"),
    ("not interested", r"\bnot interested\?? (?:just )?(?:reply|let me know|tell me)"),
    ("remove you", r"\bremove you from (?:my|our|the) (?:list|outreach|sequence|mailing)"),
    ("again", r"\b(?:won['’]?t|will not|never) (?:contact|message|email|reach out to) you again"),
    ("baja|suscrip|recibir|volver", r"\bdar(?:se|te|le)? de baja|\bcancelar (?:la )?suscripci[oó]n"
     r"|\bno (?:deseas?|quieres?|desea) recibir|\bno volver[eé] a (?:escribir|contactar)"),
    ("désabonn|desabonn|désinscri|desinscri|recevoir|contact",
     r"\bd[ée]sabonn|\bd[ée]sinscri|\bne (?:plus|souhaitez plus|souhaitez pas) recevoir"
     r"|\bplus (?:être|etre) contact"),
    ("abmeld|abbestell|austragen|keine weiteren|nicht mehr", r"\babmelden\b|\babbestellen\b"
     r"|\babmeldung\b|\baustragen\b|\bkeine weiteren (?:nachrichten|e-mails)"
     r"|\bnicht mehr (?:kontaktiert|erhalten|angeschrieben)"),
    ("descadastr|inscri|receber", r"\bdescadastr|\bcancelar (?:a )?inscri[cç][aã]o"
     r"|\bn[aã]o (?:deseja|quer) (?:mais )?receber|\bdeixar de receber"),
)  # fmt: skip
_ADV_LABEL = re.compile(r"\s*ADV\s*(?::|-|–|—)")


def has_opt_out(text: str) -> bool:
    """Whether ``text`` (subject and body) offers a way to stop further messages."""
    return _OPT_OUT.search(text)


def has_adv_label(subject: str) -> bool:
    """Whether the subject starts with the "ADV:" (or "ADV -") label Texas law asks for."""
    return bool(_ADV_LABEL.match(subject))
