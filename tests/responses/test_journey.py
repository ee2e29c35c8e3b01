"""The respondent journey: start, one page per section, skip logic, errors, check and submit."""

import pytest

from responses.models import Response
from tests.responses.conftest import (
    CODE_FORMAT,
    ROLE_CHOICES,
    Html,
    Respondent,
    a_survey,
    code_hash,
    database_text,
)

pytestmark = pytest.mark.django_db


# --- the start page ---------------------------------------------------------------------------


def test_the_start_page_says_what_the_study_is_who_runs_it_and_how_long_it_takes(respondent):
    start = Html(respondent.get())

    assert start.status == 200
    assert start.title.startswith("Safeguarding practice in 2025")
    assert start.first("h1").text.strip() == "Safeguarding practice in 2025"
    assert "We want to understand how practitioners share concerns." in start.text
    assert "Northfield University" in start.text
    assert "About 10 minutes" in start.text


def test_the_start_page_carries_a_plain_privacy_notice_written_from_the_survey_settings(
    respondent,
):
    start = Html(respondent.get())

    assert "We record only the date you take part, not the time of day." in start.text
    assert "We do not record your IP address" in start.text
    assert "‘candour_response’" in start.text
    assert "Save and continue later" in start.text
    assert "This survey is run by Northfield University" in start.text
    assert "invitation code" not in start.text.lower()


@pytest.mark.parametrize(
    ("settings", "present", "absent"),
    [
        (
            {"submit_time_precision": "hour"},
            "We record the hour you submit",
            "We record only the date",
        ),
        (
            {"submit_time_precision": "month"},
            "We record only the month you take part",
            "We record only the date",
        ),
        (
            {"allow_save_and_resume": False},
            "When you submit, you get a receipt code",
            "If you choose ‘Save and continue later’",
        ),
        (
            {"invitation_only": True},
            "Your invitation code is marked as used",
            "We record the hour",
        ),
        (
            {"privacy_extra": "Answers are deleted in March 2027."},
            "Answers are deleted in March 2027.",
            "We record the hour",
        ),
    ],
)
def test_the_privacy_notice_changes_with_the_survey_settings(db, settings, present, absent):
    survey = a_survey(**settings)
    visitor = Respondent(survey)

    for page in (Html(visitor.get()), Html(visitor.get("privacy/"))):
        assert page.status == 200
        assert present in page.text
        assert absent not in page.text


def test_starting_opens_the_first_page(respondent):
    started = respondent.start()

    assert started.status_code == 302
    assert started["Location"] == "/s/practice/p/1/"
    assert respondent.record().status == Response.Status.IN_PROGRESS
    first = respondent.page(1)
    assert first.first("h1").text.strip() == "Your role"


def test_coming_back_to_the_start_page_offers_to_continue_where_you_left_off(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})

    start = Html(respondent.get())

    assert "You have already started this survey in this browser." in start.text
    assert start.first("a", href="/s/practice/p/3/") is not None


# --- pages and skip logic ---------------------------------------------------------------------


def test_progress_counts_sections_so_an_answer_never_changes_its_total(respondent):
    """Pages 1 and 3 always apply and each start a section; page 2, for social workers only,
    belongs to the section of page 1."""
    respondent.start()
    assert respondent.page(1).progress() == "Section 1 of 2"

    respondent.answer(1, {"role": "social_worker"})

    assert respondent.page(1).progress() == "Section 1 of 2"
    assert respondent.page(2).progress() == "Section 1 of 2"


@pytest.mark.parametrize(
    "route",
    [
        [(1, {"role": "social_worker"}), (2, {"joint_visits": "yes"}), (3, {"years": "3"})],
        [(1, {"role": "teacher", "school_phase": "Primary"}), (3, {"years": "3"})],
        [(1, {"role": "police"}), (3, {}), (3, {"years": "3"})],
    ],
    ids=["social worker", "teacher", "police after an error"],
)
def test_progress_never_goes_down_or_changes_its_total_along_a_route(practice_survey, route):
    person = Respondent(practice_survey)
    person.start()
    shown = [Html(person.get("p/1/")).progress()]
    for number, answers in route:
        http_response = person.answer(number, answers)
        if http_response.status_code == 302 and "/p/" in http_response["Location"]:
            shown.append(Html(person.client.get(http_response["Location"])).progress())
        elif http_response.status_code == 200:  # the same page again, with its errors
            shown.append(Html(http_response).progress())

    figures = [tuple(int(n) for n in caption.split()[1::2]) for caption in shown]
    assert {total for _position, total in figures} == {2}
    positions = [position for position, _total in figures]
    assert positions == sorted(positions)
    assert positions[-1] == 2


