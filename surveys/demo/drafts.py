"""The demo instrument's shape as plain data, and the one function that writes it as draft rows.

The content lives in `surveys.demo.instrument`; keeping it as frozen dataclasses (not model
instances) means it can be read, reviewed and tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from surveys.models import Choice, Page, Question, Survey


@dataclass(frozen=True)
class ChoiceDraft:
    value: str
    label: str
    exclusive: bool = False
    is_other: bool = False


@dataclass(frozen=True)
class QuestionDraft:
    code: str
    type: str
    label: str
    hint: str = ""
    required: bool = False
    relevant: str = ""
    config: dict[str, Any] = field(default_factory=dict, hash=False)
    choices: tuple[ChoiceDraft, ...] = ()


@dataclass(frozen=True)
class PageDraft:
    title: str
    questions: tuple[QuestionDraft, ...]
    intro: str = ""
    relevant: str = ""


OTHER = ChoiceDraft("other", "Other (please specify)", is_other=True)
NONE_OF_THESE = ChoiceDraft("none", "None of these", exclusive=True)
PREFER_NOT_TO_SAY = ChoiceDraft("prefer_not_to_say", "Prefer not to say", exclusive=True)


def options(*pairs: tuple[str, str]) -> tuple[ChoiceDraft, ...]:
    """Plain options from (value, label) pairs."""
    return tuple(ChoiceDraft(value, label) for value, label in pairs)


def scale(*labels: str) -> tuple[ChoiceDraft, ...]:
    """Scale points valued "1", "2" … in the order given, as likert and matrix questions need."""
    return tuple(ChoiceDraft(str(number), label) for number, label in enumerate(labels, start=1))


AGREE_SCALE = scale(
    "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"
)


def drafts_save(*, survey: Survey, pages: tuple[PageDraft, ...]) -> None:
    """Write the pages, questions and options as the survey's draft rows, in order."""
    choices = []
    for page_position, page_draft in enumerate(pages, start=1):
        page = Page.objects.create(
            survey=survey,
            position=page_position,
            title=page_draft.title,
            intro=page_draft.intro,
            relevant=page_draft.relevant,
        )
        for position, draft in enumerate(page_draft.questions, start=1):
            question = Question.objects.create(
                page=page,
                position=position,
                code=draft.code,
                type=draft.type,
                label=draft.label,
                hint=draft.hint,
                required=draft.required,
                config=dict(draft.config),
                relevant=draft.relevant,
            )
            choices.extend(
                Choice(
                    question=question,
                    position=choice_position,
                    value=choice.value,
                    label=choice.label,
                    exclusive=choice.exclusive,
                    is_other=choice.is_other,
                )
                for choice_position, choice in enumerate(draft.choices, start=1)
            )
    Choice.objects.bulk_create(choices)
