"""PLACEHOLDER: unfilled template tokens."""

from __future__ import annotations

import pytest

from cockpit.domain.scanner.placeholder import find_placeholders, is_field_word


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Hi [First Name],", "[First Name]"),
        ("Hi {{first_name}},", "{{first_name}}"),
        ("Hi {FirstName},", "{FirstName}"),
        ("Hello <NAME>,", "<NAME>"),
        ("Hi %FIRSTNAME%,", "%FIRSTNAME%"),
        ("at {{ company }} today", "{{ company }}"),
        ("Role at [COMPANY]", "[COMPANY]"),
        ("Hi $first_name,", "$first_name"),
        ("Hi __FIRSTNAME__,", "__FIRSTNAME__"),
        ("Hi |*FNAME*|,", "|*FNAME*|"),
        ("Hi *|FNAME|*,", "*|FNAME|*"),
        ("Hi ${firstName},", "${firstName}"),
        ("Hi [[first_name]],", "[[first_name]]"),
        ("{% if company %}", "{% if company %}"),
        ("your work at [Current Company]", "[Current Company]"),
        ("the [insert role here] role", "[insert role here]"),
        ("Apply here: [link]", "[link]"),
        ("Hola [Nombre],", "[Nombre]"),
        ("Hi FIRST_NAME,", "FIRST_NAME"),
        ("your work at XXX", "XXX"),
        ("based in {city}", "{city}"),
        ("Hi <first name>,", "<first name>"),
        ("Hi {!Contact.FirstName}, saw your post", "{!Contact.FirstName}"),
        ("How is the team at {!Lead.Company} handling renewals?", "{!Lead.Company}"),
        ("Hi {{ contact.firstname }},", "{{ contact.firstname }}"),
        ("congrats on {{ company.name }}'s launch", "{{ company.name }}"),
        ("Curious how {{account.name}} runs onboarding", "{{account.name}}"),
        ("Hey {{firstName}}, quick one", "{{firstName}}"),
        ("Hi USER-FIRST-NAME, I noticed", "USER-FIRST-NAME"),
        ("teams like COMPANY-NAME are hiring", "COMPANY-NAME"),
        ("Hi [FIRST-NAME],", "[FIRST-NAME]"),
        ("Hi {Company} team", "{Company}"),
    ],
)
def test_finds_template_tokens(text: str, token: str) -> None:
    spans = find_placeholders(text)
    assert [text[s.start : s.end] for s in spans] == [token]


@pytest.mark.parametrize(
    "text",
    [
        "Our team is growing (see attached) [1].",
        "The offsite was great <3",
        "[Hiring] Senior engineer, [Remote]",
        "We offer 20% above market and 30% more PTO.",
        "The base is $140k-$165k.",
        "Write to Dana <dana@example.com> or see <https://example.com/jobs>.",
        "dict[str, int] and the a < b > c example",
        "Set $HOME and $PATH, then run __init__.",
        "Salary: [redacted]",
        "Ping me at https://example.com/?q=%E2%80%99%20role",
        "Name Redacted [Name Redacted]",
        "AWS_REGION and MAX_RETRIES are env vars",
        "[sic] and [edit] and [URGENT]",
        'The webhook sends {"name": "Priya", "company": "Acme"} as JSON.',
        "Call GET /users/{id} and format dates as {year}-{month}.",
        "In Python, f'{name}' is an f-string.",
        "Wrap it in `{{ company }}` and `{first_name}` in the template file.",
        "```\nHello {{first_name}}\n```",
        "See the [link](https://example.com/jobs) for details.",
        "A STATE-OF-THE-ART, WORK-LIFE-BALANCE, NON-PROFIT and SOC-2 shop.",
        "use {id} and {x} in the route",
    ],
)
def test_ordinary_brackets_are_not_placeholders(text: str) -> None:
    assert find_placeholders(text) == []


def test_field_words_accept_case_and_separators() -> None:
    assert is_field_word("First Name")
    assert is_field_word("first_name")
    assert is_field_word("firstName")
    assert is_field_word("COMPANY_NAME")
    assert is_field_word("Insert job title")
    assert not is_field_word("Hiring")
    assert not is_field_word("sic")
    assert is_field_word("USER-FIRST-NAME")