def test_a_page_that_does_not_apply_is_skipped(respondent):
    respondent.start()

    continued = respondent.answer(1, {"role": "teacher"})

    assert continued["Location"] == "/s/practice/p/3/"
    assert respondent.get("p/2/")["Location"] == "/s/practice/p/3/"
    assert respondent.page(3).progress() == "Section 2 of 2"


def test_back_and_continue_keep_the_answers_given(respondent):
    respondent.start()
    respondent.answer(1, {"role": "social_worker"})
    respondent.answer(2, {"joint_visits": "yes", "joint_notes": "Weekly strategy meetings"})

    back = respondent.answer(3, {"years": "7"}, action="back")

    assert back["Location"] == "/s/practice/p/2/"
    page_two = respondent.page(2)
    assert page_two.value_of("joint_visits") == "yes"
    assert page_two.value_of("joint_notes") == "Weekly strategy meetings"
    assert respondent.answer(2, action="back")["Location"] == "/s/practice/p/1/"
    assert respondent.page(1).value_of("role") == "social_worker"
    assert respondent.page(3).value_of("years") == "7"


def test_going_back_from_the_first_page_returns_to_the_start_page(respondent):
    respondent.start()

    back = respondent.answer(1, {"role": "police"}, action="back")

    assert back["Location"] == "/s/practice/"
    assert respondent.record().answers == {"role": "police"}


def test_answers_to_questions_that_stop_applying_are_dropped(respondent):
    respondent.start()
    respondent.answer(1, {"role": "social_worker"})
    respondent.answer(2, {"joint_visits": "yes", "joint_notes": "Weekly strategy meetings"})
    respondent.answer(3, {"years": "7"}, action="back")
    respondent.answer(2, action="back")

    respondent.answer(1, {"role": "police"})

    assert respondent.record().answers == {"role": "police", "years": 7}


def test_without_javascript_a_same_page_follow_up_is_shown_with_when_to_answer_it(respondent):
    respondent.start()

    page = respondent.page(1)

    assert page.first("input", name="school_phase") is not None
    hints = page.by_css("candour-applies-when")
    assert [" ".join(hint.text.split()) for hint in hints] == [
        "Only if you selected ‘Teacher’ above"
    ]
    follow_up = page.first("input", name="school_phase")
    assert hints[0].attrs["id"] in follow_up.attrs["aria-describedby"].split()


def test_an_answer_to_a_same_page_follow_up_that_does_not_apply_is_not_stored(respondent):
    respondent.start()

    respondent.answer(1, {"role": "police", "school_phase": "Secondary"})

    assert respondent.record().answers == {"role": "police"}


def test_a_same_page_follow_up_answer_is_dropped_when_its_trigger_changes(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher", "school_phase": "Secondary"})
    assert respondent.record().answers == {"role": "teacher", "school_phase": "Secondary"}

    respondent.answer(1, {"role": "police", "school_phase": "Secondary"})

    assert respondent.record().answers == {"role": "police"}


def test_a_follow_up_on_a_later_page_is_dropped_when_an_earlier_answer_changes(respondent):
    respondent.start()
    respondent.answer(1, {"role": "social_worker"})
    respondent.answer(2, {"joint_visits": "yes", "joint_notes": "Weekly strategy meetings"})
    respondent.answer(3, {"years": "7"}, action="back")

    respondent.answer(2, {"joint_visits": "no", "joint_notes": "Weekly strategy meetings"})

    assert respondent.record().answers == {
        "role": "social_worker",
        "joint_visits": "no",
        "years": 7,
    }


CROSS_PAGE = [
    {
        "title": "Your role",
        "questions": [
            {"code": "role", "type": "single_choice", "required": True, "choices": ROLE_CHOICES},
        ],
    },
    {
        "title": "Your work",
        "questions": [
            {
                "code": "arrests",
                "type": "integer",
                "required": True,
                "relevant": "${role} = 'police'",
            },
            {"code": "caseload", "type": "integer"},
        ],
    },
]


def test_a_question_that_an_earlier_page_ruled_out_is_not_shown(db):
    person = Respondent(a_survey(slug="cross-page", pages=CROSS_PAGE))
    person.start()
    person.answer(1, {"role": "teacher"})

    page = person.page(2)

    assert page.first("input", name="caseload") is not None
    assert page.first("input", name="arrests") is None
    assert "Arrests" not in page.text


def test_a_question_that_an_earlier_page_ruled_in_is_shown_and_required(db):
    person = Respondent(a_survey(slug="cross-page", pages=CROSS_PAGE))
    person.start()
    person.answer(1, {"role": "police"})

    page = Html(person.answer(2, {"caseload": "30"}))

    assert page.error_summary_links() == [("#id_arrests", "Enter a number")]
    person.answer(2, {"arrests": "4", "caseload": "30"})
    assert person.record().answers == {"role": "police", "arrests": 4, "caseload": 30}


def test_an_answer_to_a_question_an_earlier_page_ruled_out_is_not_stored(db):
    person = Respondent(a_survey(slug="cross-page", pages=CROSS_PAGE))
    person.start()
    person.answer(1, {"role": "teacher"})

    person.answer(2, {"arrests": "4", "caseload": "30"})

    assert person.record().answers == {"role": "teacher", "caseload": 30}


def test_going_back_skips_a_page_that_does_not_apply(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})

    back = respondent.answer(3, {"years": "4"}, action="back")

    assert back["Location"] == "/s/practice/p/1/"


