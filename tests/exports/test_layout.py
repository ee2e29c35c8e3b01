"""The wide layout: every question type's columns, across two versions merged by code."""

from __future__ import annotations

from exports.values import NOT_ASKED
from tests.exports.conftest import FULL_ANSWERS, build, csv_rows, make_response

SYSTEM = [
    "response_id",
    "version",
    "started",
    "submitted",
    "duration_minutes",
    "channel",
    "flag_speeder",
    "flag_straightline",
]
QUESTIONS = [
    "consent",
    "role",
    "role_other_text",
    "region",
    "years",
    "hours",
    "qualified",
    "seen_online",
    "seen_criminal",
    "seen_other",
    "seen_none",
    "seen_other_text",
    "confident",
    "grid_a",
    "grid_b",
    "grid_c",
    "trained",
    "trained_where",
    "supported",
    "priorities_time",
    "priorities_training",
    "priorities_sharing",
    "reflections",
]


def test_a_survey_of_every_type_exports_each_types_columns_in_order(every_type_survey, tmp_path):
    make_response(every_type_survey, FULL_ANSWERS)

    _, members = build(every_type_survey, tmp_path, formats=("csv",))
    (row,) = csv_rows(members)

    assert list(row) == SYSTEM + QUESTIONS + ["old_note"]
    assert {k: row[k] for k in QUESTIONS} == {
        "consent": "1",
        "role": "police",
        "role_other_text": "",
        "region": "london",
        "years": "12",
        "hours": "7.5",
        "qualified": "2010-09-01",
        "seen_online": "1",
        "seen_criminal": "0",
        "seen_other": "1",
        "seen_none": "0",
        "seen_other_text": "County lines",
        "confident": "3",
        "grid_a": "1",
        "grid_b": "2",
        "grid_c": "3",
        "trained": "yes",
        "trained_where": "At work",
        "supported": "8",
        "priorities_time": "2",
        "priorities_training": "1",
        "priorities_sharing": "3",
        "reflections": "More time.\nFewer forms.",
    }


def test_two_versions_merge_by_code_with_a_version_column(two_version_survey, tmp_path):
    _, members = build(two_version_survey, tmp_path, formats=("csv",))
    rows = {row["version"]: row for row in csv_rows(members)}

    names = list(rows["1"])
    assert "old_note" in names and "new_rating" in names
    # Each version's own order is kept: old_note after reflections (v1), then new_rating (v2).
    assert names[names.index("reflections") :][:3] == ["reflections", "old_note", "new_rating"]
    assert rows["1"]["old_note"] == "Only in v1"
    assert rows["2"]["old_note"] == ""  # version 2 never asked it
    assert rows["1"]["new_rating"] == ""
    assert rows["2"]["new_rating"] == "4"
    assert rows["2"]["region"] == "wales"


def test_the_codebook_says_which_versions_have_each_variable_and_labels_new_options(
    two_version_survey, tmp_path
):
    _, members = build(two_version_survey, tmp_path, formats=("csv",))
    codebook = {row["Variable"]: row for row in csv_rows(members, "codebook.csv")}

    assert codebook["old_note"]["Versions"] == "1"
    assert codebook["new_rating"]["Versions"] == "2"
    assert codebook["role"]["Versions"] == "1, 2"
    assert "wales = Wales" in codebook["region"]["Values and labels"]
    assert "3 = wales" in codebook["region"]["SPSS and Stata codes"]
    assert (
        codebook["trained_where"]["Asked when"]
        == "Asked if you answered ‘Yes’ to ‘Trained this year?’"
    )
    assert codebook["trained_where"]["Condition as written"] == "${trained} = 'yes'"


def test_questions_not_asked_and_not_answered_are_told_apart_where_the_format_can(
    every_type_survey, tmp_path
):
    make_response(every_type_survey, {"consent": True, "trained": "no"})

    _, members = build(every_type_survey, tmp_path, formats=("csv",), missing_codes=True)
    (row,) = csv_rows(members)

    assert row["trained_where"] == ""  # text: blank whatever the reason
    assert row["years"] == "-99"  # asked, not answered
    assert row["seen_online"] == "-99"
    assert row["role"] == "-99"


def test_a_question_skipped_by_logic_is_not_asked(every_type_survey):
    from exports.dataset import dataset_write  # noqa: F401 - the extractor is what is tested
    from exports.layout import layout_build
    from exports.options import ExportOptions
    from exports.rows import VersionExtractor, system_variables
    from surveys.schema import instrument_for_version

    version = every_type_survey.current_version
    instrument = instrument_for_version(version)
    layout, sources = layout_build(
        instruments={1: instrument},
        system=system_variables(options=ExportOptions(), survey=every_type_survey),
    )
    extractor = VersionExtractor(instrument=instrument, sources=sources[1], layout=layout)

    cells = extractor.cells({"trained": "no"})

    assert cells[layout.position("trained_where/trained_where")] is NOT_ASKED
    assert cells[layout.position("years/years")] is None  # asked, not answered
