"""XLSForm export: standard XLSForm that other tools read, with Candour's own settings in extra
columns, so that export → import → export gives the same workbook."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from pyxform.xls2xform import convert

from surveys.demo.instrument import demo_survey_create
from surveys.instrument_json import instrument_json_export
from surveys.models import Question
from surveys.services import survey_publish
from surveys.xlsform import survey_export_xlsform, survey_import_xlsform
from tests.support.instruments import AGREE, EVERY_TYPE_PAGES
from tests.support.surveys import draft_survey
from tests.support.xlsform import sheet_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def researcher():
    return get_user_model().objects.create_user("alice", "alice@example.org", "x")


def reimported(survey, owner):
    """Export the survey, remove it (freeing its address), import the file again."""
    exported = survey_export_xlsform(survey=survey)
    survey.delete()
    result = survey_import_xlsform(data=exported, owner=owner)
    return exported, result


def test_every_type_survives_export_and_import(researcher):
    survey = draft_survey(pages=EVERY_TYPE_PAGES, slug="every-type", organisation="Research")
    before = instrument_json_export(survey=survey)
    exported, result = reimported(survey, researcher)
    assert result.report.lines() == []
    assert instrument_json_export(survey=result.survey) == before
    assert survey_export_xlsform(survey=result.survey) == exported


def test_the_demo_survives_export_import_export_byte_for_byte(researcher):
    survey = demo_survey_create(now=timezone.now())
    before = instrument_json_export(survey=survey)
    exported, result = reimported(survey, researcher)
    assert result.report.lines() == []
    assert result.survey.slug == "complex-safeguarding"
    assert instrument_json_export(survey=result.survey) == before
    assert survey_export_xlsform(survey=result.survey) == exported


def test_pages_are_field_list_groups_and_a_matrix_is_a_table_list():
    survey = draft_survey(pages=EVERY_TYPE_PAGES, slug="every-type")
    rows = sheet_rows(survey_export_xlsform(survey=survey), "survey")
    header = rows[0]
    by_name = {
        cells[1]: dict(zip(header, cells, strict=True))
        for cells in rows[1:]
        if cells[0] != "end group"
    }
    page = by_name["page_2"]
    assert (page["type"], page["label"], page["relevant"], page["appearance"]) == (
        "begin group",
        "Your practice",
        "${trained} = 'yes'",
        "field-list",
    )
    assert (by_name["views"]["type"], by_name["views"]["appearance"]) == (
        "begin group",
        "table-list",
    )
    assert by_name["views_clear"]["type"] == "select_one views"
    assert by_name["views_clear"]["required"] == "yes"


@pytest.mark.parametrize(
    ("code", "columns"),
    [
        ("role", {"type": "select_one role or_other"}),
        ("agency", {"type": "select_one agency", "appearance": "minimal"}),
        ("settings", {"constraint": "count-selected(.) >= 1 and count-selected(.) <= 2"}),
        ("trained", {"type": "select_one trained", "candour::type": "yes_no"}),
        ("answered", {"type": "select_one answered", "candour::type": None}),
        ("helps", {"type": "select_one helps", "appearance": "likert"}),
        ("years", {"constraint": ". >= 0 and . <= 60", "candour::config": '{"unit": "years"}'}),
        ("hours", {"constraint": ". >= 0.5 and . <= 300"}),
        ("job", {"type": "text", "constraint": "string-length(.) <= 100"}),
        ("story", {"type": "text", "appearance": "multiline", "relevant": "${years} > 5"}),
        ("last_case", {"constraint": ". >= date('2015-01-01') and . <= today()"}),
        ("confidence", {"type": "range", "parameters": "start=0 end=10 step=1"}),
        ("priorities", {"type": "rank priorities"}),
        ("consent", {"type": "acknowledge", "required": "yes"}),
        ("welcome", {"type": "note", "hint": "Read this first."}),
    ],
)
def test_each_type_is_written_as_standard_xlsform(code, columns):
    survey = draft_survey(pages=EVERY_TYPE_PAGES, slug="every-type")
    rows = sheet_rows(survey_export_xlsform(survey=survey), "survey")
    row = next(dict(zip(rows[0], cells, strict=True)) for cells in rows if cells[1] == code)
    assert {name: row[name] for name in columns} == columns


def test_option_flags_without_an_xlsform_column_are_candour_columns():
    survey = draft_survey(pages=EVERY_TYPE_PAGES, slug="every-type")
    rows = sheet_rows(survey_export_xlsform(survey=survey), "choices")
    assert rows[0] == ("list_name", "name", "label", "candour_exclusive", "candour_other")
    assert ("agency", "elsewhere", "Somewhere else", None, "yes") in rows
    assert ("settings", "none", "None of these", "yes", None) in rows
    # `or_other` says it for an option named "other": the file stays plain XLSForm.
    assert ("role", "other", "Other (please specify)", None, None) in rows


def test_a_matrix_whose_rows_cannot_be_xlsform_names_keeps_them_in_candour_config(researcher):
    pages = [
        {
            "title": "Views",
            "questions": [
                {
                    "code": "views",
                    "type": "matrix",
                    "config": {"rows": [{"value": "Not A Code", "label": "Statement"}]},
                    "choices": AGREE,
                }
            ],
        }
    ]
    survey = draft_survey(pages=pages, slug="views")
    before = instrument_json_export(survey=survey)
    exported, result = reimported(survey, researcher)
    assert instrument_json_export(survey=result.survey) == before
    assert survey_export_xlsform(survey=result.survey) == exported


def test_settings_go_on_the_settings_sheet():
    survey = draft_survey(pages=EVERY_TYPE_PAGES, slug="every-type", estimated_minutes=12)
    header, values = sheet_rows(survey_export_xlsform(survey=survey), "settings")
    settings = dict(zip(header, values, strict=True))
    assert (settings["form_title"], settings["form_id"]) == ("Practice survey", "every-type")
    assert '"estimated_minutes": 12' in settings["candour::settings"]


def test_a_published_version_exports_as_it_was_published():
    survey = draft_survey(pages=EVERY_TYPE_PAGES, slug="every-type")
    version = survey_publish(survey=survey).version
    Question.objects.filter(page__survey=survey, code="job").update(label="Your job title")
    draft_rows = sheet_rows(survey_export_xlsform(survey=survey), "survey")
    version_rows = sheet_rows(survey_export_xlsform(survey=survey, version=version), "survey")
    assert any(cells[2] == "Your job title" for cells in draft_rows)
    assert not any(cells[2] == "Your job title" for cells in version_rows)


def test_the_same_instrument_always_gives_the_same_bytes():
    survey = draft_survey(pages=EVERY_TYPE_PAGES, slug="every-type")
    assert survey_export_xlsform(survey=survey) == survey_export_xlsform(survey=survey)


def test_characters_a_workbook_cannot_hold_are_left_out():
    pages = [{"title": "Page", "questions": [{"code": "job", "type": "short_text"}]}]
    survey = draft_survey(pages=pages, slug="odd")
    Question.objects.filter(code="job").update(label="Job\x1f title\x08")
    rows = sheet_rows(survey_export_xlsform(survey=survey), "survey")
    assert rows[2][2] == "Job title"


def test_pyxform_turns_the_export_into_an_xform_other_tools_can_use(tmp_path):
    survey = demo_survey_create(now=timezone.now())
    path = tmp_path / "demo.xlsx"
    path.write_bytes(survey_export_xlsform(survey=survey))
    result = convert(xlsform=str(path), validate=False)
    assert 'id="complex-safeguarding"' in result.xform
    assert result.warnings == []
