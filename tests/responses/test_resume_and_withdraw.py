"""Coming back: saving to finish later, resuming with the code, withdrawing with the receipt."""

import pytest

from responses.models import Response
from surveys.models import Survey
from tests.responses.conftest import (
    CODE_FORMAT,
    Html,
    Respondent,
    a_survey,
    at_the_same_time,
    code_hash,
    database_text,
)

pytestmark = pytest.mark.django_db


def _saved_on_page_three(person) -> str:
    person.start()
    person.answer(1, {"role": "teacher", "school_phase": "Primary"})
    return person.save_for_later(3, {"reflections": "Half a thought"})


# --- save and continue later ------------------------------------------------------------------


def test_saving_for_later_shows_a_resume_code_once_and_never_puts_it_in_a_link(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})

    saved = respondent.answer(3, {"reflections": "Half a thought"}, action="save")

    assert saved["Location"] == "/s/practice/saved/"
    page = Html(respondent.get("saved/"))
    code = page.code()
    assert CODE_FORMAT.match(code)
    assert "Write the code down now: we cannot show it again." in page.text
    assert "Anyone with this code can see and change your answers" in page.text
    links = [element.attrs.get("href", "") for element in page.all("a")]
    assert not [href for href in links if code in href or code.replace("-", "") in href]


def test_saving_keeps_a_page_whose_required_answers_are_not_given_yet(respondent):
    _saved_on_page_three(respondent)

    assert respondent.record().answers == {
        "role": "teacher",
        "school_phase": "Primary",
        "reflections": "Half a thought",
    }


def test_only_a_hash_of_the_resume_code_is_stored(respondent):
    code = _saved_on_page_three(respondent)

    assert respondent.record().resume_code_hash == code_hash(code)
    stored = database_text()
    assert code not in stored
    assert code.replace("-", "") not in stored


def test_the_saved_page_shows_its_code_once_and_saving_again_replaces_it(
    respondent, practice_survey
):
    first = _saved_on_page_three(respondent)
    reloaded = respondent.get("saved/")  # the visit ended as the code was shown
    assert reloaded.status_code == 302 and reloaded["Location"] == "/s/practice/"
    assert respondent.record().resume_code_hash == code_hash(first)

    assert respondent.post("resume/", {"code": first}).status_code == 302
    second = respondent.save_for_later(3, {"reflections": "A whole thought"})

    assert second != first
    assert respondent.record().resume_code_hash == code_hash(second)
    refused = Html(Respondent(practice_survey).post("resume/", {"code": first}))
    assert refused.error_summary_links()[0][1].startswith("No saved answers match this code")
    resumed = Respondent(practice_survey).post("resume/", {"code": second})
    assert resumed["Location"] == "/s/practice/p/3/"


def test_two_unfinished_responses_never_share_a_resume_code(practice_survey):
    codes = set()
    for _ in range(20):
        person = Respondent(practice_survey)
        person.start()
        codes.add(person.save_for_later(1, {"role": "teacher"}))

    assert len(codes) == 20


def test_the_saved_page_is_for_an_unfinished_response_on_a_survey_that_allows_saving(
    respondent, db
):
    assert respondent.get("saved/")["Location"] == "/s/practice/"
    respondent.complete_as_teacher()
    assert respondent.get("saved/")["Location"] == "/s/practice/"
    no_saving = Respondent(a_survey(slug="no-saving", allow_save_and_resume=False))
    no_saving.start()
    assert no_saving.get("saved/")["Location"] == "/s/no-saving/p/1/"
    assert no_saving.record().resume_code_hash is None


def test_a_resume_code_brings_the_answers_back_in_another_browser(respondent, practice_survey):
    code = _saved_on_page_three(respondent)
    elsewhere = Respondent(practice_survey)

    resumed = elsewhere.post("resume/", {"code": code})

    assert resumed.status_code == 302
    assert resumed["Location"] == "/s/practice/p/3/"
    assert "candour_response" in resumed.cookies
    page = Html(elsewhere.get("p/3/"))
    assert "Your saved answers are back." in page.text
    assert page.value_of("reflections") == "Half a thought"
    assert "Your saved answers are back." not in Html(elsewhere.get("p/3/")).text  # once only
    assert Html(elsewhere.get("p/1/")).value_of("school_phase") == "Primary"
    elsewhere.response_id = respondent.response_id
    elsewhere.answer(3, {"years": "4", "reflections": "Half a thought"})
    elsewhere.submit()
    assert Response.objects.count() == 1
    assert respondent.record().status == Response.Status.COMPLETE
    assert respondent.record().answers["years"] == 4


