"""`manage.py seed_demo_researcher`: a demo owner for `make run`, never outside development."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.demo import DEMO_EMAIL

pytestmark = pytest.mark.django_db


def test_it_is_refused_unless_debug_is_on(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="development only"):
        call_command("seed_demo_researcher")


def test_it_prints_a_fresh_password_that_signs_in_as_owner_of_the_demo_survey(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    out = StringIO()
    call_command("seed_demo_researcher", stdout=out)
    first = out.getvalue()
    out = StringIO()
    call_command("seed_demo_researcher", stdout=out)
    second = out.getvalue()

    password = second.split("Password (new each time): ")[1].split()[0]
    assert DEMO_EMAIL in second
    assert first.split("Password (new each time): ")[1].split()[0] != password
    client = Client()
    assert (
        client.post("/accounts/login/", {"login": DEMO_EMAIL, "password": password}).status_code
        == 302
    )
    assert client.get("/surveys/complex-safeguarding/team/").status_code == 200
