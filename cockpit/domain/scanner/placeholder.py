"""PLACEHOLDER: unfilled template tokens such as ``[First Name]`` or ``{{company}}``.

Always placeholders, whatever they hold: double braces (HubSpot ``{{ contact.firstname }}``,
Outreach and Apollo ``{{first_name}}``, Lemlist ``{{firstName}}``), Jinja tags, Salesforce merge
fields (``{!Contact.FirstName}``) and Mailchimp merge tags (``*|FNAME|*``). Other delimiters
(``[...]``, ``{...}``, ``<...>``, ``%...%``, ``$name``, ``__NAME__``) and bare capitals joined by
``_`` or ``-`` (``FIRST_NAME``, ``USER-FIRST-NAME``) count only when what they hold looks like a
template field: a known field word ("first name", "company", "job title", "link"...), an
``insert ...`` instruction, or a programmer's identifier (``first_name``, ``firstName``,
``FIRSTNAME``); a single word in braces counts when capitalised (``{Company}``). ``${...}`` counts
unless it holds an upper-case environment variable that names no field (``${DB_PASSWORD}``, as
``$DB_PASSWORD``).

Left alone: "[1]" footnotes, "[sic]", "(see attached)", "<3", "[Hiring]", "20% off", JSON and
code samples (``{"name": "Priya"}``, ``/users/{id}``, ``f'{name}'``), capitals such as
``STATE-OF-THE-ART``, Markdown links (``[link](https://...)``) and anything inside a backtick code
span or fenced block, where a message quotes code rather than fills a template. A bare "[link]" is
flagged: in a sent message it means the address was never pasted in.
"""

from __future__ import annotations

import re

from cockpit.domain.scanner.textutil import fold
from cockpit.domain.scanner.values import Span, merge_spans

_FIELD_WORD_SET: frozenset[str] = frozenset(
    phrase.strip()
    for phrase in (
        "name, first name, firstname, fname, given name, last name, lastname, lname, surname, "
        "family name, full name, fullname, contact name, prospect name, candidate name, "
        "lead name, recipient name, recipient, contact, prospect, candidate, lead, person, "
        "client name, customer name, company, company name, companyname, account, "
        "account name, organization, organisation, org, employer, current company, business, "
        "business name, brand, title, job title, jobtitle, role, job role, position, "
        "current role, current title, seniority, city, location, state, country, region, area, "
        "industry, vertical, sector, school, university, college, alma mater, degree, team, "
        "department, dept, product, product name, service, link, url, calendar link, "
        "calendly link, booking link, meeting link, job link, jd link, website, date, day, "
        "time, meeting time, meeting date, time slot, weekday, month, phone, phone number, "
        "email, email address, salary, salary range, compensation, comp, rate, skill, skills, "
        "tech stack, stack, topic, pain point, challenge, competitor, mutual connection, "
        "referrer, referral, hiring manager, manager, sender, sender name, my name, your name, "
        "signature, rep name, recruiter name, nickname, nombre, apellido, empresa, puesto, "
        "cargo, ciudad, nom, prenom, entreprise, societe, poste, ville, vorname, nachname, "
        "firma, unternehmen, stelle, stadt, nome, sobrenome, cidade"
    ).split(",")
)

_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SEPARATORS = re.compile(r"[\s_\-.:]+")
_PREFIXES = (
    "insert ",
    "user ",
    "your ",
    "their ",
    "recipient ",
    "recipients ",
    "prospect ",
    "prospects ",
    "candidate ",
    "candidates ",
    "contact ",
    "contacts ",
    "company ",
)
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]*)+")
_ALLCAPS = re.compile(r"[A-Z][A-Z0-9_ ]*[A-Z0-9]")

