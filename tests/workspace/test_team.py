"""The team page: owners add colleagues by e-mail, change roles and remove people, audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from surveys.builder.team import TeamChangeRefused, membership_change_role, membership_remove
from surveys.models import SurveyMembership

pytestmark = pytest.mark.django_db


def test_an_owner_adds_an_existing_researcher_by_e_mail(team, signed_in):
    eve = team.stranger

    response = signed_in("owner").post(
        reverse("workspace:team", args=[team.survey.slug]),
        {"email": eve.email.upper(), "role": "viewer"},
    )

    assert response.status_code == 302
    assert SurveyMembership.objects.get(survey=team.survey, user=eve).role == "viewer"
    (message,) = mail.outbox
    assert message.to == [eve.email] and team.survey.title in message.subject
    assert "http://testserver/surveys/" in message.body and "as Viewer" in message.body
    event = AuditEvent.objects.get(action="role.granted", survey=team.survey)
    assert event.actor == team.owner and event.detail["email"] == eve.email


def test_someone_already_on_the_team_is_not_added_twice(team, signed_in):
    response = signed_in("owner").post(
        reverse("workspace:team", args=[team.survey.slug]),
        {"email": team.viewer.email, "role": "editor"},
    )

    assert "already on this survey&#x27;s team" in response.content.decode()
    assert SurveyMembership.objects.get(survey=team.survey, user=team.viewer).role == "viewer"


def test_an_owner_changes_a_role_and_it_is_audited(team, signed_in):
    membership = team.survey.memberships.get(user=team.viewer)

    signed_in("owner").post(
        reverse("workspace:team_member", args=[team.survey.slug, membership.pk]),
        {"role": "analyst"},
    )

    membership.refresh_from_db()
    assert membership.role == "analyst"
    event = AuditEvent.objects.get(action="role.changed")
    assert event.detail | {} == {
        "membership": membership.pk,
        "email": team.viewer.email,
        "from": "viewer",
        "to": "analyst",
    }


def test_an_owner_removes_someone_and_it_is_audited(team, signed_in):
    membership = team.survey.memberships.get(user=team.editor)

    signed_in("owner").post(
        reverse("workspace:team_member", args=[team.survey.slug, membership.pk]), {"remove": "1"}
    )

    assert not SurveyMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="role.revoked", survey=team.survey).exists()


def test_the_last_owner_can_be_neither_demoted_nor_removed(team, signed_in):
    membership = team.survey.memberships.get(user=team.owner)
    url = reverse("workspace:team_member", args=[team.survey.slug, membership.pk])

    demoted = signed_in("owner").post(url, {"role": "viewer"}, follow=True)
    signed_in("owner").post(url, {"remove": "1"})

    membership.refresh_from_db()
    assert membership.role == "owner"
    assert "needs at least one owner" in demoted.content.decode()


def test_with_a_second_owner_the_first_may_step_down(team):
    SurveyMembership.objects.filter(user=team.editor).update(role="owner")
    membership = team.survey.memberships.get(user=team.owner)

    membership_change_role(membership=membership, role="editor", by=team.owner)

    assert team.survey.memberships.filter(role="owner").count() == 1
    with pytest.raises(TeamChangeRefused):
        membership_remove(membership=team.survey.memberships.get(role="owner"), by=team.owner)


@pytest.mark.parametrize("role", ["editor", "analyst", "viewer", "stranger"])
def test_only_owners_may_change_the_team(team, signed_in, role):
    membership = team.survey.memberships.get(user=team.viewer)
    client = signed_in(role)

    added = client.post(
        reverse("workspace:team", args=[team.survey.slug]),
        {"email": "x@example.org", "role": "owner"},
    )
    changed = client.post(
        reverse("workspace:team_member", args=[team.survey.slug, membership.pk]), {"role": "owner"}
    )

    assert added.status_code == 404 and changed.status_code == 404
    membership.refresh_from_db()
    assert membership.role == "viewer"
    assert not mail.outbox


def test_an_owner_of_another_survey_cannot_reach_this_teams_memberships(team, signed_in):
    theirs = team.strangers_survey.memberships.get()

    response = signed_in("owner").post(
        reverse("workspace:team_member", args=[team.survey.slug, theirs.pk]), {"role": "viewer"}
    )

    assert response.status_code == 404


def test_an_address_someone_added_but_never_verified_gets_an_invitation_not_their_account(
    team, signed_in
):
    from allauth.account.models import EmailAddress

    from accounts.models import Invitation

    EmailAddress.objects.create(user=team.stranger, email="victim@example.org", verified=False)

    signed_in("owner").post(
        reverse("workspace:team", args=[team.survey.slug]),
        {"email": "victim@example.org", "role": "owner"},
    )

    assert not SurveyMembership.objects.filter(survey=team.survey, user=team.stranger).exists()
    assert Invitation.objects.get().email == "victim@example.org"
    assert mail.outbox[-1].to == ["victim@example.org"]