def test_a_code_in_the_resume_address_is_ignored_rather_than_put_in_the_page(
    respondent, practice_survey
):
    code = _saved_on_page_three(respondent)

    page = Html(Respondent(practice_survey).get(f"resume/?code={code.replace('-', '')}"))

    assert page.status == 200
    assert page.value_of("code") == ""
    assert code.replace("-", "") not in page.html


def test_a_resume_code_may_be_typed_in_lower_case_with_spaces(respondent, practice_survey):
    code = _saved_on_page_three(respondent)
    typed = " ".join(code.lower().split("-"))

    resumed = Respondent(practice_survey).post("resume/", {"code": typed})

    assert resumed["Location"] == "/s/practice/p/3/"


def test_a_wrong_resume_code_is_explained_and_kept_in_the_box(respondent, practice_survey):
    _saved_on_page_three(respondent)
    stranger = Respondent(practice_survey)

    page = Html(stranger.post("resume/", {"code": "ABCD-EFGH-JKMN"}))

    assert page.status == 200
    assert page.title.startswith("Error: ")
    assert page.error_summary_links() == [
        ("#id_code", "No saved answers match this code. Check it, or start the survey again.")
    ]
    assert page.broken_error_links() == []
    assert page.value_of("code") == "ABCD-EFGH-JKMN"
    assert "candour_response" not in stranger.client.cookies


def test_an_empty_resume_code_is_asked_for(practice_survey):
    page = Html(Respondent(practice_survey).post("resume/", {"code": "  "}))

    assert page.error_summary_links() == [("#id_code", "Enter the resume code you were given")]


def test_after_ten_attempts_resume_codes_are_refused_for_a_while(respondent, practice_survey):
    code = _saved_on_page_three(respondent)
    guesser = Respondent(practice_survey)

    wrong = [guesser.post("resume/", {"code": f"ABCD-EFGH-{n:04d}"}) for n in range(10)]
    eleventh = guesser.post("resume/", {"code": code})

    assert [attempt.status_code for attempt in wrong] == [200] * 10
    assert eleventh.status_code == 429
    assert "Too many attempts" in Html(eleventh).text
    assert "candour_response" not in guesser.client.cookies


def test_the_attempt_limit_is_per_client(respondent, practice_survey):
    code = _saved_on_page_three(respondent)
    guesser = Respondent(practice_survey, REMOTE_ADDR="192.0.2.10")
    for n in range(11):
        guesser.post("resume/", {"code": f"ABCD-EFGH-{n:04d}"})

    resumed = Respondent(practice_survey, REMOTE_ADDR="192.0.2.20").post("resume/", {"code": code})

    assert resumed["Location"] == "/s/practice/p/3/"


def test_a_resume_code_no_longer_works_once_the_answers_are_submitted(respondent, practice_survey):
    code = _saved_on_page_three(respondent)
    respondent.post("resume/", {"code": code})
    respondent.answer(3, {"years": "4"})
    respondent.submit()

    page = Html(Respondent(practice_survey).post("resume/", {"code": code}))

    assert page.error_summary_links()[0][1].startswith("No saved answers match this code")


def test_a_resume_code_only_works_on_its_own_survey(respondent):
    code = _saved_on_page_three(respondent)
    other_survey = a_survey(slug="another")

    page = Html(Respondent(other_survey).post("resume/", {"code": code}))

    assert page.error_summary_links()[0][1].startswith("No saved answers match this code")


def test_saving_is_not_offered_when_the_survey_does_not_allow_it(db):
    survey = a_survey(allow_save_and_resume=False)
    person = Respondent(survey)
    person.start()

    page = person.page(1)
    refused = person.answer(1, {"role": "teacher"}, action="save")

    assert page.all("button", value="save") == []
    assert refused.status_code == 400
    assert "That button is not available on this page." in Html(refused).text
    assert person.record().answers == {}


# --- withdrawing ------------------------------------------------------------------------------


def test_withdrawing_asks_for_confirmation_before_deleting_anything(respondent, practice_survey):
    receipt = respondent.complete_as_teacher()
    later = Respondent(practice_survey)

    confirm = Html(later.post("withdraw/", {"code": receipt}))

    assert confirm.status == 200
    assert confirm.first("h1").text.strip() == "Are you sure you want to delete your answers?"
    assert confirm.first("input", name="confirm").attrs["value"] == "yes"
    assert Response.objects.filter(pk=respondent.response_id).exists()


