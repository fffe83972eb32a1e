"""Commercial inference, opt-outs, the Texas ADV label and postal addresses."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.address import has_postal_address
from cockpit.domain.scanner.commercial import infer_commercial
from cockpit.domain.scanner.optout import has_adv_label, has_opt_out


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Start a 30-day free trial today.", "offers a free trial"),
        ("Get 20% off your first year.", "promotes an offer or discount"),
        ("Use promo code WINTER26.", "promotes an offer or discount"),
        ("This is a limited time offer.", "time-limited offer"),
        ("Could I book a 15-minute demo next week?", "asks to book a demo"),
        ("Plans start at $8 per user per month.", "states prices"),
        ("Our fee is only $9,000 per hire.", "states prices"),
        ("Our platform helps HR teams cut onboarding time.", "pitches a product or service"),
        ("We help companies like yours close faster.", "pitches a product or service"),
        ("Nuestra plataforma automatiza la facturación.", "pitches a product or service"),
        ("Notre solution aide les agences.", "pitches a product or service"),
        ("Unsere Plattform hilft Händlern.", "pitches a product or service"),
        ("Nossa plataforma ajuda restaurantes.", "pitches a product or service"),
        ("Jetzt 30 Tage kostenlos testen.", "offers a free trial"),
        ("Buy now and save.", "calls to buy or sign up"),
    ],
)
def test_commercial_reasons(text: str, reason: str) -> None:
    assert reason in infer_commercial(text)


@pytest.mark.parametrize(
    "text",
    [
        "We're hiring a Staff Data Engineer. The range is $185k-$210k base plus equity.",
        "Our platform is used by 40 million people and we're hiring a Staff Engineer.",
        "Our product team is growing; interviews start next week.",
        "Store Manager role: $75k base, a clear promotion path and a 30% employee discount.",
        "Salário de R$ 25.000 a R$ 30.000 por mês, modelo híbrido.",
        "Feel free to reach out. Thanks for the intro!",
        "Contract role at $95/hour for six months.",
        "",
    ],
)
def test_not_commercial(text: str) -> None:
    assert infer_commercial(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Reply STOP to unsubscribe.",
        "To opt out of future messages, reply.",
        "Let me know if you'd rather not hear from me again.",
        "No longer wish to receive these? Tell us.",
        "Not interested? Just reply and I won't contact you again.",
        "Si no desea recibir más mensajes, responda BAJA.",
        "Pour vous désinscrire, répondez STOP.",
        "Sie möchten keine weiteren Nachrichten? Hier abmelden.",
        "Para se descadastrar, responda SAIR.",
    ],
)
def test_opt_outs(text: str) -> None:
    assert has_opt_out(text)


@pytest.mark.parametrize(
    "text",
    ["Looking forward to hearing from you.", "Stop by our booth at the fair!", "Questions? Reply here."],
)
def test_not_opt_outs(text: str) -> None:
    assert not has_opt_out(text)


def test_adv_label() -> None:
    assert has_adv_label("ADV: 20% off telematics")
    assert has_adv_label("ADV - Holiday catering")
    assert has_adv_label("  ADV:Catering")
    assert not has_adv_label("Advanced telematics")
    assert not has_adv_label("Offer inside (ADV:)")


@pytest.mark.parametrize(
    "text",
    [
        "Onboardly Inc., 1200 Market Street, Suite 400, San Francisco, CA 94103",
        "Onboardly Inc.\n1200 Market Street\nSan Francisco, CA 94103",
        "Gearhouse Robotics, 55 Water Street, New York, NY 10041",
        "Jenna Holt, Trackwise\nPO Box 4410, Austin, TX 78765",
        "Fresh Table Co., P.O. Box 872, Portland, OR 97207",
        "Northstar Backup, 100 Queen Street West, Toronto, Ontario M5H 2N2",
        "Greenleaf Interiors, 14 Curtain Road, London EC2A 3NH",
        "Lagerbox GmbH, Friedrichstraße 123, 10117 Berlin",
        "Facturia S.L., Calle de Alcalá 45, 28014 Madrid",
        "Paysage SAS, 12 rue de la Paix, 75002 Paris",
        "Faturix Lda., Rua Augusta 100, 1100-053 Lisboa",
        "Caixinha Ltda., Avenida Paulista, 1000, Bela Vista, São Paulo - SP, 01310-100",
    ],
)
def test_postal_addresses(text: str) -> None:
    assert has_postal_address(f"Thanks,\nDana\n{text}\nReply STOP to opt out.")


@pytest.mark.parametrize(
    "text",
    [
        "We have offices in Austin, TX and San Francisco.",
        "Call me at (512) 555-0147. Order 94103 shipped.",
        "Our team of 12000 engineers works remotely.",
        "Visit us at booth 12 at the fair.",
    ],
)
def test_not_postal_addresses(text: str) -> None:
    assert not has_postal_address(text)
