"""Personal data in free text is replaced; spreadsheet formulas are made plain text."""

from __future__ import annotations

import json

import openpyxl
import pyreadstat
import pytest

from exports.cleaning import TextRedactor
from exports.models import ReleaseProfile
from tests.exports.conftest import FULL_ANSWERS, build, csv_rows, extract, make_response


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Call me on +44 7700 900123 please", "Call me on [PHONE] please"),
        ("my mobile 07700900123", "my mobile [PHONE]"),
        ("The office is 020 7946 0018.", "The office is [PHONE]."),
        ("In Paris: +33 1 23 45 67 89", "In Paris: [PHONE]"),
        ("She lives near SW1A 1AA now", "She lives near [POSTCODE] now"),
        ("NI number AB123456C on file", "NI number [NI_NUMBER] on file"),
        ("Write to someone@example.org.", "Write to [EMAIL]."),
        ("See https://example.org/case?id=4 and www.example.com", "See [URL] and [URL]"),
        ('=HYPERLINK("http://x","y")', '=HYPERLINK("[URL]","y")'),
    ],
)
def test_personal_data_is_replaced_by_what_it_was(text, redacted):
    assert TextRedactor().redact(text)[0] == redacted


def test_numbers_that_are_not_personal_data_are_left_alone():
    text = "In 2019 I had 12 cases, and 30 in 2020 (about 3 a month)."

    assert TextRedactor().redact(text) == (text, {})


def test_names_and_places_from_the_profile_are_redacted_as_whole_words_in_any_case():
    redactor = TextRedactor(("Jayden Smith", "Oldham", "Kai"))

    redacted, found = redactor.redact("jayden smith moved to OLDHAM with Kai, not Kaitlyn")

    assert redacted == "[NAME] moved to [NAME] with [NAME], not Kaitlyn"
    assert found == {"NAME": 3}


def test_texts_joined_by_line_breaks_may_change_when_any_one_of_them_would():
    redactor = TextRedactor(("Oldham",))
    plain = ["Nothing personal here", "nor here"]
    personal = ["Oldham first", "call 07700 900123", "someone@example.org", "WWW.example.com"]

    assert not redactor.may_change("\n".join(plain))
    for text in personal:
        assert redactor.redact(text)[1]
        assert redactor.may_change("\n".join([*plain, text]))
        assert redactor.may_change("\n".join([text, *plain]))


def test_an_export_redacts_free_text_and_counts_what_it_found(every_type_survey, tmp_path):
    ReleaseProfile.objects.create(survey=every_type_survey, redaction_terms=["Jayden"])
    make_response(
        every_type_survey,
        {**FULL_ANSWERS, "reflections": "Jayden (07700900123, someone@example.org) in SW1A 1AA"},
    )

    _, members = build(every_type_survey, tmp_path, formats=("csv", "jsonl"))
    (row,) = csv_rows(members)
    report = json.loads(members["cleaning_report.json"])
    redaction = next(step for step in report["steps"] if step["key"] == "redaction")

    assert row["reflections"] == "[NAME] ([PHONE], [EMAIL]) in [POSTCODE]"
    assert json.loads(members["every-type.jsonl"])["reflections"] == row["reflections"]
    assert redaction["counts"]["by_kind"] == {
        "URL": 0, "EMAIL": 1, "NI_NUMBER": 0, "POSTCODE": 1, "PHONE": 1, "NAME": 1,
    }  # fmt: skip
    assert redaction["counts"]["cells_changed"] == 1


def test_formulas_are_neutralised_in_csv_and_excel_only_and_numbers_stay_numbers(
    every_type_survey, tmp_path
):
    formula = '=HYPERLINK("http://x","y")'
    make_response(
        every_type_survey,
        {**FULL_ANSWERS, "reflections": formula, "trained_where": "-5 miles", "years": 0},
    )

    _, members = build(
        every_type_survey, tmp_path, redact_free_text=False, formats=("csv", "xlsx", "sav", "jsonl")
    )
    folder = extract(members, tmp_path / "out")
    (row,) = csv_rows(members)
    sheet = openpyxl.load_workbook(folder / "every-type.xlsx", read_only=True)["Data"]
    header, cells = list(sheet.iter_rows(values_only=True))
    sav, _ = pyreadstat.read_sav(str(folder / "every-type.sav"))

    assert row["reflections"] == "'" + formula
    assert row["trained_where"] == "'-5 miles"
    assert cells[header.index("reflections")] == "'" + formula
    assert cells[header.index("years")] == 0
    assert sav["reflections"][0] == formula
    assert json.loads(members["every-type.jsonl"])["reflections"] == formula
    report = json.loads(members["cleaning_report.json"])
    formulas = next(step for step in report["steps"] if step["key"] == "formulas")
    assert formulas["counts"] == {"cells": 2}
