"""SECRET: credentials, API keys, private keys and passwords pasted into a message.

Token formats (AWS, GitHub, GitLab, Slack, Stripe, OpenAI, SendGrid, Square, Azure, JWT,
private keys, ``user:password@`` URLs) are found with ``detect-secrets`` plugins, each called
only when a cheap hint for its format is in the text (the library costs ~0.25 s to import, so it
is loaded on first need). Prose forms ("password: hunter2", "my password is ...", "api key: ...") are found
here; a labelled key must also look random (Shannon entropy, computed by detect-secrets'
base64 high-entropy plugin). A ``pwd=`` parameter inside a link and a meeting passcode
("Meeting ID ... Passcode: 482193") are not flagged.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from cockpit.domain.scanner.matching import Caseless, Phrases
from cockpit.domain.scanner.values import Span, merge_spans

if TYPE_CHECKING:
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin

# (triggers, detect-secrets module, plugin class): a plugin runs only when a trigger is present.
_PLUGINS: tuple[tuple[str, str, str], ...] = (
    ("akia|asia|abia|acca|*a3t|aws", "aws", "AWSKeyDetector"),
    ("private key|putty", "private_key", "PrivateKeyDetector"),
    ("ghp|gho|ghu|ghs|ghr", "github_token", "GitHubTokenDetector"),
    ("glpat|gldt|glft|glsoat|glrt|glcbt|glimt|glptt|glagent|gloas|*gr1348941", "gitlab_token",
     "GitLabTokenDetector"),
    ("xox|hooks", "slack", "SlackDetector"),
    ("live", "stripe", "StripeDetector"),
    ("eyj", "jwt", "JwtTokenDetector"),
    ("*://", "basic_auth", "BasicAuthDetector"),
    ("blbkfj", "openai", "OpenAIDetector"),
    ("*sg.", "sendgrid", "SendGridDetector"),
    ("csp", "square_oauth", "SquareOAuthDetector"),
    ("accountkey", "azure_storage_key", "AzureStorageKeyDetector"),
)  # fmt: skip
_PLUGIN_GATE = Phrases(*((triggers, "") for triggers, _, _ in _PLUGINS))
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
    r"(?P<sep>\s*(?:=|:=|=>|:)|(?(strong)\s+(?:is|was|es|est|ist|é)\b:?|(?!)))"
    r"\s*[`\"'“‘]?(?P<secret>[^\s`\"'”’,;]{4,64})",
    triggers="|".join(
        [
            "password|passwd|passwort|pass word|passcode|contrase|mot de passe|kennwort|senha",
            *(f"{label}{sep}" for label in _WEAK_LABELS for sep in (":", "=", " :", " =")),
        ]
    ),
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
_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://\S+|[Ww][Ww][Ww]\.\S+")
_ENTROPY_LIMIT = 3.5


@cache
def _plugin(module: str, name: str) -> RegexBasedDetector:
    import importlib

    plugin_class = getattr(importlib.import_module(f"detect_secrets.plugins.{module}"), name)
    plugin: RegexBasedDetector = plugin_class()
    return plugin


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


def _library_findings(text: str) -> list[Span]:
    spans: list[Span] = []
    for index in _PLUGIN_GATE.triggered(text):
        _, module, name = _PLUGINS[index]
        if module == "basic_auth" and "@" not in text:
            continue
        if module == "private_key":
            spans.extend(Span(m.start(), m.end()) for m in _KEY_BLOCK.finditer(text))
        plugin = _plugin(module, name)
        for pattern in plugin.denylist:
            for m in pattern.finditer(text):
                # The plugin confirms the match (the JWT plugin decodes it, for one).
                if any(True for _ in plugin.analyze_string(m.group())):
                    end = m.end()
                    if module == "jwt":  # the plugin's pattern stops before the signature
                        tail = _JWT_TAIL.match(text, end)
                        end = tail.end() if tail else end
                    spans.append(Span(m.start(), end))
    return spans


def _prose_findings(text: str) -> list[Span]:
    passwords = _PASSWORD.finditer(text)
    keys = _LABELLED_KEY.finditer(text)
    if not passwords and not keys:
        return []
    urls = [Span(m.start(), m.end()) for m in _URL.finditer(text)]
    spans: list[Span] = []
    for m in passwords:
        value = text[m.start("secret") : m.end("secret")]
        if _inside(urls, m.start()) or value.lower().rstrip(".!?:") in _NOT_PASSWORDS:
            continue
        if value[0] in "[<{(" or value.endswith("?"):
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


def find_secrets(text: str) -> list[Span]:
    """Spans of credentials, keys and passwords in ``text``."""
    spans: list[Span] = []
    spans.extend(_library_findings(text))
    spans.extend(_prose_findings(text))
    return merge_spans(spans)
