"""Error messages follow GOV.UK style: short and specific to the type, never a copy of the
question (whole or cut short), never quotes inside quotes; a question may have its own."""

from __future__ import annotations

import pytest

from surveys.question_types import AnswerInvalid
from tests.surveys.question_types.examples import ANSWERABLE, EXAMPLES, question, store

LONG_QUOTED_LABEL = (
    "Thinking about the last time you made a ‘referral’ to children’s social care about a "
    "concern of child sexual exploitation, how did you decide to make it?"
)

# The message each type gives when a required question is left unanswered.
REQUIRED_MESSAGES = {
    "single_choice": "Select an answer",
    "dropdown": "Select an answer",
    "yes_no": "Select an answer",
    "likert": "Select an answer",
    "multiple_choice": "Select at least one answer",
    "scale_0_10": "Select a number from 0 to 10",
    "integer": "Enter a number",
    "decimal": "Enter a number",
    "date": "Enter a date",
    "short_text": "Enter an answer",
    "long_text": "Enter an answer",
    "ranking": "Give every option a rank",
    "consent": "Select ‘I agree’ to continue",
}


def required_messages(q) -> list[str]:
    with pytest.raises(AnswerInvalid) as caught:
        store(q, {})
    return [error.message for error in caught.value.errors]


@pytest.mark.parametrize("type_key", sorted(REQUIRED_MESSAGES))
def test_each_type_says_what_to_do_in_a_few_words(type_key):
    q = question(type_key, required=True, label=LONG_QUOTED_LABEL)

    assert required_messages(q) == [REQUIRED_MESSAGES[type_key]]


def test_a_matrix_names_each_unanswered_statement_once_in_quotes():
    q = question("matrix", required=True, label=LONG_QUOTED_LABEL)
    statements = [row["label"] for row in q.config["rows"]]

    assert required_messages(q) == [f"Select an answer for ‘{s}’" for s in statements]


def test_the_consent_message_names_the_box_to_tick():
    q = question("consent", config={"agree_label": "I agree to take part"})

    assert required_messages(q) == ["Select ‘I agree to take part’ to continue"]


@pytest.mark.parametrize("type_key", sorted(set(ANSWERABLE) | {"consent"}))
def test_no_message_copies_the_question_or_nests_quotes(type_key):
    q = question(type_key, required=True, label=LONG_QUOTED_LABEL)

    for message in required_messages(q):
        assert "referral" not in message and "…" not in message
        assert message.count("‘") <= 1, message
        assert "‘‘" not in message and "’’" not in message


@pytest.mark.parametrize("type_key", sorted(set(ANSWERABLE) | {"consent"}))
def test_a_question_can_have_its_own_message(type_key):
    config = dict(EXAMPLES[type_key].get("config", {}))
    config["error_message"] = "Enter how many years you have worked in your current role"
    q = question(type_key, required=True, config=config)

    assert set(required_messages(q)) == {
        "Enter how many years you have worked in your current role"
    }


def test_an_option_label_in_quotes_is_not_quoted_twice():
    from surveys.question_types.base import unquoted

    assert unquoted("‘Other’") == "Other"
    assert unquoted('"Prefer not to say"') == "Prefer not to say"
