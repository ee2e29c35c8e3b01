"""Decimal number, e.g. hours per week. Config: `min`, `max`, `unit`, `decimal_places` (2)."""

from __future__ import annotations

import random

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from surveys.question_types import register
from surveys.question_types.base import AnswerInvalid, FieldError
from surveys.question_types.integer import NumberQuestion, sample_range

DEFAULT_PLACES = 2


def places(question) -> int:
    value = question.config.get("decimal_places", DEFAULT_PLACES)
    return value if isinstance(value, int) and not isinstance(value, bool) else DEFAULT_PLACES


@register
class DecimalNumber(NumberQuestion):
    key = "decimal"
    name = gettext_lazy("Decimal number")
    input_mode = "decimal"

    def config_errors(self, question):
        errors = super().config_errors(question)
        value = question.config.get("decimal_places", DEFAULT_PLACES)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 6:
            errors.append(_("decimal_places must be a whole number from 0 to 6."))
        return errors

    def format_message(self, question):
        return _("Enter a number, like 7.5")

    def stored(self, question, number):
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places(question):
            message = ngettext(
                "Enter a number with no more than %(count)d decimal place",
                "Enter a number with no more than %(count)d decimal places",
                places(question),
            )
            raise AnswerInvalid([FieldError("", message % {"count": places(question)})])
        return int(number) if number == number.to_integral_value() else float(number)

    def sample_answers(self, question, rng: random.Random):
        low, high = sample_range(question, span=40)
        value = round(rng.uniform(float(low), float(high)), min(places(question), 1))
        return {question.code: min(max(value, float(low)), float(high))}
