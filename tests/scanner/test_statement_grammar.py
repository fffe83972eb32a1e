"""BIOMETRIC, ACCUSATION and DISREGARD_FOLLOWUP read as requests, claims and follow-ups.

Word order, tense, negation and who the sentence is about decide, not a fixed phrase.
"""

from __future__ import annotations

import pytest

from cockpit.domain.scanner import scan
from cockpit.domain.scanner.accusation import find_accusations
from cockpit.domain.scanner.biometric import find_biometric_requests
from cockpit.domain.scanner.disregard import find_disregard_followups
from cockpit.policy import Policy
from tests.scanner.helpers import message


def texts(text: str, spans: list) -> list[str]:  # type: ignore[type-arg]
    return [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("For the site visit, fingerprints are required at the front desk.", "fingerprints"),
        ("Next, scan your face with the Veriff app so we can match it to your passport.", "scan your face"),
        ("Please record a short video selfie holding your ID.", "video selfie"),
        ("A hand scan is mandatory before you enter the lab.", "hand scan"),
        ("Your palm scan will be collected on day one.", "palm scan"),
        ("Please provide a voice sample for verification before the call.", "voice sample"),
        ("To complete onboarding, an iris scan is needed.", "iris scan"),
        ("We need a selfie video to verify your identity.", "selfie video"),
        ("Las huellas dactilares son obligatorias para el acceso.", "huellas dactilares"),
        ("Les empreintes digitales sont requises pour le badge.", "empreintes digitales"),
        ("Fingerabdrücke sind für den Zutritt erforderlich.", "Fingerabdrücke"),
        ("Por favor, escaneie seu rosto no aplicativo.", "escaneie seu rosto"),
        ("Merci de scanner votre visage avant l'entretien.", "scanner votre visage"),
    ],
)
def test_biometric_requests_in_either_order(text: str, term: str) -> None:
    assert term in texts(text, find_biometric_requests(text))


@pytest.mark.parametrize(
    "text",
    [
        "I scanned the document and attached it.",
        "Would love to meet face-to-face next week.",
        "Let's face it, hiring is hard this quarter.",
        "The fingerprints of our design team are all over this product.",
        "We use facial recognition in our product for faster check-in.",
        "No fingerprints are required, just your ID.",
        "We will never ask for your fingerprints.",
        "A face scan is not required for this role.",
        "Our readers scan your fingerprint in 0.3 seconds.",
    ],
)
def test_biometric_descriptions_and_refusals_are_not_requests(text: str) -> None:
    assert find_biometric_requests(text) == []


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Jennifer Hale stole the client list from her last firm.", "stole the client list"),
        ("Be careful, Marco is a fraudster.", "is a fraudster"),
        ("Their regional director was sexually harassing two interns.", "was sexually harassing"),
        ("That design was mine and Priya stole it.", "stole it"),
        ("Your former manager allegedly stole from the petty cash.", "stole from"),
        ("The candidate faked his references.", "faked his references"),
        ("Their CFO has a criminal record.", "has a criminal record"),
        ("He lied about his degree on the application.", "lied about"),
        ("Tom Reyes was fired for falsifying timesheets.", "was fired for falsifying timesheets"),
        ("I heard she embezzled nearly $200k.", "embezzled"),
        ("Everyone knows he bribed the inspector.", "bribed the inspector"),
        ("Their founder cheated investors out of millions.", "cheated investors"),
        ("She was harassed by her manager for months.", "harassed by her"),
        ("Their sales team stole our clients.", "stole our clients"),
    ],
)
def test_accusations_of_a_person(text: str, evidence: str) -> None:
    assert evidence in texts(text, find_accusations(text))


@pytest.mark.parametrize(
    "text",
    [
        "This deal is a steal at $49 per seat.",
        "Our tool steals the show at every demo.",
        "The thief in the film was my favourite character.",
        "We were robbed in the final, but the team played well.",
        "Funds were stolen from several accounts in the 2023 breach.",
        "Theft is up 20% in retail this year, which is why we built this.",
        "She was cleared of all fraud allegations last spring.",
        "He never stole anything from anyone.",
        "Jennifer did not steal the client list; that rumour is false.",
        "He is not a thief, whatever people say.",
        "It stole my heart the first time I visited.",
        "The algorithm lies about nothing: every figure is audited.",
        "He was falsely accused of fraud and fully cleared.",
        "She is a criminal defense lawyer in Chicago.",
        "Customer funds were embezzled during the 2019 breach.",
    ],
)
def test_not_accusations_of_a_person(text: str) -> None:
    assert find_accusations(text) == []


def test_seed_defamation_example_fires(scanner_policy: Policy) -> None:
    body = "Hi Sam,\n\nBetween us, Jennifer Hale stole the client list from her last firm.\n\nDana"
    findings = [f for f in scan(message(body), scanner_policy).findings if f.code == "ACCUSATION"]
    assert [f.evidence for f in findings] == ["stole the client list"]
    (finding,) = findings
    assert body[finding.start : finding.end] == finding.evidence


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Please disregard my previous patch, the tests were failing.", "Please disregard my previous patch"),
        ("Ignore the earlier attachment, it had last year's numbers.", "Ignore the earlier attachment"),
        ("Please disregard the link I sent, it points to the old deck.", "Please disregard the link I sent"),
        ("Kindly ignore my last one, wrong deck.", "Kindly ignore my last one"),
        ("Por favor, ignora el archivo anterior.", "ignora el archivo anterior"),
        ("Merci d'ignorer mon dernier lien.", "ignorer mon dernier lien"),
        ("Bitte ignorieren Sie den vorherigen Anhang.", "ignorieren Sie den vorherigen Anhang"),
        ("Por favor, desconsidere o arquivo anterior.", "desconsidere o arquivo anterior"),
    ],
)
def test_disregard_any_earlier_item(text: str, evidence: str) -> None:
    assert evidence in texts(text, find_disregard_followups(text))


