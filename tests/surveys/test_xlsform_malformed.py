"""A workbook that is not a usable XLSForm is refused with messages naming the sheet and row,
and nothing is saved."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from audit.models import AuditEvent
from surveys.instrument_import import InstrumentInvalid
from surveys.models import Survey
from surveys.xlsform import instrument_from_xlsform, survey_import_xlsform
from tests.support.xlsform import row, xlsform

CHOICES = [["list_name", "name", "label"], ["roles", "police", "Police"]]


def problems(data: bytes) -> list[str]:
    with pytest.raises(InstrumentInvalid) as caught:
        instrument_from_xlsform(data)
    return [str(problem) for problem in caught.value.problems]


def test_a_workbook_without_a_survey_sheet_names_the_sheets_it_has():
    data = xlsform(survey=None, choices=CHOICES, extra_sheets={"questions": [["type"], ["text"]]})
    assert problems(data) == [
        "The workbook has no sheet named ‘survey’ (its sheets: ‘choices’, ‘questions’)."
    ]


def test_a_survey_sheet_without_a_type_column_is_refused_at_row_1():
    assert problems(xlsform(survey=[["name", "label"], ["job", "Job"]])) == [
        "survey sheet, row 1: there is no ‘type’ column: the first row must hold the column "
        "headings (type, name, label …)."
    ]


def test_a_survey_sheet_with_only_headings_is_refused():
    assert problems(xlsform(survey=[["type", "name", "label"]])) == [
        "survey sheet: there are no rows below the column headings."
    ]


def test_a_type_xlsform_does_not_know_is_named_with_its_row():
    data = xlsform(survey=[row("text", "job", "Job"), row("multiple_guess", "roles", "Roles")])
    assert problems(data) == [
        "survey sheet, row 3: ‘multiple_guess’ is not an XLSForm question type (for example: "
        "text, integer, select_one list_name, begin group)."
    ]


@pytest.mark.parametrize(
    ("condition", "error"),
    [
        ("(${years} > 1", "Expected ')' at character 14 (the end of the condition)"),
        ("${years} >", "Expected a value at character 11 (the end of the condition)"),
        ("${years} = 'five", "The text that starts at character 12 is missing its closing '"),
    ],
)
def test_a_condition_that_is_not_well_formed_is_named_with_its_row(condition, error):
    data = xlsform(
        survey=[row("integer", "years", "Years"), row("text", "b", "B", relevant=condition)]
    )
    assert problems(data) == [
        f"survey sheet, row 3: the relevant condition ‘{condition}’ is not well formed: {error}."
    ]


def test_a_condition_naming_a_question_that_does_not_exist_is_refused():
    data = xlsform(survey=[row("text", "job", "Job", relevant="${role} = 'police'")])
    assert problems(data) == [
        "survey sheet, row 2: The 'relevant' value is invalid. Reference variables must contain "
        "a name from the 'survey' sheet. Could not find the name 'role'."
    ]


def test_two_questions_with_one_name_in_different_groups_are_refused():
    data = xlsform(
        survey=[
            row("begin group", "first", "First"),
            row("text", "age", "Age"),
            row("end group"),
            row("begin group", "second", "Second"),
            row("integer", "age", "Age again"),
            row("end group"),
        ]
    )
    assert problems(data) == [
        "survey sheet, row 6: the name ‘age’ is also used on row 3; each question needs a name "
        "of its own."
    ]


def test_two_questions_with_one_name_in_one_group_are_refused_by_pyxform():
    data = xlsform(survey=[row("text", "age", "Age"), row("integer", "age", "Age again")])
    assert problems(data) == [
        "survey sheet, row 3: The 'name' value 'age' is invalid. Questions, groups, and repeats "
        "must be unique within their nearest parent group or repeat, or the survey if not inside "
        "a group or repeat."
    ]


def test_a_group_that_is_never_closed_is_named():
    data = xlsform(survey=[row("begin group", "practice", "Practice"), row("text", "job", "Job")])
    assert problems(data) == [
        "survey sheet, row 2: Unmatched 'begin_group'. No matching 'end_group' was found for the "
        "name 'practice'."
    ]


def test_a_choice_list_that_is_missing_is_named():
    data = xlsform(survey=[row("select_one agencies", "agency", "Agency")], choices=CHOICES)
    assert problems(data) == ["survey sheet, row 2: List name not in choices sheet: agencies"]


def test_a_question_without_a_name_is_named():
    assert problems(xlsform(survey=[row("text", "", "Job")])) == [
        "survey sheet, row 2: Question or group with no name."
    ]


def test_two_columns_with_one_heading_are_refused():
    data = xlsform(survey=[["type", "name", "label", "label"], ["text", "job", "Job", "Role"]])
    assert problems(data) == [
        "survey sheet, row 1: two columns are headed ‘label’; rename or remove one."
    ]


def test_a_form_with_nothing_candour_can_use_says_why_for_each_row():
    data = xlsform(
        survey=[row("geopoint", "where", "Where are you?"), row("start", "start")],
        settings=[["form_title"], ["Locations"]],
    )
    assert problems(data) == [
        "The form has no questions Candour can use.",
        "survey sheet, row 2: type geopoint is not supported; the question was left out.",
        "survey sheet, row 3: type start records something about the respondent or their "
        "device, which Candour never does: respondents are anonymous; it was left out.",
    ]


@pytest.mark.django_db
def test_nothing_is_saved_when_a_file_is_refused():
    owner = get_user_model().objects.create_user("alice", "alice@example.org", "x")
    data = xlsform(survey=[row("text", "age", "Age"), row("integer", "age", "Age again")])
    with pytest.raises(InstrumentInvalid):
        survey_import_xlsform(data=data, owner=owner)
    assert not Survey.objects.exists()
    assert not AuditEvent.objects.exists()
