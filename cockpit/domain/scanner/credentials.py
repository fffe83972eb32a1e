"""SECRET: credentials, API keys, private keys and passwords pasted into a message.

Every ``detect-secrets`` detector runs (AWS, GitHub, GitLab, Slack, Stripe, OpenAI, SendGrid,
Twilio, npm, PyPI, Discord, Telegram, Mailchimp, Azure, IBM, JWT, private keys, ``user:password@``
URLs, its keyword detector and its high-entropy detectors), plus one for Google API keys
(``AIza...``), which it lacks, with its stock false-positive filters (sequential strings, UUIDs,
templated values such as ``${DB_PASSWORD}``, indirect references, "pragma: allowlist secret"...).
Keys whose provider prefix names them (OpenAI project and service keys ``sk-proj-``, Anthropic
``sk-ant-``, Hugging Face ``hf_``, GitHub fine-grained ``github_pat_``, Groq, Replicate,
Perplexity, xAI, DigitalOcean, Shopify, Linear, Postman, Atlassian) are keys whatever their body
looks like, unless the body is a placeholder (``sk-proj-xxxxxxxx``, ``hf_your_token_here``).
Its public-IP detector is left out: an address is not a credential. The library costs ~0.25 s
to import, so it is loaded on first need, and only lines that could hold a secret (a long
token, a keyword followed by ``=`` or ``:``, a key header, a URL with ``@``) are handed to it.

As detect-secrets does, the keyword and entropy detectors judge only ``KEY=value`` lines (a
pasted ``.env``, read as a config file) and quoted strings, never running prose; the settings of
a connection string pasted into a sentence (``Server=...;Password=...;``, Azure's
``AccountKey=...``) are each read as such a line. A hex string
named as a commit, hash or checksum is not a secret, nor is a ``data:`` URI (an inline image).

Prose forms ("password: hunter2", "my password is ...", "api key: ...") are found here; a
template reference as the value (``${link}``, ``{{ db_pass }}``, ``$DB_PASSWORD``, ``%(pw)s``,
``<password>``) is not a secret; a labelled key must also look random (Shannon entropy,
computed by detect-secrets' base64 high-entropy plugin). A ``pwd=`` parameter inside a link and a
meeting passcode ("Meeting ID ... Passcode: 482193") are not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, cast

from cockpit.domain.scanner.matching import Caseless, lowered
from cockpit.domain.scanner.values import Span, merge_spans

if TYPE_CHECKING:
    from detect_secrets.plugins.base import BasePlugin
    from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin

_LEFT_OUT = frozenset({"IPPublicDetector"})
_GOOGLE_API_KEY = r"AIza[0-9A-Za-z_\-]{35}"
# Lines worth handing to detect-secrets: a long token, a secret-sounding key being assigned,
# a key header or a URL carrying credentials.
_HINTS = ("key", "pass", "pwd", "secret", "contrase", "token", "putty", "ssh2", "://")
_LONG_TOKEN = 16
_LINE_GATE = re.compile(
    r"(?:key|pass|pwd|secret|contrase|token)[\w'\"\]]*\s*(?::|=)|private key|putty|ssh2|://[^\s/@]+@",
    re.IGNORECASE,
)
# The same gate run over a whole text: its matches never cross a line break.
_TEXT_GATE = re.compile(_LINE_GATE.pattern.replace(r"\s*", r"[^\S\n]*"), re.IGNORECASE)
# A whitespace-separated token of at least _LONG_TOKEN characters.
_LONG_RUN = re.compile(rf"\S{{{_LONG_TOKEN},}}")
# A pasted config line: "DB_PASSWORD=...", "export API_TOKEN=...", "api_key: ...".
_CONFIG_LINE = re.compile(r"\s*(?:export\s+)?(?P<key>[A-Za-z_][\w.\-]*)\s*(?:=|:(?!/))\s*(?P<value>\S+)\s*")
_HASH_KEY = re.compile(r"commit|sha|hash|checksum|digest|etag|rev|_id$|^id$", re.IGNORECASE)
_HASH_WORD = re.compile(r"\b(?:commit|sha|hash|checksum|digest|rev(?:ision)?)\b", re.IGNORECASE)
_DATA_URI = re.compile(r"data:[\w/+.\-]+;base64,")
_ENTROPY_TYPES = frozenset({"Base64 High Entropy String", "Hex High Entropy String"})
_KEY_BLOCK = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----"
    r"|\Z)",
    re.DOTALL,
)

_STRONG_LABEL = (
    r"password|passwd|passwort|pass ?word|passcode|contraseña|contrasena|mot de passe|kennwort"
    r"|senha|passphrase"
)
_WEAK_LABELS = ("pwd", "pass", "pw", "pin", "clave", "mdp", "login")
_PASSWORD = Caseless(
    r"(?<![?&\w])(?:(?P<strong>" + _STRONG_LABEL + r")|" + "|".join(_WEAK_LABELS) + r")"
    r"(?P<sep>\s*(?:=|:=|=>|:)|(?(strong)\s+(?:is|was|es|est|ist|é|è|era|war|lautet)\b:?|(?!)))"
    r"\s*[`\"'“‘]?(?P<secret>[^\s`\"'”’,;]{4,64})",
    triggers="|".join(
        [
            "password|passwd|passwort|pass word|passcode|contrase|mot de passe|kennwort|senha",
            *(f"{label}{sep}" for label in _WEAK_LABELS for sep in (":", "=", " :", " =")),
        ]
    ),
)
# "le mot de passe du compte fournisseur est Lavande!2026", "das Passwort für den Server lautet ...":
# words between the label and the verb, so the value must look like a password (mixed classes).
_PASSWORD_LATER = Caseless(
    r"(?<![?&\w])(?:" + _STRONG_LABEL + r")(?:\s+[^\s.,;:!?]+){1,5}?\s+(?:is|was|es|est|ist|é|è"
    r"|lautet|sera|será)\s*:?\s*[`\"'“‘]?(?P<secret>[^\s`\"'”’,;]{6,64})",
    triggers="password|passwd|passwort|pass word|passcode|contrase|mot de passe|kennwort|senha",
)
_NOT_PASSWORDS = frozenset(
    """reset resets manager managers required protected below above attached separately same
    sent shared policy policies change changed expired hidden redacted the your my our a an in
    on to for is was will be that this it and or via by with from through later soon strong
    secure safe private field again too also managed rotation rotated hint hints recovery
    complexity requirements vault less incorrect wrong forgotten forgot reminder prompt login
    manager, account first changes should must never only update updated here there what when
    which you we they it's protected. expiry expires along unchanged unique set see ask check
    available upon tbd n/a none needed coming follows following""".split()
)
_LABELLED_KEY = Caseless(
    r"\b(?:api[ _-]?key|api[ _-]?token|access[ _-]?(?:key|token)|secret[ _-]?(?:key|token)?"
    r"|auth(?:entication)?[ _-]?token|bearer|client[ _-]?secret|private[ _-]?token|token"
    r"|license[ _-]?key|credentials?)\b(?:[^\n:=]{0,40}?(?:[:=]|\bis\b))?\s*[`\"']?"
    r"(?P<secret>[a-z0-9_\-+/=.]{15,}[a-z0-9_\-+/=])",
    triggers="key|token|secret|bearer|credential|api|access|auth|client|private|license",
)
_JWT_TAIL = re.compile(r"[A-Za-z0-9_\-+/=]*(?:\.[A-Za-z0-9_\-+/=]+)?")
# Meeting invitations carry a passcode meant for the invitee: not a leaked credential.
_MEETING = re.compile(
    r"\b(?:meeting|zoom|webex|teams|google meet|meet\.google|dial[- ]in|conference|call id|bridge)\b",
    re.IGNORECASE,
)
_MEETING_REACH = 120
# A value that refers to a variable filled in later: "${link}", "{{ pass }}", "$DB_PASSWORD".
_TEMPLATED = re.compile(
    r"(?:\$\{|\$\(|#\{|\{\{|\{%|%\(|<%|@\{)|\$[A-Z_][A-Z0-9_]*\b|%[A-Za-z_][\w]*%|\{[A-Za-z_][\w.]*\}"
)
# Keys named by their provider's prefix.
_PREFIXED_KEY = re.compile(
    r"(?<![\w-])(?:sk-(?:proj|svcacct|admin)-|sk-ant-(?:api|admin|sid)\d\d-|github_pat_|hf_|gsk_|r8_"
    r"|pplx-|xai-|dop_v1_|doo_v1_|shpat_|shpss_|shpca_|lin_api_|PMAK-|ATATT3)(?P<body>[A-Za-z0-9_\-]{20,})"
)
_KEY_PREFIXES = (
    "sk-", "github_pat_", "hf_", "gsk_", "r8_", "pplx-", "xai-", "dop_v1_", "doo_v1_", "shp", "lin_api_",
    "PMAK-", "ATATT3",
)  # fmt: skip
_PLACEHOLDER_BODY = re.compile(r"(.)\1{5,}|your|here|example|placeholder|redacted|token|secret", re.I)
_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://\S+|[Ww][Ww][Ww]\.\S+")
_ENTROPY_LIMIT = 3.5


@cache
def _entropy_plugin() -> HighEntropyStringsPlugin:
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString

    return Base64HighEntropyString(limit=_ENTROPY_LIMIT)


def _looks_random(value: str) -> bool:
    """Whether a labelled value looks like a generated key (letters and digits, high entropy)."""
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return False
    return _entropy_plugin().calculate_shannon_entropy(value) > _ENTROPY_LIMIT


def _inside(spans: list[Span], start: int) -> bool:
    return any(s.start <= start < s.end for s in spans)


Filter = Callable[..., bool]


@cache
def _detectors() -> tuple[tuple[BasePlugin, ...], tuple[Filter, ...]]:
    """Every detect-secrets plugin (and one for Google API keys) and its per-secret filters."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.settings import get_filters

    class GoogleApiKeyDetector(RegexBasedDetector):
        """Google API keys: "AIza" and 35 more characters."""

        secret_type = "Google API Key"
        denylist = (re.compile(_GOOGLE_API_KEY),)

    mapping: Mapping[str, type[BasePlugin]] = get_mapping_from_secret_type_to_class()
    classes = [cast("Callable[[], BasePlugin]", c) for c in mapping.values() if c.__name__ not in _LEFT_OUT]
    plugins: list[BasePlugin] = [make() for make in classes]
    plugins.append(GoogleApiKeyDetector())
    # File-level filters (lock files, binary files...) say nothing about a line of a message.
    filters = tuple(f for f in get_filters() if f.injectable_variables & {"secret", "line", "context"})
    return tuple(plugins), filters