# --- validation -------------------------------------------------------------------------------


def test_a_missing_required_answer_is_explained_in_an_error_summary_and_inline(respondent):
    respondent.start()

    page = Html(respondent.answer(1, {}))

    assert page.status == 200
    assert page.title.startswith("Error: Your role")
    assert page.error_summary_links() == [("#id_role_1", "Select an answer")]
    assert "id_role_1" in page.ids()
    assert page.inline_errors() == ["Error: Select an answer"]
    assert respondent.record().answers == {}


def test_everything_typed_is_kept_when_a_page_has_errors(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})

    page = Html(respondent.answer(3, {"years": "twelve", "reflections": "Supervision helps."}))

    assert page.title.startswith("Error: ")
    assert page.error_summary_links() == [("#id_years", "Enter a whole number, like 12")]
    assert page.value_of("years") == "twelve"
    assert page.value_of("reflections") == "Supervision helps."
    assert "years" not in respondent.record().answers


def test_an_answer_out_of_range_is_explained(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})

    page = Html(respondent.answer(3, {"years": "61"}))

    assert page.error_summary_links() == [("#id_years", "Enter a number from 0 to 60")]


def test_the_other_option_asks_what_other_means(respondent):
    respondent.start()

    page = Html(respondent.answer(1, {"role": "other"}))

    assert page.error_summary_links() == [("#id_role-other", "Enter what ‘Other’ means for you")]
    assert "id_role-other" in page.ids()
    respondent.answer(1, {"role": "other", "role-other": "Youth worker"})
    assert respondent.record().answers == {"role": "other", "role.other": "Youth worker"}


def test_a_long_answer_of_several_lines_is_kept_line_by_line(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})
    lines = ["We meet weekly.", "", "Supervision helps."]

    respondent.answer(3, {"years": "3", "reflections": "\r\n".join(lines)})

    assert respondent.record().answers["reflections"].splitlines() == lines
    assert respondent.page(3).value_of("reflections").splitlines() == lines


def test_line_breaks_count_as_one_character_as_the_character_count_shows(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})
    lines = ["a" * 49] * 10  # 490 letters and 9 line breaks: 499 characters in the browser

    sent = respondent.answer(3, {"years": "3", "reflections": "\r\n".join(lines)})

    assert sent.status_code == 302
    assert respondent.record().answers["reflections"].splitlines() == lines


EVERY_TYPE = [
    {
        "title": "Everything",
        "questions": [
            {"code": "agree", "type": "consent"},
            {"code": "intro", "type": "info", "label": "About these questions"},
            {"code": "agency", "type": "single_choice", "required": True, "choices": ["a", "b"]},
            {"code": "region", "type": "dropdown", "required": True, "choices": ["north", "south"]},
            {"code": "tools", "type": "multiple_choice", "required": True, "choices": ["x", "y"]},
            {
                "code": "confidence",
                "type": "likert",
                "required": True,
                "choices": [("1", "Low"), ("2", "Medium"), ("3", "High")],
            },
            {
                "code": "views",
                "type": "matrix",
                "required": True,
                "choices": [("1", "Disagree"), ("2", "Agree")],
                "config": {
                    "rows": [
                        {"value": "clear", "label": "Guidance is clear"},
                        {"value": "useful", "label": "Guidance is useful"},
                    ]
                },
            },
            {"code": "trained", "type": "yes_no", "required": True},
            {"code": "title", "type": "short_text", "required": True},
            {"code": "story", "type": "long_text", "required": True},
            {"code": "cases", "type": "integer", "required": True},
            {"code": "hours", "type": "decimal", "required": True},
            {"code": "qualified", "type": "date", "required": True},
            {"code": "wellbeing", "type": "scale_0_10", "required": True},
            {
                "code": "priorities",
                "type": "ranking",
                "required": True,
                "choices": ["training", "time", "pay"],
            },
        ],
    }
]


