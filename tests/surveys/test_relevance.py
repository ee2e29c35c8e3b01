"""Relevance: which pages and questions apply to a respondent, decided from earlier answers."""

from __future__ import annotations

import pytest

from surveys.logic import parse
from surveys.relevance import (
    condition_holds,
    next_page,
    page_applies,
    previous_page,
    prune,
    relevant_pages,
    unanswered_required,
)
from surveys.schema import Instrument, instrument_from_schema
from surveys.validation import schema_problems


def q(code: str, type_key: str = "short_text", *choices, relevant: str = "", required=False):
    """A question document; a choice given as "value*" asks the respondent to specify (Other)."""
    return {
        "code": code,
        "type": type_key,
        "label": code.replace("_", " ").capitalize(),
        "required": required,
        "relevant": relevant,
        "choices": [
            {"value": c.rstrip("*"), "label": c.rstrip("*").capitalize(), "other": c.endswith("*")}
            for c in choices
        ],
    }


def page(title: str, *questions: dict, relevant: str = "") -> dict:
    return {"title": title, "relevant": relevant, "questions": list(questions)}


def document(*pages: dict) -> dict:
    return {"format": 1, "title": "Practice", "pages": list(pages)}


def instrument(*pages: dict) -> Instrument:
    return instrument_from_schema(document(*pages))


def titles(pages) -> list[str]:
    return [p.title for p in pages]


# A survey of practitioners: police officers get a page about their unit, anyone who has seen
# exploitation is asked about it, and follow-ups depend on earlier follow-ups.
SURVEY_DOCUMENT = document(
    page(
        "About you",
        q("consent", "consent"),
        q("agency", "single_choice", "social_care", "police", "other*", required=True),
        q("years", "integer", required=True),
    ),
    page(
        "Police",
        q("unit", "dropdown", "cid", "neighbourhood", "other*", required=True),
        q("unit_years", "integer", relevant="${unit} != ''"),
        relevant="${agency} = 'police'",
    ),
    page(
        "What you have seen",
        q("seen", "multiple_choice", "criminal", "sexual", "other*", required=True),
        q("seen_online", "yes_no", relevant="selected(${seen}, 'sexual')", required=True),
        q("platform", "short_text", relevant="${seen_online} = 'yes'", required=True),
        q("platform_reported", "yes_no", relevant="${platform} != ''"),
    ),
    page(
        "Experienced practitioners",
        q("advice", "long_text", required=True),
        relevant="${years} >= 10",
    ),
    page("Finally", q("anything_else", "long_text")),
)
SURVEY = instrument_from_schema(SURVEY_DOCUMENT)


def test_the_survey_used_here_could_be_published():
    assert schema_problems(SURVEY_DOCUMENT) == []


# --- conditions ---------------------------------------------------------------------------------


def test_a_question_without_a_condition_always_applies():
    assert condition_holds(None, {})


@pytest.mark.parametrize(
    ("answers", "holds"),
    [({"agency": "police"}, True), ({"agency": "health"}, False), ({}, False)],
)
def test_a_condition_holds_only_for_the_answers_it_describes(answers, holds):
    assert condition_holds(parse("${agency} = 'police'"), answers) is holds


def test_a_page_applies_only_when_its_condition_holds():
    police = SURVEY.pages[1]

    assert page_applies(SURVEY, police, {"agency": "police"})
    assert not page_applies(SURVEY, police, {"agency": "social_care"})
    assert not page_applies(SURVEY, police, {})


def test_a_page_condition_ignores_an_answer_that_no_longer_applies():
    # Ten years was answered, but "years" is only asked of people who consented here.
    gated = instrument(
        page("One", q("consent", "yes_no"), q("years", "integer", relevant="${consent} = 'yes'")),
        page("Two", q("advice", "long_text"), relevant="${years} >= 10"),
    )

    assert page_applies(gated, gated.pages[1], {"consent": "yes", "years": 12})
    assert not page_applies(gated, gated.pages[1], {"consent": "no", "years": 12})


# --- pruning ------------------------------------------------------------------------------------


def test_answers_to_questions_that_apply_are_all_kept():
    answers = {
        "consent": True,
        "agency": "police",
        "years": 12,
        "unit": "cid",
        "unit_years": 3,
        "seen": ["sexual"],
        "seen_online": "yes",
        "platform": "A messaging app",
        "platform_reported": "no",
        "advice": "Listen.",
        "anything_else": "No.",
    }

    assert prune(SURVEY, answers) == answers


def test_answers_on_a_page_that_stopped_applying_are_dropped():
    answers = {"agency": "social_care", "years": 4, "unit": "cid", "unit_years": 3}

    assert prune(SURVEY, answers) == {"agency": "social_care", "years": 4}


def test_an_answer_to_a_follow_up_that_stopped_applying_is_dropped():
    answers = {"seen": ["criminal"], "seen_online": "yes"}

    assert prune(SURVEY, answers) == {"seen": ["criminal"]}


def test_a_follow_up_of_a_follow_up_is_dropped_with_it():
    answers = {
        "seen": ["criminal"],
        "seen_online": "yes",
        "platform": "A messaging app",
        "platform_reported": "yes",
    }

    assert prune(SURVEY, answers) == {"seen": ["criminal"]}


