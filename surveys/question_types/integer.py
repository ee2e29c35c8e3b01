"""Whole number, e.g. years in role. Config: `min`, `max`, `unit` (shown after the box)."""

from __future__ import annotations

import random
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import (
    AnswerInvalid,
    ExportColumn,
    FieldError,
    QuestionType,
    StoredAnswer,
    text_field,
)

NUMBER_INPUT_LENGTH = 30
GROUPING = re.compile(r"(?<=\d)[, ](?=\d{3}\b)", re.ASCII)
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$", re.ASCII)
# Larger numbers lose precision in a browser's (and a spreadsheet's) arithmetic.
LARGEST = Decimal(10) ** 15


def _limit(question, name):
    value = question.config.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Decimal(str(value))


class NumberQuestion(QuestionType):
    logic_kind = "number"
    is_group = False
    template_name = "input"
    input_mode = "numeric"

    def config_errors(self, question):
        errors = super().config_errors(question)
        for name in ("min", "max"):
            if name in question.config and _limit(question, name) is None:
                errors.append(_("%(name)s must be a number.") % {"name": name})
        low, high = _limit(question, "min"), _limit(question, "max")
        if low is not None and high is not None and low > high:
            errors.append(_("min cannot be more than max."))
        if "unit" in question.config and not isinstance(question.config["unit"], str):
            errors.append(_("unit must be text, like ‘years’."))
        return errors

    def fields(self, question):
        return {"": text_field(NUMBER_INPUT_LENGTH, self.format_message(question))}

    def initial(self, question, answers):
        value = answers.get(question.code)
        return {} if value is None else {"": format_number(value)}

    def parse(self, question, text: str) -> Decimal:
        """Plain digits only (no exponents like 1e9, no infinity), below 10^15 in size."""
        cleaned = GROUPING.sub("", text.strip())
        if not PLAIN_NUMBER.match(cleaned):
            raise AnswerInvalid([FieldError("", self.format_message(question))])
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise AnswerInvalid([FieldError("", self.format_message(question))]) from None
        if abs(number) >= LARGEST:
            message = _("Enter a number less than 1,000,000,000,000,000")
            raise AnswerInvalid([FieldError("", message)])
        return number

    def to_answers(self, question, cleaned, *, enforce_required):
        text = cleaned.get("") or ""
        if not text:
            if enforce_required and question.required:
                raise self.required_error(question)
            return {}
        number = self.parse(question, text)
        self.check_range(question, number)
        return {question.code: self.stored(question, number)}

    def check_range(self, question, number: Decimal) -> None:
        low, high = _limit(question, "min"), _limit(question, "max")
        if (low is not None and number < low) or (high is not None and number > high):
            if low is not None and high is not None:
                message = _("Enter a number from %(min)s to %(max)s")
            elif low is not None:
                message = _("Enter a number of %(min)s or more")
            else:
                message = _("Enter a number of %(max)s or less")
            values = {"min": format_number(low), "max": format_number(high)}
            raise AnswerInvalid([FieldError("", message % values)])

    def default_required_message(self, question):
        return _("Enter a number")

    def template_context(self, question, bound):
        return {"unit": question.config.get("unit", ""), "input_mode": self.input_mode}

    def display(self, question, answers):
        value = answers.get(question.code)
        if value is None:
            return ""
        unit = question.config.get("unit", "")
        return f"{format_number(value)} {unit}".strip()

    def export_columns(self, question):
        low = _limit(question, "min")
        return [
            ExportColumn(
                name=question.code,
                label=question.label,
                kind="numeric",
                measure="scale",
                minimum=None if low is None else float(low),
            )
        ]

    def export_reader(self, question):
        return StoredAnswer(question.code)


def sample_range(question, *, span: int) -> tuple[Decimal, Decimal]:
    """A range of plausible answers inside the question's limits."""
    low, high = _limit(question, "min"), _limit(question, "max")
    if low is None:
        low = min(Decimal(0), high) if high is not None else Decimal(0)
    if high is None:
        high = low + span
    return low, min(high, low + span)


def format_number(value) -> str:
    if value is None:
        return ""
    number = Decimal(str(value))
    text = (
        format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")
    )
    return text


@register
class Integer(NumberQuestion):
    key = "integer"
    name = gettext_lazy("Whole number")

    def format_message(self, question):
        return _("Enter a whole number, like 12")

    def stored(self, question, number):
        if number != number.to_integral_value():
            raise AnswerInvalid([FieldError("", self.format_message(question))])
        return int(number)

    def sample_answers(self, question, rng: random.Random):
        low, high = sample_range(question, span=30)
        return {question.code: rng.randint(int(low), int(high))}
