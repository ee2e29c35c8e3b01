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
    non_substantive: bool = False


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
PREFER_NOT_TO_SAY = ChoiceDraft(
    "prefer_not_to_say", "Prefer not to say", exclusive=True, non_substantive=True
)
NOT_SURE = ChoiceDraft("not_sure", "Not sure", non_substantive=True)
# The missing-value point of a numbered scale: whole-numbered like the scale, but not on it.
DONT_KNOW_POINT = ChoiceDraft("9", "Don’t know", non_substantive=True)
PREFER_NOT_POINT = ChoiceDraft("9", "Prefer not to say", non_substantive=True)


def options(*pairs: tuple[str, str]) -> tuple[ChoiceDraft, ...]:
    """Plain options from (value, label) pairs."""
    return tuple(ChoiceDraft(value, label) for value, label in pairs)


def scale(*labels: str) -> tuple[ChoiceDraft, ...]:
    """Scale points valued "1", "2" … in the order given, as likert and matrix questions need."""
    return tuple(ChoiceDraft(str(number), label) for number, label in enumerate(labels, start=1))


AGREE_SCALE = scale(
    "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"
)
# Unipolar scales with the standard labels: not at all, slightly, moderately, very, extremely.


def unipolar(adjective: str) -> tuple[ChoiceDraft, ...]:
    return scale(
        f"Not at all {adjective}",
        f"Slightly {adjective}",
        f"Moderately {adjective}",
        f"Very {adjective}",
        f"Extremely {adjective}",
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
                    non_substantive=choice.non_substantive,
                )
                for choice_position, choice in enumerate(draft.choices, start=1)
            )
    Choice.objects.bulk_create(choices)
