"""SECRET: credentials pasted into a message (detect-secrets plugins and prose forms)."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.credentials import find_secrets

SLACK = "xoxb-482019375512-4829103857261-QpLmNoZr8sTuV2wXy4Ab7Cd9"


def found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_secrets(text)]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
        ("token ghp_4Fq9ZxT2mLw8RkP0sVb7NcYd3HjU6aEe1Gt5 here", "ghp_4Fq9ZxT2mLw8RkP0sVb7NcYd3HjU6aEe1Gt5"),
        (f"bot {SLACK}", SLACK),
        ("use sk_live_51Hx9QvLk2PzT8mWn4RbYc7D now", "sk_live_51Hx9QvLk2PzT8mWn4RbYc7D"),
        ("CI: glpat-Xr8kQ2mZp4LtW9vN3bYc", "glpat-Xr8kQ2mZp4LtW9vN3bYc"),
        ("password: hunter2", "hunter2"),
        ("my password is Carpathia77!", "Carpathia77!"),
        ("pwd=K9v!rT2#qLm8", "K9v!rT2#qLm8"),
        ("Passwort: Elbe#2026sturm", "Elbe#2026sturm"),
        ("la contraseña: Pampa-2026-sur", "Pampa-2026-sur"),
        ("API key: 9f8Kq2LmZx7Rt4Wv1Yb6Nc3Pd8Hs5Jg0", "9f8Kq2LmZx7Rt4Wv1Yb6Nc3Pd8Hs5Jg0"),
        ("https://demo:Wint3rFjord42@staging.example.com", "://demo:Wint3rFjord42@"),
    ],
)  # fmt: skip
def test_secrets(text: str, secret: str) -> None:
    assert secret in found(text)


def test_private_key_block_is_one_span() -> None:
    text = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nthanks"
    assert found(text) == [text[5 : text.index("\nthanks")]]


def test_jwt_span_includes_signature() -> None:
    jwt = (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
        "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    )
    assert found(f"bearer {jwt}.") == [jwt]


@pytest.mark.parametrize(
    "text",
    [
        "Use the forgot password link for a password reset.",
        "The password policy requires 14 characters; use the password manager.",
        "The password is the same as before.",
        "Join https://zoom.us/j/91234567890?pwd=Q2xUa1ZzR0l5aWRHeUJxU0RrZz09",
        "Zoom meeting ID: 912 3456 7890\nPasscode: 482193",
        "The key takeaway: they want an API key and a sandbox token.",
        "A small token of thanks for your time.",
        "La clave es entender al cliente.",
        "Book at https://calendly.com/dana-whitfield/30min",
        "Password: [sent separately]",
    ],
)
def test_not_secrets(text: str) -> None:
    assert found(text) == []
