"""The dashboard for each role, free-text answers for owners and analysts, the owner's
threshold, and payloads typed by researchers and respondents rendering inert."""

from __future__ import annotations

import re

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from surveys.models import SurveyMembership
from surveys.services import survey_publish
from tests.support.researchers import researcher
from tests.workspace.dashboard_data import add_responses, choices_survey

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('answer')</script>"
HANDLER = '"><img src=x onerror=alert(1)>'
SVG_PAYLOAD = "<svg onload=alert(2)>"
DANGEROUS = re.compile(r"<script>alert|<img src=x onerror|<svg onload", re.I)


@pytest.fixture
def survey():
    return choices_survey()


@pytest.fixture
def member(survey):
    """`member("analyst")`: a client signed in with that role on the survey."""

    def client_for(role: str) -> Client:
        user = researcher(role)
        SurveyMembership.objects.create(survey=survey, user=user, role=role)
        client = Client()
        client.force_login(user)
        return client

    return client_for


def dashboard(client, survey) -> str:
    response = client.get(reverse("workspace:dashboard", args=[survey.slug]))
    assert response.status_code == 200
    return response.content.decode()


def answers_url(survey, place="barriers", page=None) -> str:
    url = reverse("workspace:dashboard_answers", args=[survey.slug, place])
    return f"{url}?page={page}" if page else url


def test_a_viewer_sees_the_figures_but_not_the_free_text(survey, member):
    add_responses(survey, 12, {"barriers": "Caseloads"})
    viewer = member("viewer")

    html = dashboard(viewer, survey)

    assert "Owners and analysts of the survey can read these answers." in html
    assert answers_url(survey) not in html
    assert "Caseloads" not in html
    assert viewer.get(answers_url(survey)).status_code == 404


def test_an_analyst_reads_free_text_a_page_at_a_time(survey, member):
    add_responses(survey, 30, {"barriers": "Caseloads"})
    add_responses(survey, 1, {"barriers": "Time\nand money"})
    analyst = member("analyst")

    first = analyst.get(answers_url(survey)).content.decode()
    second = analyst.get(answers_url(survey, page=2)).content.decode()

    assert answers_url(survey) in dashboard(analyst, survey)
    assert first.count('class="candour-answer"') == 25
    assert second.count('class="candour-answer"') == 6
    assert "31 answers, in no particular order" in first
    assert "Time<br>and money" in first + second


def test_fewer_than_ten_text_answers_are_not_listed(survey, member):
    add_responses(survey, 4, {"barriers": "Only us four"})
    owner = member("owner")

    page = owner.get(answers_url(survey)).content.decode()

    assert "Only us four" not in page
    assert "This question has fewer than 10 answers" in page
    assert "Listed from 10 answers" in dashboard(owner, survey)


def test_other_please_specify_answers_have_their_own_list(survey, member):
    add_responses(survey, 10, {"role": "other", "role.other": "School nurse"})

    page = member("analyst").get(answers_url(survey, "role.other")).content.decode()

    assert page.count("School nurse") == 10


def test_a_place_that_is_not_free_text_is_not_found(survey, member):
    analyst = member("analyst")

    assert analyst.get(answers_url(survey, "role")).status_code == 404
    assert analyst.get(answers_url(survey, "nothing")).status_code == 404


def test_the_owner_lowers_the_threshold_and_it_is_audited(survey, member):
    owner = member("owner")
    url = reverse("workspace:dashboard_threshold", args=[survey.slug])

    response = owner.post(url, {"threshold": "6"})

    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.small_count_threshold == 6
    event = AuditEvent.objects.get(action=AuditEvent.Action.THRESHOLD_CHANGED)
    assert event.detail == {"from": 10, "to": 6} and event.survey == survey
    assert "fewer than 6" in dashboard(owner, survey)


def test_the_threshold_never_goes_below_five(survey, member):
    owner = member("owner")
    url = reverse("workspace:dashboard_threshold", args=[survey.slug])

    for value in ("4", "1", "0", "-3", "ten", ""):
        response = owner.post(url, {"threshold": value})
        assert response.status_code == 400, value
        assert 'class="govuk-error-summary"' in response.content.decode()

    survey.refresh_from_db()
    assert survey.small_count_threshold == 10
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.THRESHOLD_CHANGED).exists()


def test_the_database_refuses_a_threshold_below_the_floor(survey):
    survey.small_count_threshold = 1
    with pytest.raises(IntegrityError), transaction.atomic():
        survey.save()


def test_saving_the_same_threshold_records_nothing(survey, member):
    member("owner").post(
        reverse("workspace:dashboard_threshold", args=[survey.slug]), {"threshold": "10"}
    )

    assert not AuditEvent.objects.filter(action=AuditEvent.Action.THRESHOLD_CHANGED).exists()


def test_only_the_owner_is_offered_the_threshold(survey, member):
    assert "Change the smallest number shown" in dashboard(member("owner"), survey)
    assert "Change the smallest number shown" not in dashboard(member("editor"), survey)


def test_payloads_in_labels_and_answers_render_inert_in_the_dashboard(survey, member):
    question = survey.pages.get(position=0).questions.get(code="role")
    question.label = f"Role {SCRIPT}"
    question.save()
    question.choices.filter(value="police").update(label=f"Police {HANDLER}")
    question.choices.filter(value="other").update(label=f"Other {SVG_PAYLOAD}")
    survey_publish(survey=survey)
    survey.refresh_from_db()
    add_responses(survey, 12, {"role": "police", "barriers": SCRIPT})
    add_responses(survey, 12, {"role": "other", "role.other": HANDLER, "barriers": SVG_PAYLOAD})
    owner = member("owner")

    pages = {
        "dashboard": dashboard(owner, survey),
        "text": owner.get(answers_url(survey)).content.decode(),
        "other": owner.get(answers_url(survey, "role.other")).content.decode(),
    }

    for where, html in pages.items():
        assert not DANGEROUS.search(html), f"a payload is live in the {where} page"
    assert "Police &quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in pages["dashboard"]
    assert "&lt;script&gt;alert(&#x27;answer&#x27;)&lt;/script&gt;" in pages["text"]
