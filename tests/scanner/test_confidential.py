"""CONFIDENTIAL: markings, NDA material and price lists; recruiting idioms and salaries are not."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.confidential import find_confidential


def found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_confidential(text)]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("INTERNAL ONLY - our fee is 18%.", "INTERNAL ONLY"),
        ("Internal use only: margins below.", "Internal use only"),
        ("Please do not forward this.", "do not forward"),
        ("Not for distribution outside the committee.", "Not for distribution"),
        ("This deck is covered by our NDA.", "covered by our NDA"),
        ("The roadmap is strictly confidential.", "strictly confidential"),
        ("CONFIDENTIAL\nQ4 numbers attached", "CONFIDENTIAL"),
        ("Confidential: Q4 numbers attached", "Confidential:"),
        ("Attached are the confidential pricing terms.", "confidential pricing"),
        ("Pasting our client pricing below.", "client pricing"),
        ("Here is the 2027 price list.", "price list"),
        ("See the attached pricing sheet.", "pricing sheet"),
        ("Our rate card for the retainer.", "rate card"),
        ("Documento confidencial, no reenviar.", "confidencial"),
        ("Document confidentiel, merci de ne pas diffuser.", "confidentiel"),
        ("Streng vertraulich, bitte nicht weiterleiten.", "Streng vertraulich"),
        ("Apenas uso interno, não encaminhar.", "Apenas uso interno"),
        ("Anbei die Preisliste.", "Preisliste"),
    ],
)
def test_markings_and_price_lists(text: str, evidence: str) -> None:
    assert evidence in found(text)


def test_price_sheet_shape() -> None:
    text = (
        "Starter tier: $1,200 per seat\nGrowth tier: $950 per seat (volume discount)\n"
        "Enterprise tier: $700 per seat"
    )
    assert found(text) == [text[text.index("$1,200") : text.index("$700") + 4]]


@pytest.mark.parametrize(
    "text",
    [
        "Base $140k-$165k, 15% target bonus, $60k equity over four years.",
        "Salary: base $150k, bonus $20k, equity $50k per year.",
        "I'm running a confidential search for a CTO.",
        "Your interest will be kept confidential.",
        "All conversations are treated confidentially.",
        "Happy to sign an NDA before sharing the company name.",
        "I'm under NDA, so I can't share the client's name yet.",
        "Plans start at $8 per user per month.",
        "Estoy llevando una búsqueda confidencial.",
        "Ihre Bewerbung wird vertraulich behandelt.",
        "Votre candidature sera traitée de manière confidentielle.",
        "We're an international team; the interview is internal to engineering.",
    ],
)
def test_not_confidential(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("These figures aren't public yet, but our Q3 ARR is $14.2M.", "aren't public"),
        ("Pay bands are still internal. Between you and me, Staff tops out at 240.", "are still internal"),
        ("The comp band for this level is internal: $150k to $170k.", "is internal"),
    ],
)
def test_internal_material_passed_on(text: str, evidence: str) -> None:
    assert evidence in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The role is internal, base $150k.",
        "This role is internal-facing, pay is $120k.",
        "Our roadmap is still internal, so I can't share much yet.",
        "Votre candidature restera strictement confidentielle.",
        "Referencias disponibles a título confidencial.",
        "Les échanges se feront de manière confidentielle.",
        "La tua candidatura sarà trattata in via riservata.",
        "References available in confidence on request.",
    ],
)
def test_internal_or_confidential_said_without_disclosing(text: str) -> None:
    assert found(text) == []
