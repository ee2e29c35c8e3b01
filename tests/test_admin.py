"""The admin is for site operators (superusers): nobody else gets in, it never shows answers,
codes or contacts, and every change to a survey role is audited."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from responses.models import FollowUpContact, Invitation, Response
from responses.services import invitations_create
from surveys.models import SurveyMembership
from tests.responses.conftest import Respondent, a_survey

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a long password 1"


def _client_for(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@pytest.fixture
def survey(db):
    survey = a_survey(followup_enabled=True, invitation_only=True)
    [code] = invitations_create(survey=survey, count=1)
    person = Respondent(survey)
    person.start(code=code)
    person.answer(1, {"role": "other", "role-other": "Secret answer text"})
    person.answer(3, {"years": "7", "reflections": "Another secret reflection"})
    person.submit()
    person.get("complete/")
    person.post("follow-up/", {"name": "Volunteer Name", "contact": "volunteer@example.org"})
    stored = str(Response.objects.values_list("answers", flat=True).get())
    assert "Secret answer text" in stored and "Another secret reflection" in stored
    assert FollowUpContact.objects.filter(contact="volunteer@example.org").exists()
    return survey


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator", "operator@example.org", PASSWORD)


@pytest.fixture
def staff_with_every_permission(db):
    user = User.objects.create_user("bob", "bob@example.org", PASSWORD, is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    return user


def test_a_staff_user_who_is_not_a_superuser_gets_no_access_whatever_their_permissions(
    survey, staff_with_every_permission
):
    bob = _client_for(staff_with_every_permission)

    for url in (
        "/admin/",
        reverse("admin:surveys_survey_changelist"),
        reverse("admin:surveys_survey_change", args=[survey.pk]),
        reverse("admin:auth_user_changelist"),
        reverse("admin:audit_auditevent_changelist"),
    ):
        answer = bob.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"].startswith("/admin/login/"), url


def test_a_staff_user_cannot_make_themselves_an_owner(survey, staff_with_every_permission):
    bob = _client_for(staff_with_every_permission)
    url = reverse("admin:surveys_survey_change", args=[survey.pk])

    bob.post(url, {"memberships-TOTAL_FORMS": "1", "memberships-0-role": "owner"})

    assert not SurveyMembership.objects.exists()


def test_no_admin_page_is_registered_for_responses_invitations_or_contacts():
    registered = set(admin.site._registry)

    assert not {Response, Invitation, FollowUpContact} & registered


def test_no_admin_page_a_superuser_can_open_shows_answers_codes_or_contacts(survey, operator):
    client = _client_for(operator)
    secrets = [
        "Secret answer text",
        "Another secret reflection",
        "Volunteer Name",
        "volunteer@example.org",
        *Response.objects.values_list("receipt_hash", flat=True),
        *Invitation.objects.values_list("code_hash", flat=True),
        *FollowUpContact.objects.values_list("ticket_hash", flat=True),
    ]

    pages = [
        "/admin/",
        *(
            reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
            for m in admin.site._registry
        ),
        reverse("admin:surveys_survey_change", args=[survey.pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for secret in secrets:
            assert secret not in html, f"{url} shows {secret}"
    counts = client.get(reverse("admin:surveys_survey_change", args=[survey.pk])).content.decode()
    assert "1 complete and 0 unfinished responses; 1 of 1 invitations used" in counts


def _membership_form(survey, rows: list[dict]) -> dict:
    """The survey's change form as the admin posts it, with these membership rows."""
    data = {
        "slug": survey.slug,
        "title": survey.title,
        "organisation": survey.organisation,
        "status": survey.status,
        "grace_period_hours": survey.grace_period_hours,
        "unfinished_retention_days": survey.unfinished_retention_days,
        "submit_time_precision": survey.submit_time_precision,
        "allow_save_and_resume": "on",
        "show_check_answers": "on",
        "invitation_only": "on",
        "followup_enabled": "on",
        "pages-TOTAL_FORMS": "0",
        "pages-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
    }
    for number, row in enumerate(rows):
        for key, value in row.items():
            data[f"memberships-{number}-{key}"] = value
        data[f"memberships-{number}-survey"] = survey.pk
    return data


def test_every_role_given_changed_or_removed_in_the_admin_is_audited(survey, operator):
    alice = User.objects.create_user("alice", "alice@example.org", PASSWORD)
    client = _client_for(operator)
    url = reverse("admin:surveys_survey_change", args=[survey.pk])

    given = client.post(url, _membership_form(survey, [{"user": alice.pk, "role": "analyst"}]))
    assert given.status_code == 302, given.content.decode()[:3000]
    membership = SurveyMembership.objects.get()
    client.post(
        url, _membership_form(survey, [{"id": membership.pk, "user": alice.pk, "role": "owner"}])
    )
    client.post(
        url,
        _membership_form(
            survey, [{"id": membership.pk, "user": alice.pk, "role": "owner", "DELETE": "on"}]
        ),
    )

    events = AuditEvent.objects.filter(action__startswith="role.").order_by("occurred_at", "id")
    assert [(e.action, e.actor_label, e.survey_id, e.detail) for e in events] == [
        (
            "role.granted",
            "operator@example.org",
            survey.pk,
            {"user_id": alice.pk, "user": "alice", "role": "analyst"},
        ),
        (
            "role.changed",
            "operator@example.org",
            survey.pk,
            {"user_id": alice.pk, "user": "alice", "role": "owner", "previous_role": "analyst"},
        ),
        (
            "role.revoked",
            "operator@example.org",
            survey.pk,
            {"user_id": alice.pk, "user": "alice", "role": "owner"},
        ),
    ]
    assert not SurveyMembership.objects.exists()
