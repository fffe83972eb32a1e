"""BIOMETRIC, ACCUSATION and DISREGARD_FOLLOWUP."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.accusation import find_accusations
from cockpit.domain.scanner.biometric import find_biometric_requests
from cockpit.domain.scanner.disregard import find_disregard_followups


def texts(text: str, spans: list) -> list[str]:  # type: ignore[type-arg]
    return [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Please record your voice for our AI screening.", "record your voice"),
        ("Upload a short face scan to verify your identity.", "face scan"),
        ("We need your fingerprints for building access.", "fingerprints"),
        ("Send us a voiceprint before the interview.", "voiceprint"),
        ("Complete the retina scan at reception.", "retina scan"),
        ("Submit a facial recognition check with your ID.", "facial recognition"),
        ("Necesitamos tu huella dactilar.", "huella dactilar"),
        ("Merci de nous envoyer vos empreintes digitales.", "empreintes digitales"),
        ("Bitte senden Sie uns Ihren Fingerabdruck.", "Fingerabdruck"),
        ("Precisamos da sua impressão digital.", "impressão digital"),
    ],
)
def test_biometric_requests(text: str, term: str) -> None:
    assert term in texts(text, find_biometric_requests(text))


@pytest.mark.parametrize(
    "text",
    [
        "Our client builds facial recognition software for airports.",
        "Your fingerprint sensor work at Lumen Devices is relevant.",
        "I saw your talk on voice biometrics, great stuff.",
        "Our app supports Face ID login.",
        "We need a facial recognition engineer in Austin.",
        "The voice of the customer program is growing.",
    ],
)
def test_biometric_topics_are_not_requests(text: str) -> None:
    assert find_biometric_requests(text) == []


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Everyone knows your former manager embezzled from the fund.", "embezzled"),
        ("Your old VP was fired for harassment.", "was fired for harassment"),
        ("She stole clients from her last employer.", "stole clients"),
        ("Their CEO is a fraud.", "is a fraud"),
        ("He committed fraud at his last company.", "committed fraud"),
        ("Their founders are liars.", "are liars"),
        ("He was arrested last spring.", "was arrested"),
        ("Tu antiguo jefe malversó fondos.", "malversó"),
        ("Votre ancien directeur est un escroc.", "est un escroc"),
        ("Dein Chef hat Geld unterschlagen.", "hat Geld unterschlagen"),
        ("Ele roubou clientes e é um golpista.", "roubou clientes"),
    ],
)
def test_accusations(text: str, evidence: str) -> None:
    assert evidence in texts(text, find_accusations(text))


@pytest.mark.parametrize(
    "text",
    [
        "Our fraud detection team is hiring a fraud analyst.",
        "Your keynote stole the show.",
        "I sometimes feel like a fraud as a new manager.",
        "We run anti-harassment training and embezzlement prevention workshops.",
        "He was fired up about the launch.",
        "She was let go in the March layoffs.",
        "He's a fraud investigator at Kestrel Pay.",
    ],
)
def test_not_accusations(text: str) -> None:
    assert find_accusations(text) == []


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Please disregard my previous message.", "Please disregard my previous message"),
        ("Ignore my last InMail, sorry!", "Ignore my last InMail"),
        ("That note was sent in error.", "was sent in error"),
        ("Sorry, wrong person!", "Sorry, wrong person"),
        ("Disregard - wrong candidate", "Disregard"),
        ("This message wasn't meant for you.", "wasn't meant for you"),
        ("Por favor ignora mi mensaje anterior.", "Por favor ignora mi mensaje anterior"),
        ("Mon message vous a été envoyé par erreur.", "envoyé par erreur"),
        ("Bitte ignorieren Sie meine letzte Nachricht.", "Bitte ignorieren Sie meine letzte Nachricht"),
        ("Por favor desconsidere a mensagem anterior.", "desconsidere a mensagem anterior"),
    ],
)
def test_disregard_followups(text: str, evidence: str) -> None:
    assert evidence in texts(text, find_disregard_followups(text))


@pytest.mark.parametrize(
    "text",
    [
        "If now isn't the right time, feel free to ignore this note.",
        "Don't disregard your instincts about this role.",
        "I sent you the JD last week.",
        "What went wrong in the last project?",
    ],
)
def test_not_disregard_followups(text: str) -> None:
    assert find_disregard_followups(text) == []
