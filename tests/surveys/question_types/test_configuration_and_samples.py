"""Question types: configuration errors explained to researchers, and synthetic answers."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from surveys.question_types import (
    get_question_type,
    question_types,
)
from surveys.schema import ChoiceSpec
from tests.surveys.question_types.examples import (
    ACTIVITIES,
    AGREEMENT,
    EXAMPLES,
    EXPLOITATION,
    FREQUENCY,
    PRIORITIES,
    option,
    question,
    resend,
)

# --- configuration ------------------------------------------------------------------------------


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_the_example_questions_are_configured_correctly(type_key):
    q = question(type_key)

    assert q.kind.config_errors(q) == []


BAD_CONFIGS = [
    ("single_choice", {"choices": ()}, "Add at least one option."),
    (
        "single_choice",
        {"choices": (option("police"), option("police", "Police again"))},
        "Option values must be unique: police.",
    ),
    (
        "dropdown",
        {"choices": (option("social worker", "Social worker"),)},
        "Option value ‘social worker’ must be 1–64 letters, digits or underscores.",
    ),
    ("single_choice", {"choices": (ChoiceSpec("police", " "),)}, "Option ‘police’ needs a label."),
    (
        "multiple_choice",
        {"choices": (option("a", other=True), option("b", other=True))},
        "Only one option can ask the respondent to specify (Other).",
    ),
    (
        "likert",
        {"choices": (option("agree", "Agree"), option("disagree", "Disagree"))},
        "Scale point values must be whole numbers, like 1 to 5.",
    ),
    (
        "likert",
        {"choices": (*AGREEMENT, option("6", other=True))},
        "A rating scale cannot have an ‘Other’ option.",
    ),
    ("matrix", {"config": {}}, "Add at least one row (config ‘rows’: value and label)."),
    (
        "matrix",
        {"config": {"rows": [{"value": "Case Work", "label": "Case work"}]}},
        "Row value 'Case Work' must be a lowercase code like ‘recognise’.",
    ),
    (
        "matrix",
        {"config": {"rows": [ACTIVITIES[0], ACTIVITIES[0]]}},
        "Row value ‘supervision’ is used twice.",
    ),
    (
        "matrix",
        {"config": {"rows": [{"value": "visits", "label": ""}]}},
        "Row ‘visits’ needs a label.",
    ),
    (
        "matrix",
        {"choices": (*FREQUENCY, option("5", "Don't know", exclusive=True))},
        "A matrix scale cannot have ‘Other’ or exclusive options.",
    ),
    ("ranking", {"choices": PRIORITIES[:1]}, "A ranking needs at least two options."),
    (
        "ranking",
        {"choices": (*PRIORITIES, option("other", other=True))},
        "Ranking options cannot be ‘Other’ or exclusive.",
    ),
    ("yes_no", {"choices": (option("maybe"),)}, "This type of question has no options."),
    ("integer", {"config": {"min": 10, "max": 5}}, "min cannot be more than max."),
    ("integer", {"config": {"min": "5"}}, "min must be a number."),
    ("decimal", {"config": {"max": True}}, "max must be a number."),
    ("integer", {"config": {"unit": 5}}, "unit must be text, like ‘years’."),
    (
        "decimal",
        {"config": {"decimal_places": 7}},
        "decimal_places must be a whole number from 0 to 6.",
    ),
    (
        "date",
        {"config": {"min": "2020-02-30"}},
        "min must be a date written as YYYY-MM-DD, or ‘today’.",
    ),
    ("date", {"config": {"min": "2021-01-01", "max": "2020-01-01"}}, "min cannot be after max."),
    ("date", {"config": {"min": "2999-01-01", "max": "today"}}, "min cannot be after max."),
    (
        "short_text",
        {"config": {"max_length": 0}},
        "max_length must be a whole number from 1 to 500.",
    ),
    (
        "short_text",
        {"config": {"max_length": 501}},
        "max_length must be a whole number from 1 to 500.",
    ),
    (
        "long_text",
        {"config": {"max_length": "long"}},
        "max_length must be a whole number from 1 to 10000.",
    ),
    ("scale_0_10", {"config": {"min_label": 0}}, "min_label must be text."),
    (
        "multiple_choice",
        {"config": {"min_selections": 3, "max_selections": 2}},
        "min_selections cannot be more than max_selections.",
    ),
    (
        "multiple_choice",
        {"config": {"max_selections": 6}},
        "max_selections is more than the number of options.",
    ),
    (
        "multiple_choice",
        {"config": {"min_selections": "two"}},
        "min_selections must be a whole number.",
    ),
    ("info", {"required": True}, "Information text has no answer, so it cannot be required."),
]


@pytest.mark.parametrize(("type_key", "overrides", "problem"), BAD_CONFIGS)
def test_a_badly_configured_question_is_explained_to_the_researcher(type_key, overrides, problem):
    q = question(type_key, **overrides)

    assert problem in q.kind.config_errors(q)


@pytest.mark.parametrize(
    "type_key", [key for key in EXAMPLES if not get_question_type(key).uses_choices]
)
def test_a_question_type_without_options_refuses_them(type_key):
    q = question(type_key, choices=(option("maybe"),))

    assert len(q.kind.config_errors(q)) == 1


def test_a_minimum_number_of_selections_nobody_could_reach_is_refused():
    q = question("multiple_choice", choices=EXPLOITATION[:3], config={"min_selections": 4})

    assert q.kind.config_errors(q) != []


# --- synthetic answers --------------------------------------------------------------------------

NEXT_YEAR = (date.today() + timedelta(days=366)).isoformat()
SAMPLE_CASES = [pytest.param(type_key, {}, id=type_key) for type_key in EXAMPLES] + [
    pytest.param(
        "multiple_choice",
        {"config": {"min_selections": 2, "max_selections": 2}},
        id="multiple_choice-exactly-two",
    ),
    pytest.param("matrix", {"choices": (option("never"), option("often"))}, id="matrix-worded"),
    pytest.param("decimal", {"config": {"decimal_places": 0, "max": 10}}, id="decimal-whole"),
    pytest.param("integer", {"config": {"min": 18, "max": 21}}, id="integer-narrow"),
    pytest.param(
        "integer",
        {"config": {"min": -10, "max": 0}},
        id="integer-max-0",
    ),
    pytest.param(
        "decimal",
        {"config": {"min": -10, "max": 0}},
        id="decimal-max-0",
    ),
    pytest.param(
        "date",
        {"config": {"min": NEXT_YEAR}},
        id="date-future-min",
    ),
    pytest.param(
        "short_text",
        {"config": {"max_length": 10}},
        id="short_text-10",
    ),
    pytest.param(
        "long_text",
        {"config": {"max_length": 40}},
        id="long_text-40",
    ),
]


@pytest.mark.parametrize(("type_key", "overrides"), SAMPLE_CASES)
def test_synthetic_answers_are_ones_a_respondent_could_have_given(type_key, overrides):
    q = question(type_key, required=type_key != "info", **overrides)

    for seed in range(30):
        sample = q.kind.sample_answers(q, random.Random(seed))
        assert resend(q, sample) == sample, f"seed {seed}"


def test_every_registered_type_has_an_example_here():
    assert {kind.key for kind in question_types()} == set(EXAMPLES)
