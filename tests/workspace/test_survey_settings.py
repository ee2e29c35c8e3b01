"""A survey's settings, its deletion, and copying one survey into a new one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from surveys.builder.surveys import survey_publish_draft
from surveys.models import Survey

pytestmark = pytest.mark.django_db


def settings_data(survey, **changes):
    data = {
        "title": survey.title,
        "slug": survey.slug,
        "organisation": survey.organisation,
        "submit_time_precision": survey.submit_time_precision,
        "grace_period_hours": survey.grace_period_hours,
        "allow_save_and_resume": "on",
        "show_check_answers": "on",
    }
    return {key: value for key, value in (data | changes).items() if value is not None}


def test_an_editor_changes_the_settings_and_it_is_audited(team, signed_in):
    url = reverse("workspace:survey_settings", args=[team.survey.slug])

    response = signed_in("editor").post(
        url,
        settings_data(
            team.survey,
            title="Renamed",
            response_limit="250",
            opens_at="2027-01-10T09:00",
            closes_at="2027-02-10T17:00",
            submit_time_precision="month",
            invitation_only="on",
        ),
    )

    assert response.status_code == 302
    survey = Survey.objects.get(pk=team.survey.pk)
    assert (survey.title, survey.response_limit, survey.submit_time_precision) == (
        "Renamed",
        250,
        "month",
    )
    assert survey.invitation_only and survey.opens_at.hour == 9
    fields = AuditEvent.objects.get(action="survey.changed").detail["fields"]
    assert {"title", "response_limit", "opens_at", "invitation_only"} <= set(fields)


def test_closing_before_opening_is_refused_and_the_page_keeps_its_title(team, signed_in):
    response = signed_in("owner").post(
        reverse("workspace:survey_settings", args=[team.survey.slug]),
        settings_data(
            team.survey, title="Typed", opens_at="2027-02-10T09:00", closes_at="2027-01-10T09:00"
        ),
    )

    page = response.content.decode()
    assert "The closing time must be after the opening time" in page
    assert "Practice survey" in page  # the header still names the saved survey
    assert Survey.objects.get(pk=team.survey.pk).title == "Practice survey"


def test_a_published_survey_keeps_its_address(team, signed_in):
    survey_publish_draft(survey=team.survey, by=team.owner)

    signed_in("owner").post(
        reverse("workspace:survey_settings", args=[team.survey.slug]),
        settings_data(team.survey, slug="a-new-address"),
    )

    assert Survey.objects.get(pk=team.survey.pk).slug == "team-survey"


def test_an_owner_deletes_a_survey_by_typing_its_address(team, signed_in):
    url = reverse("workspace:survey_delete", args=[team.survey.slug])

    wrong = signed_in("owner").post(url, {"confirm": "something else"})
    right = signed_in("owner").post(url, {"confirm": "team-survey"})

    assert "Type the address exactly as shown" in wrong.content.decode()
    assert right.status_code == 302
    assert not Survey.objects.filter(slug="team-survey").exists()


def test_a_survey_is_copied_from_one_the_researcher_can_build(team, signed_in):
    response = signed_in("editor").post(
        reverse("workspace:survey_create"),
        {"start": "clone", "source": team.survey.pk, "title": "Wave two"},
    )

    assert response.status_code == 302
    copy = Survey.objects.get(title="Wave two")
    assert copy.pages.count() == 2
    assert copy.memberships.get().user == team.editor


def test_a_survey_one_may_only_view_cannot_be_copied(team, signed_in):
    response = signed_in("viewer").post(
        reverse("workspace:survey_create"),
        {"start": "clone", "source": team.survey.pk, "title": "Wave two"},
    )

    assert response.status_code == 200
    assert not Survey.objects.filter(title="Wave two").exists()
