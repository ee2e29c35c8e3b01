"""Whatever arrives in a post, the answer is a clear page, never a server error or bad data.

These respondents see server errors as responses (status 500) instead of exceptions, as a browser
would.
"""

import json

import pytest
from django.conf import settings

from responses.models import FollowUpContact, Response
from tests.responses.conftest import Html, Respondent, a_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(practice_survey):
    """Someone on page 1 of the practice survey, whose requests never raise in the test."""
    someone = Respondent(practice_survey, raise_errors=False)
    someone.start()
    return someone


@pytest.fixture
def on_last_page(person):
    person.answer(1, {"role": "teacher"})
    return person


def _stored_text(person) -> str:
    return json.dumps(person.record().answers, ensure_ascii=False)


def _assert_valid_unicode(value) -> None:
    """Stored text must be encodable: no lone surrogates, no NUL (PostgreSQL rejects both)."""
    text = json.dumps(value, ensure_ascii=False)
    text.encode("utf-8")
    assert "\x00" not in text
    assert "\\u0000" not in text


# --- names, tokens and buttons ----------------------------------------------------------------


def test_an_unknown_field_name_is_refused(person):
    refused = person.answer(1, {"role": "teacher", "salary": "40000"})

    assert refused.status_code == 400
    assert "do not match the questions on this page" in Html(refused).text
    assert person.record().answers == {}


def test_a_field_of_another_page_is_refused(person):
    refused = person.answer(1, {"role": "teacher", "years": "3"})

    assert refused.status_code == 400
    assert person.record().answers == {}


def test_a_missing_token_is_refused(person):
    refused = person.post("p/1/", {"action": "continue", "role": "teacher"})

    assert refused.status_code == 400
    assert "This page has expired" in Html(refused).text
    assert person.record().answers == {}


@pytest.mark.parametrize("token", ["", "0" * 32, "not-a-token", "x" * 5000, "\x00"])
def test_a_forged_token_is_refused(person, token):
    refused = person.post("p/1/", {"token": token, "action": "continue", "role": "teacher"})

    assert refused.status_code == 400
    assert person.record().answers == {}


@pytest.mark.parametrize("token", ["tökén", "\ufffd" * 32], ids=["accented", "replacement"])
def test_a_token_with_letters_outside_ascii_is_refused_like_any_forged_token(person, token):
    refused = person.post("p/1/", {"token": token, "action": "continue", "role": "teacher"})

    assert refused.status_code == 400
    assert person.record().answers == {}


def test_a_submit_with_a_token_outside_ascii_is_refused(on_last_page):
    on_last_page.answer(3, {"years": "3"})

    refused = on_last_page.post("submit/", {"token": "jeton-é"})

    assert refused.status_code == 400
    assert on_last_page.record().status == Response.Status.IN_PROGRESS


@pytest.mark.parametrize("action", ["submit", "delete", "", "CONTINUE", "continue "])
def test_an_unknown_action_is_refused(person, action):
    refused = person.answer(1, {"role": "teacher"}, action=action)

    assert refused.status_code == 400
    assert "That button is not available on this page." in Html(refused).text
    assert person.record().answers == {}


def test_a_post_from_another_site_is_forbidden(person):
    refused = person.answer(1, {"role": "teacher"}, headers={"HTTP_ORIGIN": "https://evil.example"})

    assert refused.status_code == 403
    assert person.record().answers == {}


def test_a_post_from_an_opaque_origin_is_forbidden(person):
    # Sandboxed frames and some privacy tools send "null"; it proves nothing about the page.
    refused = person.answer(1, {"role": "teacher"}, headers={"HTTP_ORIGIN": "null"})

    assert refused.status_code == 403
    assert person.record().answers == {}


def test_respondent_pages_tell_browsers_to_send_their_address_only_to_this_site(person):
    # Leaving for another site (say, with "Leave this site quickly") must not reveal the survey.
    # "same-origin" rather than "no-referrer": the latter makes browsers send `Origin: null`
    # on the site's own forms, which the check above refuses.
    assert person.get()["Referrer-Policy"] == "same-origin"


def test_a_post_from_the_sites_own_pages_is_accepted(person):
    accepted = person.answer(1, {"role": "teacher"}, headers={"HTTP_ORIGIN": "http://localhost"})

    assert accepted.status_code == 302
    assert person.record().answers == {"role": "teacher"}


@pytest.mark.parametrize("path", ["start/", "submit/", "resume/", "withdraw/", "follow-up/"])
def test_every_post_from_another_site_is_forbidden(person, path):
    refused = person.post(path, {"code": "ABCD-EFGH-JKMN"}, HTTP_ORIGIN="https://evil.example")

    assert refused.status_code == 403