@pytest.mark.parametrize(
    "text",
    [
        "Great teams learn to disregard the noise and ship.",
        "Feel free to disregard if not relevant.",
        "Feel free to ignore this if the timing is off.",
        "Don't ignore the previous quarter's churn numbers when you plan.",
    ],
)
def test_not_disregard_followups_in_a_first_message(text: str) -> None:
    assert find_disregard_followups(text) == []


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Between us, Tom got fired from Acme last year for groping a client.", "got fired from Acme"),
        ("I heard Dana was dismissed after bullying interns.", "was dismissed after bullying"),
        ("Word is that Lena was let go for leaking the roadmap.", "was let go for leaking"),
        ("Priya leaked the board deck to a reporter.", "leaked the board deck"),
        ("He's the one who sold our customer list to a rival.", "sold our customer list"),
        ("Mark stole my laptop at the offsite.", "stole my laptop"),
        ("Ojo con Luis Pardo: robó dinero de la caja y falsificó las facturas.", "falsificó las facturas"),
        ("Carla fue despedida de su empresa por acosar a un becario.", "fue despedida"),
        ("Occhio a Paolo Neri, ha rubato i dati dei clienti.", "ha rubato i dati"),
        ("Sara è stata licenziata dalla banca per furto.", "è stata licenziata dalla banca per furto"),
        ("Luca è un truffatore, stai attento.", "è un truffatore"),
        ("Julien a falsifié ses notes de frais.", "a falsifié ses notes"),
        ("Herr Braun wurde letztes Jahr verhaftet.", "wurde letztes Jahr verhaftet"),
        ("Rui falsificou o diploma.", "falsificou o diploma"),
        ("She stole half the clients from my book of business.", "stole half"),
    ],
)
def test_accusations_in_other_wordings(text: str, evidence: str) -> None:
    assert any(evidence in found for found in texts(text, find_accusations(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Someone stole my bike outside the office, so I'm late.",
        "A guy stole my wallet on the subway this morning.",
        "Somebody leaked the news early, so the launch is public.",
        "Alguien me robó el móvil en el metro.",
        "The villain in the film embezzles from his own charity.",
        "In the novel, the butler steals the family jewels.",
        "Marco non ha rubato niente, è stato scagionato.",
        "Il nuovo modello ha rubato la scena al salone.",
        "Marco ha sottratto tempo al progetto per aiutarci.",
        "The news leaked to the press on Monday.",
        "Jen leaked the news of her promotion at lunch.",
        "He sold his startup to a competitor in 2021.",
        "She was let go after ten years for restructuring.",
    ],
)
def test_not_accusations_against_someone_identifiable(text: str) -> None:
    assert find_accusations(text) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Before your first shift, HR will enroll your fingerprint for clock-in.", "fingerprint"),
        (
            "The next step is a recorded assessment; the software measures your facial micro-expressions.",
            "measures your facial micro",
        ),
        ("During the video screening, our AI evaluates your tone of voice.", "evaluates your tone of voice"),
        ("Per l'accesso servono le impronte digitali.", "impronte digitali"),
        ("Le impronte digitali sono obbligatorie per il badge.", "impronte digitali"),
        ("Ti chiediamo un campione vocale per la verifica.", "campione vocale"),
    ],
)
def test_biometric_requests_phrased_differently(text: str, term: str) -> None:
    assert term in texts(text, find_biometric_requests(text))


@pytest.mark.parametrize(
    "text",
    [
        "Our software measures your facial expressions in real time, see the demo deck.",
        "Il nostro team sviluppa sistemi di riconoscimento facciale.",
        "Our app supports fingerprint login on every phone.",
    ],
)
def test_biometric_products_are_not_requests(text: str) -> None:
    assert find_biometric_requests(text) == []


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Prière de ne pas tenir compte de mon dernier mail.", "ne pas tenir compte de mon dernier mail"),
        ("Veuillez ne pas prendre en compte le fichier précédent.", "ne pas prendre en compte le fichier"),
        ("Por favor, no tengas en cuenta el correo que te mandé.", "no tengas en cuenta el correo"),
        ("Haga caso omiso de mi último mensaje.", "Haga caso omiso de mi último mensaje"),
        ("Bitte beachten Sie meine vorherige Nachricht nicht.", "meine vorherige Nachricht nicht"),
        ("Por favor, não leve em conta a mensagem anterior.", "não leve em conta a mensagem anterior"),
        ("Scusa, ignora la mail che ti ho mandato.", "ignora la mail che ti ho mandato"),
        ("Il messaggio ti è stato inviato per errore.", "inviato per errore"),
    ],
)
def test_disregard_said_as_do_not_take_into_account(text: str, evidence: str) -> None:
    assert evidence in " ".join(texts(text, find_disregard_followups(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Ne tenez pas compte du trimestre précédent, il était atypique.",
        "No tengas en cuenta el año anterior, fue atípico.",
        "Ignora il mese precedente nei calcoli.",
    ],
)
def test_periods_are_not_earlier_messages(text: str) -> None:
    assert find_disregard_followups(text) == []
