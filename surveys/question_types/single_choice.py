"""Single choice: one option from a list, shown as radio buttons; optionally "Other (specify)"."""

from __future__ import annotations

import random
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import (
    AnswerInvalid,
    Answers,
    ExportColumn,
    FieldError,
    QuestionType,
    StoredAnswer,
    text_field,
    unquoted,
)
from surveys.schema import ChoiceSpec, QuestionSpec

OTHER_MAX_LENGTH = 300


class ChoiceQuestion(QuestionType):
    """Shared by every type whose answer is one value from a list of options."""

    logic_kind = "choice"
    uses_choices = True

    def options(self, question: QuestionSpec) -> tuple[ChoiceSpec, ...]:
        return question.choices

    def fields(self, question: QuestionSpec) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {
            "": forms.ChoiceField(
                required=False,
                choices=[(choice.value, choice.label) for choice in self.options(question)],
                error_messages={"invalid_choice": self.required_message(question)},
            )
        }
        if question.other_choice is not None:
            fields["other"] = other_text_field(question)
        return fields

    def initial(self, question: QuestionSpec, answers: Answers) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        if answers.get(question.code) is not None:
            initial[""] = str(answers[question.code])
        if answers.get(f"{question.code}.other"):
            initial["other"] = answers[f"{question.code}.other"]
        return initial

    def to_answers(self, question, cleaned, *, enforce_required):
        value = cleaned.get("") or ""
        if not value:
            if enforce_required and question.required:
                raise self.required_error(question)
            return {}
        answers: Answers = {question.code: self.stored_value(value)}
        other = question.other_choice
        if other is not None and value == other.value:
            text = cleaned.get("other") or ""
            if not text and enforce_required:
                raise AnswerInvalid([FieldError("other", other_text_message(question, other))])
            if text:
                answers[f"{question.code}.other"] = text
        return answers

    def stored_value(self, value: str) -> Any:
        return value

    inline = False

    def template_context(self, question, bound):
        current = bound[""].value()
        current = "" if current is None else str(current)
        return {
            "inline": self.inline,
            "options": [
                {
                    "value": choice.value,
                    "label": choice.label,
                    "id": f"id_{question.code}_{position}",
                    "checked": choice.value == current,
                    "other": choice.other,
                }
                for position, choice in enumerate(self.options(question), start=1)
            ],
        }

    def default_required_message(self, question: QuestionSpec) -> str:
        return _("Select an answer")

    def anchor_suffix(self, question):
        return ""

    def input_id(self, question, suffix=""):
        if suffix:
            return super().input_id(question, suffix)
        return f"id_{question.code}_1"

    def display(self, question, answers):
        value = answers.get(question.code)
        if value is None:
            return ""
        label = next((c.label for c in self.options(question) if c.value == str(value)), str(value))
        other = answers.get(f"{question.code}.other")
        return f"{label}: {other}" if other else label

    def export_columns(self, question):
        columns = [
            ExportColumn(
                name=question.code,
                label=question.label,
                kind="string",
                measure="nominal",
                value_labels={c.value: c.label for c in self.options(question)},
            )
        ]
        if question.other_choice is not None:
            columns.append(other_column(question))
        return columns

    def export_reader(self, question):
        code, other = question.code, f"{question.code}.other"
        if question.other_choice is None:
            return StoredAnswer(code)
        return lambda answers: (answers.get(code), answers.get(other))

    def sample_answers(self, question, rng: random.Random) -> Answers:
        choice = rng.choice(self.options(question))
        answers: Answers = {question.code: self.stored_value(choice.value)}
        if choice.other:
            answers[f"{question.code}.other"] = rng.choice(SAMPLE_OTHER_TEXT)
        return answers


SAMPLE_OTHER_TEXT = [
    "Early help team",
    "Independent reviewing officer",
    "Youth justice service",
    "Voluntary sector project worker",
]


def other_text_message(question: QuestionSpec, other: ChoiceSpec) -> str:
    return _("Enter what ‘%(other)s’ means for you") % {"other": unquoted(other.label)}


def other_text_field(question: QuestionSpec):
    message = _("Your answer to ‘%(other)s’ must be %(count)d characters or fewer")
    other = question.other_choice
    return text_field(
        OTHER_MAX_LENGTH,
        message % {"other": unquoted(other.label if other else ""), "count": OTHER_MAX_LENGTH},
    )


def other_column(question: QuestionSpec) -> ExportColumn:
    return ExportColumn(
        name=f"{question.code}_other_text",
        label=f"{question.label} (other, specified)",
        kind="string",
        measure="nominal",
        free_text=True,
    )


@register
class SingleChoice(ChoiceQuestion):
    key = "single_choice"
    name = gettext_lazy("Single choice (radio buttons)")
    template_name = "radios"
