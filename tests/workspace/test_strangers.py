"""Every write a view offers is refused with 404 to researchers without the role for it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _ids(team):
    survey = team.survey
    page = survey.pages.order_by("position").first()
    question = page.questions.order_by("position").first()
    return survey, page, question, question.choices.first()


def writes(team):
    survey, page, question, choice = _ids(team)
    s = survey.slug
    return {
        "settings": (reverse("workspace:survey_settings", args=[s]), {"title": "Hacked"}),
        "status": (reverse("workspace:survey_status", args=[s]), {"action": "open"}),
        "publish": (reverse("workspace:publish", args=[s]), {}),
        "page_create": (reverse("workspace:page_create", args=[s]), {"title": "X"}),
        "page_edit": (reverse("workspace:page_edit", args=[s, page.pk]), {"title": "X"}),
        "page_move": (reverse("workspace:page_move", args=[s, page.pk]), {"direction": "down"}),
        "page_delete": (reverse("workspace:page_delete", args=[s, page.pk]), {}),
        "question_create": (
            reverse("workspace:question_create", args=[s, page.pk]),
            {"type": "short_text", "code": "x", "label": "X", "page": page.pk},
        ),
        "question_edit": (
            reverse("workspace:question_edit", args=[s, question.pk]),
            {"code": "x", "label": "X", "page": page.pk},
        ),
        "question_move": (
            reverse("workspace:question_move", args=[s, question.pk]),
            {"direction": "down"},
        ),
        "question_delete": (reverse("workspace:question_delete", args=[s, question.pk]), {}),
        "choice_create": (
            reverse("workspace:choice_create", args=[s, question.pk]),
            {"value": "x", "label": "X"},
        ),
        "choice_edit": (
            reverse("workspace:choice_edit", args=[s, choice.pk]),
            {"value": "x", "label": "X"},
        ),
        "choice_move": (
            reverse("workspace:choice_move", args=[s, choice.pk]),
            {"direction": "down"},
        ),
        "choice_delete": (reverse("workspace:choice_delete", args=[s, choice.pk]), {}),
        "preview": (reverse("workspace:preview", args=[s]), {}),
        "preview_page": (reverse("workspace:preview_page", args=[s, 1]), {"token": "x"}),
        "delete": (reverse("workspace:survey_delete", args=[s]), {"confirm": s}),
    }


BUILD_WRITES = [
    "settings", "status", "publish", "page_create", "page_edit", "page_move", "page_delete",
    "question_create", "question_edit", "question_move", "question_delete", "choice_create",
    "choice_edit", "choice_move", "choice_delete", "preview", "preview_page",
]  # fmt: skip


@pytest.mark.parametrize("role", ["analyst", "viewer", "stranger"])
@pytest.mark.parametrize("action", BUILD_WRITES)
def test_people_who_may_not_build_get_404_and_change_nothing(team, signed_in, role, action):
    url, data = writes(team)[action]
    before = AuditEvent.objects.count()

    response = signed_in(role).post(url, data)

    assert response.status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("role", ["editor", "analyst", "viewer", "stranger"])
def test_only_an_owner_may_delete_the_survey(team, signed_in, role):
    url, data = writes(team)["delete"]

    response = signed_in(role).post(url, data)

    assert response.status_code == 404
    team.survey.refresh_from_db()


def test_a_builder_of_one_survey_cannot_reach_another_surveys_objects_through_its_address(
    team, signed_in
):
    theirs = team.strangers_survey
    their_page = theirs.pages.first()
    their_question = their_page.questions.first()

    client = signed_in("owner")
    urls = [
        reverse("workspace:page_edit", args=[team.survey.slug, their_page.pk]),
        reverse("workspace:question_edit", args=[team.survey.slug, their_question.pk]),
        reverse(
            "workspace:choice_edit", args=[team.survey.slug, their_question.choices.first().pk]
        ),
    ]

    assert [client.post(url, {"title": "X"}).status_code for url in urls] == [404, 404, 404]