def test_withdrawing_with_the_receipt_deletes_the_response_and_counts_the_withdrawal(
    respondent, practice_survey
):
    receipt = respondent.complete_as_teacher()
    other = Respondent(practice_survey)
    other.complete_as_teacher(years="30")
    later = Respondent(practice_survey)

    later.post("withdraw/", {"code": receipt})
    done = Html(later.post("withdraw/", {"code": receipt, "confirm": "yes"}))

    assert done.status == 200
    assert done.first("h1").text.strip() == "Your answers have been deleted"
    assert not Response.objects.filter(pk=respondent.response_id).exists()
    assert list(Response.objects.values_list("answers__years", flat=True)) == [30]
    assert Survey.objects.get(pk=practice_survey.pk).withdrawal_count == 1


def test_a_receipt_typed_in_lower_case_with_spaces_still_withdraws(respondent, practice_survey):
    receipt = respondent.complete_as_teacher()
    typed = " ".join(receipt.lower().split("-"))

    Respondent(practice_survey).post("withdraw/", {"code": typed, "confirm": "yes"})

    assert not Response.objects.filter(pk=respondent.response_id).exists()


def test_a_wrong_receipt_is_explained_and_deletes_nothing(respondent, practice_survey):
    respondent.complete_as_teacher()
    later = Respondent(practice_survey)

    page = Html(later.post("withdraw/", {"code": "ABCD-EFGH-JKMN", "confirm": "yes"}))

    assert page.status == 200
    assert page.title.startswith("Error: ")
    assert page.error_summary_links() == [
        ("#id_code", "No submitted answers match this receipt code. Check it and try again.")
    ]
    assert page.broken_error_links() == []
    assert Response.objects.filter(pk=respondent.response_id).exists()
    assert Survey.objects.get(pk=practice_survey.pk).withdrawal_count == 0


def test_a_wrong_receipt_is_explained_before_asking_for_confirmation(respondent, practice_survey):
    respondent.complete_as_teacher()
    later = Respondent(practice_survey)

    page = Html(later.post("withdraw/", {"code": "ABCD-EFGH-JKMN"}))

    assert page.title.startswith("Error: ")
    assert page.error_summary_links() == [
        ("#id_code", "No submitted answers match this receipt code. Check it and try again.")
    ]


def test_a_receipt_withdraws_only_once(respondent, practice_survey):
    receipt = respondent.complete_as_teacher()
    later = Respondent(practice_survey)
    later.post("withdraw/", {"code": receipt, "confirm": "yes"})

    again = Html(later.post("withdraw/", {"code": receipt, "confirm": "yes"}))

    assert again.error_summary_links()[0][1].startswith("No submitted answers match")
    assert Survey.objects.get(pk=practice_survey.pk).withdrawal_count == 1


@pytest.mark.django_db(transaction=True)
def test_confirming_a_withdrawal_twice_at_the_same_moment_counts_it_once(practice_survey):
    person = Respondent(practice_survey)
    receipt = person.complete_as_teacher()
    tabs = [Respondent(practice_survey) for _ in range(2)]

    at_the_same_time(
        *(
            lambda tab=tab: tab.post("withdraw/", {"code": receipt, "confirm": "yes"})
            for tab in tabs
        )
    )

    assert Response.objects.count() == 0
    assert Survey.objects.get(pk=practice_survey.pk).withdrawal_count == 1


def test_a_resume_code_cannot_withdraw_unsubmitted_answers(respondent, practice_survey):
    code = _saved_on_page_three(respondent)

    page = Html(Respondent(practice_survey).post("withdraw/", {"code": code, "confirm": "yes"}))

    assert page.error_summary_links()[0][1].startswith("No submitted answers match")
    assert Response.objects.filter(pk=respondent.response_id).exists()


def test_a_receipt_only_withdraws_from_its_own_survey(respondent):
    receipt = respondent.complete_as_teacher()
    other_survey = a_survey(slug="another")

    Respondent(other_survey).post("withdraw/", {"code": receipt, "confirm": "yes"})

    assert Response.objects.filter(pk=respondent.response_id).exists()
    assert Survey.objects.get(slug="another").withdrawal_count == 0


def test_after_ten_attempts_receipts_are_refused_for_a_while(respondent, practice_survey):
    receipt = respondent.complete_as_teacher()
    guesser = Respondent(practice_survey)

    for n in range(10):
        guesser.post("withdraw/", {"code": f"ABCD-EFGH-{n:04d}", "confirm": "yes"})
    eleventh = guesser.post("withdraw/", {"code": receipt, "confirm": "yes"})

    assert eleventh.status_code == 429
    assert Response.objects.filter(pk=respondent.response_id).exists()


def test_the_withdrawal_page_is_linked_from_every_respondent_page(respondent):
    respondent.start()

    for page in (Html(respondent.get()), respondent.page(1), Html(respondent.get("privacy/"))):
        assert page.first("a", href="/s/practice/withdraw/") is not None