def _filtered_out(filters: tuple[Filter, ...], **kwargs: Any) -> bool:
    """Whether a filter drops the secret; each filter gets the arguments it names."""
    for check in filters:
        names: set[str] = getattr(check, "injectable_variables", set())
        try:
            if check(**{name: kwargs[name] for name in names if name in kwargs}):
                return True
        except TypeError:  # a filter needing what this secret cannot give, as detect-secrets skips it
            continue
    return False


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], ...] | None, ...]:
    """For each detector, its patterns when it finds only their matches (else ``None``)."""
    from detect_secrets.plugins.base import RegexBasedDetector

    plugins = _detectors()[0]
    return tuple(tuple(p.denylist) if isinstance(p, RegexBasedDetector) else None for p in plugins)


@lru_cache(maxsize=2048)
def _scan_line(line: str) -> tuple[tuple[str, int, int], ...]:
    """(secret type, start, end) of each secret detect-secrets finds in one line."""
    from detect_secrets.util.code_snippet import get_code_snippet

    plugins, filters = _detectors()
    config = _CONFIG_LINE.fullmatch(line)
    if config is not None:  # read as a config file; entropy plugins see the value quoted
        filename = "message.cfg"
        value = config.group("value").strip("\"'")
        scanned = f'{config.group("key")} = "{value}"'
    else:
        filename, scanned = "message", line
    context = get_code_snippet(lines=[scanned], line_number=1)
    found: list[tuple[str, int, int]] = []
    for plugin, patterns in zip(plugins, _patterns(), strict=True):
        if patterns is not None and not any(pattern.search(scanned) for pattern in patterns):
            continue  # a pattern-based detector with no match finds nothing
        for secret in plugin.analyze_line(filename=filename, line=scanned, line_number=1, context=context):
            value = secret.secret_value or ""
            if not value or _filtered_out(
                filters, filename=filename, secret=value, plugin=plugin, line=line, context=context
            ):
                continue
            if secret.type in _ENTROPY_TYPES and _is_hash(line, config):
                continue
            where = _locate(plugin, line, value)
            if where is not None:
                found.append((secret.type, *where))
    return tuple(found)


