"""What Candour cannot keep from an XLSForm is reported row by row, and the rest imports.

Whatever the workbook holds, importing it either gives an instrument and a report or raises
InstrumentInvalid: never any other exception (a researcher's upload must not become a 500).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.instrument_import import InstrumentInvalid
from surveys.instrument_json import instrument_json_dumps, instrument_json_loads
from surveys.xlsform import instrument_from_xlsform
from tests.support.xlsform import xlsform

HEADER = [
    "type", "name", "label", "relevant", "constraint", "constraint_message", "required",
    "default", "appearance", "choice_filter", "parameters", "calculation",
]  # fmt: skip
UNSUPPORTED = xlsform(
    survey=[
        HEADER,
        ["start", "start"],
        ["deviceid", "deviceid"],
        ["begin group", "page", "Page"],
        ["geopoint", "where", "Where are you?"],
        ["calculate", "calc", "", "", "", "", "", "", "", "", "", "1 + 1"],
        ["text", "a", "A", "if(${b}='x', true(), false())"],
        ["integer", "b", "B", "", "(. > 1 or . < 5)", "Too many", "${a} != ''", "3"],
        ["text", "c", "C", "${where} = 'x'"],
        ["select_one l", "d", "D", "", "", "", "", "", "horizontal", "name='x'", "randomize=true"],
        ["range", "r", "R", "", "", "", "", "", "", "", "start=1 end=5 step=1"],
        ["select_one l", "e", "E", "", "", "", "", "", "likert"],
        ["datetime", "when", "When"],
        ["begin repeat", "children", "Children"],
        ["text", "child_age", "Age"],
        ["end repeat"],
        ["select_one_from_file places.csv", "place", "Place"],
        ["text", "late", "Late", "${later} > 1"],
        ["integer", "later", "Later"],
        ["end group"],
    ],
    choices=[["list_name", "name", "label", "filter"], ["l", "x", "X", "a"], ["l", "y", "Y", "b"]],
    settings=[["form_title", "public_key", "submission_url"], ["T", "abc", "https://example.org"]],
)  # fmt: skip


def test_each_unsupported_feature_is_reported_at_its_row():
    assert instrument_from_xlsform(UNSUPPORTED).report.lines() == [
        "survey sheet, row 2: type start records something about the respondent or their "
        "device, which Candour never does: respondents are anonymous; it was left out.",
        "survey sheet, row 3: type deviceid records something about the respondent or their "
        "device, which Candour never does: respondents are anonymous; it was left out.",
        "survey sheet, row 5: type geopoint is not supported; the question was left out.",
        "survey sheet, row 6: calculated and hidden values are not supported; it was left out.",
        "survey sheet, row 7: the relevant condition ‘if(${b}='x', true(), false())’ uses what "
        "Candour’s skip logic does not support (Unknown function 'if()' at character 1); it was "
        "left out, so the question always shows.",
        "survey sheet, row 8: required is the condition ‘${a} != ''’, which Candour does not "
        "support: a question is required or not, so it was imported as not required.",
        "survey sheet, row 8: the constraint ‘(. > 1 or . < 5)’ is not one Candour can check; "
        "it was left out.",
        "survey sheet, row 8: the column ‘constraint_message’ is not used by Candour; it was "
        "ignored.",
        "survey sheet, row 8: the column ‘default’ is not used by Candour; it was ignored.",
        "survey sheet, row 9: the relevant condition ‘${where} = 'x'’ was left out: ${where} is "
        "not a question in this survey.",
        "survey sheet, row 10: the appearance ‘horizontal’ has no equivalent in Candour; it was "
        "ignored.",
        "survey sheet, row 10: the column ‘choice_filter’ is not used by Candour; it was ignored.",
        "survey sheet, row 10: the column ‘parameters’ is not used by Candour; it was ignored.",
        "survey sheet, row 11: the range from 1 to 5 (step 1) became a number box with those "
        "limits; only a 0 to 10 range in steps of 1 is a 0–10 scale.",
        "survey sheet, row 12: a likert scale needs whole-number option names (1, 2, 3 …); it "
        "became a single choice question.",
        "survey sheet, row 13: type datetime is not supported; the question was left out.",
        "survey sheet, row 14: repeat ‘children’ is not supported, because a Candour survey asks "
        "each question once; it was left out with its questions.",
        "survey sheet, row 17: options read from another file are not supported; the question "
        "was left out.",
        "survey sheet, row 18: the relevant condition ‘${later} > 1’ was left out: ${later} "
        "comes later in the survey; a condition can only use earlier answers.",
        "choices sheet, row 2: the column ‘filter’ is not used by Candour; it was ignored "
        "(rows 2, 3).",
        "settings sheet, row 2: the setting ‘public_key’ is not used by Candour; it was ignored.",
        "settings sheet, row 2: the setting ‘submission_url’ is not used by Candour; it was "
        "ignored.",
    ]


def test_a_column_on_many_rows_is_reported_once_with_its_rows():
    rows = [["type", "name", "label", "$kuid"]]
    rows += [["integer", f"q{number}", f"Question {number}", f"k{number}"] for number in range(13)]
    read = instrument_from_xlsform(xlsform(survey=rows, settings=[["form_title"], ["Kobo"]]))
    assert (
        "survey sheet, row 2: the column ‘$kuid’ is not used by Candour; it was ignored (rows "
        "2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 3 more)." in read.report.lines()
    )


def test_the_questions_candour_can_keep_are_kept():
    (page,) = instrument_from_xlsform(UNSUPPORTED).instrument["pages"]
    kept = [(q["code"], q["type"], q["relevant"], q["config"]) for q in page["questions"]]
    assert kept == [
        ("a", "short_text", "", {}),
        ("b", "integer", "", {}),
        ("c", "short_text", "", {}),
        ("d", "single_choice", "", {}),
        ("r", "integer", "", {"min": 1, "max": 5}),
        ("e", "single_choice", "", {}),
        ("late", "short_text", "", {}),
        ("later", "integer", "", {}),
    ]


def test_the_parts_of_a_constraint_candour_can_check_are_kept():
    data = xlsform(
        survey=[
            ["type", "name", "label", "constraint"],
            ["integer", "cases", "Cases", ". > 0 and . <= 200 and . != 13"],
        ],
        settings=[["form_title"], ["Cases"]],
    )
    read = instrument_from_xlsform(data)
    assert read.instrument["pages"][0]["questions"][0]["config"] == {"min": 1, "max": 200}
    assert read.report.lines()[:2] == [
        "survey sheet, row 2: the strict limit ‘. > 0’ was read as the next whole number or day, "
        "inclusive.",
        "survey sheet, row 2: the constraint ‘. != 13’ is not one Candour can check; it was "
        "left out.",
    ]


def test_a_table_list_that_cannot_be_a_matrix_keeps_its_questions_and_says_why():
    data = xlsform(
        survey=[
            ["type", "name", "label", "appearance", "relevant"],
            ["begin group", "grid", "Your views", "table-list"],
            ["select_one agree", "grid_clear", "Guidance is clear"],
            ["select_one agree", "grid_used", "I use the guidance", "", "${grid_clear} = '2'"],
            ["end group"],
        ],
        choices=[
            ["list_name", "name", "label"],
            ["agree", "1", "Disagree"],
            ["agree", "2", "Agree"],
        ],
        settings=[["form_title"], ["Views"]],
    )
    read = instrument_from_xlsform(data)
    questions = read.instrument["pages"][0]["questions"]
    assert [(q["code"], q["type"], q["relevant"]) for q in questions] == [
        ("grid", "info", ""),  # the group's label stays, as a heading
        ("grid_clear", "single_choice", ""),
        ("grid_used", "single_choice", "${grid_clear} = '2'"),
    ]
    assert (
        "survey sheet, row 2: the table-list group ‘grid’ was not made a matrix (a condition "
        "uses the answer to ‘grid_clear’)." in read.report.lines()
    )


# --- never anything but InstrumentInvalid ----------------------------------------------------

TYPES = st.sampled_from(
    [
        "text", "integer", "decimal", "date", "note", "acknowledge", "range", "select_one l",
        "select_multiple l", "select_one l or_other", "rank l", "select_one missing",
        "begin group", "end group", "begin repeat", "end repeat", "geopoint", "calculate",
        "start", "foo", "", "select_one", "begin table", "integer integer",
    ]
)  # fmt: skip
NAMES = st.sampled_from(["a", "b", "Q1", "q1", "age-group", "1bad", "", "x y", "page", "l"])
EXPRESSIONS = st.sampled_from(
    [
        "", "${a} = 'x'", "${b} > 1", "selected(${a}, 'y')", "${a} =", "(${a}", "${Q1} != ''",
        "if(${a}, 1, 2)", ". > 1", ". >= 0 and . <= 10", "string-length(.) <= 5",
        "${zz} = 1", "‘x’ = ‘x’", "count-selected(.) >= 1", "yes", "${a} = 'x' or",
    ]
)  # fmt: skip
# Text a spreadsheet can hold (openpyxl refuses control characters).
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
CELLS = st.one_of(st.just(""), TEXT, st.sampled_from(["yes", "table-list", "likert"]))
ROWS = st.lists(
    st.tuples(TYPES, NAMES, CELLS, EXPRESSIONS, EXPRESSIONS, EXPRESSIONS, CELLS, CELLS),
    max_size=12,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=ROWS, choices=st.lists(st.tuples(NAMES, CELLS), max_size=4))
def test_any_workbook_gives_an_instrument_or_invalid_never_another_error(rows, choices):
    header = ["type", "name", "label", "relevant", "constraint", "required", "appearance", "hint"]
    data = xlsform(
        survey=[header, *[list(row) for row in rows]],
        choices=[["list_name", "name", "label"], *[["l", name, label] for name, label in choices]],
    )
    try:
        read = instrument_from_xlsform(data)
    except InstrumentInvalid as error:
        assert error.problems
        assert all(str(problem) for problem in error.problems)
        return
    # What was read is a well-formed instrument file: it writes and reads back.
    assert instrument_json_loads(instrument_json_dumps(read.instrument)) == read.instrument


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a workbook at all",
        b"type,name,label\ntext,a,A\n",
        b"PK\x03\x04" + b"\x00" * 40,
    ],
)
def test_files_that_are_not_workbooks_are_invalid(data):
    with pytest.raises(InstrumentInvalid) as caught:
        instrument_from_xlsform(data)
    assert str(caught.value) == (
        "The file is not an Excel workbook (.xlsx or .xls) that can be read."
    )
