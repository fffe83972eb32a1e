"""NAME_MISMATCH: the greeting names someone other than the recipient."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.greeting import find_name_mismatch
from cockpit.domain.scanner.nicknames import same_person_names


def mismatch(body: str, recipient: str) -> list[str]:
    return [body[s.start : s.end] for s in find_name_mismatch(body, recipient)]


@pytest.mark.parametrize(
    ("body", "recipient"),
    [
        ("Hi Priya,\nThanks!", "Priya Raman"),
        ("hi priya, thanks", "Priya Raman"),
        ("Dear Ms. Raman,", "Priya Raman"),
        ("Dear Dr. Alvarez,", "Dr. José Álvarez"),
        ("Hola José:", "Jose Alvarez"),
        ("Hey Bob!", "Robert Okafor"),
        ("Hi Liz,", "Elizabeth Harper"),
        ("Dear Bill,", "William Turner"),
        ("Hi Kate,", "Katherine Wu"),
        ("Hi Alex!", "Alexandra Petrova"),
        ("Hi Alex!", "Alexander Petrov"),
        ("Hi Mike,", "Michael O'Brien"),
        ("Hello Jim,", "James Cole"),
        ("Hi Sam,", "Samantha Greene"),
        ("Hi Chris,", "Christopher Lee"),
        ("Dear Mr. O'Brien,", "Michael O'Brien"),
        ("Bonjour Anne-Marie,", "Anne-Marie Laurent"),
        ("Sehr geehrter Herr Dr. Mueller,", "Dr. Jonas Müller"),
        ("Guten Tag Frau Weber,", "Katrin Weber"),
        ("Olá João,", "João Silva"),
        ("Bom dia Joao,", "João Silva"),
        ("Buongiorno Giulia,", "Giulia Romano"),
        ("Good morning Maria Fernanda,", "Maria Fernanda Costa"),
        ("Hi Pieter,", "Pieter J. de Vries"),
        ("Hi Priya,", "Priya Raman, PhD"),
        ("Hi Priya,", "Raman, Priya"),
        ("Hi Bob,", "Robert (Bob) Smith"),
        ("Hi Priya Would you be open to a chat?", "Priya Raman"),
        ("Hi Priya Raman!", "Priya Raman"),
        ("Hi JR, quick question", "Jordan Reyes"),
        ("hi jordan! saw your talk", "Jordan Reyes"),
        ("Hi Jose,", "José Álvarez"),
        ("Hi JOSÉ,", "Jose Alvarez"),
        ("Hey Bobby,", "Robert Okafor"),
        ("Hi Kate,", "Catherine Wu"),
        ("Hi Raj,", "Rajesh Kumar"),
        ("Hola Paco,", "Francisco Ruiz"),
    ],
)
def test_the_recipient_under_one_of_their_names(body: str, recipient: str) -> None:
    assert mismatch(body, recipient) == []


@pytest.mark.parametrize(
    ("body", "recipient", "named"),
    [
        ("Hi Jason,\nThanks!", "Priya Raman", "Jason"),
        ("hey maria, congrats!", "Nora Svensson", "maria"),
        ("Dear Mrs. Patterson,", "Samantha Greene", "Patterson"),
        ("Hi Priya Shah,", "Priya Raman", "Priya Shah"),
        ("Hi Jim,", "Robert Okafor", "Jim"),
        ("Hey Karen!", "Katherine Wu", "Karen"),
        ("Hola Carmen,", "Lucía Fernández", "Carmen"),
        ("Bonjour Élodie,", "Camille Durand", "Élodie"),
        ("Hallo Stefan,", "Jonas Müller", "Stefan"),
        ("Olá Pedro,", "João Silva", "Pedro"),
        ("Buongiorno Francesca,", "Giulia Romano", "Francesca"),
        ("Hi Priyanka,", "Priya Raman", "Priyanka"),
        ("Hi Elisabetta,", "Elizabeth Harper", "Elisabetta"),
        ("Good afternoon Mr. Chen,", "Priya Raman", "Chen"),
        ("Hi Jason from Acme,", "Priya Raman", "Jason"),
        ("Hi Jason Would you be open?", "Priya Raman", "Jason"),
        ("Hi Daniel,", "Danielle Moore", "Daniel"),
        ("Hi Dan,", "Danielle Moore", "Dan"),
        ("Hi Chris,", "Christabel Hart", "Chris"),
        ("Hi JR,", "Priya Raman", "JR"),
        ("Hi Jason 👋", "Priya Raman", "Jason"),
    ],
)
def test_someone_else(body: str, recipient: str, named: str) -> None:
    assert mismatch(body, recipient) == [named]


@pytest.mark.parametrize(
    "body",
    [
        "Hi there,",
        "Hi team,",
        "Hello all,",
        "Hello everyone!",
        "Dear Hiring Manager,",
        "Dear Sir or Madam,",
        "Hola a todos,",
        "Hallo zusammen,",
        "Hi, I'm Marco from Spendlens.",
        "Hi, Dana from Northwind here with a quick question.",
        "Hello, Dana with Hollowbrook Talent reaching out.",
        "Hello, Dana here from Hollowbrook.",
        "Hi Larkspur team,",
        "Greetings from Austin!",
        "Good morning from Berlin,",
        "Quick one: worth a call, Jason?",
        "Hi {{first_name}},",
        "Hi [First Name],",
        "Hi ,ohk",
        "hi ohk let me know",
        "Hey man! Saw your post.",
        "Hello Brother!",
        "Hey dude, quick one",
        "Hi team",
        "Hi all",
        "Hi All 👋",
        "Hi I’m Sam from Acme, quick question.",
        "Hi I'm Sam",
        "Hi 👋 hope you're well",
        "Hey 😊",
        "Hi USER-FIRST-NAME,",
        "Hi FIRST_NAME,",
        "",
    ],
)
def test_no_name_no_mismatch(body: str) -> None:
    assert mismatch(body, "Priya Raman") == []


def test_only_the_first_greeting_counts() -> None:
    body = "Hi Priya,\n\nMy colleague will write to you.\nHi Jason, he said."
    assert mismatch(body, "Priya Raman") == []


def test_empty_recipient_is_not_judged() -> None:
    assert mismatch("Hi Jason,", "") == []


def test_nickname_table() -> None:
    assert same_person_names("bob", "robert")
    assert same_person_names("robert", "bob")
    assert same_person_names("liz", "elizabeth")
    assert not same_person_names("jim", "robert")
    assert not same_person_names("unknown", "robert")
    assert same_person_names("bill", "william")
    assert same_person_names("kate", "katherine")
    assert same_person_names("alex", "alexander")
    assert same_person_names("alex", "alexandra")
    assert same_person_names("pepe", "jose")
    assert not same_person_names("daniel", "danielle")


@pytest.mark.parametrize(
    ("body", "recipient"),
    [
        ("Salut Nico,", "Nicolas Girard"),
        ("Coucou Manu !", "Emmanuelle Roy"),
        ("Ciao Gianni,", "Giovanni Rossi"),
        ("Hallo Sepp,", "Josef Huber"),
        ("Hallo Hannes,", "Johannes Vogel"),
        ("Hola Quique,", "Enrique Soto"),
        ("Olá Zé,", "José Pereira"),
    ],
)
def test_short_forms_in_other_languages(body: str, recipient: str) -> None:
    assert mismatch(body, recipient) == []


@pytest.mark.parametrize(
    ("body", "recipient", "named"),
    [
        ("Hey Bill,", "Robert Hale", "Bill"),
        ("Hi Rupert,", "Robert Hale", "Rupert"),
        ("Hi Polly,", "Paul Weber", "Polly"),
    ],
)
def test_old_genealogical_links_are_someone_else(body: str, recipient: str, named: str) -> None:
    assert mismatch(body, recipient) == [named]
    assert not same_person_names(named.lower(), recipient.split()[0].lower())