def _locate(plugin: BasePlugin, line: str, value: str) -> tuple[int, int] | None:
    """Where ``value`` is in ``line``: the whole token a pattern matched ("://user:pass@"), else the value."""
    for pattern in getattr(plugin, "denylist", ()):
        for m in pattern.finditer(line):
            if value in m.group():
                return m.start(), m.end()
    at = line.find(value)
    return (at, at + len(value)) if at >= 0 else None


def _is_hash(line: str, config: re.Match[str] | None) -> bool:
    """Whether a high-entropy value on ``line`` is named as a commit, hash or checksum."""
    if config is not None:
        return bool(_HASH_KEY.search(config.group("key")))
    return bool(_HASH_WORD.search(line))


def _worth_scanning(text: str, hinted: bool) -> list[int]:
    """Starts of the lines of ``text`` worth handing to detect-secrets, in order.

    A line is worth it when it holds a long token other than a link or an e-mail address, or
    (when ``hinted``) a secret-sounding key being assigned, a key header or a URL with ``@``.
    """
    starts: set[int] = set()
    for m in _LONG_RUN.finditer(text):
        token = m.group()
        if "://" not in token and "www." not in token and "@" not in token:
            starts.add(text.rfind("\n", 0, m.start()) + 1)
    if hinted:
        starts.update(text.rfind("\n", 0, m.start()) + 1 for m in _TEXT_GATE.finditer(text))
    return sorted(starts)


