"""Consent: a statement the respondent must agree to before going on (one checkbox).

Config: `agree_label` (default "I agree"). It is always required to continue; going back or
saving for later does not need it.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import ExportColumn, QuestionType


@register
class Consent(QuestionType):
    key = "consent"
    name = gettext_lazy("Consent")
    template_name = "consent"

    def is_required(self, question):
        return True

    def fields(self, question):
        return {"": forms.BooleanField(required=False)}

    def initial(self, question, answers):
        return {"": True} if answers.get(question.code) is True else {}

    def to_answers(self, question, cleaned, *, enforce_required):
        if cleaned.get(""):
            return {question.code: True}
        if enforce_required:
            raise self.required_error(question)
        return {}

    def default_required_message(self, question):
        agree = question.config.get("agree_label") or _("I agree")
        return _("Select ‘%(agree)s’ to continue") % {"agree": agree}

    def template_context(self, question, bound):
        return {"agree_label": question.config.get("agree_label") or _("I agree")}

    def display(self, question, answers):
        return _("Agreed") if answers.get(question.code) is True else ""

    def export_columns(self, question):
        return [
            ExportColumn(
                name=question.code,
                label=question.label,
                kind="numeric",
                measure="nominal",
                value_labels={1: _("Agreed")},
            )
        ]

    def export_reader(self, question):
        code = question.code
        return lambda answers: (1 if answers.get(code) is True else None,)

    def sample_answers(self, question, rng):
        return {question.code: True}
