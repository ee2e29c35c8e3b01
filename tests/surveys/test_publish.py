"""Publishing: a draft becomes an immutable, numbered version, or the researcher is told why not."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from responses.services import response_start
from surveys.models import Choice, Question, SurveyVersion
from surveys.schema import schema_checksum
from surveys.services import IncompatibleChanges, PublishInvalid, survey_publish
from surveys.validation import schema_problems
from tests.support.surveys import draft_survey

pytestmark = pytest.mark.django_db

ROLES = ["social_worker", "police", ("other", "Other", {"other": True})]
PRACTICE_PAGES = [
    {
        "title": "About you",
        "questions": [
            {"code": "role", "type": "single_choice", "required": True, "choices": ROLES},
            {"code": "years", "type": "integer", "config": {"min": 0, "max": 60}},
        ],
    },
    {
        "title": "Your practice",
        "questions": [
            {"code": "confident", "type": "likert", "choices": ["1", "2", "3", "4", "5"]},
            {"code": "police_unit", "type": "short_text", "relevant": "${role} = 'police'"},
        ],
    },
]


def practice_draft():
    return draft_survey(pages=PRACTICE_PAGES)


def problems_with(*questions: dict, **page) -> list[str]:
    """The problems publishing reports for a one-page draft with these questions."""
    survey = draft_survey(pages=[{"title": "About you", **page, "questions": list(questions)}])
    with pytest.raises(PublishInvalid) as caught:
        survey_publish(survey=survey)
    assert not survey.versions.exists()
    return caught.value.problems


def draft_question(survey, code: str) -> Question:
    return Question.objects.get(page__survey=survey, code=code)


def start_a_response(survey) -> None:
    survey.refresh_from_db()
    response_start(survey=survey, now=timezone.now())


# --- versions -----------------------------------------------------------------------------------


def test_publishing_a_valid_draft_creates_version_1_holding_the_whole_instrument():
    survey = practice_draft()

    result = survey_publish(survey=survey)

    version = result.version
    assert result.created
    assert result.changes == []
    assert version.number == 1
    assert version.checksum == schema_checksum(version.schema)
    assert len(version.checksum) == 64
    assert version.schema["title"] == "Practice survey"
    assert [page["title"] for page in version.schema["pages"]] == ["About you", "Your practice"]
    assert [q["code"] for page in version.schema["pages"] for q in page["questions"]] == [
        "role",
        "years",
        "confident",
        "police_unit",
    ]
    role = version.schema["pages"][0]["questions"][0]
    assert role["choices"][2] == {
        "value": "other",
        "label": "Other",
        "exclusive": False,
        "other": True,
    }
    survey.refresh_from_db()
    assert survey.current_version == version


def test_the_publisher_is_recorded():
    alice = get_user_model().objects.create_user("alice")

    version = survey_publish(survey=practice_draft(), by=alice).version

    assert version.published_by == alice


def test_republishing_an_unchanged_draft_returns_the_current_version():
    survey = practice_draft()
    first = survey_publish(survey=survey).version

    again = survey_publish(survey=survey)

    assert not again.created
    assert again.version == first
    assert again.changes == []
    assert survey.versions.count() == 1


def test_a_changed_draft_is_published_as_the_next_version():
    survey = practice_draft()
    first = survey_publish(survey=survey).version
    Question.objects.filter(pk=draft_question(survey, "years").pk).update(
        label="How many years have you worked in safeguarding?"
    )

    result = survey_publish(survey=survey)

    assert result.created
    assert result.version.number == 2
    assert result.version.checksum != first.checksum
    survey.refresh_from_db()
    assert survey.current_version == result.version


def test_an_earlier_version_keeps_the_instrument_it_was_published_with():
    survey = practice_draft()
    first = survey_publish(survey=survey).version
    Question.objects.filter(pk=draft_question(survey, "years").pk).update(label="Changed")
    survey_publish(survey=survey)

    first.refresh_from_db()

    assert first.schema["pages"][0]["questions"][1]["label"] == "Years"


def test_a_published_version_cannot_be_changed():
    version = survey_publish(survey=practice_draft()).version
    version.schema["title"] = "Something else"

    with pytest.raises(ValueError, match="immutable"):
        version.save()

    assert SurveyVersion.objects.get(pk=version.pk).schema["title"] == "Practice survey"


# --- problems -----------------------------------------------------------------------------------


def test_a_survey_without_pages_cannot_be_published():
    survey = draft_survey(pages=[])

    with pytest.raises(PublishInvalid) as caught:
        survey_publish(survey=survey)

    assert caught.value.problems == ["Add at least one page with a question."]


def test_a_page_needs_a_title_and_a_question():
    survey = draft_survey(pages=[{"title": " ", "questions": []}])

    with pytest.raises(PublishInvalid) as caught:
        survey_publish(survey=survey)

    assert caught.value.problems == [
        "Page 1: give the page a title.",
        "Page 1: add at least one question.",
    ]


def test_two_questions_cannot_share_a_code():
    assert problems_with(
        {"code": "role", "type": "short_text"}, {"code": "role", "type": "integer"}
    ) == ["Page 1, ${role}: this code is used by another question."]


def test_a_code_used_again_on_a_later_page_is_named_where_it_is_repeated():
    survey = draft_survey(
        pages=[
            {"title": "One", "questions": [{"code": "role", "type": "short_text"}]},
            {"title": "Two", "questions": [{"code": "role", "type": "short_text"}]},
        ]
    )

    with pytest.raises(PublishInvalid) as caught:
        survey_publish(survey=survey)

    assert caught.value.problems == ["Page 2, ${role}: this code is used by another question."]


@pytest.mark.parametrize("code", ["Role", "1st_role", "job-title", "job title", ""])
def test_a_code_must_be_a_short_lowercase_identifier(code):
    assert problems_with({"code": code, "type": "short_text", "label": "Role"}) == [
        f"Page 1, ${{{code}}}: "
        "use lowercase letters, digits and underscores, starting with a letter."
    ]


def test_a_code_longer_than_64_characters_is_refused_even_from_outside_the_draft_tables():
    # Draft rows cannot hold one (the column is 64 characters); an imported schema could.
    schema = {
        "pages": [
            {
                "title": "About you",
                "questions": [{"code": "a" * 65, "type": "short_text", "label": "Role"}],
            }
        ]
    }

    assert schema_problems(schema) == [
        f"Page 1, ${{{'a' * 65}}}: "
        "use lowercase letters, digits and underscores, starting with a letter."
    ]


def test_a_code_of_64_characters_is_allowed():
    survey = draft_survey(pages=[{"questions": [{"code": "a" * 64, "type": "short_text"}]}])

    assert survey_publish(survey=survey).created


def test_an_unknown_question_type_is_named():
    assert problems_with({"code": "role", "type": "slider"}) == [
        "Page 1, ${role}: unknown question type ‘slider’."
    ]


def test_a_question_needs_a_label():
    assert problems_with({"code": "role", "type": "short_text", "label": "  "}) == [
        "Page 1, ${role}: the question needs a label."
    ]


def test_a_badly_configured_question_is_named_with_its_page():
    assert problems_with(
        {"code": "years", "type": "integer", "config": {"min": 10, "max": 5}},
        {"code": "role", "type": "single_choice", "choices": ["police", "police"]},
    ) == [
        "Page 1, ${years}: min cannot be more than max.",
        "Page 1, ${role}: Option values must be unique: police.",
    ]


def test_a_condition_that_does_not_parse_is_named():
    [problem] = problems_with(
        {"code": "role", "type": "short_text"},
        {"code": "unit", "type": "short_text", "relevant": "${role} = "},
    )

    assert problem.startswith("Page 1, ${unit}: the condition does not parse: ")


def test_a_condition_on_a_question_that_does_not_exist_is_named():
    assert problems_with(
        {"code": "role", "type": "short_text"},
        {"code": "unit", "type": "short_text", "relevant": "${rol} = 'police'"},
    ) == ["Page 1, ${unit}: ${rol} is not a question in this survey"]


def test_a_condition_cannot_use_a_later_question():
    assert problems_with(
        {"code": "unit", "type": "short_text", "relevant": "${role} = 'police'"},
        {"code": "role", "type": "single_choice", "choices": ["police", "health"]},
    ) == [
        "Page 1, ${unit}: ${role} comes later in the survey; "
        "a condition can only use earlier answers"
    ]


def test_a_condition_cannot_use_its_own_question():
    assert problems_with({"code": "role", "type": "short_text", "relevant": "${role} = 'x'"}) == [
        "Page 1, ${role}: ${role} is this question itself; a condition can only use earlier answers"
    ]


def test_a_page_condition_cannot_use_a_question_on_the_same_page():
    survey = draft_survey(
        pages=[
            {"title": "One", "questions": [{"code": "role", "type": "short_text"}]},
            {
                "title": "Two",
                "relevant": "${years} > 5",
                "questions": [{"code": "years", "type": "integer"}],
            },
        ]
    )

    with pytest.raises(PublishInvalid) as caught:
        survey_publish(survey=survey)

    assert caught.value.problems == [
        "Page 2: ${years} is on this page; a page's condition can only use answers "
        "from earlier pages"
    ]


def test_a_page_condition_may_use_a_question_on_an_earlier_page():
    survey = draft_survey(
        pages=[
            {"title": "One", "questions": [{"code": "years", "type": "integer"}]},
            {
                "title": "Two",
                "relevant": "${years} > 5",
                "questions": [{"code": "experience", "type": "long_text"}],
            },
        ]
    )

    assert survey_publish(survey=survey).created


def test_a_number_cannot_be_compared_with_words():
    assert problems_with(
        {"code": "years", "type": "integer"},
        {"code": "detail", "type": "short_text", "relevant": "${years} = 'five'"},
    ) == ["Page 1, ${detail}: ${years} is a number; compare it with a number, not 'five'"]


def test_a_misspelt_choice_is_named_with_the_real_choices():
    assert problems_with(
        {"code": "agency", "type": "single_choice", "choices": ["police", "health"]},
        {"code": "unit", "type": "short_text", "relevant": "${agency} = 'polise'"},
    ) == ["Page 1, ${unit}: 'polise' is not a choice of ${agency} (choices: police, health)"]


def test_a_yes_no_question_is_compared_with_its_stored_values():
    assert problems_with(
        {"code": "trained", "type": "yes_no"},
        {"code": "when", "type": "date", "relevant": "${trained} = 'Yes'"},
    ) == ["Page 1, ${when}: 'Yes' is not a choice of ${trained} (choices: yes, no)"]


def test_every_problem_is_reported_at_once():
    problems = problems_with(
        {"code": "years", "type": "integer"},
        {"code": "a", "type": "short_text", "relevant": "${years} = 'five'"},
        {"code": "b", "type": "short_text", "relevant": "${nope} = 1"},
    )

    assert [problem.split(":")[0] for problem in problems] == ["Page 1, ${a}", "Page 1, ${b}"]


# --- changes once people have answered ----------------------------------------------------------


def published_with_a_response():
    survey = practice_draft()
    survey_publish(survey=survey)
    start_a_response(survey)
    return survey


def test_removing_an_answered_code_needs_the_researcher_to_accept_it():
    survey = published_with_a_response()
    draft_question(survey, "years").delete()

    with pytest.raises(IncompatibleChanges) as caught:
        survey_publish(survey=survey)

    assert caught.value.changes == [
        "${years} is removed; answers already given to it stay with the old version."
    ]
    assert survey.versions.count() == 1


def test_changing_the_type_of_an_answered_code_needs_the_researcher_to_accept_it():
    survey = published_with_a_response()
    Question.objects.filter(pk=draft_question(survey, "years").pk).update(type="decimal")

    with pytest.raises(IncompatibleChanges) as caught:
        survey_publish(survey=survey)

    assert caught.value.changes == ["${years} changes type from Whole number to Decimal number."]


def test_removing_an_option_that_answers_may_use_needs_the_researcher_to_accept_it():
    survey = published_with_a_response()
    Choice.objects.filter(question=draft_question(survey, "role"), value="social_worker").delete()

    with pytest.raises(IncompatibleChanges) as caught:
        survey_publish(survey=survey)

    assert caught.value.changes == [
        "${role} loses options social_worker that existing answers may use."
    ]


def test_accepted_breaking_changes_are_published_and_reported():
    survey = published_with_a_response()
    draft_question(survey, "years").delete()
    Question.objects.filter(pk=draft_question(survey, "police_unit").pk).update(type="long_text")

    result = survey_publish(survey=survey, accept_breaking_changes=True)

    assert result.created
    assert result.version.number == 2
    assert result.changes == [
        "${years} is removed; answers already given to it stay with the old version.",
        "${police_unit} changes type from Short text to Long text.",
    ]


def test_adding_questions_and_rewording_does_not_break_existing_answers():
    survey = published_with_a_response()
    Question.objects.filter(pk=draft_question(survey, "years").pk).update(label="Years in role")
    Question.objects.create(
        page=draft_question(survey, "years").page,
        position=5,
        code="team",
        type="short_text",
        label="Team",
    )

    result = survey_publish(survey=survey)

    assert result.created
    assert result.changes == []


def test_without_responses_codes_can_be_removed_freely():
    survey = practice_draft()
    survey_publish(survey=survey)
    draft_question(survey, "years").delete()

    result = survey_publish(survey=survey)

    assert result.created
    assert result.changes == []


def test_removing_information_text_breaks_nothing():
    survey = draft_survey(
        pages=[
            {
                "questions": [
                    {"code": "about", "type": "info"},
                    {"code": "role", "type": "short_text"},
                ]
            }
        ]
    )
    survey_publish(survey=survey)
    start_a_response(survey)
    draft_question(survey, "about").delete()

    assert survey_publish(survey=survey).changes == []


def test_removing_a_matrix_statement_that_answers_may_use_needs_the_researcher_to_accept_it():
    rows = [
        {"value": "supervision", "label": "Discuss cases in supervision"},
        {"value": "strategy", "label": "Attend strategy meetings"},
    ]
    survey = draft_survey(
        pages=[
            {
                "questions": [
                    {
                        "code": "practice",
                        "type": "matrix",
                        "config": {"rows": rows},
                        "choices": ["1", "2", "3"],
                    }
                ]
            }
        ]
    )
    survey_publish(survey=survey)
    start_a_response(survey)
    Question.objects.filter(pk=draft_question(survey, "practice").pk).update(
        config={"rows": rows[:1]}
    )

    with pytest.raises(IncompatibleChanges) as caught:
        survey_publish(survey=survey)

    assert "${practice}" in caught.value.changes[0]