# One "Key=value" setting of a connection string ("Server=db1;User Id=app;Password=...;").
_SETTING = re.compile(r"(?<![\w.-])[A-Za-z_][\w.\-]*=[^;\s]+(?=;|\s|$)")


def _settings_findings(line: str) -> list[tuple[str, int, int]]:
    """Secrets in a connection string's settings, each read as a config line of its own."""
    found: list[tuple[str, int, int]] = []
    for m in _SETTING.finditer(line):
        found.extend((kind, m.start() + start, m.start() + end) for kind, start, end in _scan_line(m.group()))
    return found


def _library_findings(text: str) -> list[Span]:
    spans: list[Span] = []
    if "PRIVATE KEY" in text:
        spans.extend(Span(m.start(), m.end()) for m in _KEY_BLOCK.finditer(text))
    low = lowered(text)
    hinted = any(hint in low for hint in _HINTS)
    for offset in _worth_scanning(text, hinted):
        end_of_line = text.find("\n", offset)
        line = text[offset:] if end_of_line < 0 else text[offset:end_of_line]
        if _DATA_URI.search(line):
            continue
        found = _scan_line(line)
        if not found and ";" in line and "=" in line:  # a connection string pasted into prose
            found = tuple(_settings_findings(line))
        for kind, start, end in found:
            end += offset
            if kind == "JSON Web Token":  # the plugin's pattern stops before the signature
                tail = _JWT_TAIL.match(text, end)
                end = tail.end() if tail else end
            spans.append(Span(offset + start, end))
    return spans


def _password_shaped(value: str) -> bool:
    """Whether ``value`` mixes letters with digits or symbols, as a password does."""
    value = value.rstrip(".!?:")
    letters = any(c.isalpha() for c in value)
    others = sum(any(test(c) for c in value) for test in (str.isdigit, lambda c: not c.isalnum()))
    return letters and others >= 1 and not value.startswith(("http", "www", "$", "{", "<", "["))


def _prose_findings(text: str) -> list[Span]:
    passwords = _PASSWORD.finditer(text)
    passwords += [m for m in _PASSWORD_LATER.finditer(text) if _password_shaped(m.group("secret"))]
    keys = _LABELLED_KEY.finditer(text)
    if not passwords and not keys:
        return []
    urls = [Span(m.start(), m.end()) for m in _URL.finditer(text)]
    spans: list[Span] = []
    for m in passwords:
        value = text[m.start("secret") : m.end("secret")]
        if _inside(urls, m.start()) or value.lower().rstrip(".!?:") in _NOT_PASSWORDS:
            continue
        if value[0] in "[<{(" or value.endswith("?") or "(" in value:  # "get_secret('db')": a call
            continue
        if _TEMPLATED.match(value):  # "password: ${link}": filled in at deploy time
            continue
        if _MEETING.search(text, max(0, m.start() - _MEETING_REACH), m.start()):
            continue
        spans.append(Span(m.start("secret"), m.end("secret")))
    for m in keys:
        if _inside(urls, m.start("secret")):
            continue
        if _looks_random(text[m.start("secret") : m.end("secret")]):
            spans.append(Span(m.start("secret"), m.end("secret")))
    return spans


def _prefixed_keys(text: str) -> list[Span]:
    """Keys named by their provider prefix, unless the body is a placeholder."""
    spans: list[Span] = []
    for m in _PREFIXED_KEY.finditer(text):
        body = m.group("body")
        kinds = sum(any(test(c) for c in body) for test in (str.islower, str.isupper, str.isdigit))
        if kinds >= 2 and not _PLACEHOLDER_BODY.search(body):
            spans.append(Span(m.start(), m.end()))
    return spans


def find_secrets(text: str) -> list[Span]:
    """Spans of credentials, keys and passwords in ``text``."""
    spans: list[Span] = []
    spans.extend(_library_findings(text))
    spans.extend(_prose_findings(text))
    if any(prefix in text for prefix in _KEY_PREFIXES):
        spans.extend(_prefixed_keys(text))
    return merge_spans(spans)
