"""No answer is ever lost or doubled: double clicks, two tabs, racing saves and closing time."""

from datetime import timedelta

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from responses.models import Response
from surveys.models import Survey
from tests.responses.conftest import Html, Respondent, a_survey, at_the_same_time, code_hash

pytestmark = pytest.mark.django_db


def _at_check_page(person):
    person.start()
    person.answer(1, {"role": "teacher", "school_phase": "Primary"})
    person.answer(3, {"years": "12"})


# --- submitting once --------------------------------------------------------------------------


def test_submitting_twice_keeps_one_complete_response_and_its_receipt_shown_once(respondent):
    _at_check_page(respondent)

    first = respondent.submit()
    receipt = respondent.receipt()
    before = respondent.record()
    second = respondent.submit()

    assert first["Location"] == second["Location"] == "/s/practice/complete/"
    assert Response.objects.count() == 1
    after = respondent.record()
    assert after.status == Response.Status.COMPLETE
    assert model_to_dict(after) == model_to_dict(before)
    assert after.receipt_hash == code_hash(receipt)
    again = Html(respondent.get("complete/"))
    assert again.by_css("candour-code") == []
    assert "We keep only a scrambled version of it, so we cannot show it again." in again.text


def test_pressing_back_after_submitting_and_sending_a_page_again_changes_nothing(respondent):
    _at_check_page(respondent)
    respondent.submit()
    before = respondent.record()

    resent = respondent.answer(3, {"years": "40", "reflections": "Changed my mind"})
    resubmitted = respondent.submit()

    assert resent["Location"] == "/s/practice/complete/"
    assert resubmitted["Location"] == "/s/practice/complete/"
    after = respondent.record()
    assert model_to_dict(after) == model_to_dict(before)
    assert after.answers == {"role": "teacher", "school_phase": "Primary", "years": 12}
    assert Response.objects.filter(status=Response.Status.COMPLETE).count() == 1


def test_saving_for_later_after_submitting_changes_nothing(respondent):
    _at_check_page(respondent)
    respondent.submit()
    before = respondent.record()

    saved = respondent.answer(3, {"years": "40"}, action="save")

    assert saved["Location"] == "/s/practice/complete/"
    after = respondent.record()
    assert (after.answers, after.resume_code_hash) == (before.answers, before.resume_code_hash)


# --- two tabs ---------------------------------------------------------------------------------


def test_two_tabs_answering_different_pages_keep_both_pages_answers(respondent, practice_survey):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})
    second_tab = Respondent(practice_survey)
    respondent.share_cookies_with(second_tab)
    assert respondent.page(1).status == second_tab.page(3).status == 200

    second_tab.answer(3, {"years": "9", "reflections": "From tab two"})
    respondent.answer(1, {"role": "teacher", "school_phase": "From tab one"})

    assert respondent.record().answers == {
        "role": "teacher",
        "school_phase": "From tab one",
        "years": 9,
        "reflections": "From tab two",
    }


def test_answering_an_earlier_page_again_keeps_the_later_pages_answers(respondent):
    respondent.start()
    respondent.answer(1, {"role": "social_worker"})
    respondent.answer(2, {"joint_visits": "no"})
    respondent.answer(3, {"years": "9"})

    respondent.answer(1, {"role": "social_worker"})
    respondent.answer(2, {"joint_visits": "yes", "joint_notes": "Added later"})

    assert respondent.record().answers == {
        "role": "social_worker",
        "joint_visits": "yes",
        "joint_notes": "Added later",
        "years": 9,
    }


def test_a_stale_tab_cannot_bring_back_an_answer_that_stopped_applying(respondent, practice_survey):
    respondent.start()
    respondent.answer(1, {"role": "social_worker"})
    respondent.answer(2, {"joint_visits": "yes", "joint_notes": "Weekly"})
    stale_tab = Respondent(practice_survey)
    respondent.share_cookies_with(stale_tab)
    stale_tab.page(2)

    respondent.answer(1, {"role": "police"})
    resent = stale_tab.answer(2, {"joint_visits": "yes", "joint_notes": "Weekly"})

    assert resent.status_code == 302
    assert respondent.record().answers == {"role": "police"}


