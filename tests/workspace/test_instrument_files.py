"""Instruments as files in the workspace: start from a template or an upload (with the row-level
report, and a clear page for a bad file — never a 500), and download a draft as XLSForm or JSON
that imports again unchanged."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from surveys.instrument_json import instrument_json_export
from surveys.library import instrument_templates
from surveys.models import Survey, SurveyMembership
from tests.support.xlsform import row, xlsform

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WITH_A_GEOPOINT = xlsform(
    survey=[
        row("begin group", "work", "Your work"),
        row("select_one roles", "role", "Your role", required="yes"),
        row("geopoint", "where", "Where are you?"),
        row("text", "detail", "Tell us more", relevant="${role} = 'police'"),
        row("end group"),
    ],
    choices=[["list_name", "name", "label"], ["roles", "police", "Police"], ["roles", "sw", "SW"]],
    settings=[["form_title", "form_id"], ["Police views", "police_views"]],
)
WITH_AN_UNKNOWN_TYPE = xlsform(survey=[row("text", "job", "Job"), row("multiple_guess", "r", "R")])


@pytest.fixture
def alice(team, signed_in):
    return signed_in("owner")


def upload(client, name: str, content: bytes, content_type: str = XLSX):
    return client.post(
        reverse("workspace:survey_upload"),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_the_new_survey_page_offers_every_way_to_start(alice):
    page = alice.get(reverse("workspace:survey_create")).content.decode()

    assert "A blank survey" in page and "A copy of one of your surveys" in page
    assert reverse("workspace:survey_from_template") in page
    assert reverse("workspace:survey_upload") in page


def test_the_template_page_lists_the_three_templates_with_their_question_counts(alice):
    page = alice.get(reverse("workspace:survey_from_template")).content.decode()

    for template in instrument_templates():
        assert template.name in page and template.description in page
        assert f"{template.question_count} questions" in page
    assert len(instrument_templates()) == 3


def test_a_template_becomes_a_draft_the_researcher_owns(team, alice):
    response = alice.post(reverse("workspace:survey_from_template"), {"template": "cse_risk_tools"})

    survey = Survey.objects.exclude(pk__in=[team.survey.pk, team.strangers_survey.pk]).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:survey_build", args=[survey.slug])
    assert survey.status == Survey.Status.DRAFT and survey.pages.exists()
    assert SurveyMembership.objects.get(survey=survey).user == team.owner
    event = AuditEvent.objects.get(survey=survey)
    assert event.action == AuditEvent.Action.SURVEY_IMPORTED
    assert event.detail["source"] == "template:cse_risk_tools"


def test_an_unknown_template_is_refused(alice):
    response = alice.post(reverse("workspace:survey_from_template"), {"template": "nope"})

    assert response.status_code == 400
    assert "Select one of the templates" in response.content.decode()


def test_an_xlsform_upload_shows_what_was_left_out_row_by_row(team, alice):
    response = upload(alice, "police.xlsx", WITH_A_GEOPOINT)

    survey = Survey.objects.get(slug="police_views")
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:survey_imported", args=[survey.slug])
    report = alice.get(response["Location"]).content.decode()
    assert "survey sheet, row 4" in report
    assert "type geopoint is not supported; the question was left out." in report
    assert list(survey.pages.get().questions.values_list("code", flat=True)) == ["role", "detail"]
    assert SurveyMembership.objects.get(survey=survey).user == team.owner
    assert AuditEvent.objects.get(survey=survey).action == AuditEvent.Action.SURVEY_IMPORTED


def test_the_report_is_only_for_the_researcher_who_uploaded(team, alice, signed_in):
    upload(alice, "police.xlsx", WITH_A_GEOPOINT)
    survey = Survey.objects.get(slug="police_views")
    SurveyMembership.objects.create(survey=survey, user=team.editor, role="editor")

    page = signed_in("editor").get(reverse("workspace:survey_imported", args=[survey.slug]))

    assert "is no longer available" in page.content.decode()


def test_a_bad_workbook_is_explained_by_sheet_and_row_and_nothing_is_saved(alice):
    before = Survey.objects.count()

    response = upload(alice, "bad.xlsx", WITH_AN_UNKNOWN_TYPE)

    html = response.content.decode()
    assert response.status_code == 400
    assert "The file could not be imported" in html
    assert (
        "survey sheet, row 3" in html and "‘multiple_guess’ is not an XLSForm question type" in html
    )
    assert Survey.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("random.xlsx", os.urandom(2048)),
        ("empty-zip.xlsx", b"PK\x05\x06" + b"\x00" * 18),
        ("text.xls", b"type,name,label\ntext,a,A\n"),
        ("random.json", os.urandom(512)),
        ("list.json", b"[1, 2, 3]"),
        ("wrong.json", b'{"format": "candour-instrument", "format_version": 99}'),
        ("nul.json", b'{"format": "candour-instrument\\u0000"}'),
    ],
)
def test_a_file_that_is_not_an_instrument_gets_a_clear_page_never_a_500(alice, name, content):
    response = upload(alice, name, content, content_type="application/octet-stream")

    assert response.status_code == 400
    assert "The file could not be imported" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("notes.pdf", "must be an XLSForm workbook (.xlsx, .xls) or a JSON file"),
        ("", "Select a file to upload"),
    ],
)
def test_a_file_of_another_kind_is_refused_before_reading_it(alice, name, message):
    if name:
        response = upload(alice, name, b"%PDF-1.4")
    else:
        response = alice.post(reverse("workspace:survey_upload"), {})

    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_file_over_five_megabytes_is_refused(alice):
    response = upload(alice, "huge.xlsx", b"0" * (5 * 1024 * 1024 + 1))

    assert response.status_code == 400
    assert "must be smaller than 5.0" in response.content.decode()


def test_the_draft_downloads_as_xlsform_and_json_that_import_again_unchanged(team, alice):
    survey = team.survey
    xlsx = alice.get(reverse("workspace:download_xlsform", args=[survey.slug]))
    json_file = alice.get(reverse("workspace:download_json", args=[survey.slug]))

    assert xlsx["Content-Type"] == XLSX
    assert 'filename="team-survey.xlsx"' in xlsx["Content-Disposition"]
    assert json_file["Content-Type"] == "application/json; charset=utf-8"
    assert json_file.content.decode() == instrument_json_export(survey=survey)

    from_xlsx = upload(alice, "team-survey.xlsx", xlsx.content)
    from_json = upload(alice, "team-survey.json", json_file.content, "application/json")

    assert from_xlsx.status_code == from_json.status_code == 302
    copies = Survey.objects.exclude(pk__in=[survey.pk, team.strangers_survey.pk])
    assert copies.count() == 2
    for copy in copies:
        assert instrument_json_export(survey=copy) == instrument_json_export(survey=survey)