# --- skipping ahead ---------------------------------------------------------------------------


def test_posting_a_page_not_yet_reached_is_refused(person):
    refused = person.answer(3, {"years": "3"})

    assert refused.status_code == 400
    assert "You cannot answer that page yet" in Html(refused).text
    assert person.record().answers == {}


def test_opening_a_page_not_yet_reached_leads_back_to_the_furthest_page_reached(person):
    assert person.get("p/3/")["Location"] == "/s/practice/p/1/"
    person.answer(1, {"role": "social_worker"})
    assert person.get("p/3/")["Location"] == "/s/practice/p/2/"


@pytest.mark.parametrize("path", ["p/0/", "p/4/", "p/99999999999999999999/"])
def test_a_page_number_outside_the_survey_is_not_found(person, path):
    assert person.get(path).status_code == 404
    assert person.post(path, {"token": person.token}).status_code == 404


def test_submitting_before_reaching_the_end_lists_what_is_missing(person):
    person.answer(1, {"role": "teacher"})

    page = Html(person.submit())

    assert page.status == 200
    assert page.error_summary_links() == [
        ("/s/practice/p/3/?change=1#question-years", "Answer ‘Years’")
    ]
    assert person.record().status == Response.Status.IN_PROGRESS


def test_submitting_before_reaching_an_optional_last_page_returns_to_the_page_reached(db):
    survey = a_survey(
        slug="optional-end",
        pages=[
            {"title": "First", "questions": [{"code": "first", "type": "short_text"}]},
            {"title": "Last", "questions": [{"code": "last", "type": "short_text"}]},
        ],
    )
    someone = Respondent(survey, raise_errors=False)
    someone.start()

    sent = someone.submit()

    assert sent["Location"] == "/s/optional-end/p/1/"
    assert someone.record().status == Response.Status.IN_PROGRESS


def test_pages_without_a_response_cookie_lead_to_the_start_page(practice_survey):
    stranger = Respondent(practice_survey, raise_errors=False)

    for path in ("p/1/", "check/", "saved/", "complete/"):
        assert stranger.get(path)["Location"] == "/s/practice/", path
    assert stranger.post("p/1/", {"role": "teacher"})["Location"] == "/s/practice/"
    assert stranger.post("submit/", {})["Location"] == "/s/practice/"


def test_a_forged_cookie_is_treated_as_no_cookie(practice_survey):
    forger = Respondent(practice_survey, raise_errors=False)
    forger.client.cookies["candour_response"] = "eyJhbGciOi.forged:signature"

    assert forger.get("p/1/")["Location"] == "/s/practice/"
    assert forger.post("p/1/", {"role": "x"})["Location"] == "/s/practice/"


def test_a_cookie_from_one_survey_means_nothing_to_another(person):
    other = a_survey(slug="another")
    visitor = Respondent(other, raise_errors=False)
    person.share_cookies_with(visitor)

    assert visitor.get("p/1/")["Location"] == "/s/another/"


# --- values -----------------------------------------------------------------------------------


def test_a_choice_not_in_the_list_is_explained(person):
    page = Html(person.answer(1, {"role": "astronaut"}))

    assert page.status == 200
    assert page.error_summary_links() == [("#id_role_1", "Select an answer")]
    assert person.record().answers == {}


def test_several_values_for_a_single_choice_store_one_listed_choice_or_nothing(person):
    sent = person.answer(1, {"role": ["police", "teacher"]})

    assert sent.status_code in {200, 302}
    stored = person.record().answers.get("role")
    assert stored is None or stored in {"police", "teacher"}


def test_several_values_for_a_number_store_one_number_or_nothing(on_last_page):
    sent = on_last_page.answer(3, {"years": ["3", "4"]})

    assert sent.status_code in {200, 302}
    stored = on_last_page.record().answers.get("years")
    assert stored is None or stored in {3, 4}


def test_options_not_in_the_list_of_a_multiple_choice_are_explained(db):
    survey = a_survey(
        slug="tools",
        pages=[{"title": "Tools", "questions": [
            {"code": "tools", "type": "multiple_choice", "choices": ["x", "y"]},
        ]}],
    )  # fmt: skip
    someone = Respondent(survey, raise_errors=False)
    someone.start()

    page = Html(someone.answer(1, {"tools": ["x", "zzz"]}))

    assert page.status == 200
    assert page.error_summary_links() == [("#id_tools_1", "Select only the options listed")]
    assert someone.record().answers == {}


