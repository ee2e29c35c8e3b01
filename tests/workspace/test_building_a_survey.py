"""A researcher builds a survey in the browser's plain forms, from nothing to open."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from surveys.models import Choice, Page, Question, Survey
from surveys.question_types import question_types
from tests.support.researchers import researcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client():
    client = Client()
    client.force_login(researcher("alice"))
    return client


def _create_survey(client) -> Survey:
    response = client.post(
        reverse("workspace:survey_create"),
        {"start": "blank", "title": "Disrupting exploitation", "organisation": "Uni of Test"},
    )
    assert response.status_code == 302
    return Survey.objects.get(title="Disrupting exploitation")


def test_a_researcher_creates_a_blank_survey_and_owns_it(alice_client):
    survey = _create_survey(alice_client)

    assert survey.slug == "disrupting-exploitation"
    assert survey.memberships.get().role == "owner"
    assert AuditEvent.objects.filter(survey=survey, action="survey.created").exists()
    listing = alice_client.get(reverse("workspace:survey_list")).content.decode()
    assert "Disrupting exploitation" in listing


def test_a_blank_survey_needs_a_title_and_an_organisation(alice_client):
    response = alice_client.post(reverse("workspace:survey_create"), {"start": "blank"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a title" in page and "Enter the organisation running the study" in page
    assert not Survey.objects.exists()


def test_every_question_type_can_be_added_with_its_settings_form(alice_client):
    survey = _create_survey(alice_client)
    alice_client.post(reverse("workspace:page_create", args=[survey.slug]), {"title": "All"})
    page = Page.objects.get(survey=survey)
    for number, kind in enumerate(question_types(), start=1):
        url = reverse("workspace:question_create", args=[survey.slug, page.pk])
        assert alice_client.get(url, {"type": kind.key}).status_code == 200
        response = alice_client.post(
            url,
            {
                "type": kind.key,
                "code": f"q_{kind.key}",
                "label": f"Question {number}",
                "page": page.pk,
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    assert Question.objects.filter(page=page).count() == len(question_types())


def test_type_settings_are_saved_into_the_config(alice_client):
    survey = _create_survey(alice_client)
    alice_client.post(reverse("workspace:page_create", args=[survey.slug]), {"title": "Numbers"})
    page = Page.objects.get(survey=survey)
    url = reverse("workspace:question_create", args=[survey.slug, page.pk])

    alice_client.post(
        url,
        {
            "type": "decimal",
            "code": "hours",
            "label": "Hours a week",
            "page": page.pk,
            "setting_min": "0",
            "setting_max": "80.5",
            "setting_unit": "hours",
            "setting_decimal_places": "1",
        },
    )
    alice_client.post(
        url,
        {
            "type": "matrix",
            "code": "confidence",
            "label": "How confident",
            "page": page.pk,
            "setting_rows": "recognise | I recognise the signs\nrefer | I know where to refer",
        },
    )

    assert Question.objects.get(code="hours").config == {
        "min": 0,
        "max": 80.5,
        "unit": "hours",
        "decimal_places": 1,
    }
    matrix = Question.objects.get(code="confidence")
    assert matrix.config["rows"] == [
        {"value": "recognise", "label": "I recognise the signs"},
        {"value": "refer", "label": "I know where to refer"},
    ]
    assert matrix.choices.count() == 5  # a new matrix starts with an agreement scale


def test_a_settings_error_is_shown_and_nothing_is_saved(alice_client):
    survey = _create_survey(alice_client)
    alice_client.post(reverse("workspace:page_create", args=[survey.slug]), {"title": "Numbers"})
    page = Page.objects.get(survey=survey)
    url = reverse("workspace:question_create", args=[survey.slug, page.pk])

    response = alice_client.post(
        url,
        {
            "type": "integer",
            "code": "years",
            "label": "Years",
            "page": page.pk,
            "setting_min": "10",
            "setting_max": "2",
        },
    )

    assert "The highest answer cannot be below the lowest" in response.content.decode()
    assert not Question.objects.filter(code="years").exists()


def test_options_are_added_edited_reordered_and_deleted(alice_client):
    survey = _create_survey(alice_client)
    alice_client.post(reverse("workspace:page_create", args=[survey.slug]), {"title": "Role"})
    page = Page.objects.get(survey=survey)
    alice_client.post(
        reverse("workspace:question_create", args=[survey.slug, page.pk]),
        {"type": "single_choice", "code": "role", "label": "Your role", "page": page.pk},
    )
    question = Question.objects.get(code="role")
    for value, label in [("sw", "Social worker"), ("police", "Police officer"), ("x", "Nurse")]:
        alice_client.post(
            reverse("workspace:choice_create", args=[survey.slug, question.pk]),
            {"value": value, "label": label},
        )
    nurse = Choice.objects.get(value="x")
    alice_client.post(
        reverse("workspace:choice_edit", args=[survey.slug, nurse.pk]),
        {"value": "nurse", "label": "School nurse"},
    )
    alice_client.post(
        reverse("workspace:choice_move", args=[survey.slug, nurse.pk]), {"direction": "up"}
    )
    police = Choice.objects.get(value="police")
    alice_client.post(reverse("workspace:choice_delete", args=[survey.slug, police.pk]))

    assert list(question.choices.order_by("position").values_list("value", "position")) == [
        ("sw", 0),
        ("nurse", 1),
    ]


def test_a_duplicate_option_value_is_refused_with_a_message(alice_client):
    survey = _create_survey(alice_client)
    alice_client.post(reverse("workspace:page_create", args=[survey.slug]), {"title": "Role"})
    page = Page.objects.get(survey=survey)
    alice_client.post(
        reverse("workspace:question_create", args=[survey.slug, page.pk]),
        {"type": "single_choice", "code": "role", "label": "Your role", "page": page.pk},
    )
    question = Question.objects.get(code="role")
    url = reverse("workspace:choice_create", args=[survey.slug, question.pk])
    alice_client.post(url, {"value": "sw", "label": "Social worker"})

    response = alice_client.post(url, {"value": "sw", "label": "Another"})

    assert "Another option of this question stores this value" in response.content.decode()
    assert question.choices.count() == 1


def test_from_a_blank_survey_to_open(alice_client):
    survey = _create_survey(alice_client)
    alice_client.post(reverse("workspace:page_create", args=[survey.slug]), {"title": "Role"})
    page = Page.objects.get(survey=survey)
    alice_client.post(
        reverse("workspace:question_create", args=[survey.slug, page.pk]),
        {
            "type": "yes_no",
            "code": "police",
            "label": "Are you a police officer?",
            "page": page.pk,
            "required": "on",
        },
    )

    published = alice_client.post(reverse("workspace:publish", args=[survey.slug]))
    opened = alice_client.post(
        reverse("workspace:survey_status", args=[survey.slug]), {"action": "open"}
    )

    assert published.status_code == 302 and opened.status_code == 302
    survey.refresh_from_db()
    assert survey.current_version.number == 1
    assert survey.status == Survey.Status.OPEN
    assert Client().get(f"/s/{survey.slug}/").status_code == 200
