"""Question types: what a respondent may send and what is stored (choices, matrix, ranking)."""

from __future__ import annotations

import pytest

from surveys.question_types import (
    AnswerInvalid,
)
from tests.surveys.question_types.examples import (
    ANSWERABLE,
    answer,
    messages,
    option,
    question,
    store,
)

# --- answering nothing --------------------------------------------------------------------------


@pytest.mark.parametrize("type_key", [key for key in ANSWERABLE if key != "matrix"])
def test_a_required_question_left_blank_stops_the_respondent_continuing(type_key):
    q = question(type_key, required=True)

    with pytest.raises(AnswerInvalid) as caught:
        store(q, {})

    [error] = caught.value.errors
    assert error.suffix in q.kind.fields(q)
    assert error.message == q.kind.required_message(q)
    assert q.label not in error.message  # GOV.UK style: beside the question, not quoting it


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
    assert messages(q, day="", month="", year="") == {"day": "Enter a date"}


@pytest.mark.parametrize("required", [True, False])
def test_consent_is_always_needed_to_continue(required):
    q = question("consent", required=required)

    assert messages(q) == {"": "Select ‘I agree’ to continue"}
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
def test_a_value_that_is_not_an_option_is_refused_with_the_types_message(type_key):
    q = question(type_key)

    [message] = messages(q, "made_up").values()

    assert message == "Select an answer"


def test_choosing_other_asks_what_it_means():
    q = question("single_choice", required=True)

    assert messages(q, "other", other="") == {"other": "Enter what ‘Other’ means for you"}


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
def test_an_over_long_other_text_is_refused_with_a_message_naming_the_option(type_key):
    q = question(type_key)
    chosen = "other" if type_key == "single_choice" else ["other"]

    [message] = messages(q, chosen, other="x" * 301).values()

    assert message == "Your answer to ‘Other’ must be 300 characters or fewer"


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
        "": "Select only the options listed"
    }


def test_an_exclusive_option_cannot_be_combined_with_others():
    q = question("multiple_choice")

    assert messages(q, ["criminal", "none"]) == {
        "": "Select ‘None of these’ on its own, or other answers without it"
    }


def test_an_exclusive_option_can_be_chosen_alone():
    assert answer(question("multiple_choice"), ["none"]) == {"seen": ["none"]}


def test_multiple_choice_other_needs_its_text():
    q = question("multiple_choice")

    assert messages(q, ["other"]) == {"other": "Enter what ‘Other’ means for you"}
    assert answer(q, ["criminal", "other"], other="County lines") == {
        "seen": ["criminal", "other"],
        "seen.other": "County lines",
    }


def test_multiple_choice_holds_respondents_to_the_minimum_and_maximum_selections():
    q = question("multiple_choice", config={"min_selections": 2, "max_selections": 3})

    assert messages(q, ["criminal"]) == {"": "Select at least 2 answers"}
    assert messages(q, ["criminal", "sexual", "online", "other"], other="x") == {
        "": "Select no more than 3 answers"
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
    assert messages(question("ranking", required=True)) == {"training": "Give every option a rank"}
