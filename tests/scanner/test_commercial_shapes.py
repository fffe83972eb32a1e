"""Sales pitches and their look-alikes, by the cause each rule addresses (sentences written for
these tests, in no corpus)."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.commercial import infer_commercial
from cockpit.domain.scanner.optout import has_adv_label


@pytest.mark.parametrize(
    "text",
    [
        # a hyphenated compound after the verb is an object, not "a call" / "time"
        "We built a call-tracking app for roofers. Dovecote Roofing booked 40% more jobs with it. "
        "Shall I send a short video?",
        "We built a call-scoring tool for clinics. Shall I send a sample report?",
        # the plural offering: "our cards give", "our sensors cut"
        "Our smart meters cut standby power for office buildings. Shall I send the spec sheet?",
        "Our fleet cards give drivers 4 cents off every gallon. Want me to set up an account?",
        # first person plural verbs without "we" (Spanish, Portuguese, Italian), "nous", "wir"
        "Reparamos montacargas en Monterrey en menos de 24 horas. ¿Le envío una cotización?",
        "Protegemos lojas virtuais contra fraude no checkout. Posso enviar uma proposta?",
        "Ripariamo caldaie industriali in Lombardia. Le andrebbe un preventivo?",
        "Nous recyclons les cartouches d'encre des cabinets. Seriez-vous disponible jeudi ?",
        "Wir prüfen Aufzüge in Bürogebäuden. Hätten Sie Interesse an einem Angebot?",
        # a product that turns the reader's thing into something else, with a proof
        "Quillmark turns it into a signed PDF in seconds; Ashgrove Legal halved their turnaround. "
        "Would it help if I recorded a walkthrough?",
        # customers already using it, a before-and-after
        "We built Tallyhop for warehouse counts, and three distributors have been using it since May.",
        "We make rostering software; Pine Street Clinic now closes rosters in 2 days instead of 6.",
        # a chaser in a sequence: the next step was offered before
        "I haven't heard back, so one last note: our leasing plan gets you ten forklifts with no deposit.",
        "Circling back on this: we install EV chargers for apartment blocks at no upfront cost.",
        # Italian help and "like yours"
        "Aiutiamo aziende come la tua a ridurre i costi di spedizione del 20%.",
        # a price with a currency code before the amount
        "Das Coaching kostet CHF 180 pro Sitzung.",
        "The audit costs SGD 900 per site.",
        # a success fee
        "We appeal business rates for shops; we only get paid if we win.",
        "No win, no fee: we recover overpaid customs duties for importers.",
    ],
)
def test_pitches_in_general_shapes_are_commercial(text: str) -> None:
    assert infer_commercial(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a favour done for the reader
        "I've got your passport copy as 0412 and the visa form; both look fine.",
        "I booked your train on the team card ending 4417. Let me know if it goes through.",
        "We moved your interview to 3pm and put your name on the guest list.",
        # someone else's hiring does not make a sales pitch a job pitch, but a real job pitch stays one
        "Stiamo cercando un data engineer per il nostro team di Torino. Ti andrebbe di sentirci?",
        "Cerchiamo una product designer a Roma: colloquio la prossima settimana?",
        # "we only" without a fee, a chaser without an offering
        "We only meet on Tuesdays, so I'll leave it here until next week.",
        "I haven't heard back about the reunion dinner. Are you coming?",
        # the sender says it is not a pitch, and only describes what they do
        "We build compliance training for law firms. I'd value your opinion on the syllabus, no pitch.",
        "Not selling anything: we run safety training for climbing gyms and I'm surveying instructors.",
        # pro-drop auxiliaries and wishes are not offerings
        "Estamos organizando la cena de antiguos alumnos. ¿Le envío la invitación?",
        "Nous avons adoré votre conférence. Je peux vous envoyer nos notes ?",
        "Wir haben uns auf der Messe getroffen. Hätten Sie Zeit für einen Kaffee?",
        "Wir warten noch auf Ihre Unterlagen. Hätten Sie Zeit für ein kurzes Telefonat?",
    ],
)
def test_look_alikes_are_not_commercial(text: str) -> None:
    assert not infer_commercial(text), (text, infer_commercial(text))


def test_the_apply_button_is_not_a_job_pitch() -> None:
    text = (
        "Your booking form loses half its visitors at the apply button. Formwell turns it into a "
        "two-step flow; Harbour Dental doubled their bookings. Would it be useful if I sent a mockup?"
    )
    assert infer_commercial(text)
    assert not infer_commercial("Apply here for the summer internship; the stipend is $3,000/month.")


def test_someone_elses_hiring_stays_a_sales_opening() -> None:
    text = (
        "Saw Bramble's hiring push for account managers. We got Fenwick's new reps from 90 days of "
        "ramp down to 50. Would a short call make sense?"
    )
    assert infer_commercial(text)


@pytest.mark.parametrize("subject", ["Adv: Winter tyres, 20% off", "adv - fuel cards", "[Adv] Cloud backup"])
def test_the_adv_label_in_any_case(subject: str) -> None:
    assert has_adv_label(subject)
