"""Describing conditions in English, to finish "This question is for you if …"."""

import pytest

from surveys.logic import QuestionText, describe, parse

QUESTIONS = {
    "agency": QuestionText("Which agency do you work for?", {"police": "Police"}),
    "concerns": QuestionText("What concerns you?", {"online": "Online abuse"}),
    "years": QuestionText("Years in post"),
}


@pytest.mark.parametrize(
    ("source", "sentence"),
    [
        ("${agency} = 'police'", "you answered ‘Police’ to ‘Which agency do you work for?’"),
        ("'police' = ${agency}", "you answered ‘Police’ to ‘Which agency do you work for?’"),
        (
            "${agency} != 'police'",
            "you did not answer ‘Police’ to ‘Which agency do you work for?’",
        ),
        (
            "not(${agency} = 'police')",
            "you did not answer ‘Police’ to ‘Which agency do you work for?’",
        ),
        ("${agency} = 'other'", "you answered ‘other’ to ‘Which agency do you work for?’"),
        ("${agency} != ''", "you answered ‘Which agency do you work for?’"),
        ("${agency} = ''", "you did not answer ‘Which agency do you work for?’"),
        ("selected(${concerns}, 'online')", "you selected ‘Online abuse’ in ‘What concerns you?’"),
        (
            "not(selected(${concerns}, 'online'))",
            "you did not select ‘Online abuse’ in ‘What concerns you?’",
        ),
    ],
)
def test_it_describes_answers_and_selections(source, sentence):
    assert describe(parse(source), QUESTIONS) == sentence


@pytest.mark.parametrize(
    ("source", "ending"),
    [
        ("${years} > 5", "is more than 5"),
        ("5 < ${years}", "is more than 5"),
        ("${years} >= 5", "is 5 or more"),
        ("${years} < 5", "is less than 5"),
        ("${years} <= 2.5", "is 2.5 or less"),
        ("${years} = 5", "is 5"),
        ("${years} != -1", "is not -1"),
    ],
)
def test_it_describes_number_comparisons(source, ending):
    assert describe(parse(source), QUESTIONS) == f"your answer to ‘Years in post’ {ending}"


@pytest.mark.parametrize(
    ("source", "sentence"),
    [
        ("count-selected(${concerns}) > 2", "you selected more than 2 options in"),
        ("count-selected(${concerns}) >= 2", "you selected 2 or more options in"),
        ("count-selected(${concerns}) < 3", "you selected fewer than 3 options in"),
        ("count-selected(${concerns}) <= 1", "you selected 1 or fewer options in"),
        ("count-selected(${concerns}) = 1", "you selected exactly 1 option in"),
        ("count-selected(${concerns}) > 0", "you selected at least one option in"),
        ("count-selected(${concerns}) = 0", "you did not select any options in"),
    ],
)
def test_it_describes_how_many_options_were_selected(source, sentence):
    assert describe(parse(source), QUESTIONS) == f"{sentence} ‘What concerns you?’"


def test_it_joins_conditions_with_and():
    source = "${agency} = 'police' and ${years} > 5"
    assert describe(parse(source), QUESTIONS) == (
        "you answered ‘Police’ to ‘Which agency do you work for?’ "
        "and your answer to ‘Years in post’ is more than 5"
    )


def test_it_joins_alternatives_with_a_comma_and_or():
    source = "${agency} = 'police' or selected(${concerns}, 'online')"
    assert describe(parse(source), QUESTIONS) == (
        "you answered ‘Police’ to ‘Which agency do you work for?’, "
        "or you selected ‘Online abuse’ in ‘What concerns you?’"
    )


def test_an_unknown_question_is_named_by_its_code():
    assert describe(parse("${mystery} = 'x'"), QUESTIONS) == "you answered ‘x’ to ${mystery}"


@pytest.mark.parametrize(
    "source",
    [
        "${years} + 1 > 5",
        "${agency}",
        "${agency} < 'b'",
        "${agency} = 'police' and (${years} > 5 or ${years} < 1)",
        "${agency} = 'police' and ${years} * 2 > 5",
        "not(${years} > 5)",
        "true()",
    ],
)
def test_it_says_nothing_rather_than_something_awkward(source):
    assert describe(parse(source), QUESTIONS) is None