# Always placeholders: their delimiters are never used in prose. (trigger, pattern)
_ALWAYS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (trigger, re.compile(pattern))
    for trigger, pattern in (
        ("{{", r"\{\{[^{}\n]{1,60}\}\}"),  # {{first_name}}, {{ company }}
        ("{!", r"\{![A-Za-z_$][^{}\n]{0,80}\}"),  # {!Contact.FirstName}
        ("{%", r"\{%[^%\n]{1,60}%\}"),  # {% if company %}
        ("*|", r"\*\|[A-Za-z0-9_:]{2,40}\|\*"),  # *|FNAME|*
        ("|*", r"\|\*[A-Za-z0-9_:]{2,40}\*\|"),  # |*FNAME*|
        ("[[", r"\[\[[^\[\]\n]{1,60}\]\]"),  # [[first_name]]
        ("#{", r"#\{[^{}\n]{1,60}\}"),  # #{first_name}
    )
)
# Placeholders only when the content looks like a template field. (trigger, kind, pattern)
# A lookbehind is written after the first character it guards, so the regex engine can skip
# ahead to that character instead of trying the lookbehind at every position.
_CANDIDATES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (trigger, kind, re.compile(pattern))
    for trigger, kind, pattern in (
        ("{", "brace", r"(?<!\{)\{\s*([^{}\n]{1,40}?)\s*\}(?!\})"),
        ("[", "square", r"(?<!\[)\[\s*([^\[\]\n]{1,40}?)\s*\](?!\])"),
        ("<", "angle", r"<\s*([^<>\n@/]{1,40}?)\s*>"),
        ("%", "percent", r"%(?<![\w%]%)([A-Za-z_][A-Za-z0-9_]{1,40})%(?!\w)"),
        ("$", "dollar", r"\$(?<![\w$\\]\$)([A-Za-z_][A-Za-z0-9_]{1,40})\b"),
        # ${firstName}, ${company_name}, ${link}; not an environment variable ${DB_PASSWORD}
        ("${", "dollar_brace", r"\$\{([^{}\n]{1,60})\}"),
        ("__", "dunder", r"__(?<!\w__)([A-Za-z][A-Za-z0-9_]{0,40}?)__(?!\w)"),
        ("_", "bare", r"([A-Z](?<![\w\-][A-Z])[A-Z]+(?:_[A-Z]{2,})+)(?![\w\-])"),
        ("-", "bare", r"([A-Z](?<![\w\-][A-Z])[A-Z]+(?:-[A-Z]{2,})+)(?![\w\-])"),
        ("XXX", "xxx", r"(X(?<!\wX)X{2,})(?![\w])"),
        ("%%", "percent", r"%%([A-Za-z][A-Za-z0-9_ ]{1,40})%%"),  # %%First Name%%
        ("«", "guillemet", r"«([A-Za-z][A-Za-z0-9_]{1,40})»"),  # Word mail merge «FirstName»
        ("___", "blank", r"(_(?<!\w_)_{2,})(?!\w)"),  # "Hi ____," a blank never filled in
        # A template's own instruction: "[TOPIC OF THEIR TALK]", "[specific result - 40% ...]"
        ("[", "instruction", r"(?<!\[)\[\s*([^\[\]\n]{3,120}?)\s*\](?![\](])"),
    )
)
_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://\S+|[Ww][Ww][Ww]\.\S+")
_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", re.DOTALL)


def _field_words(content: str) -> str:
    spaced = _CAMEL_BREAK.sub(" ", content.strip())
    return _SEPARATORS.sub(" ", fold(spaced)).strip(" '’")


def is_field_word(content: str) -> bool:
    """Whether ``content`` names a template field ("First Name", "company_name", "insert role")."""
    words = _field_words(content)
    if not words:
        return False
    if words.startswith("insert ") or words == "insert":
        return True
    words = words.replace("'s ", " ")
    if words in _FIELD_WORD_SET:
        return True
    return any(words.startswith(p) and words[len(p) :] in _FIELD_WORD_SET for p in _PREFIXES)


def _looks_like_field(content: str, *, allcaps: bool, identifier: bool) -> bool:
    text = content.strip()
    if not text or text.isdigit():
        return False
    if is_field_word(text):
        return True
    if identifier and " " not in text and _IDENT.fullmatch(text):
        return True
    return bool(allcaps and " " not in text and _ALLCAPS.fullmatch(text) and "_" in text)