@pytest.mark.parametrize("typed", ["twelve", "12abc", "1e400", "NaN", "Infinity", "--3"])
def test_a_number_field_explains_what_is_not_a_whole_number(on_last_page, typed):
    page = Html(on_last_page.answer(3, {"years": typed}))

    assert page.status == 200
    assert page.inline_errors()
    assert page.value_of("years") == typed
    assert "years" not in on_last_page.record().answers


NUMBERS_AND_DATES = [
    {
        "title": "Numbers",
        "questions": [
            {"code": "cases", "type": "integer"},
            {"code": "hours", "type": "decimal"},
            {"code": "qualified", "type": "date"},
        ],
    }
]


@pytest.fixture
def on_numbers_page(db):
    someone = Respondent(a_survey(slug="numbers", pages=NUMBERS_AND_DATES), raise_errors=False)
    someone.start()
    return someone


@pytest.mark.parametrize("typed", ["12", "-3", "1 000", "999,999,999,999,999"])
def test_a_number_without_limits_is_stored_as_a_number(on_numbers_page, typed):
    sent = on_numbers_page.answer(1, {"cases": typed})

    assert sent.status_code == 302
    assert isinstance(on_numbers_page.record().answers["cases"], int)


@pytest.mark.parametrize("field", ["cases", "hours"])
@pytest.mark.parametrize("typed", ["1e400", "1e5000", "-1E+5000", "1e99999999", "1" * 30])
def test_a_number_too_big_to_store_is_explained(on_numbers_page, field, typed):
    page = Html(on_numbers_page.answer(1, {field: typed}))

    assert page.status == 200
    assert page.inline_errors()
    assert page.value_of(field) == typed
    assert on_numbers_page.record().answers == {}


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2020"),
        ("1", "13", "2020"),
        ("x", "1", "2020"),
        ("1", "1", "20"),
        ("0", "0", "0"),
        ("", "3", "2020"),
        ("3", "", "2020"),
        ("3", "3", ""),
    ],
)
def test_a_date_that_is_not_real_is_explained(on_numbers_page, day, month, year):
    typed = {"qualified-day": day, "qualified-month": month, "qualified-year": year}

    page = Html(on_numbers_page.answer(1, typed))

    assert page.status == 200
    assert page.inline_errors()
    assert page.broken_error_links() == []
    for name, value in typed.items():
        assert page.value_of(name) == value
    assert on_numbers_page.record().answers == {}


@pytest.mark.parametrize("part", ["day", "month", "year"])
def test_superscript_digits_in_a_date_are_explained(on_numbers_page, part):
    typed = {"qualified-day": "2", "qualified-month": "3", "qualified-year": "2020"}
    typed[f"qualified-{part}"] = "²" if part != "year" else "²⁰²⁰"

    page = Html(on_numbers_page.answer(1, typed))

    assert page.status == 200
    assert page.inline_errors()
    assert on_numbers_page.record().answers == {}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("school_phase", "Prim\x00ary"),
        ("role-other", "Youth\x00worker"),
    ],
)
def test_nul_characters_in_text_are_explained_and_not_stored(person, field, value):
    answers = {"role": "other" if field == "role-other" else "teacher", field: value}

    page = Html(person.answer(1, answers))

    assert page.status == 200
    assert page.title.startswith("Error: ")
    assert "Null characters are not allowed." in " ".join(page.inline_errors())
    assert person.record().answers == {}


@pytest.mark.parametrize("field", ["years", "reflections"])
def test_nul_characters_on_the_last_page_are_explained_and_not_stored(on_last_page, field):
    page = Html(on_last_page.answer(3, {"years": "3", field: "4\x005"}))

    assert page.status == 200
    assert page.inline_errors()
    assert "\\u0000" not in _stored_text(on_last_page)
    assert "years" not in on_last_page.record().answers


def test_text_longer_than_allowed_is_explained_and_kept(person):
    typed = "P" * 41

    page = Html(person.answer(1, {"role": "teacher", "school_phase": typed}))

    assert page.status == 200
    assert page.error_summary_links() == [
        ("#id_school_phase", "Your answer must be 40 characters or fewer")
    ]
    assert page.value_of("school_phase") == typed
    assert person.record().answers == {}


def test_a_long_answer_longer_than_allowed_is_explained(on_last_page):
    page = Html(on_last_page.answer(3, {"years": "3", "reflections": "word " * 101}))

    assert page.error_summary_links() == [
        ("#id_reflections", "Your answer must be 500 characters or fewer")
    ]
    assert "reflections" not in on_last_page.record().answers


