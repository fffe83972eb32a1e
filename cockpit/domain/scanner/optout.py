"""Opt-out mechanisms and the Texas "ADV" subject label (for NO_OPT_OUT and TX_NO_ADV)."""

from __future__ import annotations

import re

from cockpit.domain.scanner.matching import Phrases

# An instruction to the recipient, not the keyword anywhere: "I unsubscribed from twenty
# newsletters" and "employees can opt out of 401(k) auto-enrollment" offer no opt-out.
_OPT_OUT = Phrases(
    ("unsubscrib", r"\bto unsubscrib|\bunsubscribe (?:here|at|below|anytime|any time|by|via|from "
     r"(?:these|this|our|my|future|further|all)|link|page)\b|\bunsubscribe\s*[:(<\[]\s*"
     r"(?:https?://|www\.|\w+\.\w+/)|(?:^|\n)\s*unsubscribe\s*(?:$|\n)|\bunsubscribe link\b"
     r"|\bclick (?:here )?to unsubscrib|\b(?:reply|respond)(?: with)? [\"'“”‘’]?unsubscribe\b"
     r"|\bunsubscribe from (?:[\w&'’-]+ ){0,3}?(?:emails?|e-mails?|messages?|mailings?|newsletters?"
     r"|updates|communications|inmails?)\s*(?:[:(<\[]|here|at|below|via|by)"),
    # A footer's link text or a sentence-opening imperative: "Unsubscribe | Manage preferences",
    # "Don't want these emails? Unsubscribe.", "Unsubscribe from the Bulletin", "Uitschrijven".
    ("unsubscrib|opt out|opt-out|optout|manage your|manage email|manage e-mail|manage pref"
     "|manage subscr|manage mailing|manage commun|désinscri|desinscri|désabonn|desabonn|abbestell"
     "|abmeld|uitschrijv|afmeld|darse de|darte de|cancelar|cancella|disiscriv|wypisz|descadastr",
     r"(?:^|[\n|·•?!.:/]\s*)(?:unsubscribe|opt[- ]?out|manage (?:your )?(?:email |e-mail |subscription "
     r"|mailing |communication )?preferences|se d[ée]sinscrire|se d[ée]sabonner|d[ée]sinscription"
     r"|d[ée]sabonnement|(?:newsletter )?abbestellen|(?:hier )?abmelden|uitschrijven|afmelden"
     r"|dar[st]e de baja|cancelar (?:la |a )?(?:suscripci[oó]n|subscri[cç][aã]o|inscri[cç][aã]o)"
     r"|cancella(?:re)? (?:l['’])?iscrizione|disiscriviti|wypisz si[eę]|descadastre-se)\b"
     r"(?! (?:rates?|requests?|is|was|were|are|button (?:is|was)|numbers?)\b)"
     r"|\b(?:newsletter|e-?mails?|mailing) (?:abbestellen|abmelden)\b"
     r"|\bcancel(?:ar|are|la)? (?:l['’]|a |la )?(?:iscrizione|subscri[cç][aã]o|suscripci[oó]n)"),
    ("opt", r"\bto opt[- ]?out\b|\bopt[- ]?out (?:here|at|below|anytime|any time|by|via|link|page)\b"
     r"|\bopt[- ]?out of (?:these|this|our|my|future|further|all|any) (?:more )?(?:messages?|emails?"
     r"|e-mails?|inmails?|outreach|communications?|contact|follow[- ]?ups?|marketing)"
     r"|\b(?:reply|respond)(?: with)? [\"'“”‘’]?opt[- ]?out\b"),
    ("stop", r"\b(?:reply|respond|text)(?: with)? [\"'“”‘’]?stop\b|\bstop to (?:unsubscribe|opt out)"
     r"|\bstop (?:receiving|getting) (?:these|our|my)|\bto stop hearing from (?:me|us)\b"),
    ("no longer|rather not|prefer not", r"\bno longer (?:wish|want|like) to (?:receive|hear|get)"
     r"|\b(?:rather|prefer) not (?:to )?(?:hear|receive|get)"),
    ("want to", r"\b(?:don['’]?t|do not|doesn['’]?t) want to (?:hear from|receive|get) (?:me|us"
     r"|these|more|further)"),
    ("not interested", r"\bnot interested\?? (?:just )?(?:reply|let me know|tell me)"),
    ("remove you|take you off", r"\b(?:remove you|take you off) (?:from )?(?:my|our|the) (?:list"
     r"|outreach|sequence|mailing|cadence)"),
    ("again", r"\b(?:won['’]?t|will not|never) (?:contact|message|email|e-mail|write to|reach out to"
     r"|follow up with|bother) you again"),
    ("reply|respond|answer|write|stop|not",
     r"\b(?:reply|respond|answer|write)(?: with)? [\"'“”‘’]?(?:no thanks|no|not interested"
     r"|remove|pass)[\"'“”‘’]?,? (?:and|to have|so) [^.!?\n]{0,40}?\b(?:stop"
     r"|remove|won['’]?t|will not|take you off|close)"
     r"|\b(?:i['’]ll|i will|we['’]ll|we will) (?:stop (?:reaching out|messaging|emailing|writing"
     r"|following up|contacting)|not (?:reach out|follow up|write|message you) again)"),
    ("let me know|tell me|tell us|say so|say the word",
     r"\b(?:let (?:me|us) know|tell (?:me|us)|(?:just )?say (?:so|the word))(?: and|,) (?:i|we)"
     r"(?:['’]ll| will)? (?:won['’]?t|will not|not|never) (?:follow up|reach out|contact you"
     r"|message you|email you|write (?:to you )?again|bother you)"),
    ("baja|suscrip|recibir|volver", r"\bdar(?:se|te|le)? de baja|\bcancelar (?:la )?suscripci[oó]n"
     r"|\bno (?:deseas?|quieres?|desea) recibir|\bno volver[eé] a (?:escribir|contactar)"),
    ("désabonn|desabonn|désinscri|desinscri|recevoir|contact|lien",
     r"\b(?:vous|te|se) d[ée]sabonner|\bd[ée]sabonnez|\bd[ée]sinscrivez|\b(?:vous|te|se) "
     r"d[ée]sinscrire|\blien de d[ée](?:sabonnement|sinscription)|\bne (?:plus|souhaitez plus"
     r"|souhaitez pas) recevoir|\bplus (?:être|etre) contact"),
    ("abmeld|abbestell|austragen|keine weiteren|nicht mehr", r"\babmelden\b|\babbestellen\b"
     r"|\babmeldung\b|\baustragen\b|\bkeine weiteren (?:nachrichten|e-mails)"
     r"|\bnicht mehr (?:kontaktiert|erhalten|angeschrieben)"),
    # "responda BAJA", "répondez STOP", "antworten Sie mit STOP", "responda SAIR", "antwoord STOP"
    ("respond|contest|répond|repond|antwort|antwoord",
     r"\b(?:responda|responde|conteste|contesta|r[ée]pondez|r[ée]ponds|antworten sie|antworte"
     r"|antwoord)(?: (?:com|con|avec|mit|met))?\s*[\"'“”‘’«»]?\s*(?:baja|stop|sair|parar|cancelar"
     r"|d[ée]sinscription|d[ée]sabonnement|abmelden|afmelden|unsubscribe)\b"),
    ("afmeld|uitschrijv|meld|schrijf|ontvangen", r"\b(?:afmelden|uitschrijven)\s*[:(<\[]"
     r"|\b(?:meld|schrijf) (?:je|u) (?:hier )?(?:af|uit)\b|\bgeen (?:berichten|e-mails|mails)"
     r" meer (?:ontvangen|krijgen)"),
    ("descadastr|inscri|receber", r"\b(?:se )?descadastrar|\bdescadastre-se|\bcancelar (?:a )?"
     r"inscri[cç][aã]o|\bn[aã]o (?:deseja|quer) (?:mais )?receber|\bdeixar de receber"),
)  # fmt: skip
# Any case: "Adv:" labels the message as plainly as "ADV:" does.
_ADV_LABEL = re.compile(r"\s*(?:ADV\s*(?::|-|–|—)|\[\s*ADV\s*\]|\(\s*ADV\s*\))", re.IGNORECASE)


_LAST: tuple[str, bool] = ("", False)


def has_opt_out(text: str) -> bool:
    """Whether ``text`` (subject and body) offers a way to stop further messages (the answer for
    the last text is remembered: the commercial guess and the opt-out rule both ask)."""
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    found = bool(_OPT_OUT.search(text))
    _LAST = (text, found)
    return found


def has_adv_label(subject: str) -> bool:
    """Whether the subject starts with the "ADV:" label Texas law asks for ("ADV -", "[ADV]" too)."""
    return bool(_ADV_LABEL.match(subject))
