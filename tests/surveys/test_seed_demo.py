"""`manage.py seed_demo`: a realistic demo survey, published and open, with synthetic responses
that the respondent journey could have stored."""

from datetime import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from responses.models import Response
from surveys.advice import instrument_warnings
from surveys.logic import referenced_codes
from surveys.models import Survey, SurveyVersion
from surveys.question_types import question_types
from surveys.relevance import prune, unanswered_required
from surveys.schema import instrument_for_version
from surveys.services import PublishInvalid

SLUG = "complex-safeguarding"

pytestmark = pytest.mark.django_db


def seed_demo(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def survey() -> Survey:
    seed_demo()
    return Survey.objects.get(slug=SLUG)


@pytest.fixture
def instrument(survey):
    return instrument_for_version(survey.current_version)


def test_it_creates_an_open_published_survey(survey):
    assert survey.status == Survey.Status.OPEN
    assert survey.current_version is not None
    assert survey.opens_at < timezone.now() < survey.closes_at
    assert survey.followup_enabled


def test_the_instrument_has_six_or_more_pages_and_40_to_70_questions(instrument):
    assert len(instrument.pages) >= 6
    assert 40 <= len(instrument.questions()) <= 70


def test_the_instrument_uses_every_question_type(instrument):
    used = {question.type for question in instrument.questions()}
    assert used == {kind.key for kind in question_types()}


def test_a_methodologist_finds_no_page_too_long_and_no_publish_warning(survey):
    instrument = instrument_for_version(survey.current_version)
    assert all(
        len([q for q in page.questions if q.kind.has_answer]) <= 6 for page in instrument.pages
    )
    assert instrument_warnings(survey.current_version.schema) == []


def test_no_question_about_the_respondent_forces_a_choice(instrument):
    about_them = ["role", "agency", "area_type", "years_in_role", "settings", "age_groups"]
    for code in about_them:
        question = instrument.question(code)
        labels = {c.label for c in question.choices if c.non_substantive}
        assert labels == {"Prefer not to say"}, code
    assert instrument.question("years_in_role").type == "single_choice"  # bands, not years
    assert instrument.question("job_title") is None  # no free-text job title


def test_yes_no_questions_about_practice_offer_not_sure_routed_on_its_own(instrument):
    for code in ["uses_risk_tool", "acted_without_disclosure", "challenged_language"]:
        values = [c.value for c in instrument.question(code).choices]
        assert values == ["yes", "no", "not_sure"], code
    tool_page = next(page for page in instrument.pages if page.relevant)
    assert tool_page.relevant == "${uses_risk_tool} = 'yes'"
    without_tool = instrument.question("risk_decided_without_tool")
    assert without_tool.relevant == "${uses_risk_tool} = 'no'"


def test_none_is_asked_apart_from_not_holding_cases(instrument):
    assert instrument.question("open_cases").relevant == "${holds_cases} = 'yes'"
    assert "0" in instrument.question("open_cases").hint


def test_scales_are_balanced_and_statements_keyed_both_ways(instrument):
    often = [c.label for c in instrument.question("online_platforms").choices]
    assert often == ["Always", "Often", "Sometimes", "Rarely", "Never", "Not sure"]
    confidence = [c.label for c in instrument.question("confidence").choices]
    assert confidence == [
        "Not at all confident",
        "Slightly confident",
        "Moderately confident",
        "Very confident",
        "Extremely confident",
        "Not part of my role",
    ]
    rows = {row["value"] for row in instrument.question("language_statements").config["rows"]}
    assert {"terms_shared", "records_respectful"} <= rows  # agreeing is the positive view
    assert {"cse_complicit", "county_lines_hides"} <= rows  # agreeing is the negative view
    matrix_points = instrument.question("language_statements").choices
    assert [c.non_substantive for c in matrix_points] == [False] * 5 + [True]


def test_barriers_and_wanted_training_are_asked_of_everyone(instrument):
    assert instrument.question("recognition_barriers").relevant == ""
    assert instrument.question("training_wanted").relevant == ""


def test_the_demo_names_its_controller_and_independent_support(survey):
    assert survey.data_controller and survey.lawful_basis and survey.retention_period
    assert survey.withdraw_by is not None
    assert "Samaritans" in survey.support_information
    assert survey.content_note


def test_a_whole_page_is_shown_only_under_a_condition(instrument):
    assert any(page.relevant for page in instrument.pages)


def test_several_questions_are_follow_ups_including_on_their_own_page(instrument):
    follow_ups = [question for question in instrument.questions() if question.relevant]
    same_page = [
        question
        for page in instrument.pages
        for question in page.questions
        if question.relevant_ast is not None
        and referenced_codes(question.relevant_ast) & {q.code for q in page.questions}
    ]
    assert len(follow_ups) >= 5
    assert same_page


def test_it_adds_65_complete_and_10_in_progress_responses_on_the_current_version(survey):
    responses = Response.objects.filter(survey=survey)
    assert responses.filter(status=Response.Status.COMPLETE).count() == 65
    assert responses.filter(status=Response.Status.IN_PROGRESS).count() == 10
    assert set(responses.values_list("version", flat=True)) == {survey.current_version_id}
    assert not responses.filter(is_test=True).exists()


def test_answers_are_keyed_by_question_codes_and_already_pruned(survey, instrument):
    keys = {
        key for question in instrument.questions() for key in question.kind.answer_keys(question)
    }
    for response in Response.objects.filter(survey=survey):
        assert set(response.answers) <= keys
        assert prune(instrument, response.answers) == response.answers


def test_complete_responses_answer_every_required_question_that_applies(survey, instrument):
    for response in Response.objects.filter(survey=survey, status=Response.Status.COMPLETE):
        assert unanswered_required(instrument, response.answers) == []
        assert response.furthest_page == len(instrument.pages)
        assert 6 * 60 <= response.duration_seconds == response.active_seconds <= 35 * 60


def test_in_progress_responses_stop_after_the_first_page_with_nothing_answered_beyond(
    survey, instrument
):
    for response in Response.objects.filter(survey=survey, status=Response.Status.IN_PROGRESS):
        assert 1 <= response.current_page == response.furthest_page < len(instrument.pages)
        assert response.submitted_at is None
        later_codes = {
            question.code
            for page in instrument.pages[response.current_page :]
            for question in page.questions
        }
        assert not {key.split(".")[0] for key in response.answers} & later_codes


def test_complete_responses_are_stored_as_submitted_at_local_midnight(survey):
    for response in Response.objects.filter(survey=survey, status=Response.Status.COMPLETE):
        assert timezone.localtime(response.submitted_at).time() == time(0, 0)
        assert response.started_on <= timezone.localdate()


def test_running_it_twice_changes_nothing(survey):
    output = seed_demo()
    assert "already there" in output
    assert Survey.objects.filter(slug=SLUG).count() == 1
    assert SurveyVersion.objects.filter(survey=survey).count() == 1
    assert Response.objects.filter(survey=survey).count() == 75


def test_reset_recreates_it_with_the_same_counts(survey):
    output = seed_demo("--reset")
    recreated = Survey.objects.get(slug=SLUG)
    assert recreated.pk != survey.pk
    assert Response.objects.count() == 75
    assert recreated.responses.count() == 75
    assert recreated.versions.count() == 1
    assert "/s/complex-safeguarding/" in output
    assert "65 complete and 10 partial" in output


def test_a_survey_that_fails_to_publish_leaves_nothing_behind(monkeypatch):
    def reject(*, survey):
        raise PublishInvalid(["Page 1, ${consent}: an example problem."])

    monkeypatch.setattr("surveys.demo.seed.survey_publish", reject)
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO(), stderr=errors)
    assert "${consent}: an example problem" in errors.getvalue()
    assert not Survey.objects.filter(slug=SLUG).exists()


def test_every_answer_is_one_its_question_type_would_accept_from_the_form(survey, instrument):
    for response in Response.objects.filter(survey=survey, status=Response.Status.COMPLETE):
        for question in instrument.questions():
            stored = {
                key: value
                for key, value in response.answers.items()
                if key in question.kind.answer_keys(question)
            }
            if stored:
                assert resubmitted(question, stored) == stored, question.code


def resubmitted(question, answers):
    """The answers the question type stores when its form is sent back filled from `answers`."""
    kind = question.kind
    initial = kind.initial(question, answers)
    cleaned = {
        suffix: field.clean(initial.get(suffix)) for suffix, field in kind.fields(question).items()
    }
    return kind.to_answers(question, cleaned, enforce_required=True)
