"""The audit log records researchers' actions and can never be rewritten."""

import pytest
from django.contrib.auth import get_user_model

from audit.models import AppendOnly, AuditEvent
from audit.services import audit_record
from tests.support.surveys import published_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return get_user_model().objects.create_user("alice", "alice@example.org", "a-long-password-1")


@pytest.fixture
def survey():
    return published_survey(pages=[{"questions": [{"code": "role", "type": "short_text"}]}])


def test_an_event_says_who_did_what_to_which_survey(alice, survey):
    event = audit_record(
        actor=alice, action=AuditEvent.Action.SURVEY_PUBLISHED, survey=survey, detail={"v": 2}
    )

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == alice
    assert stored.actor_label == "alice@example.org"
    assert stored.survey_label == survey.slug
    assert stored.detail == {"v": 2}
    assert stored.occurred_at is not None


def test_an_event_keeps_naming_its_actor_and_survey_after_both_are_deleted(alice, survey):
    event = audit_record(actor=alice, action=AuditEvent.Action.SURVEY_DELETED, survey=survey)
    alice.delete()
    survey.versions.all().delete()
    survey.delete()

    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.survey) == (None, None)
    assert (stored.actor_label, stored.survey_label) == ("alice@example.org", "practice")


def test_an_action_without_a_person_is_recorded_as_the_system(survey):
    event = audit_record(actor=None, action=AuditEvent.Action.EXPORT_REQUESTED, survey=survey)

    assert event.actor is None
    assert event.actor_label == ""


def test_events_cannot_be_changed_or_deleted(alice, survey):
    event = audit_record(actor=alice, action=AuditEvent.Action.SURVEY_OPENED, survey=survey)

    event.action = AuditEvent.Action.SURVEY_CLOSED
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="survey.closed")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditEvent.Action.SURVEY_OPENED
