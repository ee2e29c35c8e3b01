"""The template library: three XLSForm instruments, generated from readable sources, that import
cleanly, publish, have skip logic, and are written as a survey methodologist would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.models import AuditEvent
from surveys.demo.instrument import demo_survey_create
from surveys.instrument_json import instrument_file_from_survey, instrument_json_dumps
from surveys.library import (
    TemplateNotFound,
    instrument_template,
    instrument_templates,
    survey_create_from_template,
)
from surveys.models import Survey, SurveyMembership
from surveys.schema import schema_from_drafts
from surveys.services import survey_publish
from surveys.xlsform import instrument_from_xlsform, survey_export_xlsform
from tests.support.xlsform import workbook_content

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["complex_safeguarding", "police_disruption", "cse_risk_tools"]


@pytest.fixture
def researcher():
    return get_user_model().objects.create_user("alice", "alice@example.org", "x")


def questions_of(key: str) -> list[dict]:
    read = instrument_from_xlsform(instrument_template(key).path.read_bytes())
    return [q for page in read.instrument["pages"] for q in page["questions"]]


def test_the_library_lists_the_three_templates_for_the_new_survey_page():
    templates = instrument_templates()
    assert [template.key for template in templates] == KEYS
    for template in templates:
        assert template.name and template.description
        assert template.path.is_file() and template.path.suffix == ".xlsx"


def test_an_unknown_template_is_not_found():
    with pytest.raises(TemplateNotFound):
        instrument_template("nonexistent")


@pytest.mark.parametrize("key", KEYS)
def test_each_template_has_30_to_60_questions(key):
    template = instrument_template(key)
    answered = [q for q in questions_of(key) if q["type"] != "info"]
    assert 30 <= template.question_count <= 60
    assert template.question_count == len(questions_of(key))
    assert len(answered) >= 30


@pytest.mark.parametrize("key", KEYS)
def test_each_template_imports_without_a_change_to_report(key):
    read = instrument_from_xlsform(instrument_template(key).path.read_bytes())
    assert read.report.lines() == []


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_each_template_makes_a_draft_that_publishes(key, researcher):
    survey = survey_create_from_template(key=key, owner=researcher)
    assert survey.status == Survey.Status.DRAFT and survey.current_version is None
    assert SurveyMembership.objects.get(survey=survey).user == researcher
    event = AuditEvent.objects.get(survey=survey)
    assert event.detail["source"] == f"template:{key}"
    result = survey_publish(survey=survey, by=researcher)
    assert result.version.number == 1


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_each_template_has_skip_logic_on_questions_and_pages(key, researcher):
    survey = survey_create_from_template(key=key, owner=researcher)
    schema = schema_from_drafts(survey)
    conditional_questions = [
        q for page in schema["pages"] for q in page["questions"] if q["relevant"]
    ]
    conditional_pages = [page for page in schema["pages"] if page["relevant"]]
    assert len(conditional_questions) >= 5
    assert conditional_pages


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_each_template_exports_as_the_committed_workbook(key, researcher):
    template = instrument_template(key)
    survey = survey_create_from_template(key=key, owner=researcher)
    Survey.objects.exclude(pk=survey.pk).delete()
    exported = survey_export_xlsform(survey=survey)
    assert workbook_content(exported) == workbook_content(template.path.read_bytes())


@pytest.mark.django_db
def test_a_new_survey_from_a_template_gets_a_free_address_or_the_one_asked_for(researcher):
    first = survey_create_from_template(key="police_disruption", owner=researcher)
    second = survey_create_from_template(key="police_disruption", owner=researcher)
    chosen = survey_create_from_template(key="police_disruption", owner=researcher, slug="ours")
    assert (first.slug, second.slug, chosen.slug) == (
        "police-disruption",
        "police-disruption-2",
        "ours",
    )


@pytest.mark.django_db
def test_the_demo_template_is_the_demo_survey(researcher):
    demo = demo_survey_create(now=timezone.now())
    from_template = survey_create_from_template(key="complex_safeguarding", owner=researcher)
    assert instrument_json_dumps(instrument_file_from_survey(survey=from_template)) == (
        instrument_json_dumps(instrument_file_from_survey(survey=demo))
    )


def test_the_committed_workbooks_are_what_the_generator_writes():
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    finished = subprocess.run(
        [sys.executable, "tools/build_instrument_templates.py", "--check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr


# --- written as a methodologist would ----------------------------------------------------------

NEW_TEMPLATES = ["police_disruption", "cse_risk_tools"]
ABOUT_THE_RESPONDENT = {
    "police_disruption": ["role", "work_areas", "service_length", "csa_experience", "region"],
    "cse_risk_tools": ["role", "organisation_type", "time_in_role", "region"],
}


@pytest.mark.parametrize("key", NEW_TEMPLATES)
def test_no_one_is_forced_to_say_who_they_are(key):
    questions = {q["code"]: q for q in questions_of(key)}
    for code in ABOUT_THE_RESPONDENT[key]:
        values = [choice["value"] for choice in questions[code]["choices"]]
        assert "prefer_not_to_say" in values, code


@pytest.mark.parametrize("key", NEW_TEMPLATES)
def test_scales_are_symmetric_and_both_ends_of_0_to_10_are_labelled(key):
    for question in questions_of(key):
        if question["type"] in {"likert", "matrix"}:
            assert len(question["choices"]) % 2 == 1, question["code"]
        if question["type"] == "scale_0_10":
            assert question["config"]["min_label"] and question["config"]["max_label"]


@pytest.mark.parametrize("key", NEW_TEMPLATES)
def test_yes_or_no_questions_about_practice_offer_not_sure(key):
    for question in questions_of(key):
        values = [choice["value"] for choice in question["choices"]]
        assert question["type"] != "yes_no", question["code"]
        if {"yes", "no"} <= set(values):
            assert "not_sure" in values, question["code"]


@pytest.mark.parametrize("key", NEW_TEMPLATES)
def test_agree_disagree_batteries_have_statements_keyed_both_ways(key):
    """Each battery has as many statements against as for (the sources mark them + and -)."""
    batteries = [
        q
        for q in questions_of(key)
        if q["type"] == "matrix" and q["choices"][0]["label"] == "Strongly disagree"
    ]
    assert batteries
    source = (ROOT / "surveys" / "library" / "sources" / f"{key}.yaml").read_text()
    for battery in batteries:
        keyed = []
        for row in battery["config"]["rows"]:
            line = next(line for line in source.splitlines() if f"- {row['value']}:" in line)
            keyed.append(line.rstrip()[-1])
        assert sorted(keyed) == sorted("+-" * (len(keyed) // 2)), battery["code"]


NON_SUBSTANTIVE_LABELS = {"Prefer not to say", "Not sure", "Don’t know", "Don't know"}


@pytest.mark.parametrize("key", KEYS)
def test_every_prefer_not_to_say_or_not_sure_option_is_marked_non_substantive(key):
    """So exports store them as missing codes (SPSS -1…, Stata .d…), never as a scale's values."""
    offered = [
        (question["code"], choice)
        for question in questions_of(key)
        for choice in question.get("choices", [])
        if choice["label"] in NON_SUBSTANTIVE_LABELS
    ]

    assert offered
    assert [code for code, choice in offered if not choice.get("non_substantive")] == []
