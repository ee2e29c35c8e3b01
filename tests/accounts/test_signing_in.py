"""Signing in by e-mail, two-factor authentication, throttling and session time-outs."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from tests.support.researchers import PASSWORD, researcher
from tests.support.totp import totp_code

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def sign_in(client: Client, email: str, password: str = PASSWORD, address="10.0.0.1"):
    return client.post(
        LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address, follow=False
    )


def test_a_researcher_signs_in_with_e_mail_and_password_and_lands_on_their_surveys():
    researcher("alice")
    client = Client()

    response = sign_in(client, "alice@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:survey_list")
    assert client.get(reverse("workspace:survey_list")).status_code == 200


def test_signing_in_gives_a_new_session_key():
    researcher("alice")
    client = Client()
    client.get(LOGIN)
    before = client.cookies["candour_session"].value

    sign_in(client, "alice@example.org")

    assert client.cookies["candour_session"].value != before


def test_a_wrong_password_says_so_and_signs_nobody_in():
    researcher("alice")
    client = Client()

    response = sign_in(client, "alice@example.org", "wrong password")

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert client.get(reverse("workspace:survey_list")).status_code == 302


def test_sign_in_pages_say_sign_up_is_by_invitation_and_offer_no_open_sign_up():
    page = Client().get(LOGIN).content.decode()
    closed = Client().get("/accounts/signup/")

    assert "/accounts/signup/" not in page
    assert "Sign-up is by invitation" in closed.content.decode()
    assert Client().post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a long password 123",
            "password2": "a long password 123",
        },
    ).status_code in (200, 302)
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="new@example.org").exists()


class TestThrottling:
    def test_failures_lock_the_e_mail_and_address_pair_only(self, settings):
        researcher("alice")
        researcher("bob")
        attacker = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(attacker, "alice@example.org", "guess", address="192.0.2.7")

        locked = sign_in(Client(), "alice@example.org", address="192.0.2.7")
        colleague_same_office = sign_in(Client(), "bob@example.org", address="192.0.2.7")
        alice_elsewhere = sign_in(Client(), "alice@example.org", address="198.51.100.4")

        assert locked.status_code == 429
        assert "Too many attempts to sign in" in locked.content.decode()
        assert colleague_same_office.status_code == 302
        assert alice_elsewhere.status_code == 302

    def test_a_respondent_request_is_never_recorded(self, settings):
        Client().get("/s/no-such-survey/", REMOTE_ADDR="192.0.2.9")
        Client().post("/s/no-such-survey/start/", REMOTE_ADDR="192.0.2.9")

        assert not AccessAttempt.objects.exists()


class TestTwoFactor:
    def test_with_an_authenticator_the_code_is_asked_after_the_password(self):
        alice = researcher("alice")
        secret = generate_totp_secret()
        TOTP.activate(alice, secret)
        client = Client()

        after_password = sign_in(client, "alice@example.org")
        assert after_password["Location"] == reverse("mfa_authenticate")
        assert client.get(reverse("workspace:survey_list")).status_code == 302

        done = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert done["Location"] == reverse("workspace:survey_list")
        assert client.get(reverse("workspace:survey_list")).status_code == 200

    def test_a_wrong_code_does_not_sign_in(self):
        alice = researcher("alice")
        secret = generate_totp_secret()
        TOTP.activate(alice, secret)
        client = Client()
        sign_in(client, "alice@example.org")
        wrong = str((int(totp_code(secret)) + 1) % 1_000_000).zfill(6)

        response = client.post(reverse("mfa_authenticate"), {"code": wrong})

        assert response.status_code == 200
        assert client.get(reverse("workspace:survey_list")).status_code == 302

    def test_when_required_a_researcher_without_an_authenticator_must_set_one_up(self, settings):
        settings.CANDOUR_REQUIRE_2FA = True
        researcher("alice")
        client = Client()
        sign_in(client, "alice@example.org")

        response = client.get(reverse("workspace:survey_list"))

        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")

    def test_when_required_a_researcher_with_an_authenticator_works_as_usual(self, settings):
        settings.CANDOUR_REQUIRE_2FA = True
        alice = researcher("alice")
        secret = generate_totp_secret()
        TOTP.activate(alice, secret)
        client = Client()
        sign_in(client, "alice@example.org")
        client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

        assert client.get(reverse("workspace:survey_list")).status_code == 200
        assert Authenticator.objects.filter(user=alice).exists()

    def test_activating_an_authenticator_asks_for_the_password_again_then_a_code(self):
        researcher("alice")
        client = Client()
        sign_in(client, "alice@example.org")
        asked = client.get(reverse("mfa_activate_totp"))
        assert asked["Location"].startswith(reverse("account_reauthenticate"))
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        page = client.get(reverse("mfa_activate_totp")).content.decode()
        secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page).group(1)

        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

        assert response.status_code == 302
        types = set(Authenticator.objects.values_list("type", flat=True))
        assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


class TestSessionTimeouts:
    def _signed_in_client(self):
        researcher("alice")
        client = Client()
        sign_in(client, "alice@example.org")
        return client

    def _age(self, client, **seconds_ago):
        session = client.session
        now = int(time.time())
        for key, ago in seconds_ago.items():
            session[{"last_seen": LAST_SEEN, "signed_in": SIGNED_IN_AT}[key]] = now - ago
        session.save()

    def test_a_session_idle_longer_than_the_limit_is_signed_out(self, settings):
        client = self._signed_in_client()
        self._age(client, last_seen=settings.CANDOUR_SESSION_IDLE_MINUTES * 60 + 5)

        response = client.get(reverse("workspace:survey_list"))

        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert client.get(reverse("workspace:survey_list"))["Location"].startswith(LOGIN)

    def test_a_busy_session_still_ends_at_the_absolute_limit(self, settings):
        client = self._signed_in_client()
        self._age(client, signed_in=settings.CANDOUR_SESSION_MAX_HOURS * 3600 + 5, last_seen=10)

        response = client.get(reverse("workspace:survey_list"))

        assert response["Location"].startswith(LOGIN)

    def test_a_recently_active_session_carries_on(self):
        client = self._signed_in_client()
        self._age(client, last_seen=60 * 5, signed_in=3600)

        assert client.get(reverse("workspace:survey_list")).status_code == 200


def test_a_forgotten_password_is_reset_by_a_link_sent_by_e_mail():
    researcher("alice")
    client = Client()

    client.post(reverse("account_reset_password"), {"email": "alice@example.org"})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(0), follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(0),
        {"password1": "a brand new passphrase 42", "password2": "a brand new passphrase 42"},
    )
    assert response.status_code == 302
    assert sign_in(Client(), "alice@example.org", "a brand new passphrase 42").status_code == 302


def test_a_code_from_the_previous_30_seconds_still_works_but_not_twice():
    alice = researcher("alice")
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    code = totp_code(secret, at=time.time() - 30)
    client = Client()
    sign_in(client, "alice@example.org")

    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302

    again = Client()
    sign_in(again, "alice@example.org")
    assert again.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200
