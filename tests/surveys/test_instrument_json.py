"""The JSON instrument format: settings and instrument in one file that round-trips byte for
byte, with every shape problem named by its place in the document."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.models import AuditEvent
from surveys.demo.instrument import demo_survey_create
from surveys.instrument_import import InstrumentInvalid
from surveys.instrument_json import (
    instrument_json_export,
    instrument_json_loads,
    survey_import_json,
)
from surveys.models import Survey, SurveyMembership
from surveys.services import survey_publish
from tests.support.instruments import EVERY_TYPE_PAGES
from tests.support.surveys import draft_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def researcher():
    return get_user_model().objects.create_user("alice", "alice@example.org", "x")


def every_type_survey(**fields):
    return draft_survey(pages=EVERY_TYPE_PAGES, slug="every-type", **fields)


def test_export_import_export_is_byte_for_byte_the_same(researcher):
    exported = instrument_json_export(survey=every_type_survey(description="Why we ask"))
    survey = survey_import_json(text=exported, owner=researcher).survey
    assert instrument_json_export(survey=survey) == exported


def test_the_demo_round_trips_byte_for_byte(researcher):
    exported = instrument_json_export(survey=demo_survey_create(now=timezone.now()))
    survey = survey_import_json(text=exported.encode(), owner=researcher).survey
    assert instrument_json_export(survey=survey) == exported


def test_the_file_is_sorted_indented_json_with_the_format_and_its_version():
    text = instrument_json_export(survey=every_type_survey())
    document = json.loads(text)
    assert (document["format"], document["format_version"]) == ("candour-instrument", 1)
    assert text == json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert list(document) == ["format", "format_version", "pages", "settings"]


def test_settings_hold_the_instrument_but_not_one_run_of_the_study():
    survey = every_type_survey(
        organisation="Research group",
        estimated_minutes=12,
        opens_at=timezone.now(),
        response_limit=300,
        invitation_only=True,
    )
    settings = json.loads(instrument_json_export(survey=survey))["settings"]
    assert settings["organisation"] == "Research group"
    assert (settings["estimated_minutes"], settings["response_limit"]) == (12, 300)
    assert settings["invitation_only"] is True
    assert not {"slug", "status", "opens_at", "closes_at", "current_version"} & set(settings)


def test_a_published_version_exports_its_own_instrument():
    survey = every_type_survey()
    version = survey_publish(survey=survey).version
    survey.pages.get(position=0).questions.filter(code="welcome").update(label="Hello")
    from_version = json.loads(instrument_json_export(survey=survey, version=version))
    from_draft = json.loads(instrument_json_export(survey=survey))
    assert from_version["pages"] == version.schema["pages"]
    assert from_draft["pages"][0]["questions"][0]["label"] == "Hello"


def test_import_makes_an_owned_audited_draft_with_the_settings(researcher):
    exported = instrument_json_export(survey=every_type_survey(organisation="Research group"))
    Survey.objects.all().delete()
    survey = survey_import_json(text=exported, owner=researcher).survey
    assert (survey.slug, survey.organisation, survey.status) == (
        "practice-survey",
        "Research group",
        Survey.Status.DRAFT,
    )
    assert SurveyMembership.objects.get(survey=survey).user == researcher
    event = AuditEvent.objects.get(survey=survey)
    assert (event.action, event.detail["source"]) == (AuditEvent.Action.SURVEY_IMPORTED, "json")


def test_a_draft_that_cannot_publish_imports_with_its_problems_reported(researcher):
    pages = [{"title": "Page", "questions": [{"code": "roles", "type": "single_choice"}]}]
    exported = instrument_json_export(survey=draft_survey(pages=pages))
    result = survey_import_json(text=exported, owner=researcher)
    assert result.report.lines() == ["Page 1, ${roles}: Add at least one option."]
    with pytest.raises(InstrumentInvalid):
        survey_import_json(text=exported, owner=researcher, publish=True)
    assert Survey.objects.count() == 2  # the original and the first import only


def valid_document() -> dict:
    return {
        "format": "candour-instrument",
        "format_version": 1,
        "settings": {
            "title": "Practice",
            "description": "",
            "organisation": "",
            "contact_details": "",
            "privacy_extra": "",
            "estimated_minutes": None,
            "grace_period_hours": 24,
            "submit_time_precision": "date",
            "allow_save_and_resume": True,
            "show_check_answers": True,
            "invitation_only": False,
            "followup_enabled": False,
            "followup_prompt": "",
            "response_limit": None,
        },
        "pages": [
            {
                "title": "Page",
                "intro": "",
                "relevant": "",
                "questions": [
                    {
                        "code": "role",
                        "type": "single_choice",
                        "label": "Role",
                        "hint": "",
                        "required": False,
                        "relevant": "",
                        "config": {},
                        "choices": [
                            {
                                "value": "police",
                                "label": "Police",
                                "exclusive": False,
                                "other": False,
                            }
                        ],
                    }
                ],
            }
        ],
    }


def problems_with(document) -> list[str]:
    with pytest.raises(InstrumentInvalid) as caught:
        instrument_json_loads(json.dumps(document))
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_document_loads():
    assert instrument_json_loads(json.dumps(valid_document()))["settings"]["title"] == "Practice"


def test_text_that_is_not_json_is_refused():
    with pytest.raises(InstrumentInvalid) as caught:
        instrument_json_loads("{not json")
    assert str(caught.value).startswith("The file is not valid JSON: ")


def test_another_format_or_version_is_refused():
    assert problems_with(valid_document() | {"format": "kobo"}) == [
        "format: This is not a Candour instrument file."
    ]
    assert problems_with(valid_document() | {"format_version": 2}) == [
        "format_version: Format version 2 is not one this Candour reads (it reads 1)."
    ]


def test_each_wrong_place_is_named():
    document = valid_document()
    document["settings"]["estimated_minutes"] = True
    document["settings"]["surprise"] = 1
    del document["settings"]["organisation"]
    question = document["pages"][0]["questions"][0]
    question["type"] = "geopoint"
    question["choices"][0]["label"] = "x" * 301
    document["pages"][0]["title"] = "t" * 201
    assert problems_with(document) == [
        "settings.organisation: This is missing.",
        "settings.surprise: This is not part of the format.",
        "settings.estimated_minutes: Expected a whole number or null, not true.",
        "pages[0].title: This is 201 characters long; the limit is 200.",
        "pages[0].questions[0].type: ‘geopoint’ is not a question type (known types: consent, "
        "date, decimal, dropdown, info, integer, likert, long_text, matrix, multiple_choice, "
        "ranking, scale_0_10, short_text, single_choice, yes_no).",
        "pages[0].questions[0].choices[0].label: This is 301 characters long; the limit is 300.",
    ]


def test_settings_out_of_range_are_named():
    document = valid_document()
    document["settings"] |= {"submit_time_precision": "second", "grace_period_hours": -1}
    assert problems_with(document) == [
        "settings.grace_period_hours: Expected a whole number from 0 to 32767.",
        "settings.submit_time_precision: Expected one of hour, date, month.",
    ]


def test_nothing_is_saved_for_a_refused_file(researcher):
    with pytest.raises(InstrumentInvalid):
        survey_import_json(text=json.dumps({"format": "kobo"}), owner=researcher)
    assert not Survey.objects.exists()


def test_text_with_a_nul_character_is_refused_where_it_is():
    document = valid_document()
    document["pages"][0]["questions"][0]["config"] = {"unit": "years\u0000"}
    assert problems_with(document) == [
        "pages[0].questions[0].config.unit: Text cannot contain the NUL character (\\u0000)."
    ]
