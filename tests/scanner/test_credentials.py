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


GOOGLE = "AIzaSyD4Xk2mQ9vLr8Tn3Wp6Yb1Hc5Je7Gf0KsA"
ENV = "DB_HOST=db.internal\nDB_USER=app\nDB_PASSWORD=Qz7!pLm2vR9x\nDEBUG=false"
SESSION = "8f14e45fceea167a5a36dedd4bea2543c9a1d2f7"
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"Here's the key for the Maps demo: {GOOGLE}", GOOGLE),
        (f"Pasting our .env so you can run it:\n{ENV}", "Qz7!pLm2vR9x"),
        (f"SESSION_SECRET={SESSION}", SESSION),
        ("export AUTH_TOKEN='Zx8Qm2Lp9Wv4Rt7Yb1Nc6Hd3Jg5Ks0Ae'", "Zx8Qm2Lp9Wv4Rt7Yb1Nc6Hd3Jg5Ks0Ae"),
        ("db_pass = s3cr3tP4ss!", "s3cr3tP4ss!"),
        ("the twilio key SK0123456789abcdef0123456789abcdef works", "SK0123456789abcdef0123456789abcdef"),
        ("in .npmrc: //registry.npmjs.org/:_authToken=npm_Ab3De5Gh7Jk9Mn1Pq3St5Vw7Yz9Bc1Df3Gh5",
         "//registry.npmjs.org/:_authToken=npm_Ab3De5Gh7Jk9Mn1Pq3St5Vw7Yz9Bc1Df3Gh5"),
    ],
)  # fmt: skip
def test_secrets_from_every_detector_and_pasted_config(text: str, secret: str) -> None:
    assert found(text) == [secret]


@pytest.mark.parametrize(
    "text",
    [
        "Check https://www.linkedin.com/in/priya-raman-4b7a9c2d1/recent-activity/all/?trk=public_profile_browsemap",
        "I reviewed commit 3f2a9c1e7b8d4f6a0c5e9b2d1a7f3c8e6b4d2a90 and left comments.",
        'The commit "3f2a9c1e7b8d4f6a0c5e9b2d1a7f3c8e6b4d2a90" fixed it.',
        "GIT_COMMIT=3f2a9c1e7b8d4f6a0c5e9b2d1a7f3c8e6b4d2a90",
        f'<img src="data:image/png;base64,{PNG}">',
        "Our internationalization work was counterintuitively straightforward.",
        "DB_PASSWORD=${DB_PASSWORD}",
        "API_KEY=<your key here>",
        "password = get_secret('db')",
        "The request id is 550e8400-e29b-41d4-a716-446655440000.",
        "Role: Senior-Software-Engineer-Platform-Infrastructure",
        "Send the deck to priya.raman@northwind-analytics.example.com please.",
        "Our SDK reads SECRET_KEY from the environment; never paste it.",
        "Public endpoint: 203.0.113.54 behind the load balancer 198.51.100.7",
    ],
)
def test_links_hashes_images_and_config_prose_are_not_secrets(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "secret",
    [
        "sk-proj-Qm4vL9tR2xW8pZ6nK3bY7cJ1hF5dG0sAeT",
        "sk-ant-api03-Zk3pQ9vLr8Tn3Wp6Yb1Hc5Je7Gf0KsAbc",
        "hf_PqRsTuVwXyZaBcDeFgHiJkLmNoPqRsTuVw",
        "github_pat_11ABCDE2F0aBcDeFgHiJkL_mNoPqRsTuVwXyZ",
    ],
)
def test_keys_named_by_their_prefix(secret: str) -> None:
    assert found(f"Use this one for the workshop: {secret} (it has quota)") == [secret]


@pytest.mark.parametrize(
    "text",
    [
        "In the chart it reads password: ${DB_PASS} and the CI fills it in.",
        "password: {{ vault_pw }}",
        "password: $ADMIN_PW",
        "password: %SERVICE_PASSWORD%",
        "The key looks like sk-proj-XXXXXXXXXXXXXXXXXXXXXXXX in the docs.",
        "Set hf_your_token_goes_here_please in the config.",
    ],
)
def test_template_references_and_placeholders_are_not_secrets(text: str) -> None:
    assert found(text) == []
