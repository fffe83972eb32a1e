"""Addresses, merge fields, pasted connection strings and confidentiality by the cause each rule
addresses (sentences written for these tests, in no corpus)."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner import scan
from cockpit.domain.scanner.address import has_postal_address
from cockpit.domain.scanner.confidential import find_confidential
from cockpit.domain.scanner.credentials import find_secrets
from cockpit.domain.scanner.placeholder import find_placeholders
from cockpit.policy import Policy
from tests.scanner.helpers import message


@pytest.mark.parametrize(
    "text",
    [
        "Lumen SA, Rue de la Loi 16, 1000 Bruxelles, Belgique",
        "Atelier Nord, Chemin des Vignes 4, 1009 Pully",
        "Cabinet Roy, Boulevard Anspach 52, 1000 Bruxelles",
    ],
)
def test_french_streets_with_the_number_after_the_name(text: str) -> None:
    assert has_postal_address(text)


def test_placing_an_order_is_no_street() -> None:
    assert not has_postal_address("Place 3 orders before Friday and quote ref 20451.")


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Hi ${first_name}, quick one about ${company}.", "${first_name}"),
        ("See ${calendar_link} for a slot.", "${calendar_link}"),
        ("Dear ${FIRST_NAME},", "${FIRST_NAME}"),
    ],
)
def test_dollar_brace_fields_are_placeholders(text: str, token: str) -> None:
    assert token in [text[s.start : s.end] for s in find_placeholders(text)]


@pytest.mark.parametrize(
    "text",
    [
        "In the chart, set the host to ${DB_HOST} and the deploy fills it in.",
        "The job reads ${AWS_REGION} from the runner.",
    ],
)
def test_environment_variables_are_not_placeholders(text: str) -> None:
    assert find_placeholders(text) == []


@pytest.mark.parametrize(
    ("text", "secret_part"),
    [
        (
            "Can you check the reporting DB? Server=tcp:reports.example.net;Database=sales;"
            "User Id=svc_reports;Password=Qm7#vR2!pLx9Tz;Encrypt=true",
            "Qm7#vR2!pLx9Tz",
        ),
        (
            "Here it is: DefaultEndpointsProtocol=https;AccountName=media;"
            "AccountKey=Zk3vQ9pL2mX8rT5wY1nB7cD4fG6hJ0kLq2Ws4Ed6Rf8Tg0Yh2Uj4Ik6Ol8Pz1Xc3Vb5Nm7Aq9Sw==;"
            "EndpointSuffix=core.windows.net",
            "Zk3vQ9pL2mX8rT5wY1nB7cD4fG6hJ0kLq2Ws4Ed6Rf8Tg0Yh2Uj4Ik6Ol8Pz1Xc3Vb5Nm7Aq9Sw==",
        ),
    ],
)
def test_connection_strings_in_prose(text: str, secret_part: str) -> None:
    assert any(secret_part in text[s.start : s.end] for s in find_secrets(text))


def test_a_connection_string_without_credentials_is_not_a_secret() -> None:
    assert find_secrets("Point it at Server=db1.internal;Database=crm;Encrypt=true and restart.") == []


@pytest.mark.parametrize(
    "text",
    [
        "I can go through your current price list and mark the items priced below cost.",
        "Most shops leave money in their existing price list; I look for it.",
        "We help analysts classify sensitive and internal-only documents before an audit.",
        "The role protects confidential and restricted data across three clouds.",
    ],
)
def test_talk_about_a_kind_of_material_is_not_confidential(text: str) -> None:
    assert find_confidential(text) == []


def test_a_pasted_client_price_list_stays_confidential() -> None:
    assert find_confidential("Attaching the client price list for Orchard Foods.")


@pytest.mark.parametrize(
    "body",
    [
        "Lena, the VPN password is Birke7!Wald, please don't share it.",
        "Leo, das Kennwort lautet Hafen2027!Qz, bitte nicht weitergeben.",
        "Ana, the card is 4111 1111 1111 1111 for the booking.\nPlease do not forward this.",
    ],
)
def test_a_request_not_to_share_a_value_is_not_a_marking(body: str, scanner_policy: Policy) -> None:
    codes = scan(message(body), scanner_policy).codes
    assert "CONFIDENTIAL" not in codes
    assert codes & {"SECRET", "CARD_NUMBER"}


def test_a_do_not_forward_marking_on_material_stays(scanner_policy: Policy) -> None:
    body = "Our Q3 board deck is attached, please do not forward. The password for the portal is Birke7!Wald."
    assert "CONFIDENTIAL" in scan(message(body), scanner_policy).codes
