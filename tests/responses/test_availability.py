"""Whether a survey takes new respondents: not open yet, open, closed, full or not published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from responses.models import Response
from surveys.models import Survey
from tests.responses.conftest import Html, Respondent, a_survey
from tests.support.surveys import draft_survey

pytestmark = pytest.mark.django_db


def _refuses_to_start(survey, heading: str) -> None:
    visitor = Respondent(survey)
    start = Html(visitor.get())
    assert start.status == 200
    assert start.first("h1").text.strip() == heading
    assert start.first("form") is None or start.first("form", action=visitor.url("start/")) is None

    responses_before = Response.objects.count()

    refused = visitor.post("start/")

    assert refused.status_code == 409
    assert Html(refused).first("h1").text.strip() == heading
    assert Response.objects.count() == responses_before
    assert "candour_response" not in visitor.client.cookies


def test_a_survey_that_opens_later_says_when_it_opens():
    opens = timezone.now() + timedelta(days=3)
    survey = a_survey(opens_at=opens)

    _refuses_to_start(survey, "This survey is not open yet")
    text = Html(Respondent(survey).get()).text
    assert f"It opens on {timezone.localtime(opens).strftime('%-d %B %Y')} at " in text


def test_the_start_page_says_when_the_survey_closes_in_the_govuk_style():
    in_ten_days = timezone.localtime() + timedelta(days=10)
    closes = in_ten_days.replace(hour=17, minute=30, second=0, microsecond=0)
    survey = a_survey(closes_at=closes)

    text = " ".join(Html(Respondent(survey).get()).text.split())

    assert f"Open until {closes.strftime('%-d %B %Y')} at 5:30pm" in text


def test_a_survey_past_its_closing_time_is_closed():
    survey = a_survey(closes_at=timezone.now() - timedelta(minutes=1))

    _refuses_to_start(survey, "This survey has closed")


@pytest.mark.parametrize("status", [Survey.Status.CLOSED, Survey.Status.ARCHIVED])
def test_a_survey_closed_by_the_research_team_is_closed(status):
    survey = a_survey(status=status)

    _refuses_to_start(survey, "This survey has closed")


def test_a_survey_with_all_the_responses_it_needs_is_full():
    survey = a_survey(response_limit=2)
    for _ in range(2):
        Respondent(survey).complete_as_teacher()

    _refuses_to_start(
        Survey.objects.get(pk=survey.pk), "This survey has all the responses it needs"
    )
    assert Response.objects.filter(status=Response.Status.COMPLETE).count() == 2


def test_only_complete_responses_count_towards_the_limit():
    survey = a_survey(response_limit=1)
    for _ in range(3):
        Respondent(survey).start()

    assert Respondent(survey).start().status_code == 302
    assert Response.objects.count() == 4


def test_test_responses_do_not_count_towards_the_limit():
    survey = a_survey(response_limit=1)
    Response.objects.create(
        survey=survey,
        version=survey.current_version,
        status=Response.Status.COMPLETE,
        is_test=True,
        started_on=timezone.localdate(),
    )

    assert Respondent(survey).start()["Location"] == "/s/practice/p/1/"


def test_an_open_survey_within_its_dates_takes_new_respondents():
    survey = a_survey(
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=1),
        response_limit=5,
    )
    visitor = Respondent(survey)

    start = Html(visitor.get())

    assert start.first("form", action="/s/practice/start/") is not None
    assert visitor.start()["Location"] == "/s/practice/p/1/"


def test_new_respondents_are_refused_during_the_grace_period():
    survey = a_survey(closes_at=timezone.now() - timedelta(hours=1), grace_period_hours=24)

    _refuses_to_start(survey, "This survey has closed")


def test_someone_already_answering_sees_their_page_rather_than_closed_during_the_grace_period():
    survey = a_survey()
    person = Respondent(survey)
    person.start()
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(hours=1))

    page = person.page(1)
    start = Html(person.get())

    assert page.first("h1").text.strip() == "Your role"
    assert "Continue where you left off" in start.text


def test_after_the_grace_period_someone_who_had_started_is_told_the_survey_has_closed():
    survey = a_survey()
    person = Respondent(survey)
    person.start()
    person.answer(1, {"role": "teacher"})
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(hours=30))

    start = Html(person.get())

    assert start.first("h1").text.strip() == "This survey has closed"
    assert "Continue where you left off" not in start.text


def test_an_unpublished_survey_is_not_found():
    survey = draft_survey(pages=[{"title": "Only", "questions": [{"code": "q", "type": "yes_no"}]}])
    visitor = Respondent(survey)

    for path in ("", "privacy/", "resume/", "withdraw/", "p/1/", "complete/"):
        assert visitor.get(path).status_code == 404, path
    assert visitor.post("start/").status_code == 404


def test_a_published_survey_put_back_to_draft_is_not_found():
    survey = a_survey()
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    visitor = Respondent(survey)

    assert visitor.get().status_code == 404
    assert visitor.post("start/").status_code == 404
    assert Response.objects.count() == 0


def test_an_unknown_survey_is_not_found(db):
    assert Respondent(Survey(slug="nothing-here")).get().status_code == 404


def test_respondent_pages_are_never_cached_or_indexed(respondent):
    respondent.start()

    for path in ("", "p/1/", "privacy/", "resume/"):
        page = respondent.get(path)
        assert page["Cache-Control"] == "no-store, max-age=0", path
        assert page["X-Robots-Tag"] == "noindex, nofollow", path
