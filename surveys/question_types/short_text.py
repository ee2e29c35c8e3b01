"""Short text: one line, e.g. a job title. Config: `max_length` (default 200, at most 500)."""

from __future__ import annotations

import random

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import ExportColumn, QuestionType, StoredAnswer, text_field

SAMPLE_TEXT = [
    "Senior practitioner",
    "Team manager",
    "Designated safeguarding lead",
    "Detective constable",
    "School nurse",
]


class TextQuestion(QuestionType):
    logic_kind = "text"
    is_group = False
    default_max_length = 200
    largest_max_length = 500

    def max_length(self, question) -> int:
        value = question.config.get("max_length", self.default_max_length)
        return (
            value
            if isinstance(value, int) and not isinstance(value, bool)
            else self.default_max_length
        )

    def config_errors(self, question):
        errors = super().config_errors(question)
        value = question.config.get("max_length", self.default_max_length)
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not 1 <= value <= self.largest_max_length
        ):
            errors.append(
                _("max_length must be a whole number from 1 to %(largest)d.")
                % {"largest": self.largest_max_length}
            )
        return errors

    def fields(self, question):
        message = _("Your answer must be %(count)d characters or fewer") % {
            "count": self.max_length(question),
        }
        return {"": text_field(self.max_length(question), message)}

    def template_context(self, question, bound):
        return {"max_length": self.max_length(question)}

    def to_answers(self, question, cleaned, *, enforce_required):
        text = cleaned.get("") or ""
        if not text:
            if enforce_required and question.required:
                raise self.required_error(question)
            return {}
        return {question.code: text}

    def default_required_message(self, question):
        return _("Enter an answer")

    def export_columns(self, question):
        return [
            ExportColumn(
                name=question.code,
                label=question.label,
                kind="string",
                measure="nominal",
                free_text=True,
            )
        ]

    def export_reader(self, question):
        return StoredAnswer(question.code)

    def sample_answers(self, question, rng: random.Random):
        return {question.code: self.fit(question, rng.choice(SAMPLE_TEXT))}

    def fit(self, question, text: str) -> str:
        return text[: self.max_length(question)].strip()


@register
class ShortText(TextQuestion):
    key = "short_text"
    name = gettext_lazy("Short text")
    template_name = "input"
