"""Question types: what a respondent may send for each kind of question, and what is stored.

Answers are sent the way the respondent journey sends them: raw form data is bound to the
type's own Django fields, and the cleaned values are turned into stored answers.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django import forms
from django.http import QueryDict
from django.utils import timezone

from surveys.question_types import (
    AnswerInvalid,
    FieldError,
    field_name,
    get_question_type,
    question_types,
)
from surveys.schema import ChoiceSpec, QuestionSpec


def option(value: str, label: str = "", *, exclusive: bool = False, other: bool = False):
    return ChoiceSpec(value, label or value.capitalize(), exclusive=exclusive, other=other)


AGENCIES = (
    option("social_care", "Children's social care"),
    option("police", "Police"),
    option("health", "Health"),
    option("other", "Other", other=True),
)
EXPLOITATION = (
    option("criminal", "Criminal exploitation"),
    option("sexual", "Sexual exploitation"),
    option("online", "Online grooming"),
    option("other", "Other", other=True),
    option("none", "None of these", exclusive=True),
)
AGREEMENT = tuple(
    option(str(point), label)
    for point, label in enumerate(
        ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"], start=1
    )
)
FREQUENCY = tuple(
    option(str(point), label)
    for point, label in enumerate(["Never", "Sometimes", "Often", "Always"], start=1)
)
ACTIVITIES = [
    {"value": "supervision", "label": "Discuss cases in supervision"},
    {"value": "strategy", "label": "Attend strategy meetings"},
]
PRIORITIES = (
    option("training", "More training"),
    option("time", "More time with families"),
    option("sharing", "Better information sharing"),
)

# One plausible question of every type, as a researcher would set it up.
EXAMPLES: dict[str, dict[str, Any]] = {
    "single_choice": {
        "code": "agency",
        "label": "Which agency do you work for?",
        "choices": AGENCIES,
    },
    "dropdown": {
        "code": "region",
        "label": "Which region do you work in?",
        "choices": (option("north_east", "North East"), option("london", "London")),
    },
    "multiple_choice": {
        "code": "seen",
        "label": "Which kinds of exploitation have you seen?",
        "choices": EXPLOITATION,
    },
    "likert": {
        "code": "confident",
        "label": "I feel confident recognising exploitation",
        "choices": AGREEMENT,
    },
    "matrix": {
        "code": "practice",
        "label": "How often do you do the following?",
        "config": {"rows": ACTIVITIES},
        "choices": FREQUENCY,
    },
    "yes_no": {"code": "trained", "label": "Have you had safeguarding training this year?"},
    "short_text": {"code": "job_title", "label": "What is your job title?"},
    "long_text": {"code": "helps", "label": "What would help you most?"},
    "integer": {
        "code": "years",
        "label": "Years in safeguarding",
        "config": {"min": 0, "max": 60, "unit": "years"},
    },
    "decimal": {
        "code": "hours",
        "label": "Hours of supervision a month",
        "config": {"min": 0, "max": 100, "unit": "hours"},
    },
    "date": {
        "code": "qualified",
        "label": "When did you qualify?",
        "config": {"min": "1970-01-01", "max": "today"},
    },
    "scale_0_10": {
        "code": "supported",
        "label": "How supported do you feel?",
        "config": {"min_label": "Not at all", "max_label": "Completely"},
    },
    "ranking": {"code": "priorities", "label": "Rank these priorities", "choices": PRIORITIES},
    "consent": {"code": "consent", "label": "I agree to take part in this study"},
    "info": {"code": "about", "label": "About your role"},
}
ANSWERABLE = [key for key in EXAMPLES if key not in ("info", "consent")]


def question(type_key: str, **overrides) -> QuestionSpec:
    """The example question of a type, with some of its settings changed."""
    fields = {"required": False, "config": {}, "choices": ()} | EXAMPLES[type_key] | overrides
    return QuestionSpec(
        code=fields["code"],
        type=type_key,
        label=fields["label"],
        page_index=0,
        required=fields["required"],
        config=fields["config"],
        choices=tuple(fields["choices"]),
    )


def store(q: QuestionSpec, data: dict[str, Any], *, enforce_required: bool = True) -> dict:
    """What is stored when a respondent sends `data` (values by field suffix) for `q`.

    Raises AnswerInvalid with the messages the respondent would see, whether the form field or
    the question type found the problem.
    """
    posted = QueryDict(mutable=True)
    for suffix, value in data.items():
        posted.setlist(field_name(q, suffix), value if isinstance(value, list) else [value])
    form = forms.Form(data=posted)
    kind_fields = q.kind.fields(q)
    for suffix, field in kind_fields.items():
        form.fields[field_name(q, suffix)] = field
    if not form.is_valid():
        raise AnswerInvalid(
            [
                FieldError(suffix, message)
                for suffix in kind_fields
                for message in form.errors.get(field_name(q, suffix), [])
            ]
        )
    cleaned = {suffix: form.cleaned_data[field_name(q, suffix)] for suffix in kind_fields}
    return q.kind.to_answers(q, cleaned, enforce_required=enforce_required)


def answer(q: QuestionSpec, value: Any = None, /, **parts: Any) -> dict:
    """Store a main value and/or named parts ("other", "day", a row or an item)."""
    data = {"": value} if value is not None else {}
    return store(q, data | parts)


def messages(q: QuestionSpec, value: Any = None, /, **parts: Any) -> dict[str, str]:
    """The messages, by field suffix, a respondent sees after sending these values."""
    with pytest.raises(AnswerInvalid) as caught:
        answer(q, value, **parts)
    return {error.suffix: error.message for error in caught.value.errors}


def resend(q: QuestionSpec, answers: dict) -> dict:
    """What is stored when the page is shown filled in from `answers` and sent back unchanged."""
    data = {}
    for suffix, value in q.kind.initial(q, answers).items():
        if value is True:
            data[suffix] = "on"
        elif isinstance(value, list):
            data[suffix] = [str(item) for item in value]
        else:
            data[suffix] = str(value)
    return store(q, data)


# --- answering nothing --------------------------------------------------------------------------


@pytest.mark.parametrize("type_key", [key for key in ANSWERABLE if key != "matrix"])
def test_a_required_question_left_blank_stops_the_respondent_continuing(type_key):
    q = question(type_key, required=True)

    with pytest.raises(AnswerInvalid) as caught:
        store(q, {})

    [error] = caught.value.errors
    assert error.suffix in q.kind.fields(q)
    assert q.label in error.message


def test_a_required_matrix_left_blank_names_every_statement():
    assert messages(question("matrix", required=True)) == {
        "supervision": "Select an answer for ‘Discuss cases in supervision’",
        "strategy": "Select an answer for ‘Attend strategy meetings’",
    }


@pytest.mark.parametrize("type_key", ANSWERABLE)
def test_a_required_question_left_blank_can_be_saved_for_later(type_key):
    assert store(question(type_key, required=True), {}, enforce_required=False) == {}


@pytest.mark.parametrize("type_key", ANSWERABLE)
def test_an_optional_question_left_blank_stores_nothing(type_key):
    assert store(question(type_key), {}) == {}


@pytest.mark.parametrize("type_key", ["short_text", "long_text", "integer", "decimal"])
def test_only_spaces_count_as_blank(type_key):
    with pytest.raises(AnswerInvalid):
        answer(question(type_key, required=True), "   ")


def test_a_required_date_needs_at_least_one_box_filled():
    q = question("date", required=True)
    assert messages(q, day="", month="", year="") == {
        "day": "Enter a date for ‘When did you qualify?’"
    }


@pytest.mark.parametrize("required", [True, False])
def test_consent_is_always_needed_to_continue(required):
    q = question("consent", required=required)

    assert messages(q) == {
        "": "You need to agree to ‘I agree to take part in this study’ to continue"
    }
    assert q.kind.is_required(q)


def test_consent_is_not_needed_to_go_back_or_save_for_later():
    assert store(question("consent"), {}, enforce_required=False) == {}


def test_agreeing_to_consent_is_stored_as_true():
    assert answer(question("consent"), "on") == {"consent": True}


def test_information_text_has_no_fields_and_stores_nothing():
    q = question("info", required=True)

    assert q.kind.fields(q) == {}
    assert store(q, {}) == {}
    assert q.kind.answer_keys(q) == set()
    assert not q.kind.is_required(q)


# --- choices ------------------------------------------------------------------------------------


@pytest.mark.parametrize("type_key", ["single_choice", "dropdown"])
def test_a_single_choice_stores_the_option_value(type_key):
    q = question(type_key)
    first = q.choices[0].value

    assert answer(q, first) == {q.code: first}


@pytest.mark.parametrize("type_key", ["single_choice", "dropdown", "likert", "yes_no"])
def test_a_value_that_is_not_an_option_is_refused_with_a_message_naming_the_question(type_key):
    q = question(type_key)

    [message] = messages(q, "made_up").values()

    assert q.label in message


def test_choosing_other_asks_what_it_means():
    q = question("single_choice", required=True)

    assert messages(q, "other", other="") == {
        "other": "Say what ‘Other’ means for ‘Which agency do you work for?’"
    }


def test_the_other_text_is_stored_beside_the_choice():
    q = question("single_choice")

    assert answer(q, "other", other="  Youth offending team ") == {
        "agency": "other",
        "agency.other": "Youth offending team",
    }


def test_other_text_is_dropped_when_another_option_is_chosen():
    assert answer(question("single_choice"), "police", other="Youth offending team") == {
        "agency": "police"
    }


def test_choosing_other_without_saying_what_can_be_saved_for_later():
    q = question("single_choice", required=True)

    assert store(q, {"": "other"}, enforce_required=False) == {"agency": "other"}


@pytest.mark.parametrize("type_key", ["single_choice", "multiple_choice"])
def test_an_over_long_other_text_is_refused_with_a_message_naming_the_question(type_key):
    q = question(type_key)
    chosen = "other" if type_key == "single_choice" else ["other"]

    [message] = messages(q, chosen, other="x" * 301).values()

    assert q.label in message


def test_yes_no_stores_yes_or_no():
    q = question("yes_no")

    assert answer(q, "yes") == {"trained": "yes"}
    assert answer(q, "no") == {"trained": "no"}


def test_a_rating_is_stored_as_a_number():
    assert answer(question("likert"), "4") == {"confident": 4}


def test_multiple_choice_stores_the_chosen_values_in_option_order():
    q = question("multiple_choice")

    assert answer(q, ["online", "criminal"]) == {"seen": ["criminal", "online"]}


def test_multiple_choice_refuses_an_option_that_is_not_listed():
    assert messages(question("multiple_choice"), ["criminal", "made_up"]) == {
        "": "Select only the options listed for ‘Which kinds of exploitation have you seen?’"
    }


def test_an_exclusive_option_cannot_be_combined_with_others():
    q = question("multiple_choice")

    assert messages(q, ["criminal", "none"]) == {
        "": "‘None of these’ cannot be combined with other answers to "
        "‘Which kinds of exploitation have you seen?’"
    }


def test_an_exclusive_option_can_be_chosen_alone():
    assert answer(question("multiple_choice"), ["none"]) == {"seen": ["none"]}


def test_multiple_choice_other_needs_its_text():
    q = question("multiple_choice")

    assert messages(q, ["other"]) == {
        "other": "Say what ‘Other’ means for ‘Which kinds of exploitation have you seen?’"
    }
    assert answer(q, ["criminal", "other"], other="County lines") == {
        "seen": ["criminal", "other"],
        "seen.other": "County lines",
    }


def test_multiple_choice_holds_respondents_to_the_minimum_and_maximum_selections():
    q = question("multiple_choice", config={"min_selections": 2, "max_selections": 3})

    assert messages(q, ["criminal"]) == {
        "": "Select at least 2 options for ‘Which kinds of exploitation have you seen?’"
    }
    assert messages(q, ["criminal", "sexual", "online", "other"], other="x") == {
        "": "Select no more than 3 options for ‘Which kinds of exploitation have you seen?’"
    }
    assert answer(q, ["criminal", "sexual"]) == {"seen": ["criminal", "sexual"]}


def test_an_exclusive_option_satisfies_a_minimum_number_of_selections():
    q = question("multiple_choice", config={"min_selections": 2})

    assert answer(q, ["none"]) == {"seen": ["none"]}


def test_too_few_selections_can_be_saved_for_later():
    q = question("multiple_choice", config={"min_selections": 2})

    assert store(q, {"": ["criminal"]}, enforce_required=False) == {"seen": ["criminal"]}


# --- matrix -------------------------------------------------------------------------------------


def test_a_matrix_stores_each_row_and_numeric_scale_points_as_numbers():
    q = question("matrix")

    assert answer(q, supervision="3", strategy="1") == {
        "practice": {"supervision": 3, "strategy": 1}
    }


def test_a_matrix_with_a_worded_scale_stores_the_words():
    words = (option("never"), option("sometimes"), option("often"))
    q = question("matrix", choices=words)

    assert answer(q, supervision="often", strategy="never") == {
        "practice": {"supervision": "often", "strategy": "never"}
    }


def test_a_required_matrix_names_each_statement_left_unanswered():
    q = question("matrix", required=True)

    assert messages(q, supervision="2") == {
        "strategy": "Select an answer for ‘Attend strategy meetings’"
    }


def test_an_optional_matrix_may_be_partly_answered():
    assert answer(question("matrix"), strategy="4") == {"practice": {"strategy": 4}}


def test_a_matrix_refuses_a_point_that_is_not_on_the_scale():
    assert messages(question("matrix"), supervision="9", strategy="1") == {
        "supervision": "Select an answer for ‘Discuss cases in supervision’"
    }


# --- ranking ------------------------------------------------------------------------------------


def test_a_ranking_is_stored_as_the_options_from_first_to_last():
    q = question("ranking")

    assert answer(q, training="3", time="1", sharing="2") == {
        "priorities": ["time", "sharing", "training"]
    }


def test_a_ranking_refuses_the_same_rank_twice():
    assert messages(question("ranking"), training="1", time="1", sharing="2") == {
        "time": "Give ‘More training’ and ‘More time with families’ different ranks: "
        "each rank can be used once"
    }


def test_a_ranking_must_rank_every_option_once_started():
    assert messages(question("ranking"), training="1", time="2") == {
        "sharing": "Select a rank for ‘Better information sharing’"
    }


def test_a_ranking_refuses_a_rank_beyond_the_number_of_options():
    assert messages(question("ranking"), training="1", time="2", sharing="4") == {
        "sharing": "Select a rank for ‘Better information sharing’"
    }


def test_a_required_ranking_left_blank_asks_for_the_options_to_be_ranked():
    assert messages(question("ranking", required=True)) == {
        "training": "Rank the options for ‘Rank these priorities’"
    }


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12", 12), (" 7 ", 7), ("0", 0), ("1,000", 1000), ("1 000", 1000), ("12.0", 12)],
)
def test_a_whole_number_is_stored_as_an_integer(typed, stored):
    q = question("integer", config={})

    answers = answer(q, typed)

    assert answers == {"years": stored}
    assert type(answers["years"]) is int


@pytest.mark.parametrize("typed", ["12.5", "twelve", "1,00", "NaN", "Infinity"])
def test_a_whole_number_refuses_anything_else(typed):
    assert messages(question("integer", config={}), typed) == {
        "": "‘Years in safeguarding’ must be a whole number, like 12"
    }


@pytest.mark.parametrize(
    ("config", "typed", "message"),
    [
        ({"min": 0, "max": 60}, "61", "‘Years in safeguarding’ must be between 0 and 60"),
        ({"min": 0, "max": 60}, "-1", "‘Years in safeguarding’ must be between 0 and 60"),
        ({"min": 1}, "0", "‘Years in safeguarding’ must be 1 or more"),
        ({"max": 60}, "100", "‘Years in safeguarding’ must be 60 or less"),
    ],
)
def test_a_whole_number_must_be_within_its_limits(config, typed, message):
    assert messages(question("integer", config=config), typed) == {"": message}


@pytest.mark.parametrize("type_key", ["integer", "decimal"])
def test_a_number_too_large_to_store_is_refused(type_key):
    q = question(type_key, config={})

    with pytest.raises(AnswerInvalid):
        answer(q, "1e5000")


@pytest.mark.parametrize("typed", ["0", "60"])
def test_the_limits_themselves_are_allowed(typed):
    assert answer(question("integer"), typed) == {"years": int(typed)}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("7.5", 7.5), ("7.50", 7.5), ("1,234.25", 1234.25), ("8", 8), ("0.25", 0.25)],
)
def test_a_decimal_number_is_stored_as_a_number(typed, stored):
    assert answer(question("decimal", config={}), typed) == {"hours": stored}


def test_a_decimal_number_keeps_to_its_decimal_places():
    q = question("decimal", config={"decimal_places": 1})

    assert answer(q, "2.5") == {"hours": 2.5}
    assert messages(q, "2.55") == {
        "": "‘Hours of supervision a month’ can have no more than 1 decimal place"
    }


def test_a_decimal_number_allows_two_decimal_places_by_default():
    q = question("decimal", config={})

    assert answer(q, "2.55") == {"hours": 2.55}
    assert messages(q, "2.555") == {
        "": "‘Hours of supervision a month’ can have no more than 2 decimal places"
    }


def test_a_decimal_number_must_be_within_its_limits():
    assert messages(question("decimal"), "100.5") == {
        "": "‘Hours of supervision a month’ must be between 0 and 100"
    }


def test_a_decimal_number_refuses_words():
    assert messages(question("decimal"), "a few") == {
        "": "‘Hours of supervision a month’ must be a number, like 7.5"
    }


@pytest.mark.parametrize(("typed", "stored"), [("0", 0), ("10", 10), ("7", 7)])
def test_a_0_to_10_scale_is_stored_as_a_number(typed, stored):
    assert answer(question("scale_0_10"), typed) == {"supported": stored}


def test_a_0_to_10_scale_refuses_other_numbers():
    assert messages(question("scale_0_10"), "11") == {
        "": "Select a number from 0 to 10 for ‘How supported do you feel?’"
    }


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "month", "year", "stored"),
    [
        ("1", "3", "2019", "2019-03-01"),
        ("01", "03", "2019", "2019-03-01"),
        ("27", "mar", "2019", "2019-03-27"),
        ("27", "March", "2019", "2019-03-27"),
        ("5", "SEPT", "2001", "2001-09-05"),
        ("29", "2", "2020", "2020-02-29"),
    ],
)
def test_a_date_is_stored_as_iso_text(day, month, year, stored):
    assert answer(question("date"), day=day, month=month, year=year) == {"qualified": stored}


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("29", "2", "2019"),
        ("31", "4", "2020"),
        ("0", "1", "2020"),
        ("1", "13", "2020"),
        ("x", "1", "2020"),
    ],
)
def test_a_date_must_be_a_real_date(day, month, year):
    assert messages(question("date"), day=day, month=month, year=year) == {
        "day": "‘When did you qualify?’ must be a real date"
    }


def test_a_date_must_be_complete():
    assert messages(question("date"), day="1", year="2020") == {
        "month": "‘When did you qualify?’ must include a month"
    }


def test_a_date_needs_a_four_digit_year():
    assert messages(question("date"), day="1", month="1", year="20") == {
        "year": "Year must include 4 numbers, like 2019"
    }


def test_an_overfilled_date_box_is_refused_with_a_message_naming_the_question():
    [message] = messages(question("date"), day="12345", month="3", year="2019").values()

    assert "When did you qualify?" in message


def test_a_date_cannot_be_before_its_earliest_allowed():
    assert messages(question("date"), day="31", month="12", year="1969") == {
        "day": "‘When did you qualify?’ must be the same as or after 1 January 1970"
    }


def test_a_date_cannot_be_after_a_fixed_latest_allowed():
    q = question("date", config={"max": "2020-06-30"})

    assert answer(q, day="30", month="6", year="2020") == {"qualified": "2020-06-30"}
    assert messages(q, day="1", month="7", year="2020") == {
        "day": "‘When did you qualify?’ must be the same as or before 30 June 2020"
    }


def test_a_date_that_must_not_be_in_the_future_allows_today():
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    q = question("date")

    assert answer(q, day=str(today.day), month=str(today.month), year=str(today.year)) == {
        "qualified": today.isoformat()
    }
    assert messages(
        q, day=str(tomorrow.day), month=str(tomorrow.month), year=str(tomorrow.year)
    ) == {"day": "‘When did you qualify?’ must be today or in the past"}


# --- text ---------------------------------------------------------------------------------------


def test_text_is_stored_without_surrounding_spaces():
    assert answer(question("short_text"), "  Senior practitioner ") == {
        "job_title": "Senior practitioner"
    }


@pytest.mark.parametrize(("type_key", "default"), [("short_text", 200), ("long_text", 3000)])
def test_text_is_limited_to_its_default_length(type_key, default):
    q = question(type_key)

    assert answer(q, "x" * default) == {q.code: "x" * default}
    assert messages(q, "x" * (default + 1)) == {
        "": f"‘{q.label}’ must be {default} characters or fewer"
    }


def test_text_is_limited_to_the_length_the_researcher_sets():
    q = question("short_text", config={"max_length": 20})

    assert messages(q, "x" * 21) == {"": "‘What is your job title?’ must be 20 characters or fewer"}


# --- showing an answer again --------------------------------------------------------------------

ROUND_TRIPS = [
    ("single_choice", {}, {"": "other", "other": "Youth offending team"}),
    ("dropdown", {}, {"": "london"}),
    ("multiple_choice", {}, {"": ["online", "criminal", "other"], "other": "County lines"}),
    ("multiple_choice", {}, {"": ["none"]}),
    ("likert", {}, {"": "2"}),
    ("matrix", {}, {"supervision": "4", "strategy": "1"}),
    ("yes_no", {}, {"": "no"}),
    ("short_text", {}, {"": "Team manager"}),
    ("long_text", {}, {"": "More time.\nFewer forms."}),
    ("integer", {"config": {}}, {"": "1,000"}),
    ("integer", {}, {"": "0"}),
    ("decimal", {}, {"": "7.25"}),
    ("decimal", {"config": {"decimal_places": 6}}, {"": "0.000001"}),
    ("date", {}, {"day": "5", "month": "sept", "year": "2001"}),
    ("scale_0_10", {}, {"": "0"}),
    ("ranking", {}, {"training": "2", "time": "3", "sharing": "1"}),
    ("consent", {}, {"": "on"}),
]


@pytest.mark.parametrize(("type_key", "overrides", "data"), ROUND_TRIPS)
def test_an_answer_shown_again_and_sent_back_unchanged_is_stored_the_same(
    type_key, overrides, data
):
    q = question(type_key, **overrides)
    stored = store(q, data)

    assert stored
    assert resend(q, stored) == stored


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_a_question_not_yet_answered_is_shown_empty(type_key):
    q = question(type_key)

    assert q.kind.initial(q, {}) == {}


@pytest.mark.parametrize(
    ("type_key", "answers", "shown"),
    [
        ("single_choice", {"agency": "police"}, "Police"),
        (
            "single_choice",
            {"agency": "other", "agency.other": "Youth offending team"},
            "Other: Youth offending team",
        ),
        ("dropdown", {"region": "north_east"}, "North East"),
        (
            "multiple_choice",
            {"seen": ["criminal", "other"], "seen.other": "County lines"},
            "Criminal exploitation\nOther: County lines",
        ),
        ("likert", {"confident": 4}, "Agree"),
        (
            "matrix",
            {"practice": {"supervision": 3, "strategy": 1}},
            "Discuss cases in supervision: Often\nAttend strategy meetings: Never",
        ),
        ("yes_no", {"trained": "yes"}, "Yes"),
        ("short_text", {"job_title": "Team manager"}, "Team manager"),
        ("integer", {"years": 12}, "12 years"),
        ("decimal", {"hours": 7.5}, "7.5 hours"),
        ("date", {"qualified": "2019-03-01"}, "1 March 2019"),
        ("scale_0_10", {"supported": 0}, "0"),
        (
            "ranking",
            {"priorities": ["time", "training", "sharing"]},
            "1. More time with families\n2. More training\n3. Better information sharing",
        ),
        ("consent", {"consent": True}, "Agreed"),
        ("info", {}, ""),
    ],
)
def test_an_answer_is_shown_in_words_on_the_check_your_answers_page(type_key, answers, shown):
    q = question(type_key)

    assert q.kind.display(q, answers) == shown


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_an_unanswered_question_is_shown_as_nothing(type_key):
    q = question(type_key)

    assert q.kind.display(q, {}) == ""


# --- exports ------------------------------------------------------------------------------------


def columns(type_key: str, **overrides) -> list[tuple[str, str, str]]:
    q = question(type_key, **overrides)
    return [(c.name, c.kind, c.measure) for c in q.kind.export_columns(q)]


def test_multiple_choice_exports_a_0_or_1_column_per_option_and_the_other_text():
    q = question("multiple_choice")
    exported = q.kind.export_columns(q)

    *options, text = exported
    assert [c.name for c in options] == [
        "seen_criminal",
        "seen_sexual",
        "seen_online",
        "seen_other",
        "seen_none",
    ]
    assert all((c.kind, c.measure) == ("numeric", "nominal") for c in options)
    assert all(c.value_labels == {0: "Not selected", 1: "Selected"} for c in options)
    assert options[0].label == "Which kinds of exploitation have you seen?: Criminal exploitation"
    assert text.label == "Which kinds of exploitation have you seen? (other, specified)"
    assert (text.kind, text.free_text) == ("string", True)


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_every_export_column_of_a_question_has_its_own_name(type_key):
    q = question(type_key)
    names = [c.name for c in q.kind.export_columns(q)]

    assert len(names) == len(set(names))


def test_multiple_choice_without_other_exports_no_text_column():
    plain = (option("criminal"), option("sexual"))

    assert columns("multiple_choice", choices=plain) == [
        ("seen_criminal", "numeric", "nominal"),
        ("seen_sexual", "numeric", "nominal"),
    ]


def test_a_single_choice_exports_its_value_with_labels_and_the_other_text():
    q = question("single_choice")
    main, other = q.kind.export_columns(q)

    assert (main.name, main.kind, main.measure) == ("agency", "string", "nominal")
    assert main.value_labels["social_care"] == "Children's social care"
    assert (other.name, other.kind, other.free_text) == ("agency_other_text", "string", True)


def test_a_matrix_exports_one_ordinal_column_per_statement():
    q = question("matrix")
    exported = q.kind.export_columns(q)

    assert [(c.name, c.kind, c.measure) for c in exported] == [
        ("practice_supervision", "numeric", "ordinal"),
        ("practice_strategy", "numeric", "ordinal"),
    ]
    assert exported[0].value_labels == {1: "Never", 2: "Sometimes", 3: "Often", 4: "Always"}
    assert exported[1].label == "How often do you do the following?: Attend strategy meetings"


def test_a_matrix_with_a_worded_scale_exports_text_columns():
    words = (option("never"), option("often"))

    assert columns("matrix", choices=words) == [
        ("practice_supervision", "string", "nominal"),
        ("practice_strategy", "string", "nominal"),
    ]


def test_a_ranking_exports_one_rank_column_per_option():
    assert columns("ranking") == [
        ("priorities_training", "numeric", "ordinal"),
        ("priorities_time", "numeric", "ordinal"),
        ("priorities_sharing", "numeric", "ordinal"),
    ]


@pytest.mark.parametrize(
    ("type_key", "layout"),
    [
        ("likert", [("confident", "numeric", "ordinal")]),
        ("yes_no", [("trained", "string", "nominal")]),
        ("integer", [("years", "numeric", "scale")]),
        ("decimal", [("hours", "numeric", "scale")]),
        ("date", [("qualified", "date", "scale")]),
        ("scale_0_10", [("supported", "numeric", "scale")]),
        ("consent", [("consent", "numeric", "nominal")]),
        ("short_text", [("job_title", "string", "nominal")]),
        ("long_text", [("helps", "string", "nominal")]),
        ("info", []),
    ],
)
def test_a_question_with_one_answer_exports_one_column(type_key, layout):
    assert columns(type_key) == layout


def test_value_labels_come_from_the_options_and_scale_ends():
    likert, scale = question("likert"), question("scale_0_10")

    assert likert.kind.export_columns(likert)[0].value_labels == {
        1: "Strongly disagree",
        2: "Disagree",
        3: "Neither",
        4: "Agree",
        5: "Strongly agree",
    }
    assert scale.kind.export_columns(scale)[0].value_labels == {0: "Not at all", 10: "Completely"}


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_only_what_respondents_typed_is_flagged_as_free_text(type_key):
    q = question(type_key)
    typed = {c.name for c in q.kind.export_columns(q) if c.free_text}

    expected = {
        "short_text": {"job_title"},
        "long_text": {"helps"},
        "single_choice": {"agency_other_text"},
        "multiple_choice": {"seen_other_text"},
    }.get(type_key, set())
    assert typed == expected


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
