"""Checking a condition against the survey: the messages researchers see in the editor."""

import pytest

from surveys.logic import Symbol, check, parse

AVAILABLE = {
    "agency": Symbol("choice", choices=("police", "health")),
    "concerns": Symbol("multi", choices=("online", "phone")),
    "years": Symbol("number"),
    "min_years": Symbol("number"),
    "name": Symbol("text"),
    "dob": Symbol("date"),
    "start": Symbol("date"),
    "grid": Symbol("unsupported", label="matrix"),
}
LATER = {"feedback"}


def problems(source: str) -> list[str]:
    return check(parse(source), available=AVAILABLE, later=LATER)


@pytest.mark.parametrize(
    "source",
    [
        "${agency} = 'police' and selected(${concerns}, 'online') or ${years} >= 5",
        "'health' = ${agency}",
        "${years} = ${min_years} + 1",
        "${name} = 'Sam' and string-length(${name}) > 2 and string-length('abc') = 3",
        "${dob} < '2000-01-31' and ${dob} >= ${start}",
        "count-selected(${concerns}) > 1 and -${years} < 0 and ${years} mod 2 = 0",
        "not(${agency}) or ${name} and true()",
        "${dob} != '' and ${agency} = ${agency}",
    ],
)
def test_a_sensible_condition_has_no_problems(source):
    assert problems(source) == []


def test_a_missing_question_is_named():
    assert problems("${agnecy} = 'police'") == ["${agnecy} is not a question in this survey"]


def test_a_question_later_in_the_survey_cannot_be_used():
    assert problems("${feedback} = ''") == [
        "${feedback} comes later in the survey; a condition can only use earlier answers"
    ]


def test_a_condition_on_its_own_question_says_so():
    assert check(
        parse("${feedback} = ''"), available={}, later={"feedback"}, itself="feedback"
    ) == ["${feedback} is this question itself; a condition can only use earlier answers"]


def test_a_page_condition_on_a_question_of_its_own_page_says_so():
    node = parse("${feedback} = '' and ${later} = ''")

    assert check(node, available={}, later={"feedback", "later"}, this_page={"feedback"}) == [
        "${feedback} is on this page; a page's condition can only use answers from earlier pages",
        "${later} comes later in the survey; a condition can only use earlier answers",
    ]


def test_an_unsupported_question_type_is_named_by_its_label():
    assert problems("${grid} = 'x'") == [
        "${grid} is a matrix question and cannot be used in a condition"
    ]


def test_a_misspelt_choice_lists_the_real_choices():
    assert problems("${agency} = 'polise'") == [
        "'polise' is not a choice of ${agency} (choices: police, health)"
    ]


def test_a_choice_compared_with_a_number_asks_for_a_choice_in_quotes():
    assert problems("${agency} = 1") == [
        "${agency} is a single-choice answer; compare it with one of its choices in quotes "
        "(choices: police, health)"
    ]


def test_a_number_compared_with_text_asks_for_a_number():
    assert problems("${years} = '5'") == ["${years} is a number; compare it with a number, not '5'"]


def test_a_date_must_be_compared_with_an_iso_date():
    assert problems("${dob} > '31/01/2000'") == [
        "'31/01/2000' is not a date; compare ${dob} with a date written as 'YYYY-MM-DD'"
    ]


def test_an_impossible_date_is_not_a_date():
    assert problems("${dob} = '2000-02-30'") == [
        "'2000-02-30' is not a date; compare ${dob} with a date written as 'YYYY-MM-DD'"
    ]


def test_a_multiple_choice_answer_must_be_tested_with_selected():
    assert problems("${concerns} = 'online'") == [
        "${concerns} can have several answers; use selected(${concerns}, 'value') instead of '='"
    ]
    assert problems("${concerns} != 'online'") == [
        "${concerns} can have several answers; use not(selected(${concerns}, 'value')) "
        "instead of '!='"
    ]


def test_empty_text_can_be_compared_with_any_answer():
    assert problems("${concerns} = '' and ${years} != '' and ${dob} = ''") == []


def test_two_answers_of_different_kinds_cannot_be_compared():
    assert problems("${years} = ${name}") == [
        "${years} is a number and ${name} is a text answer, so they cannot be compared"
    ]


def test_only_numbers_and_dates_can_be_ordered():
    assert problems("${name} < 'x'") == ["${name} is a text answer and cannot be compared with <"]
    assert problems("${agency} >= 2") == [
        "${agency} is a single-choice answer and cannot be compared with >="
    ]


def test_arithmetic_needs_numbers():
    assert problems("${name} + 1 > 2") == [
        "${name} is a text answer, not a number; '+' needs numbers"
    ]
    assert problems("-${agency} > 2") == [
        "${agency} is a single-choice answer, not a number; '-' needs numbers"
    ]


def test_selected_needs_a_choice_question_and_one_of_its_choices():
    assert problems("selected(${years}, 'x')") == [
        "selected() needs a choice question; ${years} is a number"
    ]
    assert problems("selected(${concerns}, 'onlin')") == [
        "'onlin' is not a choice of ${concerns} (choices: online, phone)"
    ]
    assert problems("selected(${agency}, ${name})") == [
        "selected() needs one of the choices of ${agency} in quotes, not ${name}"
    ]


def test_count_selected_needs_a_multiple_choice_question():
    assert problems("count-selected(${agency}) > 1") == [
        "count-selected() needs a multiple-choice question; ${agency} is a single-choice answer"
    ]


def test_string_length_needs_text():
    assert problems("string-length(${years}) > 1") == [
        "string-length() needs a text question; ${years} is a number"
    ]


def test_every_problem_is_reported_once_in_source_order():
    source = "${nope} = 1 and ${years} = 'x' or ${nope} = 2 or selected(${agency}, 'y')"
    assert problems(source) == [
        "${nope} is not a question in this survey",
        "${years} is a number; compare it with a number, not 'x'",
        "'y' is not a choice of ${agency} (choices: police, health)",
    ]


def test_a_bad_reference_is_not_also_blamed_for_how_it_is_used():
    assert problems("selected(${feedback}, 'x') and ${feedback} + 1 > 2") == [
        "${feedback} comes later in the survey; a condition can only use earlier answers"
    ]
