"""Template keys: the same template with other names, greetings and times is one key; a changed
sentence is another."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cockpit.domain.scanner.placeholder import find_placeholders
from cockpit.domain.templates import KEY_LENGTH, PLACEHOLDER_HINT, group_key, normalised_text, template_key

FIRST = ("Dana", "Priya", "Robert", "José", "Mary-Jane", "Oluwaseun", "Li", "Anne Marie")
LAST = ("Smith", "Raman", "O'Neil", "Nguyen", "García", "van der Berg")
GREETINGS = ("Hi {first},", "Hello {title}{last} -", "Hey {first}!", "Dear {title}{last}:", "Hi {first}")
TITLES = ("", "Dr. ", "Ms. ", "Mr. ")
COMPANIES = ("Acme", "Lumen Grocers", "Globex Corporation", "Initech")
TIMES = ("3pm", "10:30", "Tuesday at 4 pm", "Dec 7th", "12/05", "Friday")
SENTENCES = (
    "our platform cuts shipping spend for teams like yours at {company}.",
    "would you be open to a short call on {when}?",
    "we are offering a discount on annual plans this month only.",
    "reply stop to opt out of these messages.",
    "happy to share the full description first.",
)


def _message(
    first: str, last: str, greeting: str, title: str, company: str, when: str
) -> tuple[str, str, str]:
    body = "\n\n".join(
        [greeting.format(first=first, last=last, title=title)]
        + [s.format(company=company, when=when) for s in SENTENCES]
        + [f"Thanks {first}, talk soon.\nSam"]
    )
    return f"Quick question for {company}", body, f"{first} {last}"


recipients = st.tuples(
    st.sampled_from(FIRST),
    st.sampled_from(LAST),
    st.sampled_from(GREETINGS),
    st.sampled_from(TITLES),
    st.sampled_from(COMPANIES),
    st.sampled_from(TIMES),
)


@given(one=recipients, other=recipients)
def test_same_template_with_other_names_greetings_and_times_gives_the_same_key(
    one: tuple[str, str, str, str, str, str], other: tuple[str, str, str, str, str, str]
) -> None:
    assert template_key(*_message(*one)) == template_key(*_message(*other))


@given(
    recipient=recipients,
    which=st.integers(min_value=0, max_value=len(SENTENCES) - 1),
    words=st.lists(st.sampled_from(("please", "note", "the", "offer", "ends", "soon", "new")), min_size=1),
)
def test_a_changed_sentence_gives_another_key(
    recipient: tuple[str, str, str, str, str, str], which: int, words: list[str]
) -> None:
    subject, body, name = _message(*recipient)
    first_word = SENTENCES[which].split()[0]
    changed = body.replace(first_word, " ".join(words) + " " + first_word, 1)
    assert template_key(subject, changed, name) != template_key(subject, body, name)


def test_placeholders_and_a_wrong_name_fall_in_the_template() -> None:
    body = "I saw your post about freight. Are you free {when}?"
    filled = template_key("Freight", "Hi Dana,\n" + body.format(when="Tuesday"), "Dana Smith")
    unfilled = "Hi {{first_name}},\n" + body.format(when="Monday")
    assert template_key("Freight", unfilled, "Priya Raman") == filled
    assert template_key("Freight", "Hi Jason,\n" + body.format(when="3pm"), "Priya Raman") == filled
    assert template_key("Freight", "Hi [First Name],\n" + body.format(when="12/05"), "Li Wei") == filled


def test_names_in_lower_case_and_capitals_and_nicknames_are_the_recipients() -> None:
    text = normalised_text("Hello", "thanks dana, see you. BOB and ADV stay as written.", "Dana Smith")
    assert "dana" not in text and "adv" in text and "bob" in text  # Bob is not a form of Dana
    robert = normalised_text("Hello", "thanks dana, see you. BOB and ADV stay as written.", "Robert Smith")
    assert "bob" not in robert and "dana" in robert  # BOB is a form of Robert; "dana" is a word here


def test_profile_address_names_the_recipient() -> None:
    text = normalised_text("Hi", "see you, priya", "P. R.", "https://www.linkedin.com/in/priya-raman-4a2/")
    assert "priya" not in text


def test_whitespace_and_case_do_not_matter() -> None:
    spaced = template_key("hello", "we  OFFER\n\na plan.", "Dana")
    assert spaced == template_key("hello", "we offer a plan. ", "Li")


def test_keys_are_short_hex_and_stable() -> None:
    key = template_key("Subject", "Body text here.", "Dana Smith")
    assert len(key) == KEY_LENGTH and int(key, 16) >= 0
    assert key == template_key("Subject", "Body text here.", "Dana Smith")


def test_groups_exist_within_a_batch_only() -> None:
    key = template_key("Subject", "Body", "Dana")
    assert group_key(None, key) is None and group_key("", key) is None
    assert group_key("q4", key) != group_key("q3", key)
    assert group_key("q4", key) == group_key("q4", key)


def test_the_placeholder_hint_never_hides_a_placeholder_the_scanner_finds() -> None:
    """Every labelled text of the scanner's corpora in which the placeholder rule finds a token
    also has the hint that lets the rule run."""
    root = Path(__file__).resolve().parent.parent / "scanner"
    texts = [
        str(entry.get(field, ""))
        for path in sorted(root.glob("**/*.toml"))
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("message", [])
        for field in ("subject", "body")
    ]
    texts += ["Hi {{first_name}}", "Dear [First Name]", "Hi <NAME>", "Hi %FIRSTNAME%", "Hi $firstName",
              "Hi __NAME__", "Hi FIRST_NAME", "Hi USER-FIRST-NAME", "Hi XXX", "Hi «FirstName»",
              "Hi *|FNAME|*", "Hi #{name}", "Hi ____,"]  # fmt: skip
    found = [text for text in texts if find_placeholders(text)]
    assert len(found) > 40
    assert [text for text in found if not PLACEHOLDER_HINT.search(text)] == []
