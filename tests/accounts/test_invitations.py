"""Sign-up only through an invitation: single-use, expiring, for the address it was sent to."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from audit.models import AuditEvent
from surveys.models import SurveyMembership
from tests.support.researchers import team_with_survey

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long and unusual passphrase 7"


@pytest.fixture
def team():
    return team_with_survey()


def invite(team, email="newcomer@example.org", role="analyst") -> str:
    owner = Client()
    owner.force_login(team.owner)
    owner.post(reverse("workspace:team", args=[team.survey.slug]), {"email": email, "role": role})
    message = mail.outbox[-1]
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def sign_up(client, link, email="newcomer@example.org"):
    client.get(link)
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_an_unknown_address_gets_an_invitation_e_mail_with_a_link(team):
    link = invite(team)

    message = mail.outbox[-1]
    assert message.to == ["newcomer@example.org"]
    assert team.survey.title in message.subject
    assert "expires in 7 days" in message.body
    invitation = Invitation.objects.get()
    assert link.rsplit("/", 2)[-2] not in invitation.token_hash  # only the hash is stored
    assert AuditEvent.objects.filter(action="role.granted", survey=team.survey).exists()


def test_following_the_link_signs_up_with_the_role_and_a_verified_address(team):
    link = invite(team)
    client = Client()

    response = sign_up(client, link)

    assert response.status_code == 302
    user = get_user_model().objects.get(email="newcomer@example.org")
    assert SurveyMembership.objects.get(user=user, survey=team.survey).role == "analyst"
    assert user.emailaddress_set.get().verified
    assert (
        client.get(reverse("workspace:survey_overview", args=[team.survey.slug])).status_code == 200
    )


def test_the_link_works_once(team):
    link = invite(team)
    sign_up(Client(), link)

    again = Client().get(link)

    assert again.status_code == 404
    assert "This invitation link does not work" in again.content.decode()


def test_an_expired_link_does_not_work(team):
    link = invite(team)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = sign_up(Client(), link)

    assert Client().get(link).status_code == 404
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="newcomer@example.org").exists()


def test_signing_up_with_another_address_is_refused(team):
    link = invite(team)

    response = sign_up(Client(), link, email="someone.else@example.org")

    assert "Use the address the invitation was sent to" in response.content.decode()
    assert not get_user_model().objects.filter(email="someone.else@example.org").exists()


def test_a_made_up_link_does_not_open_sign_up(team):
    client = Client()
    client.get("/accounts/invitation/made-up-token/")

    client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_the_sign_up_page_offers_the_invited_address(team):
    link = invite(team)
    client = Client()
    client.get(link)

    page = client.get(reverse("account_signup")).content.decode()

    assert "Create your account" in page
    assert 'value="newcomer@example.org"' in page
