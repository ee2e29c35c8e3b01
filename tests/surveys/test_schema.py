"""The published document: built from the draft rows, loaded back as an Instrument, checksummed."""

from __future__ import annotations

import copy
import json
from dataclasses import asdict

import pytest

from surveys.logic import parse
from surveys.models import Choice, Page, Question
from surveys.schema import (
    ChoiceSpec,
    Instrument,
    instrument_for_version,
    instrument_from_schema,
    schema_checksum,
    schema_from_drafts,
)
from surveys.services import survey_publish
from tests.support.surveys import draft_survey

DOCUMENT = {
    "format": 1,
    "title": "Exploitation in practice",
    "pages": [
        {
            "title": "About you",
            "intro": "A few questions about your role.",
            "relevant": "",
            "questions": [
                {
                    "code": "agency",
                    "type": "single_choice",
                    "label": "Which agency do you work for?",
                    "hint": "Your main employer",
                    "required": True,
                    "relevant": "",
                    "config": {},
                    "choices": [
                        {"value": "police", "label": "Police", "exclusive": False, "other": False},
                        {"value": "health", "label": "Health", "exclusive": False, "other": False},
                        {"value": "other", "label": "Other", "exclusive": False, "other": True},
                    ],
                },
                {
                    "code": "years",
                    "type": "integer",
                    "label": "Years in safeguarding",
                    "hint": "",
                    "required": False,
                    "relevant": "",
                    "config": {"min": 0, "max": 60, "unit": "years"},
                    "choices": [],
                },
            ],
        },
        {
            "title": "Police work",
            "intro": "",
            "relevant": "${agency} = 'police'",
            "questions": [
                {
                    "code": "seen",
                    "type": "multiple_choice",
                    "label": "What have you seen?",
                    "hint": "",
                    "required": False,
                    "relevant": "${years} >= 2",
                    "config": {"max_selections": 2},
                    "choices": [
                        {"value": "online", "label": "Online", "exclusive": False, "other": False},
                        {"value": "none", "label": "None", "exclusive": True, "other": False},
                    ],
                }
            ],
        },
    ],
}


def choice_as_written(choice) -> dict:
    """A choice as a document holds it: `non_substantive` only when true."""
    written = asdict(choice)
    if not written["non_substantive"]:
        del written["non_substantive"]
    return written


def document_of(instrument: Instrument) -> dict:
    """Write an instrument back out as a document, independently of the code under test."""
    return {
        "format": 1,
        "title": instrument.title,
        "pages": [
            {
                "title": page.title,
                "intro": page.intro,
                "relevant": page.relevant,
                "questions": [
                    {
                        "code": q.code,
                        "type": q.type,
                        "label": q.label,
                        "hint": q.hint,
                        "required": q.required,
                        "relevant": q.relevant,
                        "config": q.config,
                        "choices": [choice_as_written(choice) for choice in q.choices],
                    }
                    for q in page.questions
                ],
            }
            for page in instrument.pages
        ],
    }


# --- loading ------------------------------------------------------------------------------------


def test_loading_a_document_keeps_everything_in_it():
    assert document_of(instrument_from_schema(DOCUMENT)) == DOCUMENT


def test_a_loaded_instrument_knows_its_questions_by_code_and_in_order():
    instrument = instrument_from_schema(DOCUMENT)

    assert [q.code for q in instrument.questions()] == ["agency", "years", "seen"]
    assert instrument.question("years").config["unit"] == "years"
    assert instrument.question("missing") is None


def test_a_loaded_instrument_knows_where_each_question_is():
    instrument = instrument_from_schema(DOCUMENT)

    assert [page.index for page in instrument.pages] == [0, 1]
    assert [page.number for page in instrument.pages] == [1, 2]
    assert instrument.question("seen").page_index == 1


def test_a_loaded_instrument_has_its_conditions_parsed():
    instrument = instrument_from_schema(DOCUMENT)

    assert instrument.pages[0].relevant_ast is None
    assert instrument.pages[1].relevant_ast == parse("${agency} = 'police'")
    assert instrument.question("seen").relevant_ast == parse("${years} >= 2")
    assert instrument.question("agency").relevant_ast is None


