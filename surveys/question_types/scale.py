"""0–10 scale: eleven radio buttons in a row (the scale grid), 0 and 10 labelled beside their
points. Config: `min_label`, `max_label` for 0 and 10."""

from __future__ import annotations

import random

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import ExportColumn, QuestionType, StoredAnswer
from surveys.question_types.grid import Point, grid_context, single_row

POINTS = range(0, 11)


@register
class ZeroToTen(QuestionType):
    key = "scale_0_10"
    name = gettext_lazy("0–10 scale")
    template_name = "scale_grid"
    logic_kind = "number"

    def config_errors(self, question):
        errors = super().config_errors(question)
        for name in ("min_label", "max_label"):
            if name in question.config and not isinstance(question.config[name], str):
                errors.append(_("%(name)s must be text.") % {"name": name})
        return errors

    def fields(self, question):
        return {
            "": forms.TypedChoiceField(
                required=False,
                coerce=int,
                empty_value=None,
                choices=[(str(point), str(point)) for point in POINTS],
                error_messages={"invalid_choice": self.required_message(question)},
            )
        }

    def initial(self, question, answers):
        value = answers.get(question.code)
        return {} if value is None else {"": str(value)}

    def to_answers(self, question, cleaned, *, enforce_required):
        value = cleaned.get("")
        if value is None:
            if enforce_required and question.required:
                raise self.required_error(question)
            return {}
        return {question.code: value}

    def default_required_message(self, question):
        return _("Select a number from 0 to 10")

    def extra_hint(self, question):
        low, high = question.config.get("min_label"), question.config.get("max_label")
        if low and high:
            return _("0 means ‘%(low)s’ and 10 means ‘%(high)s’.") % {"low": low, "high": high}
        return ""

    def input_id(self, question, suffix=""):
        return f"id_{question.code}_1"

    def template_context(self, question, bound):
        notes = {0: question.config.get("min_label", ""), 10: question.config.get("max_label", "")}
        points = [Point(str(point), str(point), note=notes.get(point, "")) for point in POINTS]
        return grid_context(points, [single_row(bound[""])], statements=False)

    def display(self, question, answers):
        value = answers.get(question.code)
        return "" if value is None else str(value)

    def export_columns(self, question):
        labels = {}
        if question.config.get("min_label"):
            labels[0] = question.config["min_label"]
        if question.config.get("max_label"):
            labels[10] = question.config["max_label"]
        return [
            ExportColumn(
                name=question.code,
                label=question.label,
                kind="numeric",
                measure="scale",
                value_labels=labels,
                minimum=0,
            )
        ]

    def export_reader(self, question):
        return StoredAnswer(question.code)

    def sample_answers(self, question, rng: random.Random):
        return {question.code: max(0, min(10, round(rng.gauss(6, 2))))}