def _is_placeholder(kind: str, content: str) -> bool:
    stripped = content.strip()
    if kind == "brace":
        return _looks_like_field(content, allcaps=True, identifier=True) or bool(
            re.fullmatch(r"[A-Z][A-Za-z0-9]+", stripped)
        )
    if kind == "square":
        return _looks_like_field(content, allcaps=True, identifier=True)
    if kind == "angle":
        return _looks_like_field(content, allcaps=True, identifier=True) or bool(
            len(stripped) >= 3 and _ALLCAPS.fullmatch(stripped) and stripped.isupper()
        )
    if kind == "percent":
        return content.isupper() or _looks_like_field(content, allcaps=True, identifier=True)
    if kind == "dunder":  # __FIRSTNAME__ or __first_name__, not Python's __signature__
        return content.isupper() or is_field_word(content)
    if kind == "dollar":
        return _looks_like_field(content, allcaps=False, identifier=True) and not (
            content.isupper() and not is_field_word(content)
        )
    if kind == "dollar_brace":  # anything but an upper-case variable that names no field
        return not (_ALLCAPS.fullmatch(stripped) and stripped.isupper() and not is_field_word(stripped))
    if kind == "bare":
        return is_field_word(content)
    if kind == "guillemet":
        return _looks_like_field(content, allcaps=True, identifier=True)
    if kind == "instruction":
        return _is_instruction(stripped)
    return True  # XXX


_INSTRUCTION_START = re.compile(
    r"(?:specific|optional|relevant|insert|add|mention|describe|brief|short|one-line|1-sentence"
    r"|personali[sz]ed?|custom|their|your|prospect['’]?s?|company['’]s|name of|link to|number of"
    r"|e\.g\.|example|placeholder|todo|tbd)\b",
    re.IGNORECASE,
)


def _is_instruction(content: str) -> bool:
    """Whether bracketed ``content`` is a template's note to its user: several capitalised words
    ("TOPIC OF THEIR TALK") or words that tell what to write ("specific result - 40% increase")."""
    words = content.split()
    letters = [c for c in content if c.isalpha()]
    if len(words) >= 2 and letters and all(c.isupper() for c in letters) and len(letters) >= 6:
        return True
    return len(words) >= 2 and bool(_INSTRUCTION_START.match(content))


def _is_code(kind: str, text: str, start: int, end: int) -> bool:
    """Whether the candidate at ``text[start:end]`` is code or markup rather than a field."""
    if kind == "brace":
        before = text[max(0, start - 2) : start]
        return bool(before) and (before[-1].isalnum() or before[-1] in "/$\\_-.}" or before in ("f'", 'f"'))
    if kind == "square":
        return text.startswith("(", end)  # a Markdown link: [link](https://...)
    return False


def find_placeholders(text: str) -> list[Span]:
    """Spans of every unfilled template token in ``text``."""
    found = [("always", m) for trigger, pattern in _ALWAYS if trigger in text for m in pattern.finditer(text)]
    candidates = [
        (kind, m) for trigger, kind, pattern in _CANDIDATES if trigger in text
        for m in pattern.finditer(text)
    ]  # fmt: skip
    if not found and not candidates:
        return []
    code = [(c.start(), c.end()) for c in _CODE.finditer(text)] if "`" in text else []
    urls = [(u.start(), u.end()) for u in _URL.finditer(text)] if "://" in text or "www." in text else []
    spans: list[Span] = []
    for kind, m in found + candidates:
        if code and any(start <= m.start() < end for start, end in code):
            continue  # a quoted code sample, not a template
        if kind == "always":
            spans.append(Span(m.start(), m.end()))
            continue
        if any(start <= m.start() < end for start, end in urls):
            continue  # "%E2%80%99" in a link is not a merge field
        if _is_code(kind, text, m.start(), m.end()):
            continue
        if kind == "instruction" and (m.start() == 0 or text[m.start() - 1] == "\n"):
            continue  # "[ACTION REQUIRED] Sign the policy": a subject tag
        if _is_placeholder(kind, m.group(1)):
            spans.append(Span(m.start(), m.end()))
    return merge_spans(spans)