def test_every_error_summary_link_leads_to_the_first_input_of_its_question(db):
    survey = a_survey(slug="every-type", pages=EVERY_TYPE)
    person = Respondent(survey)
    person.start()

    page = Html(person.answer(1, {}))

    targets = [href for href, _message in page.error_summary_links()]
    assert targets == [
        "#id_agree",
        "#id_agency_1",
        "#id_region",
        "#id_tools_1",
        "#id_confidence_1",
        "#id_views-clear_1",
        "#id_views-useful_1",
        "#id_trained_1",
        "#id_title",
        "#id_story",
        "#id_cases",
        "#id_hours",
        "#id_qualified-day",
        "#id_wellbeing_1",
        "#id_priorities-training",
    ]
    ids = page.ids()
    assert [target for target in targets if target[1:] not in ids] == []
    focusable = {"input", "select", "textarea"}
    for target in targets:
        assert page.first(None, id=target[1:]).tag in focusable, target


def test_a_page_of_every_question_type_keeps_every_answer_typed_when_one_is_wrong(db):
    survey = a_survey(slug="every-type", pages=EVERY_TYPE)
    person = Respondent(survey)
    person.start()
    typed = {
        "agree": "on",
        "agency": "b",
        "region": "south",
        "tools": ["x", "y"],
        "confidence": "2",
        "views-clear": "1",
        "views-useful": "2",
        "trained": "no",
        "title": "Team manager",
        "story": "A long story",
        "cases": "fourteen",
        "hours": "37.5",
        "qualified-day": "3",
        "qualified-month": "4",
        "qualified-year": "2011",
        "wellbeing": "6",
        "priorities-training": "2",
        "priorities-time": "1",
        "priorities-pay": "3",
    }

    page = Html(person.answer(1, typed))

    assert page.error_summary_links() == [("#id_cases", "Enter a whole number, like 12")]
    for name, value in typed.items():
        expected = [value] if name == "agree" else value  # a checkbox sends a list of one
        assert page.value_of(name) == expected, name
    assert person.record().answers == {}


def test_a_page_of_every_question_type_stores_typed_answers(db):
    survey = a_survey(slug="every-type", pages=EVERY_TYPE)
    person = Respondent(survey)
    person.start()

    person.answer(
        1,
        {
            "agree": "on",
            "agency": "b",
            "region": "south",
            "tools": ["y", "x"],
            "confidence": "2",
            "views-clear": "1",
            "views-useful": "2",
            "trained": "no",
            "title": "  Team manager ",
            "story": "A long story",
            "cases": "1,400",
            "hours": "37.5",
            "qualified-day": "3",
            "qualified-month": "April",
            "qualified-year": "2011",
            "wellbeing": "0",
            "priorities-training": "2",
            "priorities-time": "1",
            "priorities-pay": "3",
        },
    )

    assert person.record().answers == {
        "agree": True,
        "agency": "b",
        "region": "south",
        "tools": ["x", "y"],
        "confidence": 2,
        "views": {"clear": 1, "useful": 2},
        "trained": "no",
        "title": "Team manager",
        "story": "A long story",
        "cases": 1400,
        "hours": 37.5,
        "qualified": "2011-04-03",
        "wellbeing": 0,
        "priorities": ["time", "training", "pay"],
    }


# --- check your answers and submit ------------------------------------------------------------


def _answer_as_social_worker(person):
    person.start()
    person.answer(1, {"role": "social_worker"})
    person.answer(2, {"joint_visits": "yes", "joint_notes": "Weekly strategy meetings"})
    return person.answer(3, {"years": "7", "reflections": "Supervision helps."})


def _check_rows(check: Html) -> dict[str, str]:
    return {
        " ".join(key.text.split()): " ".join(value.text.split())
        for key, value in zip(
            check.by_css("govuk-summary-list__key"),
            check.by_css("govuk-summary-list__value"),
            strict=True,
        )
    }