def test_a_loaded_instrument_has_its_options_in_order():
    agency = instrument_from_schema(DOCUMENT).question("agency")

    assert agency.choices == (
        ChoiceSpec("police", "Police"),
        ChoiceSpec("health", "Health"),
        ChoiceSpec("other", "Other", other=True),
    )
    assert agency.other_choice == ChoiceSpec("other", "Other", other=True)


def test_optional_parts_of_a_document_may_be_left_out():
    minimal = {
        "pages": [
            {"title": "One", "questions": [{"code": "a", "type": "short_text", "label": "A"}]}
        ]
    }

    question = instrument_from_schema(minimal).question("a")

    assert (question.hint, question.required, question.relevant, question.config) == (
        "",
        False,
        "",
        {},
    )
    assert question.choices == ()


@pytest.mark.django_db
def test_a_version_is_loaded_with_its_own_document():
    survey = draft_survey(pages=[{"title": "One", "questions": [{"code": "a", "type": "yes_no"}]}])
    version = survey_publish(survey=survey).version

    instrument = instrument_for_version(version)

    assert document_of(instrument) == version.schema
    assert instrument_for_version(version) is instrument


# --- building from drafts -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_document_follows_the_positions_of_pages_questions_and_options():
    survey = draft_survey(pages=[], title="Ordering")
    second = Page.objects.create(survey=survey, position=2, title="Second")
    first = Page.objects.create(survey=survey, position=1, title="First")
    for position, code in [(3, "c"), (1, "a"), (2, "b")]:
        Question.objects.create(
            page=first, position=position, code=code, type="short_text", label=code
        )
    ranked = Question.objects.create(page=second, position=0, code="d", type="ranking", label="D")
    for position, value in [(2, "z"), (0, "x"), (1, "y")]:
        Choice.objects.create(question=ranked, position=position, value=value, label=value)

    document = schema_from_drafts(survey)

    assert [page["title"] for page in document["pages"]] == ["First", "Second"]
    assert [q["code"] for q in document["pages"][0]["questions"]] == ["a", "b", "c"]
    assert [c["value"] for c in document["pages"][1]["questions"][0]["choices"]] == ["x", "y", "z"]


@pytest.mark.django_db
def test_the_document_holds_every_detail_of_the_drafts():
    survey = draft_survey(
        title="Exploitation in practice",
        pages=[
            {
                "title": "About you",
                "intro": "Intro",
                "relevant": "  ",
                "questions": [
                    {
                        "code": "agency",
                        "type": "single_choice",
                        "label": "Which agency?",
                        "hint": "Main employer",
                        "required": True,
                        "relevant": "",
                        "choices": [
                            "police",
                            ("other", "Other", {"other": True}),
                            ("none", "None", {"exclusive": True}),
                        ],
                    },
                    {
                        "code": "unit",
                        "type": "short_text",
                        "relevant": "  ${agency} = 'police' ",
                        "config": {"max_length": 40},
                    },
                ],
            }
        ],
    )

    assert schema_from_drafts(survey) == {
        "format": 1,
        "title": "Exploitation in practice",
        "pages": [
            {
                "title": "About you",
                "intro": "Intro",
                "relevant": "",
                "questions": [
                    {
                        "code": "agency",
                        "type": "single_choice",
                        "label": "Which agency?",
                        "hint": "Main employer",
                        "required": True,
                        "relevant": "",
                        "config": {},
                        "choices": [
                            {
                                "value": "police",
                                "label": "Police",
                                "exclusive": False,
                                "other": False,
                            },
                            {"value": "other", "label": "Other", "exclusive": False, "other": True},
                            {"value": "none", "label": "None", "exclusive": True, "other": False},
                        ],
                    },
                    {
                        "code": "unit",
                        "type": "short_text",
                        "label": "Unit",
                        "hint": "",
                        "required": False,
                        "relevant": "${agency} = 'police'",
                        "config": {"max_length": 40},
                        "choices": [],
                    },
                ],
            }
        ],
    }


