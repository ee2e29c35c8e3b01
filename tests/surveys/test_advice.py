"""Publishing warns, without blocking, about what a methodologist would point out first: a page
of more than 7 questions, a required choice with no way to say "Prefer not to say", and a label
that already says "(optional)"."""

from __future__ import annotations

import pytest

from surveys.advice import instrument_warnings
from surveys.models import Survey
from surveys.schema import schema_from_drafts
from tests.support.surveys import draft_survey

pytestmark = pytest.mark.django_db

PREFER_NOT = ("prefer_not", "Prefer not to say", {"non_substantive": True})


def warnings_for(pages) -> list[str]:
    slug = f"advice-{Survey.objects.count()}"
    return instrument_warnings(schema_from_drafts(draft_survey(pages=pages, slug=slug)))


def test_a_page_of_more_than_seven_questions_is_flagged_and_seven_is_not():
    seven = [{"code": f"q{n}", "type": "short_text"} for n in range(7)]
    info = {"code": "note", "type": "info"}  # no answer: not counted
    assert warnings_for([{"title": "A", "questions": [*seven, info]}]) == []

    eight = [*seven, {"code": "q7", "type": "short_text"}]
    assert warnings_for([{"title": "A", "questions": eight}]) == [
        "Page 1 has 8 questions: pages of 7 or fewer are easier to answer and fewer people give up."
    ]


def test_a_required_choice_with_no_non_substantive_option_is_flagged():
    warnings = warnings_for(
        [
            {
                "title": "About you",
                "questions": [
                    {"code": "role", "type": "single_choice", "required": True,
                     "choices": ["police", "social_worker"]},
                    {"code": "area", "type": "single_choice", "required": True,
                     "choices": ["north", "south", PREFER_NOT]},
                    {"code": "agency", "type": "dropdown", "choices": ["la", "nhs"]},
                    {"code": "consent", "type": "consent", "required": True},
                ],
            }
        ]
    )  # fmt: skip

    assert warnings == [
        "Page 1, ${role}: a required question with no option like ‘Prefer not to say’ or "
        "‘Not sure’ forces a choice on people who have none."
    ]


def test_a_label_that_says_optional_is_flagged():
    warnings = warnings_for(
        [{"title": "A", "questions": [{"code": "notes", "type": "long_text",
                                       "label": "Anything else? (Optional)"}]}]
    )  # fmt: skip

    assert warnings == [
        "Page 1, ${notes}: the label says ‘(optional)’; respondent pages add it themselves to "
        "questions that are not required."
    ]