def test_a_follow_up_is_kept_while_the_chain_above_it_holds():
    answers = {"seen": ["criminal", "sexual"], "seen_online": "no", "platform": "A forum"}

    assert prune(SURVEY, answers) == {"seen": ["criminal", "sexual"], "seen_online": "no"}


def test_answers_to_questions_that_are_not_in_the_survey_are_dropped():
    assert prune(SURVEY, {"years": 2, "retired_question": "x", "years.other": "y"}) == {"years": 2}


def test_the_other_text_is_kept_with_its_question():
    answers = {"agency": "other", "agency.other": "Youth offending team", "years": 1}

    assert prune(SURVEY, answers) == answers


def test_the_other_text_is_dropped_when_its_question_stops_applying():
    answers = {
        "agency": "social_care",
        "unit": "other",
        "unit.other": "Missing persons",
        "seen": ["other"],
        "seen.other": "County lines",
    }

    assert prune(SURVEY, answers) == {
        "agency": "social_care",
        "seen": ["other"],
        "seen.other": "County lines",
    }


def test_a_condition_is_decided_on_answers_that_apply_in_instrument_order():
    # "unit" is stored, but the police page no longer applies, so "unit_years" does not either.
    answers = {"agency": "health", "unit": "cid", "unit_years": 4}

    assert prune(SURVEY, answers) == {"agency": "health"}


# --- moving between pages -----------------------------------------------------------------------


def test_every_page_applies_when_every_condition_holds():
    answers = {"agency": "police", "years": 15}

    assert titles(relevant_pages(SURVEY, answers)) == [
        "About you",
        "Police",
        "What you have seen",
        "Experienced practitioners",
        "Finally",
    ]


def test_the_next_page_skips_pages_that_do_not_apply():
    answers = {"agency": "social_care", "years": 3}

    assert next_page(SURVEY, answers, after=0).title == "What you have seen"
    assert next_page(SURVEY, answers, after=2).title == "Finally"


def test_the_next_page_includes_a_page_that_applies():
    answers = {"agency": "police", "years": 30}

    assert next_page(SURVEY, answers, after=0).title == "Police"
    assert next_page(SURVEY, answers, after=2).title == "Experienced practitioners"


def test_there_is_no_next_page_after_the_last():
    assert next_page(SURVEY, {}, after=4) is None


def test_the_previous_page_skips_pages_that_do_not_apply():
    answers = {"agency": "social_care", "years": 3}

    assert previous_page(SURVEY, answers, before=4).title == "What you have seen"
    assert previous_page(SURVEY, answers, before=2).title == "About you"


def test_the_previous_page_includes_a_page_that_applies():
    answers = {"agency": "police", "years": 30}

    assert previous_page(SURVEY, answers, before=4).title == "Experienced practitioners"
    assert previous_page(SURVEY, answers, before=2).title == "Police"


def test_there_is_no_previous_page_before_the_first():
    assert previous_page(SURVEY, {}, before=0) is None


def test_changing_an_earlier_answer_changes_the_route():
    police = {"agency": "police", "years": 3, "unit": "cid"}
    changed = police | {"agency": "social_care"}

    assert next_page(SURVEY, police, after=0).title == "Police"
    assert next_page(SURVEY, changed, after=0).title == "What you have seen"


# --- what is still missing ----------------------------------------------------------------------


def codes(questions) -> list[str]:
    return [question.code for question in questions]


def test_every_required_question_that_applies_is_missing_at_first():
    assert codes(unanswered_required(SURVEY, {})) == ["consent", "agency", "years", "seen"]


def test_consent_is_always_required():
    assert "consent" in codes(unanswered_required(SURVEY, {}))
    assert "consent" not in codes(unanswered_required(SURVEY, {"consent": True}))


def test_required_questions_on_pages_that_apply_are_listed_in_order():
    answers = {"consent": True, "agency": "police", "years": 12, "seen": ["sexual"]}

    assert codes(unanswered_required(SURVEY, answers)) == ["unit", "seen_online", "advice"]


def test_answered_and_optional_questions_are_not_listed():
    answers = {
        "consent": True,
        "agency": "police",
        "years": 12,
        "unit": "cid",
        "seen": ["sexual"],
        "seen_online": "yes",
        "platform": "A forum",
        "advice": "Ask twice.",
    }

    assert unanswered_required(SURVEY, answers) == []


def test_required_questions_that_do_not_apply_are_not_listed():
    answers = {"consent": True, "agency": "health", "years": 2, "seen": ["criminal"]}

    assert unanswered_required(SURVEY, answers) == []


def test_an_answer_to_a_question_that_stopped_applying_does_not_count():
    # "platform" was answered once, but "seen_online" has since been cleared.
    answers = {
        "consent": True,
        "agency": "health",
        "years": 2,
        "seen": ["sexual"],
        "platform": "A forum",
    }

    assert codes(unanswered_required(SURVEY, answers)) == ["seen_online"]


def test_information_text_is_never_missing():
    survey = instrument(page("One", q("about", "info", required=True)))

    assert unanswered_required(survey, {}) == []
