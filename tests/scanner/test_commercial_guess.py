"""Everyday sales phrasing, opt-out instructions, addresses outside the US/EU core, "[ADV]"."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.address import has_postal_address
from cockpit.domain.scanner.commercial import infer_commercial
from cockpit.domain.scanner.optout import has_adv_label, has_opt_out


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Hi Dana, I help SaaS teams like yours get SOC 2 ready in six weeks.",
            "pitches a product or service",
        ),
        ("We work with companies like yours to automate accounts payable.", "pitches a product or service"),
        ("Trusted by 2,000+ companies in retail.", "pitches a product or service"),
        ("We cut cloud bills 30% for Series B startups.", "claims results for customers"),
        ("We've helped 40 logistics firms reduce empty miles by 18%.", "claims results for customers"),
        ("Our customers typically see a 3x return within a quarter.", "claims results for customers"),
        ("Worth 15 minutes next week?", "asks for a sales call"),
        ("Can I book a call for Thursday?", "asks for a sales call"),
        ("Shall we schedule a 20-minute call on Tuesday?", "asks for a sales call"),
        (
            "We're opening early access to our forecasting tool for ten finance teams.",
            "offers early access or a pilot",
        ),
        ("Happy to set up a free pilot with your ops team.", "offers early access or a pilot"),
        ("It's $49/month per location, cancel anytime.", "states a monthly price"),
        ("Happy to demo it whenever suits.", "asks to book a demo"),
        ("I'd love to walk you through our dashboard.", "asks to book a demo"),
        ("Happy to send over pricing if useful.", "states prices"),
        ("It costs $2,400 a year for the whole team.", "states prices"),
        ("Save 20% if you sign before the 30th.", "promotes an offer or discount"),
        ("No setup fees until March.", "promotes an offer or discount"),
    ],
)
def test_everyday_sales_phrasing_is_commercial(text: str, reason: str) -> None:
    assert reason in infer_commercial(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Sam, I'm a Staff Engineer at Fernwood and loved your talk on Postgres vacuuming. "
        "Would be great to connect.",
        "We're hiring a Head of Data. Our platform helps 3 million drivers; the role pays $210k base. "
        "Worth 15 minutes to chat about it?",
        "Our team cut deploy times by 60% last year and we're hiring two SREs. Interested in the role?",
        "We reduced p99 latency 40% last quarter; the position is fully remote. Can I book a call?",
        "I'm an airline pilot moving into product management and would love your advice.",
        "Congrats on the new role! Let's catch up sometime.",
        "Thanks for the intro to Maya, I'll reach out to her this week.",
        "I'm organising a meetup for data engineers in Lisbon next month; would you like to speak?",
        "Would you be open to a quick chat about your move from consulting to product?",
        "The contract is $95/hour for six months, fully remote. Interview next week?",
        "The stipend is $4,000/month for the summer internship; applications close Friday.",
        "I unsubscribed from twenty newsletters this week and my inbox finally breathes.",
    ],
)
def test_recruiting_and_networking_stay_non_commercial(text: str) -> None:
    assert infer_commercial(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Unsubscribe: https://trackwise.io/u/8812",
        "Click here to unsubscribe.",
        "If this isn't relevant, let me know and I won't contact you again.",
        "Reply 'no thanks' and I'll stop.",
        'Just reply "no" and I\'ll take you off my list.',
        "You can opt out of these messages at any time by replying OPT OUT.",
        "Not a fit? Let me know and I'll stop reaching out.",
        "Best,\nTheo\n\nUnsubscribe\n",
        "Opt out here: acme.io/optout",
        "Cliquez ici pour vous désabonner.",
        "Si prefieres no recibir más mensajes, puedes darte de baja respondiendo BAJA.",
    ],
)
def test_opt_out_instructions(text: str) -> None:
    assert has_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "I unsubscribed from twenty newsletters this week.",
        "Employees can opt out of 401(k) auto-enrollment during the first 30 days.",
        "Our app lets users opt out of tracking with one tap.",
        "We built the unsubscribe flow for a large retailer.",
        "Je me suis désabonné de tout cette année.",
    ],
)
def test_opt_out_keywords_are_not_instructions(text: str) -> None:
    assert not has_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "Brightpath Pte Ltd\n1 Raffles Place, #20-61 One Raffles Place Tower 2, Singapore 048616",
        "Kelas Digital Sdn Bhd, Level 15, Menara 1 Sentrum, 201 Jalan Tun Sambanthan, 50470 Kuala Lumpur, "
        "Malaysia",
        "Tuiaki Ltd, Level 2, 45 Queen Street, Auckland 1010, New Zealand",
        "Gridline Pty Ltd, Level 10, 123 Pitt Street, Sydney NSW 2000",
        "4th Floor, Prestige Tower, 12 MG Road, Bengaluru 560001, Karnataka, India",
        "Tidewell Ltd, 5 Hanover Quay, Grand Canal Dock, Dublin 2, D02 X285, Ireland",
        "Keizersgracht 123, 1015 CJ Amsterdam",
        "Via Roma 10, 00184 Roma RM",
        "ul. Marszałkowska 10, 00-590 Warszawa",
        "Václavské náměstí 1, 110 00 Praha 1",
        "Gulfbridge FZ-LLC, P.O. Box 502211, Dubai, United Arab Emirates",
        "1 Sandton Drive, Sandton, 2196, South Africa",
        "Drottninggatan 5, 111 51 Stockholm",
    ],
)
def test_addresses_around_the_world(text: str) -> None:
    assert has_postal_address(f"Best regards,\n{text}\nReply STOP to opt out.")


@pytest.mark.parametrize(
    "text",
    [
        "We cut cloud bills 30% for 4000 teams. Worth 15 minutes?",
        "I help 12 teams like yours get SOC 2 ready by 2026.",
        "Our 2025 roadmap ships in Q3; 150 customers in Germany use it.",
        "We have 3 offices in Singapore, Sydney and London.",
        "Call me on 0412 345 678.",
    ],
)
def test_numbers_and_countries_are_not_addresses(text: str) -> None:
    assert not has_postal_address(text)


@pytest.mark.parametrize(
    "subject", ["[ADV] 20% off fleet telematics", "(ADV) Fleet telematics", "ADV - Q4 offer"]
)
def test_bracketed_adv_label(subject: str) -> None:
    assert has_adv_label(subject)


def test_adv_needs_a_label_not_a_word() -> None:
    assert not has_adv_label("Advanced fleet telematics")
    assert not has_adv_label("ADVANCE: fleet telematics")
