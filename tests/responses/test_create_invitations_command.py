"""`manage.py create_invitations`: codes printed once, stored only as hashes, each usable once."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from responses.models import Invitation
from tests.responses.conftest import Respondent, a_survey

pytestmark = pytest.mark.django_db


def test_it_prints_new_codes_and_stores_only_their_hashes():
    survey = a_survey(invitation_only=True)
    output = io.StringIO()

    call_command("create_invitations", survey.slug, "3", "--batch", "wave 1", stdout=output)

    codes = output.getvalue().split()
    assert len(codes) == 3 == len(set(codes))
    assert all(re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code) for code in codes)
    stored = Invitation.objects.filter(survey=survey, batch="wave 1", used=False)
    assert stored.count() == 3
    assert not any(code.replace("-", "") in row.code_hash for code in codes for row in stored)


def test_a_printed_code_starts_a_response():
    survey = a_survey(invitation_only=True)
    output = io.StringIO()
    call_command("create_invitations", survey.slug, "1", stdout=output)

    started = Respondent(survey).post("start/", {"code": output.getvalue().strip()})

    assert started.status_code == 302
    assert Invitation.objects.get(survey=survey).used


def test_an_unknown_survey_is_an_error():
    with pytest.raises(CommandError, match="No survey with slug 'nowhere'"):
        call_command("create_invitations", "nowhere", "1", stdout=io.StringIO())
