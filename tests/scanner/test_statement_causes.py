"""BIOMETRIC and ACCUSATION by the cause each rule addresses: conjugations, possessives, figures of
speech, coordinated predicates and prepositional objects (sentences written for these tests, in
no corpus)."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.accusation import find_accusations
from cockpit.domain.scanner.biometric import find_biometric_requests
from cockpit.domain.scanner.grammar import subject_of


def texts(text: str, spans: list) -> list[str]:  # type: ignore[type-arg]
    return [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # Spanish subjunctive and "huella de voz"
        ("Para abrir la cuenta necesitamos que grabes tu voz leyendo dos frases.", "grabes tu voz"),
        ("Te pediremos tu huella de voz en la primera llamada.", "huella de voz"),
        # German "dein-" possessives and imperatives
        ("Am Empfang nehmen wir deine Fingerabdrücke für den Zutritt ab.", "Fingerabdrücke"),
        ("Bitte mach ein Video-Selfie mit deinem Ausweis in der Hand.", "Video-Selfie"),
        ("Schick uns dazu ein Selfie-Video über die App.", "Selfie-Video"),
    ],
)
def test_biometric_requests_in_more_forms(text: str, term: str) -> None:
    assert term in texts(text, find_biometric_requests(text))


@pytest.mark.parametrize(
    "text",
    [
        "Your fingerprints are all over this launch plan, and the team noticed.",
        "The new pricing page has her fingerprints on it.",
        "Please read our policy: we never collect fingerprints.",
    ],
)
def test_figures_of_speech_are_not_biometric_requests(text: str) -> None:
    assert find_biometric_requests(text) == []


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        # a coordinated predicate shares the sentence's subject
        (
            "Our former bookkeeper, Ana Ruiz, ran the payroll for years and hid the losses from us.",
            "hid the losses",
        ),
        ("The regional manager missed every target and concealed the shortfall.", "concealed the shortfall"),
        # property taken on the way out
        ("He took the client list and two laptops when he quit.", "took the client list"),
        # invented figures
        ("Their CFO booked phantom sales in March to meet the loan terms.", "booked phantom sales"),
        ("Elena created fake invoices for a vendor that does not exist.", "created fake invoices"),
        # conjugations: Spanish imperfect and "desvió", Portuguese and Italian imperfects
        ("Su socio desvió pagos de clientes a su cuenta personal.", "desvió pagos"),
        ("Tomás acosaba a las nuevas empleadas.", "acosaba a"),
        ("O gerente assediava as estagiárias.", "assediava"),
        ("Il direttore molestava le stagiste.", "molestava le"),
        # the subject dropped before a prepositional object ("con nosotros")
        ("Mientras trabajaba con nosotros malversó fondos del proyecto.", "malversó"),
    ],
)
def test_accusations_in_more_forms(text: str, evidence: str) -> None:
    assert any(evidence in found for found in texts(text, find_accusations(text))), texts(
        text, find_accusations(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "We took two laptops to the offsite when we left on Friday.",
        "Someone took the projector when they left the room.",
        "The tool finds duplicate records and hides the invoices you already paid.",
        "Our auditors hid nothing: the losses are in the notes.",
        "The training shows how fraudsters book fake revenue, and how to spot it.",
    ],
)
def test_look_alikes_are_not_accusations(text: str) -> None:
    assert find_accusations(text) == []


def test_subject_of_a_coordinated_predicate() -> None:
    text = "Our former controller racked up debt and hid the invoices."
    assert subject_of(text, text.index("hid")) == "person"
    text = "We cleaned the data and hid the test invoices."
    assert subject_of(text, text.index("hid")) == "self"


def test_a_pronoun_after_a_preposition_is_an_object() -> None:
    text = "While he worked with us, stole the designs."
    assert subject_of(text, text.index("stole")) != "self"