@pytest.mark.django_db
def test_a_document_built_from_drafts_loads_back_unchanged():
    survey = draft_survey(
        pages=[
            {"title": "One", "questions": [{"code": "a", "type": "yes_no", "required": True}]},
            {
                "title": "Two",
                "relevant": "${a} = 'yes'",
                "questions": [{"code": "b", "type": "likert", "choices": ["1", "2", "3"]}],
            },
        ]
    )
    document = schema_from_drafts(survey)

    assert document_of(instrument_from_schema(document)) == document


# --- checksums ----------------------------------------------------------------------------------


def changed(edit) -> dict:
    document = copy.deepcopy(DOCUMENT)
    edit(document)
    return document


def first_question(document: dict) -> dict:
    return document["pages"][0]["questions"][0]


EDITS = {
    "survey title": lambda d: d.update(title="Another title"),
    "page title": lambda d: d["pages"][0].update(title="About your role"),
    "page intro": lambda d: d["pages"][0].update(intro=""),
    "page condition": lambda d: d["pages"][1].update(relevant="${agency} = 'health'"),
    "page order": lambda d: d["pages"].reverse(),
    "question code": lambda d: first_question(d).update(code="employer"),
    "question type": lambda d: first_question(d).update(type="dropdown"),
    "question label": lambda d: first_question(d).update(label="Who employs you?"),
    "question hint": lambda d: first_question(d).update(hint=""),
    "required": lambda d: first_question(d).update(required=False),
    "question condition": lambda d: d["pages"][1]["questions"][0].update(relevant=""),
    "config": lambda d: d["pages"][0]["questions"][1]["config"].update(max=70),
    "question order": lambda d: d["pages"][0]["questions"].reverse(),
    "option label": lambda d: first_question(d)["choices"][0].update(label="The police"),
    "option value": lambda d: first_question(d)["choices"][0].update(value="constabulary"),
    "option order": lambda d: first_question(d)["choices"].reverse(),
    "exclusive option": lambda d: first_question(d)["choices"][1].update(exclusive=True),
    "other option": lambda d: first_question(d)["choices"][2].update(other=False),
    "removed option": lambda d: first_question(d)["choices"].pop(),
    "removed question": lambda d: d["pages"][0]["questions"].pop(),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_the_checksum_changes_when_anything_in_the_document_changes(edit):
    assert schema_checksum(changed(edit)) != schema_checksum(DOCUMENT)


def test_the_checksum_is_the_same_for_the_same_content():
    reordered_keys = json.loads(json.dumps(DOCUMENT, sort_keys=True))
    reversed_keys = {key: DOCUMENT[key] for key in reversed(list(DOCUMENT))}

    assert schema_checksum(copy.deepcopy(DOCUMENT)) == schema_checksum(DOCUMENT)
    assert schema_checksum(reordered_keys) == schema_checksum(DOCUMENT)
    assert schema_checksum(reversed_keys) == schema_checksum(DOCUMENT)


@pytest.mark.django_db
def test_the_same_drafts_always_give_the_same_checksum():
    pages = [{"title": "One", "questions": [{"code": "a", "type": "yes_no"}]}]
    survey = draft_survey(pages=pages)

    assert schema_checksum(schema_from_drafts(survey)) == schema_checksum(
        schema_from_drafts(survey)
    )


@pytest.mark.django_db
def test_the_checksum_of_drafts_changes_with_an_edit_and_back_again():
    survey = draft_survey(pages=[{"title": "One", "questions": [{"code": "a", "type": "yes_no"}]}])
    original = schema_checksum(schema_from_drafts(survey))

    Question.objects.filter(page__survey=survey).update(hint="Think of the last year")
    edited = schema_checksum(schema_from_drafts(survey))
    Question.objects.filter(page__survey=survey).update(hint="")

    assert edited != original
    assert schema_checksum(schema_from_drafts(survey)) == original


def test_a_non_substantive_choice_keeps_its_mark_and_older_documents_load_without_one():
    document = json.loads(json.dumps(DOCUMENT))
    choices = document["pages"][0]["questions"][0]["choices"]
    choices[-1]["non_substantive"] = True

    loaded = instrument_from_schema(document)

    first = loaded.pages[0].questions[0]
    assert [c.non_substantive for c in first.choices] == [False] * (len(choices) - 1) + [True]
    assert document_of(loaded) == document
