"""Volunteering for an interview after submitting: kept apart from, and unlinkable to, answers."""

import pytest
from django.db import models
from django.forms.models import model_to_dict

from responses.models import FollowUpContact, Response
from surveys.models import Survey
from tests.responses.conftest import Html, Respondent, a_survey, at_the_same_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(db):
    return a_survey(followup_enabled=True, followup_prompt="We are interviewing 20 people.")


def test_the_complete_page_offers_the_follow_up_form(survey):
    volunteer = Respondent(survey)
    volunteer.complete_as_teacher()

    complete = Html(volunteer.get("complete/"))

    assert "We are interviewing 20 people." in complete.text
    assert complete.first("a", href="/s/practice/follow-up/") is not None


def test_the_follow_up_form_is_not_found_before_submitting(survey):
    visitor = Respondent(survey)
    assert visitor.get("follow-up/").status_code == 404

    visitor.start()
    visitor.answer(1, {"role": "teacher"})

    assert visitor.get("follow-up/").status_code == 404
    assert visitor.post("follow-up/", {"contact": "a@example.org"}).status_code == 404
    assert FollowUpContact.objects.count() == 0


def test_the_follow_up_form_is_not_found_when_the_survey_does_not_offer_it(db):
    survey = a_survey(followup_enabled=False)
    volunteer = Respondent(survey)
    volunteer.complete_as_teacher()

    assert volunteer.get("follow-up/").status_code == 404
    assert volunteer.post("follow-up/", {"contact": "a@example.org"}).status_code == 404
    assert "follow-up/" not in Html(volunteer.get("complete/")).html


def test_contact_details_are_stored_with_the_survey_and_nothing_else(survey):
    volunteer = Respondent(survey)
    volunteer.complete_as_teacher()
    response_before = model_to_dict(volunteer.record())

    done = Html(
        volunteer.post(
            "follow-up/",
            {"name": " Sam ", "contact": "sam@example.org", "note": "Afternoons are best"},
        )
    )

    assert done.status == 200
    assert done.first("h1").text.strip() == "Thank you for volunteering"
    contact = FollowUpContact.objects.get()
    assert (contact.survey_id, contact.name, contact.contact, contact.note) == (
        survey.pk,
        "Sam",
        "sam@example.org",
        "Afternoons are best",
    )
    assert model_to_dict(volunteer.record()) == response_before


def test_a_contact_is_asked_for(survey):
    volunteer = Respondent(survey)
    volunteer.complete_as_teacher()

    page = Html(volunteer.post("follow-up/", {"name": "Sam", "contact": "", "note": "Hi"}))

    assert page.title.startswith("Error: ")
    assert page.error_summary_links() == [("#id_contact", "Enter an email address or phone number")]
    assert page.broken_error_links() == []
    assert page.value_of("name") == "Sam"
    assert page.value_of("note") == "Hi"
    assert FollowUpContact.objects.count() == 0


def test_a_follow_up_contact_has_no_key_timestamp_or_order_that_could_link_it_to_a_response():
    fields = {field.name: field for field in FollowUpContact._meta.get_fields()}

    assert set(fields) == {"id", "survey", "ticket_hash", "stage", "name", "contact", "note"}
    assert not [f for f in fields.values() if isinstance(f, models.DateField | models.TimeField)]
    assert Response not in {f.related_model for f in fields.values() if f.is_relation}
    assert isinstance(fields["id"], models.UUIDField)
    assert fields["ticket_hash"].unique
    assert FollowUpContact._meta.ordering == ["id"]


def test_volunteering_changes_nothing_on_any_response_so_no_response_says_who_volunteered(survey):
    volunteer, other = Respondent(survey), Respondent(survey)
    volunteer.complete_as_teacher()
    other.complete_as_teacher()
    before = {row.pk: model_to_dict(row) for row in Response.objects.all()}

    volunteer.post("follow-up/", {"contact": "sam@example.org"})

    assert FollowUpContact.objects.count() == 1
    assert {row.pk: model_to_dict(row) for row in Response.objects.all()} == before


def test_no_response_refers_to_a_follow_up_contact():
    related = {f.related_model for f in Response._meta.get_fields() if f.is_relation}

    assert FollowUpContact not in related


# --- one contact per response -------------------------------------------------------------------


def test_a_second_contact_from_the_same_response_is_refused_kindly(survey):
    volunteer = Respondent(survey)
    volunteer.complete_as_teacher()
    volunteer.post("follow-up/", {"contact": "sam@example.org"})

    again = Html(volunteer.post("follow-up/", {"contact": "someone.else@example.org"}))

    assert again.status == 200
    assert again.first("h1").text.strip() == "You have already volunteered"
    assert list(FollowUpContact.objects.values_list("contact", flat=True)) == ["sam@example.org"]
    complete = Html(volunteer.get("complete/"))
    assert complete.first("a", href="/s/practice/follow-up/") is None
    assert "Thank you for volunteering for an interview." in complete.text


@pytest.mark.django_db(transaction=True)
def test_twenty_posts_at_the_same_moment_from_one_response_store_one_contact():
    survey = a_survey(followup_enabled=True)
    volunteer = Respondent(survey)
    volunteer.complete_as_teacher()
    tabs = [Respondent(survey) for _ in range(20)]
    for tab in tabs:
        volunteer.share_cookies_with(tab)

    pages = at_the_same_time(
        *(
            lambda tab=tab, n=n: Html(tab.post("follow-up/", {"contact": f"c{n}@example.org"}))
            for n, tab in enumerate(tabs)
        )
    )

    assert FollowUpContact.objects.count() == 1
    headings = sorted(page.first("h1").text.strip() for page in pages)
    assert headings == ["Thank you for volunteering"] + ["You have already volunteered"] * 19


def test_each_response_may_leave_one_contact(survey):
    for number in range(3):
        volunteer = Respondent(survey, REMOTE_ADDR=f"192.0.2.{number + 1}")
        volunteer.complete_as_teacher()
        volunteer.post("follow-up/", {"contact": f"v{number}@example.org"})

    assert FollowUpContact.objects.count() == 3
    assert FollowUpContact.objects.filter(ticket_hash__isnull=True).count() == 0


def test_the_follow_up_page_says_how_long_details_could_be_matched_and_how_they_are_released(
    survey, settings
):
    settings.CANDOUR_UNLINK_INTERVAL_SECONDS = 3600
    volunteer = Respondent(survey)
    volunteer.complete_as_teacher()

    page = Html(volunteer.get("follow-up/"))

    assert "For up to 60 minutes (longer if our systems are busy)" in page.text
    assert "could match your details to your answers by when each was saved" in page.text
    assert "in groups of at least 5, or when the survey closes" in page.text


def test_contacts_are_not_taken_once_the_survey_has_stopped_taking_answers(survey):
    volunteer = Respondent(survey)
    volunteer.complete_as_teacher()
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)

    refused = volunteer.post("follow-up/", {"contact": "late@example.org"})

    assert refused.status_code == 409
    assert FollowUpContact.objects.count() == 0
