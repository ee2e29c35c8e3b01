"""Matrix: several statements (rows) rated on one shared scale, one answer per row.

Config: `rows`, a list of {"value": "row_code", "label": "Statement"}. The options are the scale;
an option marked non-substantive ("Don't know", "Not applicable") is a column apart from it.
Each row is its own radio group, laid out by the scale grid (surveys.question_types.grid): a
table on a wide screen, stacked one point per line on a narrow one. Stored as
{"row_code": scale value, …}; whole-number scale values are stored as numbers.
"""

from __future__ import annotations

import random
import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import (
    AnswerInvalid,
    ExportColumn,
    FieldError,
    QuestionType,
    custom_message,
    unquoted,
)
from surveys.question_types.grid import Point, grid_context
from surveys.question_types.likert import is_whole_number

ROW_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def rows(question) -> list[dict]:
    value = question.config.get("rows")
    return value if isinstance(value, list) else []


def numeric_scale(question) -> bool:
    return bool(question.choices) and all(is_whole_number(c.value) for c in question.choices)


@register
class Matrix(QuestionType):
    key = "matrix"
    name = gettext_lazy("Matrix (statements × one scale)")
    template_name = "scale_grid"
    uses_choices = True

    def config_errors(self, question):
        errors = super().config_errors(question)
        row_list = rows(question)
        if not row_list:
            errors.append(_("Add at least one row (config ‘rows’: value and label)."))
        seen = set()
        for row in row_list:
            value = row.get("value") if isinstance(row, dict) else None
            if not isinstance(value, str) or not ROW_CODE.match(value):
                errors.append(
                    _("Row value %(value)r must be a lowercase code like ‘recognise’.")
                    % {"value": value}
                )
                continue
            if value in seen:
                errors.append(_("Row value ‘%(value)s’ is used twice.") % {"value": value})
            seen.add(value)
            if not str(row.get("label", "")).strip():
                errors.append(_("Row ‘%(value)s’ needs a label.") % {"value": value})
        if any(choice.other or choice.exclusive for choice in question.choices):
            errors.append(_("A matrix scale cannot have ‘Other’ or exclusive options."))
        return errors

    def breaking_changes(self, old, new):
        changes = super().breaking_changes(old, new)
        removed = {row["value"] for row in rows(old)} - {row["value"] for row in rows(new)}
        if removed:
            changes.append(
                _("${%(code)s} loses statements %(values)s that existing answers may use.")
                % {"code": new.code, "values": ", ".join(sorted(removed))}
            )
        return changes

    def fields(self, question):
        choices = [(choice.value, choice.label) for choice in question.choices]
        return {
            row["value"]: forms.ChoiceField(
                required=False,
                choices=choices,
                error_messages={"invalid_choice": self._row_message(question, row)},
            )
            for row in rows(question)
        }

    def answer_keys(self, question):
        return {question.code}

    def initial(self, question, answers):
        stored = answers.get(question.code) or {}
        return {row: str(value) for row, value in stored.items()}

    def to_answers(self, question, cleaned, *, enforce_required):
        answered = {}
        missing = []
        for row in rows(question):
            value = cleaned.get(row["value"]) or ""
            if value:
                answered[row["value"]] = int(value) if numeric_scale(question) else value
            else:
                missing.append(row)
        if enforce_required and question.required and missing:
            raise AnswerInvalid(
                [FieldError(row["value"], self._row_message(question, row)) for row in missing]
            )
        return {question.code: answered} if answered else {}

    def _row_message(self, question, row) -> str:
        """Each unanswered statement says so: in the researcher's words, or naming it (whole:
        statements are short)."""
        statement = unquoted(str(row.get("label", row.get("value"))))
        return custom_message(question) or _("Select an answer for ‘%(row)s’") % {"row": statement}

    def default_required_message(self, question):
        return _("Select an answer for every statement")

    def anchor_suffix(self, question):
        first = rows(question)[:1]
        return first[0]["value"] if first else ""

    def input_id(self, question, suffix=""):
        return f"id_{question.code}-{suffix}_1"

    def template_context(self, question, bound):
        points = [Point(c.value, c.label, apart=c.non_substantive) for c in question.choices]
        row_views = []
        for row in rows(question):
            field = bound[row["value"]]
            row_views.append(
                {
                    "value": row["value"],
                    "label": row["label"],
                    "name": field.html_name,
                    "current": "" if field.value() is None else str(field.value()),
                    "errors": list(field.errors),
                    "error_id": f"{field.html_name}-error",
                }
            )
        return grid_context(points, row_views, statements=True)

    def display(self, question, answers):
        stored = answers.get(question.code) or {}
        lines = []
        for row in rows(question):
            if row["value"] in stored:
                lines.append(f"{row['label']}: {question.choice_label(str(stored[row['value']]))}")
        return "\n".join(lines)

    def export_columns(self, question):
        numeric = numeric_scale(question)
        labels = {(int(c.value) if numeric else c.value): c.label for c in question.choices}
        return [
            ExportColumn(
                name=f"{question.code}_{row['value']}",
                label=f"{question.label}: {row['label']}",
                kind="numeric" if numeric else "string",
                measure="ordinal" if numeric else "nominal",
                value_labels=labels,
            )
            for row in rows(question)
        ]

    def export_reader(self, question):
        code, statements = question.code, [row["value"] for row in rows(question)]
        unanswered = (None,) * len(statements)

        def read(answers):
            stored = answers.get(code)
            if not stored:
                return unanswered
            return tuple([stored.get(statement) for statement in statements])

        return read

    def sample_answers(self, question, rng: random.Random):
        numeric = numeric_scale(question)
        centre = rng.randrange(len(question.choices))
        answered = {}
        for row in rows(question):
            index = min(len(question.choices) - 1, max(0, centre + rng.choice([-1, 0, 0, 1])))
            value = question.choices[index].value
            answered[row["value"]] = int(value) if numeric else value
        return {question.code: answered}
