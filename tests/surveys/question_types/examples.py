"""Example questions of every type, and helpers that send answers the way the journey does:
raw form data bound to the type's own Django fields, then turned into stored answers."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.http import QueryDict

from surveys.question_types import (
    AnswerInvalid,
    FieldError,
    field_name,
)
from surveys.schema import ChoiceSpec, QuestionSpec


def option(value: str, label: str = "", *, exclusive: bool = False, other: bool = False):
    return ChoiceSpec(value, label or value.capitalize(), exclusive=exclusive, other=other)


AGENCIES = (
    option("social_care", "Children's social care"),
    option("police", "Police"),
    option("health", "Health"),
    option("other", "Other", other=True),
)
EXPLOITATION = (
    option("criminal", "Criminal exploitation"),
    option("sexual", "Sexual exploitation"),
    option("online", "Online grooming"),
    option("other", "Other", other=True),
    option("none", "None of these", exclusive=True),
)
AGREEMENT = tuple(
    option(str(point), label)
    for point, label in enumerate(
        ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"], start=1
    )
)
FREQUENCY = tuple(
    option(str(point), label)
    for point, label in enumerate(["Never", "Sometimes", "Often", "Always"], start=1)
)
ACTIVITIES = [
    {"value": "supervision", "label": "Discuss cases in supervision"},
    {"value": "strategy", "label": "Attend strategy meetings"},
]
PRIORITIES = (
    option("training", "More training"),
    option("time", "More time with families"),
    option("sharing", "Better information sharing"),
)

# One plausible question of every type, as a researcher would set it up.
EXAMPLES: dict[str, dict[str, Any]] = {
    "single_choice": {
        "code": "agency",
        "label": "Which agency do you work for?",
        "choices": AGENCIES,
    },
    "dropdown": {
        "code": "region",
        "label": "Which region do you work in?",
        "choices": (option("north_east", "North East"), option("london", "London")),
    },
    "multiple_choice": {
        "code": "seen",
        "label": "Which kinds of exploitation have you seen?",
        "choices": EXPLOITATION,
    },
    "likert": {
        "code": "confident",
        "label": "I feel confident recognising exploitation",
        "choices": AGREEMENT,
    },
    "matrix": {
        "code": "practice",
        "label": "How often do you do the following?",
        "config": {"rows": ACTIVITIES},
        "choices": FREQUENCY,
    },
    "yes_no": {"code": "trained", "label": "Have you had safeguarding training this year?"},
    "short_text": {"code": "job_title", "label": "What is your job title?"},
    "long_text": {"code": "helps", "label": "What would help you most?"},
    "integer": {
        "code": "years",
        "label": "Years in safeguarding",
        "config": {"min": 0, "max": 60, "unit": "years"},
    },
    "decimal": {
        "code": "hours",
        "label": "Hours of supervision a month",
        "config": {"min": 0, "max": 100, "unit": "hours"},
    },
    "date": {
        "code": "qualified",
        "label": "When did you qualify?",
        "config": {"min": "1970-01-01", "max": "today"},
    },
    "scale_0_10": {
        "code": "supported",
        "label": "How supported do you feel?",
        "config": {"min_label": "Not at all", "max_label": "Completely"},
    },
    "ranking": {"code": "priorities", "label": "Rank these priorities", "choices": PRIORITIES},
    "consent": {"code": "consent", "label": "I agree to take part in this study"},
    "info": {"code": "about", "label": "About your role"},
}
ANSWERABLE = [key for key in EXAMPLES if key not in ("info", "consent")]


def question(type_key: str, **overrides) -> QuestionSpec:
    """The example question of a type, with some of its settings changed."""
    fields = {"required": False, "config": {}, "choices": ()} | EXAMPLES[type_key] | overrides
    return QuestionSpec(
        code=fields["code"],
        type=type_key,
        label=fields["label"],
        page_index=0,
        required=fields["required"],
        config=fields["config"],
        choices=tuple(fields["choices"]),
    )


def store(q: QuestionSpec, data: dict[str, Any], *, enforce_required: bool = True) -> dict:
    """What is stored when a respondent sends `data` (values by field suffix) for `q`.

    Raises AnswerInvalid with the messages the respondent would see, whether the form field or
    the question type found the problem.
    """
    posted = QueryDict(mutable=True)
    for suffix, value in data.items():
        posted.setlist(field_name(q, suffix), value if isinstance(value, list) else [value])
    form = forms.Form(data=posted)
    kind_fields = q.kind.fields(q)
    for suffix, field in kind_fields.items():
        form.fields[field_name(q, suffix)] = field
    if not form.is_valid():
        raise AnswerInvalid(
            [
                FieldError(suffix, message)
                for suffix in kind_fields
                for message in form.errors.get(field_name(q, suffix), [])
            ]
        )
    cleaned = {suffix: form.cleaned_data[field_name(q, suffix)] for suffix in kind_fields}
    return q.kind.to_answers(q, cleaned, enforce_required=enforce_required)


def answer(q: QuestionSpec, value: Any = None, /, **parts: Any) -> dict:
    """Store a main value and/or named parts ("other", "day", a row or an item)."""
    data = {"": value} if value is not None else {}
    return store(q, data | parts)


def messages(q: QuestionSpec, value: Any = None, /, **parts: Any) -> dict[str, str]:
    """The messages, by field suffix, a respondent sees after sending these values."""
    with pytest.raises(AnswerInvalid) as caught:
        answer(q, value, **parts)
    return {error.suffix: error.message for error in caught.value.errors}


def resend(q: QuestionSpec, answers: dict) -> dict:
    """What is stored when the page is shown filled in from `answers` and sent back unchanged."""
    data = {}
    for suffix, value in q.kind.initial(q, answers).items():
        if value is True:
            data[suffix] = "on"
        elif isinstance(value, list):
            data[suffix] = [str(item) for item in value]
        else:
            data[suffix] = str(value)
    return store(q, data)
