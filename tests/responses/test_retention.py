"""Unfinished answers are not kept forever, and whoever holds the resume code can delete them."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import models
from django.utils import timezone

from responses.models import Response
from responses.retention import responses_delete_expired_unfinished
from surveys.models import Survey
from tests.responses.conftest import Html, Respondent, a_survey

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(datetime(2030, 3, 10, 12, 0))


def _saved_on(survey, day: date) -> Respondent:
    """Someone who started and last saved on `day`."""
    with time_machine.travel(
        timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(hour=9)
    ):
        person = Respondent(survey)
        person.start()
        person.answer(1, {"role": "teacher"})
    return person


def test_the_last_save_is_kept_as_a_date_and_never_as_a_time():
    field = Response._meta.get_field("last_saved_on")

    assert isinstance(field, models.DateField)
    assert not isinstance(field, models.DateTimeField)


def test_the_default_is_thirty_days_after_the_last_save(db):
    assert Survey._meta.get_field("unfinished_retention_days").default == 30


def test_saving_a_page_moves_the_last_save_date_on(db):
    survey = a_survey(closes_at=None)
    person = _saved_on(survey, date(2030, 3, 1))

    with time_machine.travel(NOON):
        person.answer(3, {"years": "2"}, action="save")

    assert person.record().last_saved_on == date(2030, 3, 10)


def test_unfinished_answers_are_deleted_once_the_retention_has_passed(db):
    survey = a_survey()
    kept = _saved_on(survey, date(2030, 2, 8))  # 30 days before 10 March
    deleted = _saved_on(survey, date(2030, 2, 7))  # 31 days before
    finished = Respondent(survey)
    with time_machine.travel(timezone.make_aware(datetime(2030, 1, 2, 9))):
        finished.complete_as_teacher()

    count = responses_delete_expired_unfinished(now=NOON)

    assert count == 1
    assert not Response.objects.filter(pk=deleted.response_id).exists()
    assert Response.objects.filter(pk=kept.response_id).exists()
    assert Response.objects.filter(pk=finished.response_id).exists()


def test_a_survey_can_keep_unfinished_answers_for_fewer_days(db):
    survey = a_survey(unfinished_retention_days=7)
    person = _saved_on(survey, date(2030, 3, 2))

    assert responses_delete_expired_unfinished(now=NOON) == 1
    assert not Response.objects.filter(pk=person.response_id).exists()


def test_unfinished_answers_go_when_the_grace_period_after_closing_ends(db):
    survey = a_survey(grace_period_hours=24)
    person = _saved_on(survey, date(2030, 3, 9))
    Survey.objects.filter(pk=survey.pk).update(closes_at=NOON - timedelta(hours=25))

    assert responses_delete_expired_unfinished(now=NOON) == 1
    assert not Response.objects.filter(pk=person.response_id).exists()


def test_within_the_grace_period_unfinished_answers_are_kept(db):
    survey = a_survey(grace_period_hours=24)
    _saved_on(survey, date(2030, 3, 9))
    Survey.objects.filter(pk=survey.pk).update(closes_at=NOON - timedelta(hours=23))

    assert responses_delete_expired_unfinished(now=NOON) == 0


def test_with_month_precision_the_days_are_counted_from_the_end_of_the_month(db):
    survey = a_survey(submit_time_precision=Survey.TimePrecision.MONTH)
    person = _saved_on(survey, date(2030, 2, 27))
    assert person.record().last_saved_on == date(2030, 2, 1)

    assert responses_delete_expired_unfinished(now=NOON) == 0  # 10 March: within 30 days
    later = timezone.make_aware(datetime(2030, 4, 1, 12))
    assert responses_delete_expired_unfinished(now=later) == 1  # over 30 days after February


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_hourly_task_deletes_them_in_a_real_worker(celery_worker):
    from responses.tasks import delete_expired

    survey = a_survey()
    person = Respondent(survey)
    person.start()
    Response.objects.filter(pk=person.response_id).update(
        last_saved_on=timezone.localdate() - timedelta(days=40)
    )

    assert delete_expired.delay().get(timeout=60) == 1
    assert not Response.objects.exists()


# --- delete my answers --------------------------------------------------------------------------


def _saved_with_code(survey) -> tuple[Respondent, str]:
    person = Respondent(survey)
    person.start()
    return person, person.save_for_later(1, {"role": "teacher"})


def test_a_resume_code_deletes_its_unfinished_answers_after_a_confirmation(practice_survey):
    person, code = _saved_with_code(practice_survey)
    elsewhere = Respondent(practice_survey)

    confirm = Html(elsewhere.post("delete/", {"code": code}))
    assert confirm.first("h1").text.strip() == "Are you sure you want to delete your saved answers?"
    assert Response.objects.filter(pk=person.response_id).exists()

    done = Html(elsewhere.post("delete/", {"code": code, "confirm": "yes"}))

    assert done.first("h1").text.strip() == "Your saved answers have been deleted"
    assert not Response.objects.exists()
    assert Survey.objects.get(pk=practice_survey.pk).withdrawal_count == 0


def test_deleting_in_the_browser_that_resumed_forgets_its_cookie(practice_survey):
    person, code = _saved_with_code(practice_survey)
    person.post("resume/", {"code": code})

    done = person.post("delete/", {"code": code, "confirm": "yes"})

    assert done.cookies["candour_response"].value == ""
    assert person.get("p/1/")["Location"] == "/s/practice/"


def test_a_wrong_code_deletes_nothing_and_is_explained(practice_survey):
    person, _code = _saved_with_code(practice_survey)

    page = Html(Respondent(practice_survey).post("delete/", {"code": "ABCD-EFGH-JKMN"}))

    assert page.title.startswith("Error: ")
    assert page.error_summary_links() == [
        ("#id_code", "No saved answers match this code. Check it, or start the survey again.")
    ]
    assert Response.objects.filter(pk=person.response_id).exists()


def test_a_receipt_cannot_delete_through_the_unfinished_answers_page(practice_survey):
    person = Respondent(practice_survey)
    receipt = person.complete_as_teacher()

    Respondent(practice_survey).post("delete/", {"code": receipt, "confirm": "yes"})

    assert Response.objects.filter(pk=person.response_id).exists()


def test_after_ten_attempts_deleting_is_refused_for_a_while(practice_survey):
    person, code = _saved_with_code(practice_survey)
    guesser = Respondent(practice_survey)

    for n in range(10):
        guesser.post("delete/", {"code": f"ABCD-EFGH-{n:04d}", "confirm": "yes"})
    eleventh = guesser.post("delete/", {"code": code, "confirm": "yes"})

    assert eleventh.status_code == 429
    assert Response.objects.filter(pk=person.response_id).exists()


def test_the_resume_and_saved_pages_lead_to_deleting(practice_survey):
    person, _code = _saved_with_code(practice_survey)
    saved_page = Html(person.history[-1])

    for page in (Html(person.get("resume/")), saved_page):
        assert page.first("a", href="/s/practice/delete/") is not None
