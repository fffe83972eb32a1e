"""Why a finding fired: a short stable rule id and one sentence, from the code and the matched text.

The rule modules say *where* a risk is; this module says *which form* of it was matched, so a
reviewer can judge a finding without reading the rules (``ssn.dashed``: "a US Social Security
number in the dashed form (area 512 is issued)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = re.compile(r"\d")
_LABEL_BEFORE = re.compile(r"([A-Za-z][A-Za-z _-]{1,30})\s*[:=]?\s*$")


@dataclass(frozen=True, slots=True)
class Context:
    """What the rule saw around a match."""

    text: str
    """The whole field the match is in (subject or body; empty for meta findings)."""
    recipient: str = ""
    recipient_state: str = ""
    commercial_source: str = ""
    commercial_reasons: tuple[str, ...] = ()


def _placeholder(evidence: str) -> tuple[str, str]:
    token = evidence.strip()
    forms = (
        ("{{", "double-brace", "a template token in double braces that was never filled in"),
        ("{%", "template-tag", "a template tag that was never rendered"),
        ("*|", "merge-tag", "a mail-merge tag (*|FIELD|*) that was never filled in"),
        ("[", "square-bracket", "a template field in square brackets that was never filled in"),
        ("{", "brace", "a template field in braces that was never filled in"),
        ("<", "angle-bracket", "a template field in angle brackets that was never filled in"),
        ("%", "percent", "a template field between percent signs that was never filled in"),
        ("$", "dollar", "a $variable template field that was never filled in"),
        ("__", "underscore", "a __FIELD__ template token that was never filled in"),
    )
    for start, rule, sentence in forms:
        if token.startswith(start):
            return f"placeholder.{rule}", sentence
    return "placeholder.identifier", "a template field name that was never filled in"


def _ssn(evidence: str, ctx: Context, start: int) -> tuple[str, str]:
    digits = "".join(_DIGITS.findall(evidence))
    area = digits[:3]
    if "-" in evidence:
        form, rule = "the dashed form", "ssn.dashed"
    elif " " in evidence:
        form, rule = "the spaced form", "ssn.spaced"
    else:
        form, rule = "nine plain digits next to an SSN label", "ssn.labelled"
    return rule, f"a US Social Security number in {form} (area {area} is issued)"


_ISSUERS: tuple[tuple[str, str], ...] = (
    ("34|37", "American Express"),
    ("4", "Visa"),
    ("5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720", "Mastercard"),
    ("6011|65|64[4-9]|622", "Discover"),
    ("35", "JCB"),
    ("36|38|39|30[0-5]", "Diners Club"),
    ("62", "UnionPay"),
    ("5[06-8]|6", "Maestro"),
)


def _card(evidence: str) -> tuple[str, str]:
    digits = "".join(_DIGITS.findall(evidence))
    issuer = next((name for prefix, name in _ISSUERS if re.match(f"(?:{prefix})", digits)), "card")
    return "card.luhn", f"a {len(digits)}-digit {issuer} number that passes the Luhn check"


def _confidential(evidence: str) -> tuple[str, str]:
    low = evidence.lower()
    priced = any(word in low for word in ("price", "pricing", "rate card", "$", "€", "£"))
    if priced or _DIGITS.search(evidence):
        return (
            "confidential.price-list",
            "a pasted price list or rate card (prices next to price-sheet words)",
        )
    if "nda" in low or "non-disclosure" in low:
        return "confidential.nda", f"material said to be under an NDA ({evidence.strip()!r})"
    return "confidential.marking", f"a confidentiality marking ({evidence.strip()!r})"


def _secret(evidence: str, ctx: Context, start: int) -> tuple[str, str]:
    token = evidence.strip()
    if "PRIVATE KEY" in token:
        return "secret.private-key", "a pasted private key block"
    if re.match(r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}", token):
        return "secret.aws-key", "an AWS access key id"
    if token.startswith(("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")):
        return "secret.github-token", "a GitHub token"
    if token.startswith("xox"):
        return "secret.slack-token", "a Slack token"
    if token.startswith(("sk_live", "rk_live", "pk_live")):
        return "secret.stripe-key", "a Stripe live key"
    if token.startswith("eyJ"):
        return "secret.jwt", "a JSON Web Token"
    if "://" in token and "@" in token:
        return "secret.url-credentials", "a user name and password inside a link"
    before = ctx.text[max(0, start - 40) : start]
    label = _LABEL_BEFORE.search(before)
    if label is not None:
        word = label.group(1).strip().lower()
        if "key" in word or "token" in word:
            return "secret.labelled-key", f"a random-looking value labelled {word!r}"
        return "secret.password", f"a password given after {word!r}"
    return "secret.token", "a credential or access token"


_FIXED: dict[str, tuple[str, str]] = {
    "BIOMETRIC": (
        "biometric.request",
        "a request for a voiceprint, face scan, fingerprint or other biometric",
    ),
    "ACCUSATION": (
        "accusation.person",
        "an accusation of a crime or misconduct against a person (defamation is published on send)",
    ),
    "DISREGARD_FOLLOWUP": (
        "disregard.followup",
        "a 'please disregard' follow-up: it costs a credit and becomes the exhibit",
    ),
    "AFTER_HOURS": ("meta.after-hours", "sent inside the policy's after-hours window in the sender's zone"),
    "MOBILE_SEND": ("meta.mobile", "sent from the mobile app, where autocorrect changes names and words"),
    "NO_RECALL_CHANNEL": ("meta.no-recall-channel", "a channel without member recall (Message Ads)"),
}


_COMMERCIAL_SOURCES = {
    "message": "as recorded for the send",
    "seat": "the seat's default",
    "batch": "the batch's default",
    "review": "a reviewer's correction",
}


def _commercial(ctx: Context) -> str:
    source = _COMMERCIAL_SOURCES.get(ctx.commercial_source)
    if source is not None:
        return f"commercial ({source})"
    reasons = ", ".join(ctx.commercial_reasons)
    return "treated as commercial (guessed from the text" + (f": {reasons})" if reasons else ")")


def explain(code: str, evidence: str, start: int, ctx: Context) -> tuple[str, str]:
    """The rule id and the sentence that say why ``code`` fired on ``evidence``.

    Args:
        code: the risk code.
        evidence: the matched text (or the meta explanation).
        start: the match's offset in ``ctx.text``.
        ctx: the field's text and what else the rule saw.

    Returns:
        ``(rule, why)``; every code gets both.
    """
    if code == "PLACEHOLDER":
        return _placeholder(evidence)
    if code == "SSN":
        return _ssn(evidence, ctx, start)
    if code == "CARD_NUMBER":
        return _card(evidence)
    if code == "CONFIDENTIAL":
        return _confidential(evidence)
    if code == "SECRET":
        return _secret(evidence, ctx, start)
    if code == "NAME_MISMATCH":
        return (
            "greeting.other-name",
            f"the greeting names {evidence.strip()!r}, who is not the recipient {ctx.recipient!r}",
        )
    if code == "NO_POSTAL_ADDRESS":
        return "commercial.no-address", f"{_commercial(ctx)} and no physical postal address was found"
    if code == "NO_OPT_OUT":
        return "commercial.no-opt-out", f"{_commercial(ctx)} and no opt-out or unsubscribe was found"
    if code == "TX_NO_ADV":
        return (
            "commercial.tx-no-adv",
            f"Texas recipient, {_commercial(ctx)}, no 'ADV:' subject label and no opt-out",
        )
    if code == "BIOMETRIC":
        rule, sentence = _FIXED[code]
        where = " (the recipient is in Illinois: BIPA applies)" if ctx.recipient_state == "IL" else ""
        return rule, sentence + where
    if code in _FIXED:
        return _FIXED[code]
    return code.lower(), f"the {code} rule matched"