def test_the_last_page_leads_to_a_check_page_listing_every_answer_with_a_change_link(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher", "school_phase": "Primary"})

    last = respondent.answer(3, {"years": "7"})

    assert last["Location"] == "/s/practice/check/"
    check = Html(respondent.get("check/"))
    assert check.status == 200
    assert _check_rows(check) == {
        "Role": "Teacher",
        "School phase": "Primary",
        "Years": "7",
        "Reflections": "Not answered",
    }
    changes = [a.attrs["href"] for a in check.all("a") if a.text.startswith("Change")]
    assert changes == [
        "/s/practice/p/1/?change=1#question-role",
        "/s/practice/p/1/?change=1#question-school_phase",
        "/s/practice/p/3/?change=1#question-years",
        "/s/practice/p/3/?change=1#question-reflections",
    ]
    assert "question-years" in respondent.page(3).ids()


def test_the_check_page_lists_only_the_questions_that_applied(respondent):
    _answer_as_social_worker(respondent)

    check = Html(respondent.get("check/"))

    assert _check_rows(check) == {
        "Role": "Social worker",
        "Joint visits": "Yes",
        "Joint notes": "Weekly strategy meetings",
        "Years": "7",
        "Reflections": "Supervision helps.",
    }


def test_the_check_page_is_not_shown_before_the_last_page_is_reached(respondent):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})

    assert respondent.get("check/")["Location"] == "/s/practice/p/3/"


def test_changing_an_answer_from_the_check_page_returns_to_the_check_page(respondent):
    _answer_as_social_worker(respondent)
    change_page = respondent.page(3, data={"change": "1"})
    assert change_page.first("input", name="change") is not None

    changed = respondent.answer(3, {"years": "8"}, change="1")

    assert changed["Location"] == "/s/practice/check/"
    assert respondent.record().answers["years"] == 8
    assert respondent.record().answers["joint_notes"] == "Weekly strategy meetings"


def test_a_change_that_makes_a_required_question_apply_leads_to_it_then_back_to_the_check_page(
    respondent,
):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})
    respondent.answer(3, {"years": "12"})

    changed = respondent.answer(1, {"role": "social_worker"}, change="1")

    assert changed["Location"] == "/s/practice/p/2/?change=1"
    newly_applying = respondent.page(2, data={"change": "1"})
    assert newly_applying.first("input", name="change") is not None
    answered = respondent.answer(2, {"joint_visits": "no"}, change="1")
    assert answered["Location"] == "/s/practice/check/"
    assert respondent.record().answers["joint_visits"] == "no"


def test_a_required_question_that_a_change_made_apply_must_be_answered_before_submitting(
    respondent,
):
    respondent.start()
    respondent.answer(1, {"role": "teacher"})
    respondent.answer(3, {"years": "12"})
    respondent.answer(1, {"role": "social_worker"}, change="1")

    refused = Html(respondent.submit())

    assert refused.status == 200
    assert refused.title.startswith("Error: ")
    assert refused.error_summary_links() == [
        ("/s/practice/p/2/?change=1#question-joint_visits", "Answer ‘Joint visits’")
    ]
    assert respondent.record().status == Response.Status.IN_PROGRESS


def test_submitting_shows_a_receipt_code_and_stores_only_its_hash(respondent):
    _answer_as_social_worker(respondent)

    submitted = respondent.submit()

    assert submitted["Location"] == "/s/practice/complete/"
    complete = Html(respondent.get("complete/"))
    assert complete.title.startswith("Your answers have been sent")
    receipt = complete.code()
    assert CODE_FORMAT.match(receipt)
    record = respondent.record()
    assert record.status == Response.Status.COMPLETE
    assert record.answers == {
        "role": "social_worker",
        "joint_visits": "yes",
        "joint_notes": "Weekly strategy meetings",
        "years": 7,
        "reflections": "Supervision helps.",
    }
    assert record.receipt_hash == code_hash(receipt)
    stored = database_text()
    assert receipt not in stored
    assert receipt.replace("-", "") not in stored


def test_a_survey_without_a_check_page_submits_from_the_last_page(db):
    survey = a_survey(show_check_answers=False)
    person = Respondent(survey)
    person.start()
    person.answer(1, {"role": "teacher"})

    last = person.page(3)
    shown = [b for b in last.all("button", value="continue") if "hidden" not in b.attrs]
    assert [b.text.strip() for b in shown] == ["Submit your answers"]
    submitted = person.answer(3, {"years": "3"})

    assert submitted["Location"] == "/s/practice/complete/"
    assert person.record().status == Response.Status.COMPLETE


def test_the_complete_page_is_only_for_a_submitted_response(respondent):
    assert respondent.get("complete/")["Location"] == "/s/practice/"
    respondent.start()
    assert respondent.get("complete/")["Location"] == "/s/practice/"


def test_after_submitting_every_page_leads_to_the_complete_page(respondent):
    respondent.complete_as_teacher()

    for path in ("p/1/", "p/3/", "check/"):
        assert respondent.get(path)["Location"] == "/s/practice/complete/"
