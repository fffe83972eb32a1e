"""Outreach that sells the sender's own product or service, and the look-alikes that do not."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.address import has_postal_address
from cockpit.domain.scanner.commercial import infer_commercial
from cockpit.domain.scanner.optout import has_opt_out


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # a service offered to a kind of business
        ("We lease forklifts to warehouses across Ohio.", "pitches a product or service"),
        ("I design brand identities for craft breweries.", "pitches a product or service"),
        ("We place interim CFOs with PE-backed companies.", "pitches a product or service"),
        ("I've been helping mid-market lenders with loan audits.", "pitches a product or service"),
        ("Our scheduling tool flags double bookings before they happen.", "pitches a product or service"),
        ("Used by 1,200 veterinary clinics.", "pitches a product or service"),
        ("Ayudamos a clínicas dentales a llenar su agenda.", "pitches a product or service"),
        ("Nous aidons les cabinets comptables à automatiser la saisie.", "pitches a product or service"),
        ("Wir helfen Kanzleien bei der Digitalisierung.", "pitches a product or service"),
        ("Unsere Kassensoftware spart Bäckereien zwei Stunden am Tag.", "pitches a product or service"),
        ("Nós ajudamos lojas online a recuperar carrinhos.", "pitches a product or service"),
        ("Onze boekhoudsoftware helpt zzp'ers met btw-aangifte.", "pitches a product or service"),
        # prices of a unit or a service, in every language
        ("Each audit is $1,400 per site, report in three days.", "states prices"),
        ("Portraits from $90 each, retouching included.", "states prices"),
        ("We cater team lunches: boxes from $12 per person.", "states prices"),
        ("Packages start at $3,000.", "states prices"),
        ("Cleaning costs $0.12 per square foot.", "states prices"),
        ("Mantenimiento desde 45 € al mes por ascensor.", "states prices"),
        ("Notre outil coûte 6 € par utilisateur et par mois.", "states prices"),
        ("Übersetzungen ab 0,08 € pro Wort.", "states prices"),
        ("Contabilidade a partir de R$ 400 por mês.", "states prices"),
        ("Onze app kost 12 euro per maand.", "states prices"),
        # customer results without a "we"
        ("Recently helped a bakery chain lift online orders 35%.", "claims results for customers"),
        # quotes, proposals, partner deals, webinars, calls to sign up, "ADV"
        ("Want a free quote for the renovation?", "offers a quote or proposal"),
        ("I can send the media kit if useful.", "offers a quote or proposal"),
        ("¿Le envío un presupuesto sin compromiso?", "offers a quote or proposal"),
        ("Partners earn a recurring commission on each client.", "offers a partnership or referral deal"),
        ("Download our free checklist for GDPR audits.", "promotes a webinar or free content"),
        ("Spring sale on desks.\n\nShop now: deskly.com/spring", "calls to buy or sign up"),
        ("[ADV] Catering for your offsite\n\nHi Jo, menus attached.", "labelled as an advertisement"),
        ("Spring menus (ADV)\n\nHi Jo, menus attached.", "labelled as an advertisement"),
        # demos in every language
        ("Hi Sam, want a demo?", "asks to book a demo"),
        ("Could I show you a 20-minute demo on Friday?", "asks to book a demo"),
        ("¿Te muestro una demo el jueves?", "asks to book a demo"),
        ("Une démo de 15 minutes vous tenterait ?", "asks to book a demo"),
        ("Zullen we een demo inplannen?", "asks to book a demo"),
        # waived fees and a first job for free
        ("No placement fee for the first hire.", "promotes an offer or discount"),
        ("We'll do your first inspection for free.", "promotes an offer or discount"),
    ],
)
def test_outreach_that_sells(text: str, reason: str) -> None:
    assert reason in infer_commercial(text)


@pytest.mark.parametrize(
    "text",
    [
        # an offering with a call request or a customer's result, none decisive alone
        "We monitor rooftop solar output and catch faults early. Brightfarm recovered $40k last "
        "year. Could we grab 15 minutes?",
        "Acme cut its shipping costs 22% after switching to us. Open to a quick call?",
        "Ofrecemos mantenimiento preventivo de grúas. ¿Le va bien una llamada de 10 minutos?",
        "Wir bieten Wartung für Kühlanlagen. Hätten Sie Zeit für ein kurzes Telefonat?",
        # the recipient's hiring is a reason to sell, not a job pitch
        "I noticed Brightpath is hiring SDRs. We train new SDR teams in four weeks. Worth 15 minutes?",
    ],
)
def test_cues_that_sell_together(text: str) -> None:
    assert infer_commercial(text)


@pytest.mark.parametrize(
    "text",
    [
        # recruiting
        "We build payments infrastructure for banks and we're hiring a Staff Engineer. Open to a quick chat?",
        "I place senior engineers at fintech startups. Are you open to new roles?",
        "Our client helps hospitals cut readmissions 20% and is hiring a VP Engineering. Quick call?",
        "Are you open to contract work? Six months of UX research, $90/hour, remote.",
        "Hola Ana, te escribo por una vacante de analista. ¿Te encaja una llamada de 15 minutos?",
        "Hallo Jan, wir suchen eine Data Engineerin. Hätten Sie Zeit für ein kurzes Gespräch?",
        # networking, press, thanks
        "Congrats on the Series B! I saw Fernway cut churn 30% last year. Would love a quick chat.",
        "Great to meet you at the conference. Want to grab 15 minutes next week to compare notes?",
        "I'm a freelance journalist writing about fintech. Could we do a 20-minute call?",
        "Thanks for the session, it saved my team 10 hours a week. Coffee soon?",
        "Hey Priya, we're running a meetup for data teams in Lisbon. Would you speak?",
        "We're organising a charity 5k on May 3; entry is $25 per runner. Would you join?",
        # customer support, bills, expenses, pay
        "Your plan costs $49 a month and renews on June 1; nothing to do on your side.",
        "Sorry about the outage. We refunded $50 and our platform will be back to normal tonight.",
        "Thanks for the quick call today. I'll send the proposal on Monday as agreed.",
        "The hotel is $180 a night, book it on the company card.",
        "The offsite is $200 per person and the company covers it.",
        "The contract pays $95 an hour for six months.",
        "The conference ticket is $450 each; our L&D budget covers two.",
        "Price is $20 for the book club dinner, pay me at the door.",
        "We do quarterly reviews with our teams in March, so replies will be slow.",
        "Hi Sam, you can try the platform with the demo login before the panel.",
    ],
)
def test_look_alikes_stay_non_commercial(text: str) -> None:
    assert infer_commercial(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Unsubscribe from Acme product updates here: acme.io/u",
        "Not a fit? Tell me and I won't follow up.",
        "Let us know and we won't contact you again.",
        "Afmelden: plannr.nl/afmelden",
        "Liever geen berichten meer ontvangen? Meld je hier af.",
        "Si no le interesa, responda BAJA.",
        "Pour arrêter, répondez « STOP ».",
        "Antworten Sie mit STOP.",
    ],
)
def test_more_opt_out_instructions(text: str) -> None:
    assert has_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "I won't follow up until Monday.",
        "Let me know and I'll follow up with the details.",
        "You can unsubscribe from newsletters in settings.",
        "Je moet je afmelden voor het evenement.",
        "Responde lo antes posible, para la baja médica.",
    ],
)
def test_more_opt_out_look_alikes(text: str) -> None:
    assert not has_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "Belegfix GmbH, Mariahilfer Straße 47, 1060 Wien, Österreich",
        "Kanzlei Huber, Bahnhofstrasse 10, 8001 Zürich",
        "Paywise Inc., 1155 Rue Metcalfe, Suite 1500, Montréal, QC H3B 2V6",
        "Atelier Roy, 250 avenue Laurier Ouest, Ottawa ON K1R 5J5, Canada",
    ],
)
def test_austrian_swiss_and_quebec_addresses(text: str) -> None:
    assert has_postal_address(f"Best,\nAnna\n{text}")


@pytest.mark.parametrize(
    "text",
    ["Meet me at 12 rue du Bac next week.", "Seit 2019 in der Hauptstraße, 1200 Kunden."],
)
def test_street_names_alone_are_not_addresses(text: str) -> None:
    assert not has_postal_address(text)