@pytest.mark.parametrize(
    "body",
    [
        b"role=teacher&school_phase=Prim\xff\xfeary",
        b"role=teacher&school_phase=%FF%FEary",
        b"role=teacher&school_phase=%ED%A0%80",
        b"role=teach\xc3er",
        b"rol\xffe=teacher",
        b"role=teacher&school_phase=\xc3\x28\xa0\xa1",
    ],
)
def test_invalid_utf8_in_answers_never_gives_a_server_error_or_bad_text(person, body):
    sent = person.post_raw("p/1/", f"token={person.token}&action=continue&".encode() + body)

    assert sent.status_code in {200, 302, 400}
    _assert_valid_unicode(person.record().answers)


@pytest.mark.parametrize("token", [b"\xff\xfe", b"%FF%FE"], ids=["raw", "percent-encoded"])
def test_invalid_utf8_in_the_token_is_refused(person, token):
    sent = person.post_raw("p/1/", b"action=continue&role=teacher&token=" + token)

    assert sent.status_code == 400
    assert person.record().answers == {}


def test_invalid_utf8_in_the_action_is_refused(person):
    sent = person.post_raw(
        "p/1/", f"token={person.token}&role=teacher&action=contin\xff".encode("latin-1")
    )

    assert sent.status_code == 400


# --- sizes ------------------------------------------------------------------------------------


def test_a_body_over_the_upload_limit_is_refused(on_last_page):
    huge = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    refused = on_last_page.answer(3, {"years": "3", "reflections": huge})

    assert refused.status_code == 400
    assert "reflections" not in on_last_page.record().answers


def test_too_many_fields_are_refused(person):
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}

    refused = person.answer(1, {"role": "teacher", **fields})

    assert refused.status_code == 400
    assert person.record().answers == {}


def test_many_values_for_one_field_are_refused_or_ignored(person):
    values = ["teacher"] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)

    sent = person.answer(1, {"role": values})

    assert sent.status_code in {302, 400}


# --- the other forms --------------------------------------------------------------------------


CODE_VALUES = ["", "\x00", "A" * 41, "ÄBCD-ÉFGH-JKMN", "ABCD\x00EFGH", "' OR 1=1 --", "😀" * 12]


@pytest.mark.parametrize("code", CODE_VALUES)
@pytest.mark.parametrize("path", ["resume/", "withdraw/"])
def test_odd_codes_are_explained_on_the_resume_and_withdraw_forms(practice_survey, path, code):
    visitor = Respondent(practice_survey, raise_errors=False)

    page = Html(visitor.post(path, {"code": code, "confirm": "yes"}))

    assert page.status == 200
    assert page.error_summary_links()
    assert page.broken_error_links() == []


@pytest.mark.parametrize("path", ["resume/", "withdraw/", "start/"])
def test_invalid_utf8_in_a_code_form_never_gives_a_server_error(db, path):
    survey = a_survey(invitation_only=True)
    visitor = Respondent(survey, raise_errors=False)

    sent = visitor.post_raw(path, b"code=\xff\xfe\xfd&confirm=yes")

    assert sent.status_code in {200, 400}


@pytest.mark.parametrize("code", CODE_VALUES)
def test_odd_invitation_codes_are_explained(db, code):
    survey = a_survey(invitation_only=True)
    visitor = Respondent(survey, raise_errors=False)

    page = Html(visitor.post("start/", {"code": code}))

    assert page.status == 200
    assert page.error_summary_links()
    assert page.broken_error_links() == []
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    "form",
    [
        {"contact": "a@example.org\x00"},
        {"contact": "x" * 255},
        {"contact": "a@example.org", "note": "n" * 2001},
        {"contact": "a@example.org", "name": "\x00"},
        {"contact": ""},
    ],
)
def test_an_odd_follow_up_form_is_explained_and_nothing_stored(db, form):
    survey = a_survey(followup_enabled=True)
    volunteer = Respondent(survey, raise_errors=False)
    volunteer.complete_as_teacher()

    page = Html(volunteer.post("follow-up/", form))

    assert page.status == 200
    assert page.error_summary_links()
    assert page.broken_error_links() == []
    assert FollowUpContact.objects.count() == 0


def test_methods_a_page_does_not_answer_are_refused_without_an_error(person):
    assert person.client.put(person.url("p/1/")).status_code == 405
    assert person.client.delete(person.url("p/1/")).status_code == 405
    assert person.post("check/", {}).status_code == 405
    assert person.get("submit/").status_code == 405
    assert person.get("start/").status_code == 405
