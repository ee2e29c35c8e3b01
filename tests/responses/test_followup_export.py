"""Only a survey's owners can download its follow-up contacts, only the contacts, only those
released to the team, and every download is in the audit log."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from audit.models import AuditEvent
from responses.models import FollowUpContact
from surveys.models import SurveyMembership
from tests.responses.conftest import a_survey

pytestmark = pytest.mark.django_db


RELEASED = FollowUpContact.Stage.RELEASED


@pytest.fixture
def survey(db):
    survey = a_survey(followup_enabled=True)
    FollowUpContact.objects.create(
        survey=survey, stage=RELEASED, name="Sam", contact="sam@example.org", note=""
    )
    FollowUpContact.objects.create(
        survey=survey,
        stage=RELEASED,
        name='=HYPERLINK("http://evil.example")',
        contact="07700 900123",
        note="",
    )
    return survey


def _signed_in(username: str, survey=None, role=None) -> Client:
    user = get_user_model().objects.create_user(username=username, password="a long password 1")
    if role:
        SurveyMembership.objects.create(survey=survey, user=user, role=role)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _download(client: Client, survey):
    return client.get(f"/surveys/{survey.slug}/follow-up-contacts.csv")


def test_an_owner_downloads_the_contacts_alone_with_formulas_neutralised(survey):
    alice = _signed_in("alice", survey, SurveyMembership.Role.OWNER)

    download = _download(alice, survey)

    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert download["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["name", "contact", "note"]
    neutralised = '\'=HYPERLINK("http://evil.example")'
    assert sorted(rows[1:]) == sorted(
        [["Sam", "sam@example.org", ""], [neutralised, "07700 900123", ""]]
    )


@pytest.mark.parametrize(
    "stage", [FollowUpContact.Stage.PENDING, FollowUpContact.Stage.MIXED], ids=["pending", "mixed"]
)
def test_contacts_not_yet_released_in_a_group_are_not_in_the_download(survey, stage):
    FollowUpContact.objects.create(survey=survey, stage=stage, contact="new@example.org")
    alice = _signed_in("alice", survey, SurveyMembership.Role.OWNER)

    rows = list(csv.reader(io.StringIO(_download(alice, survey).content.decode())))

    assert len(rows) == 3
    assert "new@example.org" not in {row[1] for row in rows}


def test_each_download_is_recorded_in_the_audit_log_with_how_many_contacts(survey):
    alice = _signed_in("alice", survey, SurveyMembership.Role.OWNER)

    _download(alice, survey)

    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.FOLLOWUP_DOWNLOADED
    assert (event.actor.username, event.survey_id, event.detail) == (
        "alice",
        survey.pk,
        {"contacts": 2},
    )


@pytest.mark.parametrize(
    "role",
    [SurveyMembership.Role.EDITOR, SurveyMembership.Role.ANALYST, SurveyMembership.Role.VIEWER],
)
def test_a_colleague_who_is_not_an_owner_gets_404(survey, role):
    bob = _signed_in("bob", survey, role)
    assert _download(bob, survey).status_code == 404
    assert not AuditEvent.objects.exists()


def test_a_researcher_of_another_survey_gets_404(survey):
    other = a_survey(slug="other-study")
    charlie = _signed_in("charlie", other, SurveyMembership.Role.OWNER)
    assert _download(charlie, survey).status_code == 404


def test_someone_not_signed_in_is_sent_to_sign_in(survey):
    download = _download(Client(HTTP_HOST="localhost"), survey)
    assert download.status_code == 302
    assert download["Location"].startswith("/accounts/login/")
