"""Script and event-handler payloads typed into a survey render as inert text everywhere."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from responses.models import Response
from surveys.builder.surveys import survey_open, survey_publish_draft
from surveys.models import Choice, Page, Question, Survey, SurveyMembership
from tests.support.researchers import researcher

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('title')</script>"
HANDLER = '"><img src=x onerror=alert(1)>'
SVG = "<svg onload=alert(2)>"
DANGEROUS = re.compile(r"<script>alert|<img src=x onerror|<svg onload", re.I)


@pytest.fixture
def hostile():
    survey = Survey.objects.create(
        slug="hostile",
        title=f"Survey {SCRIPT}",
        organisation=f"Org {HANDLER}",
        description=SVG,
        status=Survey.Status.DRAFT,
    )
    page = Page.objects.create(survey=survey, position=0, title=f"Page {HANDLER}", intro=SCRIPT)
    question = Question.objects.create(
        page=page,
        position=0,
        code="role",
        type="single_choice",
        label=f"Question {SCRIPT}",
        hint=f"Hint {HANDLER}",
        required=True,
    )
    Choice.objects.create(question=question, position=0, value="a", label=f"Choice {SVG}")
    Choice.objects.create(question=question, position=1, value="b", label=f"Other {HANDLER}")
    owner = researcher("alice")
    SurveyMembership.objects.create(survey=survey, user=owner, role="owner")
    client = Client()
    client.force_login(owner)
    return survey, question, client


def assert_inert(html: str, where: str):
    assert not DANGEROUS.search(html), f"a payload is live in {where}"


def test_builder_pages_escape_every_payload(hostile):
    survey, question, client = hostile
    s = survey.slug
    pages = {
        "survey list": reverse("workspace:survey_list"),
        "summary": reverse("workspace:survey_overview", args=[s]),
        "questions": reverse("workspace:survey_build", args=[s]),
        "settings": reverse("workspace:survey_settings", args=[s]),
        "question": reverse("workspace:question_edit", args=[s, question.pk]),
        "option": reverse("workspace:choice_edit", args=[s, question.choices.first().pk]),
        "page": reverse("workspace:page_edit", args=[s, question.page_id]),
        "publish": reverse("workspace:publish", args=[s]),
        "team": reverse("workspace:team", args=[s]),
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert_inert(response.content.decode(), where)
    assert "&lt;script&gt;alert" in client.get(pages["questions"]).content.decode()


def test_the_preview_escapes_every_payload(hostile):
    survey, _question, client = hostile

    page = client.post(reverse("workspace:preview", args=[survey.slug]), follow=True)

    html = page.content.decode()
    assert "Choice &lt;svg onload=alert(2)&gt;" in html
    assert_inert(html, "preview")


def test_respondent_pages_escape_every_payload(hostile):
    survey, _question, _client = hostile
    owner = survey.memberships.get().user
    survey_publish_draft(survey=survey, by=owner)
    survey_open(survey=survey, by=owner)
    respondent = Client()

    start = respondent.get(f"/s/{survey.slug}/")
    first = respondent.post(f"/s/{survey.slug}/start/", follow=True)

    assert_inert(start.content.decode(), "start page")
    assert_inert(first.content.decode(), "first page")
    assert "Question &lt;script&gt;" in first.content.decode()
    assert Response.objects.count() == 1