@pytest.mark.django_db(transaction=True)
def test_pages_saved_at_the_same_moment_from_two_tabs_are_both_kept(practice_survey):
    person = Respondent(practice_survey)
    person.start()
    person.answer(1, {"role": "social_worker"})
    person.answer(2, {"joint_visits": "no"})
    person.answer(3, {"years": "1"})
    tabs = [Respondent(practice_survey) for _ in range(2)]
    for tab in tabs:
        person.share_cookies_with(tab)
    rounds = 8

    for round_number in range(rounds):
        statuses = at_the_same_time(
            lambda n=round_number: (
                tabs[0].answer(2, {"joint_visits": "yes", "joint_notes": f"r{n}"}).status_code
            ),
            lambda n=round_number: tabs[1].answer(3, {"years": str(n + 10)}).status_code,
        )
        assert statuses == [302, 302]
        answers = person.record().answers
        assert answers["joint_notes"] == f"r{round_number}"
        assert answers["years"] == round_number + 10
        assert answers["role"] == "social_worker"


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_the_same_moment_complete_the_response_once_with_one_receipt(
    practice_survey,
):
    person = Respondent(practice_survey)
    _at_check_page(person)
    other_tab = Respondent(practice_survey)
    person.share_cookies_with(other_tab)

    statuses = at_the_same_time(
        lambda: person.submit()["Location"], lambda: other_tab.submit()["Location"]
    )

    assert statuses == ["/s/practice/complete/"] * 2
    record = person.record()
    assert record.status == Response.Status.COMPLETE
    assert Response.objects.count() == 1
    shown = [Html(tab.get("complete/")).by_css("candour-code") for tab in (person, other_tab)]
    receipts = [codes[0].text.strip() for codes in shown if codes]
    assert len(receipts) == 1
    assert record.receipt_hash == code_hash(receipts[0])


def test_a_token_from_another_response_is_refused(practice_survey):
    alice, bob = Respondent(practice_survey), Respondent(practice_survey)
    alice.start()
    bob.start()
    bob.token = alice.token

    refused = bob.answer(1, {"role": "teacher"})

    assert refused.status_code == 400
    assert bob.record().answers == {}


# --- closing time -----------------------------------------------------------------------------


def _close(survey, *, hours_ago: float, grace_hours: int = 24):
    Survey.objects.filter(pk=survey.pk).update(
        closes_at=timezone.now() - timedelta(hours=hours_ago), grace_period_hours=grace_hours
    )


def test_someone_already_answering_may_finish_within_the_grace_period(respondent, practice_survey):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})
    _close(practice_survey, hours_ago=2)

    saved = respondent.answer(3, {"years": "5"})
    submitted = respondent.submit()

    assert saved.status_code == 302
    assert submitted["Location"] == "/s/practice/complete/"
    assert respondent.record().status == Response.Status.COMPLETE
    assert respondent.record().answers["years"] == 5


def test_answers_sent_after_the_grace_period_are_refused_with_a_clear_page(
    respondent, practice_survey
):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})
    _close(practice_survey, hours_ago=25)

    refused = respondent.answer(3, {"years": "5"})

    assert refused.status_code == 409
    page = Html(refused)
    assert page.first("h1").text.strip() == "This survey has closed"
    assert "answers sent now cannot be saved" in page.text
    assert respondent.record().answers == {"role": "teacher"}


def test_submitting_after_the_grace_period_is_refused(respondent, practice_survey):
    _at_check_page(respondent)
    _close(practice_survey, hours_ago=3, grace_hours=1)

    refused = respondent.submit()

    assert refused.status_code == 409
    assert "This survey has closed" in Html(refused).text
    assert respondent.record().status == Response.Status.IN_PROGRESS


def test_saving_for_later_after_the_grace_period_is_refused(respondent, practice_survey):
    respondent.start()
    _close(practice_survey, hours_ago=25)

    refused = respondent.answer(1, {"role": "teacher"}, action="save")

    assert refused.status_code == 409
    assert respondent.record().answers == {}
    assert respondent.record().resume_code_hash is None


def test_resuming_after_the_grace_period_is_refused(respondent, practice_survey):
    respondent.start()
    code = respondent.save_for_later(1, {"role": "teacher"})
    _close(practice_survey, hours_ago=25)

    refused = Respondent(practice_survey).post("resume/", {"code": code})

    assert refused.status_code == 409
    assert "This survey has closed" in Html(refused).text


def test_a_survey_closed_by_the_research_team_refuses_answers_at_once(respondent, practice_survey):
    respondent.start()
    Survey.objects.filter(pk=practice_survey.pk).update(status=Survey.Status.CLOSED)

    refused = respondent.answer(1, {"role": "teacher"})

    assert refused.status_code == 409
    assert respondent.record().answers == {}


def test_someone_answering_when_the_survey_fills_up_may_still_finish(db):
    survey = a_survey(response_limit=1)
    late, early = Respondent(survey), Respondent(survey)
    late.start()
    late.answer(1, {"role": "teacher"})
    early.complete_as_teacher()

    late.answer(3, {"years": "2"})
    late.submit()

    assert late.record().status == Response.Status.COMPLETE
