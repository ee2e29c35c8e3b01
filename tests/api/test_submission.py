"""POST /api/v1/surveys/{slug}/responses/: one complete response, checked as the web journey's
PageForm checks it (page by page, with skip logic: responses.forms.page_answers_clean) and stored
by its own completion step, with channel "api". Errors name question codes."""

from __future__ import annotations

import pytest
from django.db import connection

from config.celery import app as celery_app
from responses.models import Response
from surveys.models import Survey
from tests.exports.conftest import FULL_ANSWERS, PAGES
from tests.responses.conftest import Respondent
from tests.support.surveys import published_survey

URL = "/api/v1/surveys/team-survey/responses/"


def test_a_valid_response_is_stored_complete_with_channel_api(api, team):
    answer = api("editor").post(URL, {"answers": {"role": "police", "years": 7, "tactics": "X"}})

    assert answer.status_code == 201, answer.content
    stored = Response.objects.get()
    assert (stored.status, stored.channel) == ("complete", "api")
    assert stored.answers == {"role": "police", "years": 7, "tactics": "X"}
    body = answer.json()
    assert body["answers"] == stored.answers
    assert body["status"] == "complete"
    assert body["not_applicable"] == []
    assert str(stored.id) not in answer.content.decode()  # only the public id leaves


def test_answers_to_questions_that_do_not_apply_are_not_stored_as_on_the_web(api, team):
    answer = api("owner").post(URL, {"answers": {"role": "social_worker", "tactics": "X"}})

    assert answer.status_code == 201
    assert Response.objects.get().answers == {"role": "social_worker"}
    assert answer.json()["not_applicable"] == ["tactics"]


def test_invalid_answers_give_the_web_journeys_messages_by_question_code(api, team):
    answer = api("owner").post(
        URL, {"answers": {"role": "firefighter", "years": "twelve", "colour": "blue"}}
    )

    assert answer.status_code == 400
    assert answer.json() == {
        "code": "answers_invalid",
        "message": "Some answers are not valid; see details.",
        "details": {
            "colour": ["No question of this survey has the code ‘colour’."],
            "role": ["Select an answer"],
            "years": ["Enter a whole number, like 12"],
        },
    }
    assert not Response.objects.exists()


def test_a_required_question_left_out_is_named(api, team):
    answer = api("owner").post(URL, {"answers": {"years": 3}})

    assert answer.status_code == 400
    assert answer.json()["details"] == {"role": ["Select an answer"]}


def test_numbers_out_of_range_are_refused_with_the_question_types_message(api, team):
    answer = api("owner").post(URL, {"answers": {"role": "police", "years": 61}})

    assert answer.status_code == 400
    assert list(answer.json()["details"]) == ["years"]


@pytest.mark.parametrize(
    "body",
    [{}, {"answers": []}, {"answers": "role=police"}, {"answers": {}, "extra": 1}, []],
    ids=["no answers", "a list", "a string", "an unknown field", "not an object"],
)
def test_a_body_of_the_wrong_shape_is_400_with_details(api, team, body):
    answer = api("owner").post(URL, body)

    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid"
    assert answer.json()["details"]


def test_a_closed_survey_refuses_with_409(api, team):
    Survey.objects.filter(pk=team.survey.pk).update(status=Survey.Status.CLOSED)

    answer = api("owner").post(URL, {"answers": {"role": "police"}})

    assert answer.status_code == 409
    assert answer.json()["code"] == "survey_not_accepting"
    assert answer.json()["details"] == {"availability": ["closed"]}


def test_invalid_json_is_a_400_in_the_error_shape(api, team):
    answer = api("owner").client.post(
        URL, data=b"{not json", content_type="application/json", headers=api("owner").headers
    )

    assert answer.status_code == 400
    assert answer.json()["code"] == "parse_error"


def test_submitting_needs_neither_redis_nor_the_broker(api, team, private_redis, settings):
    """Redis is the cache (rate limits) and the Celery broker here, and it is stopped."""
    server, url = private_redis
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    }
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    server.terminate()
    server.wait(timeout=10)
    try:
        answer = api("owner").post(URL, {"answers": {"role": "police"}})
    finally:
        celery_app.conf.broker_url = saved

    assert answer.status_code == 201
    assert Response.objects.get().answers == {"role": "police"}


# --- the same answers through the browser and through the API are stored the same ---------


BROWSER_PAGES = {
    1: {
        "consent": "on",
        "role": "police",
        "region": "london",
        "years": "12",
        "hours": "7.5",
        "qualified-day": "1",
        "qualified-month": "9",
        "qualified-year": "2010",
    },
    2: {
        "seen": ["online", "other"],
        "seen-other": "County lines",
        "confident": "3",
        "grid-a": "1",
        "grid-b": "2",
        "grid-c": "3",
        "trained": "yes",
        "trained_where": "At work",
        "supported": "8",
        "priorities-training": "1",
        "priorities-time": "2",
        "priorities-sharing": "3",
        "reflections": "More time.\r\nFewer forms.",
    },
}
# What differs by design: the row's own id, the channel, the receipt a respondent is given to
# withdraw (API entries have none: see docs/api.md), and the time spent (the browser measures
# it; nobody timed a paper questionnaire).
DIFFERENT_BY_DESIGN = {"id", "channel", "receipt_hash", "active_seconds", "duration_seconds"}


def _row(response: Response) -> dict:
    return {
        field.attname: getattr(response, field.attname)
        for field in Response._meta.concrete_fields
        if field.attname not in DIFFERENT_BY_DESIGN
    }


def test_the_api_and_the_browser_store_the_same_answers_identically(api, team, tokens):
    survey = published_survey(pages=PAGES, slug="every-type", title="Every question type")
    survey.memberships.create(user=team.owner, role="owner")
    respondent = Respondent(survey)
    respondent.start()
    for number, data in BROWSER_PAGES.items():
        sent = respondent.answer(number, data)
        assert sent.status_code == 302, sent.content.decode()[:3000]
    if respondent.record().status != "complete":
        assert respondent.submit().status_code == 302
    through_browser = respondent.record()
    api_answers = {**FULL_ANSWERS, "reflections": "More time.\nFewer forms."}

    answer = api("owner").post("/api/v1/surveys/every-type/responses/", {"answers": api_answers})

    assert answer.status_code == 201, answer.content
    through_api = Response.objects.get(channel="api")
    assert through_browser.channel == "web"
    assert through_browser.answers == FULL_ANSWERS
    assert _row(through_api) == _row(through_browser)


def test_a_submission_sends_a_fixed_number_of_sql_statements(api, team, django_assert_num_queries):
    """A change that adds a statement to every submission fails here (bench/serving.py counts
    the same under gunicorn: 5 there, where the savepoints below are nothing: each write is one
    statement that commits itself)."""
    editor = api("editor")
    answers = {"answers": {"role": "police", "years": 7, "tactics": "X"}}
    # A token's first use of the day also records the day: not counted here.
    editor.post(URL, answers, headers={"Idempotency-Key": "first"})

    # the token with its user; the membership with the survey and version; the key's claim
    # (savepoint, insert, release); the response and the key's result, in one statement
    # (savepoint, insert-and-update, release); the audit event of the token's use. SQLite has
    # no INSERT inside WITH: there the response and the key's result are two statements.
    with django_assert_num_queries(9 if connection.vendor == "postgresql" else 10):
        answer = editor.post(URL, answers, headers={"Idempotency-Key": "second"})

    assert answer.status_code == 201
