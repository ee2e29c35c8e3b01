"""Date, as the GOV.UK day / month / year boxes. Config: `min`, `max` ("YYYY-MM-DD" or "today").

Stored as an ISO date string, "2024-03-01", which conditions compare as text in date order.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone
from django.utils.dateformat import format as format_date
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

PARTS = ("day", "month", "year")
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip


def limit(question, name: str) -> date | None:
    value = question.config.get(name)
    if value == "today":
        return timezone.localdate()
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def human_date(value: date) -> str:
    return format_date(value, "j F Y")


def _number(text: str, *, month: bool = False) -> int | None:
    text = text.strip().lower()
    if month and text in MONTH_NAMES:
        return MONTH_NAMES[text]
    return int(text) if text.isascii() and text.isdigit() else None


@register
class DateQuestion(QuestionType):
    key = "date"
    name = gettext_lazy("Date")
    template_name = "date"
    logic_kind = "date"
    errors_shown_together = True

    def config_errors(self, question):
        errors = super().config_errors(question)
        for name in ("min", "max"):
            if name in question.config and limit(question, name) is None:
                errors.append(
                    _("%(name)s must be a date written as YYYY-MM-DD, or ‘today’.") % {"name": name}
                )
        low, high = limit(question, "min"), limit(question, "max")
        if low and high and low > high:
            errors.append(_("min cannot be after max."))
        return errors

    def fields(self, question):
        message = _("Enter a real date")
        return {part: text_field(9 if part == "month" else 4, message) for part in PARTS}

    def answer_keys(self, question):
        return {question.code}

    def initial(self, question, answers):
        value = answers.get(question.code)
        if not value:
            return {}
        parsed = date.fromisoformat(value)
        return {"day": str(parsed.day), "month": str(parsed.month), "year": str(parsed.year)}

    def to_answers(self, question, cleaned, *, enforce_required):
        raw = {part: (cleaned.get(part) or "") for part in PARTS}
        if not any(raw.values()):
            if enforce_required and question.required:
                raise AnswerInvalid([FieldError("day", self.required_message(question))])
            return {}
        missing = [part for part in PARTS if not raw[part]]
        if missing:
            message = {
                "day": _("The date must include a day"),
                "month": _("The date must include a month"),
                "year": _("The date must include a year"),
            }[missing[0]]
            raise AnswerInvalid([FieldError(missing[0], message)])
        day, month, year = (
            _number(raw["day"]),
            _number(raw["month"], month=True),
            _number(raw["year"]),
        )
        if year is not None and len(raw["year"].strip()) != 4:
            raise AnswerInvalid([FieldError("year", _("Year must include 4 numbers, like 2019"))])
        try:
            value = date(year, month, day)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise AnswerInvalid([FieldError("day", _("Enter a real date"))]) from None
        self._check_range(question, value)
        return {question.code: value.isoformat()}

    def _check_range(self, question, value: date) -> None:
        low, high = limit(question, "min"), limit(question, "max")
        if low and value < low:
            message = _("The date must be the same as or after %(date)s")
            raise AnswerInvalid([FieldError("day", message % {"date": human_date(low)})])
        if high and value > high:
            if question.config.get("max") == "today":
                message = _("The date must be today or in the past")
            else:
                message = _("The date must be the same as or before %(date)s") % {
                    "date": human_date(high),
                }
            raise AnswerInvalid([FieldError("day", message)])

    def default_required_message(self, question):
        return _("Enter a date")

    def anchor_suffix(self, question):
        return "day"

    def extra_hint(self, question):
        return _("For example, 27 3 2019")

    def template_context(self, question, bound):
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        # An error about the date as a whole (not real, out of range) highlights every box.
        whole_date_wrong = bool(bound["day"].errors) and all(bound[p].value() for p in PARTS)
        return {
            "parts": [
                {
                    "field": bound[part],
                    "label": labels[part],
                    "width": 4 if part == "year" else 2,
                    "error": whole_date_wrong or bool(bound[part].errors),
                }
                for part in PARTS
            ]
        }

    def display(self, question, answers):
        value = answers.get(question.code)
        return human_date(date.fromisoformat(value)) if value else ""

    def export_columns(self, question):
        return [
            ExportColumn(name=question.code, label=question.label, kind="date", measure="scale")
        ]

    def export_reader(self, question):
        """The ISO date as stored ("2019-03-01"); each writer makes it a date of its own."""
        return StoredAnswer(question.code)

    def sample_answers(self, question, rng: random.Random):
        low, high = limit(question, "min"), limit(question, "max")
        if high is None:
            high = max(timezone.localdate(), low or timezone.localdate())
        if low is None:
            low = high - timedelta(days=3650)
        return {
            question.code: (low + timedelta(days=rng.randint(0, (high - low).days))).isoformat()
        }
