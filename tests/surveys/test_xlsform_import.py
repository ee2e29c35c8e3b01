"""XLSForm import: every supported type, choice lists, groups as pages, relevance, constraints,
languages and settings become a Candour draft, with a report of anything changed."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from audit.models import AuditEvent
from surveys.instrument_import import InstrumentInvalid
from surveys.models import Survey, SurveyMembership
from surveys.xlsform import instrument_from_xlsform, survey_import_xlsform
from tests.support.xlsform import row, xlsform

EVERY_TYPE = [
    row("begin group", "about", "About you", hint="A few questions.", appearance="field-list"),
    row("note", "welcome", "Welcome", hint="Please read this first."),
    row("acknowledge", "agree", "Do you agree to take part?", required="yes"),
    row("select_one roles or_other", "role", "Your role", required="yes"),
    row("select_one agencies", "agency", "Your agency", appearance="minimal"),
    row(
        "select_multiple settings",
        "settings",
        "Where you work",
        required="yes",
        constraint="count-selected(.) >= 1 and count-selected(.) <= 2",
    ),
    row("select_one agree5", "helps", "The language helps", appearance="likert"),
    row("integer", "years", "Years in role", required="yes", constraint=". >= 0 and . <= 60"),
    row("decimal", "hours", "Hours a week", constraint=". >= 0.5 and . <= 80"),
    row("text", "job", "Job title", constraint="string-length(.) <= 100"),
    row("text", "story", "Tell us more", relevant="${years} > 5", appearance="multiline"),
    row(
        "date",
        "last_case",
        "Last case discussion",
        constraint=". >= date('2015-01-01') and . <= today()",
    ),
    row("range", "confidence", "Confidence", required="yes", parameters="start=0 end=10 step=1"),
    row("rank priorities", "priorities", "What matters most?"),
    row("end group"),
    row("begin group", "police_work", "Police work", relevant="${role} = 'police'"),
    row(
        "begin group",
        "statements",
        "How much do you agree?",
        hint="Think of the last year.",
        appearance="table-list",
    ),
    row("select_one agree5", "statements_clear", "Guidance is clear", required="yes"),
    row("select_one agree5", "statements_fair", "Decisions are fair", required="yes"),
    row("end group"),
    row(
        "select_one yesno",
        "trained",
        "Have you been trained?",
        relevant="selected(${settings}, 'police')",
    ),
    row("end group"),
]
CHOICES = [
    ["list_name", "name", "label", "candour_exclusive"],
    ["roles", "social_worker", "Social worker"],
    ["roles", "police", "Police officer"],
    ["agencies", "council", "Local council"],
    ["agencies", "nhs", "NHS"],
    ["settings", "police", "Police"],
    ["settings", "health", "Health"],
    ["settings", "none", "None of these", "yes"],
    ["agree5", "1", "Strongly disagree"],
    ["agree5", "2", "Disagree"],
    ["agree5", "3", "Neither agree nor disagree"],
    ["agree5", "4", "Agree"],
    ["agree5", "5", "Strongly agree"],
    ["priorities", "speed", "Speed"],
    ["priorities", "accuracy", "Accuracy"],
    ["yesno", "yes", "Yes"],
    ["yesno", "no", "No"],
]
SETTINGS = [["form_title", "form_id"], ["Exploitation in practice", "exploitation-practice"]]

pytestmark = pytest.mark.django_db


@pytest.fixture
def researcher():
    return get_user_model().objects.create_user("alice", "alice@example.org", "x")


def every_type() -> bytes:
    return xlsform(survey=EVERY_TYPE, choices=CHOICES, settings=SETTINGS)


def questions_by_code(instrument) -> dict[str, dict]:
    return {q["code"]: q for page in instrument["pages"] for q in page["questions"]}


def test_every_supported_type_becomes_its_candour_type():
    read = instrument_from_xlsform(every_type())
    types = {code: q["type"] for code, q in questions_by_code(read.instrument).items()}
    assert types == {
        "welcome": "info",
        "agree": "consent",
        "role": "single_choice",
        "agency": "dropdown",
        "settings": "multiple_choice",
        "helps": "likert",
        "years": "integer",
        "hours": "decimal",
        "job": "short_text",
        "story": "long_text",
        "last_case": "date",
        "confidence": "scale_0_10",
        "priorities": "ranking",
        "statements": "matrix",
        "trained": "single_choice",
    }
    assert read.report.lines() == []


def test_groups_become_pages_with_their_label_hint_and_condition():
    pages = instrument_from_xlsform(every_type()).instrument["pages"]
    assert [(p["title"], p["intro"], p["relevant"]) for p in pages] == [
        ("About you", "A few questions.", ""),
        ("Police work", "", "${role} = 'police'"),
    ]


def test_choice_lists_give_each_question_its_options_and_or_other_adds_other():
    questions = questions_by_code(instrument_from_xlsform(every_type()).instrument)
    assert questions["role"]["choices"] == [
        {"value": "social_worker", "label": "Social worker", "exclusive": False, "other": False},
        {"value": "police", "label": "Police officer", "exclusive": False, "other": False},
        {"value": "other", "label": "Other (please specify)", "exclusive": False, "other": True},
    ]
    assert [c["value"] for c in questions["helps"]["choices"]] == ["1", "2", "3", "4", "5"]
    assert questions["settings"]["choices"][-1] == {
        "value": "none",
        "label": "None of these",
        "exclusive": True,
        "other": False,
    }


def test_an_or_other_list_that_has_an_other_option_keeps_its_label():
    data = xlsform(
        survey=[["type", "name", "label"], ["select_multiple roles or_other", "roles", "Roles"]],
        choices=[
            ["list_name", "name", "label"],
            ["roles", "police", "Police"],
            ["roles", "other", "Something else"],
        ],
    )
    (question,) = questions_by_code(instrument_from_xlsform(data).instrument).values()
    assert question["choices"][-1] == {
        "value": "other",
        "label": "Something else",
        "exclusive": False,
        "other": True,
    }


def test_simple_constraints_become_limits_in_the_config():
    questions = questions_by_code(instrument_from_xlsform(every_type()).instrument)
    assert questions["years"]["config"] == {"min": 0, "max": 60}
    assert questions["hours"]["config"] == {"min": 0.5, "max": 80}
    assert questions["job"]["config"] == {"max_length": 100}
    assert questions["last_case"]["config"] == {"min": "2015-01-01", "max": "today"}
    assert questions["settings"]["config"] == {"min_selections": 1, "max_selections": 2}


def test_required_and_relevant_are_kept():
    questions = questions_by_code(instrument_from_xlsform(every_type()).instrument)
    assert questions["years"]["required"] is True
    assert questions["job"]["required"] is False
    assert questions["story"]["relevant"] == "${years} > 5"
    assert questions["trained"]["relevant"] == "selected(${settings}, 'police')"


def test_a_table_list_group_of_one_list_becomes_a_matrix_named_after_the_group():
    matrix = questions_by_code(instrument_from_xlsform(every_type()).instrument)["statements"]
    assert matrix["label"] == "How much do you agree?"
    assert matrix["hint"] == "Think of the last year."
    assert matrix["required"] is True
    assert matrix["config"]["rows"] == [
        {"value": "clear", "label": "Guidance is clear"},
        {"value": "fair", "label": "Decisions are fair"},
    ]
    assert matrix["choices"][0]["label"] == "Strongly disagree"


def test_candour_config_keeps_settings_xlsform_has_no_column_for():
    data = xlsform(
        survey=[
            row(
                "range",
                "confident",
                "Confidence",
                parameters="start=0 end=10 step=1",
                **{"candour::config": '{"max_label": "Very", "min_label": "Not"}'},
            ),
            row("integer", "years", "Years", **{"candour::config": '{"unit": "years"}'}),
            row(
                "acknowledge",
                "consent",
                "Do you agree?",
                **{"candour::config": '{"agree_label": "I agree to take part"}'},
            ),
        ],
    )
    questions = questions_by_code(instrument_from_xlsform(data).instrument)
    assert questions["confident"]["config"] == {"max_label": "Very", "min_label": "Not"}
    assert questions["years"]["config"] == {"unit": "years"}
    assert questions["consent"]["config"] == {"agree_label": "I agree to take part"}


def test_questions_outside_any_group_share_a_page_titled_after_the_survey():
    data = xlsform(
        survey=[["type", "name", "label"], ["text", "job", "Job"], ["integer", "years", "Years"]],
        settings=[["form_title"], ["Flat form"]],
    )
    read = instrument_from_xlsform(data)
    (page,) = read.instrument["pages"]
    assert page["title"] == "Flat form"
    assert [q["code"] for q in page["questions"]] == ["job", "years"]


def test_questions_between_groups_form_pages_of_their_own():
    data = xlsform(
        survey=[
            ["type", "name", "label"],
            ["text", "job", "Job"],
            ["begin group", "practice", "Practice"],
            ["integer", "cases", "Cases"],
            ["end group"],
            ["text", "more", "Anything more?"],
        ],
        settings=SETTINGS,
    )
    read = instrument_from_xlsform(data)
    assert [p["title"] for p in read.instrument["pages"]] == ["Page 1", "Practice", "Page 3"]
    assert read.report.lines() == [
        "survey sheet, row 2: questions outside any group, from this row on, were put on a page "
        "of their own titled ‘Page 1’.",
        "survey sheet, row 6: questions outside any group, from this row on, were put on a page "
        "of their own titled ‘Page 3’.",
    ]


def test_names_that_are_not_codes_become_codes_and_conditions_follow_them():
    data = xlsform(
        survey=[
            ["type", "name", "label", "relevant"],
            ["select_one yn", "Q1", "Trained?"],
            ["text", "Q1-detail", "What training?", "${Q1} = 'yes'"],
        ],
        choices=[["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
    )
    read = instrument_from_xlsform(data)
    questions = read.instrument["pages"][0]["questions"]
    assert [q["code"] for q in questions] == ["q1", "q1_detail"]
    assert questions[1]["relevant"] == "${q1} = 'yes'"
    assert (
        "survey sheet, row 2: the name ‘Q1’ became the code ‘q1’ (Candour codes are lowercase "
        "letters, digits and underscores, as analysis software needs)." in read.report.lines()
    )


def test_option_names_that_are_not_values_are_renamed_and_conditions_follow_them():
    data = xlsform(
        survey=[
            ["type", "name", "label", "relevant"],
            ["select_one answers", "knows", "Do you know?"],
            ["text", "why", "Why not?", "${knows} = 'dont-know'"],
        ],
        choices=[
            ["list_name", "name", "label"],
            ["answers", "yes", "Yes"],
            ["answers", "dont-know", "Don't know"],
        ],
    )
    read = instrument_from_xlsform(data)
    knows, why = read.instrument["pages"][0]["questions"]
    assert [c["value"] for c in knows["choices"]] == ["yes", "dont_know"]
    assert why["relevant"] == "${knows} = 'dont_know'"
    assert (
        "choices sheet, row 3: the name ‘dont-know’ became the option value ‘dont_know’ "
        "(letters, digits and underscores)." in read.report.lines()
    )


def test_a_nested_group_joins_its_page_with_its_label_as_a_heading_and_its_condition():
    data = xlsform(
        survey=[
            ["type", "name", "label", "relevant"],
            ["begin group", "practice", "Practice"],
            ["integer", "cases", "Open cases"],
            ["begin group", "heavy", "A heavy caseload", "${cases} > 20"],
            ["text", "coping", "How do you cope?", "${cases} < 100"],
            ["end group"],
            ["end group"],
        ]
    )
    read = instrument_from_xlsform(data)
    (page,) = read.instrument["pages"]
    heading, coping = page["questions"][1:]
    assert (heading["type"], heading["label"], heading["relevant"]) == (
        "info",
        "A heavy caseload",
        "${cases} > 20",
    )
    assert coping["relevant"] == "(${cases} > 20) and (${cases} < 100)"


def test_import_makes_a_draft_owned_by_the_researcher_and_audits_it(researcher):
    result = survey_import_xlsform(data=every_type(), owner=researcher, filename="practice.xlsx")
    survey = result.survey
    assert survey.slug == "exploitation-practice"
    assert survey.status == Survey.Status.DRAFT
    assert survey.current_version is None
    assert survey.pages.count() == 2
    membership = SurveyMembership.objects.get(survey=survey)
    assert (membership.user, membership.role) == (researcher, SurveyMembership.Role.OWNER)
    event = AuditEvent.objects.get(survey=survey)
    assert (event.actor, event.action) == (researcher, AuditEvent.Action.SURVEY_IMPORTED)
    assert event.detail == {
        "source": "xlsform",
        "pages": 2,
        "questions": 15,
        "report_messages": 0,
        "published_version": None,
    }


def test_a_second_import_gets_an_address_of_its_own(researcher):
    first = survey_import_xlsform(data=every_type(), owner=researcher).survey
    second = survey_import_xlsform(data=every_type(), owner=researcher).survey
    assert (first.slug, second.slug) == ("exploitation-practice", "exploitation-practice-2")


def test_an_address_asked_for_that_is_taken_is_refused_and_nothing_is_saved(researcher):
    survey_import_xlsform(data=every_type(), owner=researcher, slug="mine")
    with pytest.raises(InstrumentInvalid) as caught:
        survey_import_xlsform(data=every_type(), owner=researcher, slug="mine")
    assert str(caught.value) == "The address ‘mine’ is already used."
    assert Survey.objects.count() == 1


def test_publish_true_publishes_the_imported_draft(researcher):
    result = survey_import_xlsform(data=every_type(), owner=researcher, publish=True)
    assert result.survey.current_version.number == 1
    assert result.survey.current_version.published_by == researcher


def test_a_draft_that_cannot_publish_still_imports_with_the_problems_in_the_report(researcher):
    data = xlsform(
        survey=[row("integer", "years", "Years", **{"candour::config": '{"unit": 5}'})],
        settings=SETTINGS,
    )
    result = survey_import_xlsform(data=data, owner=researcher)
    assert result.report.lines()[-1] == (
        "survey sheet, row 2: Page 1, ${years}: unit must be text, like ‘years’."
    )
    with pytest.raises(InstrumentInvalid) as caught:
        survey_import_xlsform(data=data, owner=researcher, publish=True)
    assert [str(p) for p in caught.value.problems] == [
        "survey sheet, row 2: Page 1, ${years}: unit must be text, like ‘years’."
    ]
    assert Survey.objects.count() == 1


@pytest.mark.parametrize("slug", ["two words", "x" * 61, ""])
def test_an_address_that_cannot_be_one_is_refused(researcher, slug):
    with pytest.raises(InstrumentInvalid) as caught:
        survey_import_xlsform(data=every_type(), owner=researcher, slug=slug)
    assert "cannot be an address" in str(caught.value)
    assert not Survey.objects.exists()


def test_blank_rows_and_notes_to_authors_are_skipped_and_rows_keep_their_numbers():
    data = xlsform(
        survey=[
            ["type", "name", "label", "notes"],
            ["text", "job", "Job"],
            [None, None, None],
            [None, None, None, "Ask about caseload next"],
            ["geopoint", "where", "Where"],
        ],
        settings=SETTINGS,
    )
    read = instrument_from_xlsform(data)
    assert [q["code"] for q in read.instrument["pages"][0]["questions"]] == ["job"]
    assert "survey sheet, row 5: type geopoint is not supported; the question was left out." in (
        read.report.lines()
    )
