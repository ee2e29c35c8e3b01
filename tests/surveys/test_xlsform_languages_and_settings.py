"""XLSForm import: labels in several languages (one is kept, the others listed) and the
settings sheet (the title, the address, and Candour's own settings)."""

from __future__ import annotations

import pytest

from surveys.xlsform import instrument_from_xlsform
from tests.support.xlsform import xlsform

pytestmark = pytest.mark.django_db


def test_the_default_language_is_kept_and_the_others_are_listed():
    data = xlsform(
        survey=[
            [
                "type",
                "name",
                "label::English (en)",
                "label::Français (fr)",
                "hint::English (en)",
                "hint::Français (fr)",
            ],
            ["begin group", "about", "About you", "À propos de vous"],
            ["select_one roles", "role", "Your role", "Votre rôle", "Choose one", "Choisissez"],
            ["end group"],
        ],
        choices=[
            ["list_name", "name", "label::English (en)", "label::Français (fr)"],
            ["roles", "police", "Police", "Police nationale"],
            ["roles", "nurse", "Nurse", "Infirmière"],
        ],
        settings=[["form_title", "default_language"], ["Roles", "Français (fr)"]],
    )  # fmt: skip
    read = instrument_from_xlsform(data)
    page = read.instrument["pages"][0]
    question = page["questions"][0]
    assert page["title"] == "À propos de vous"
    assert (question["label"], question["hint"]) == ("Votre rôle", "Choisissez")
    assert [c["label"] for c in question["choices"]] == ["Police nationale", "Infirmière"]
    assert read.report.language_kept == "Français (fr)"
    assert read.report.languages_left_out == ["English (en)"]
    assert read.report.lines() == [
        "Labels are given in English (en), Français (fr). A Candour survey has one wording, so "
        "Français (fr) was kept and English (en) left out."
    ]


def test_without_a_default_language_the_first_language_is_kept():
    data = xlsform(
        survey=[
            ["type", "name", "label::Cymraeg (cy)", "label::English (en)"],
            ["text", "job", "Teitl eich swydd", "Your job title"],
            ["integer", "years", "", "Years in role"],
        ],
    )
    read = instrument_from_xlsform(data)
    questions = read.instrument["pages"][0]["questions"]
    assert [q["label"] for q in questions] == ["Teitl eich swydd", "Years in role"]
    assert read.report.language_kept == "Cymraeg (cy)"
    assert (
        "survey sheet, row 3: there is no label in Cymraeg (cy), so the one in English (en) "
        "was used." in read.report.lines()
    )


def test_settings_give_the_title_and_candour_settings_the_rest():
    data = xlsform(
        survey=[["type", "name", "label"], ["text", "job", "Job"]],
        settings=[
            ["form_title", "form_id", "candour::settings", "version"],
            ["Practice", "practice-2027", '{"estimated_minutes": 12, "organisation": "Uni"}', "3"],
        ],
    )
    read = instrument_from_xlsform(data)
    settings = read.instrument["settings"]
    assert (settings["title"], settings["estimated_minutes"]) == ("Practice", 12)
    assert settings["organisation"] == "Uni"
    assert settings["allow_save_and_resume"] is True  # the model's default
    assert read.slug_hint == "practice-2027"


def test_candour_settings_that_are_wrong_are_reported_and_left_at_their_defaults():
    data = xlsform(
        survey=[["type", "name", "label"], ["text", "job", "Job"]],
        settings=[
            ["form_title", "candour::settings"],
            ["Practice", '{"estimated_minutes": "soon", "colour": "blue"}'],
        ],
    )
    read = instrument_from_xlsform(data)
    assert read.instrument["settings"]["estimated_minutes"] is None
    assert read.report.lines()[-2:] == [
        "settings sheet, row 2: candour::settings ‘estimated_minutes’ was ignored: Expected a "
        'whole number or null, not "soon".',
        "settings sheet, row 2: candour::settings ‘colour’ was ignored: This is not a survey "
        "setting.",
    ]


def test_without_a_form_title_the_file_name_gives_the_title():
    data = xlsform(survey=[["type", "name", "label"], ["text", "job", "Job"]])
    read = instrument_from_xlsform(data, filename="practitioner_survey.xlsx")
    assert read.instrument["settings"]["title"] == "Practitioner survey"
    assert read.report.lines()[0] == (
        "The form has no form_title, so the survey is called ‘Practitioner survey’."
    )
