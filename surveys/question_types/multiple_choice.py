"""Multiple choice: any number of options, as checkboxes.

Config: `min_selections`, `max_selections`. An option marked exclusive ("None of these",
"Prefer not to say") cannot be combined with others; an option marked other asks for text.
Stored as the list of chosen values in option order, plus `<code>.other` for the text.
"""

from __future__ import annotations

import random

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from surveys.question_types import register
from surveys.question_types.base import (
    AnswerInvalid,
    ExportColumn,
    FieldError,
    QuestionType,
)
from surveys.question_types.single_choice import (
    SAMPLE_OTHER_TEXT,
    other_column,
    other_text_field,
    other_text_message,
)


def _bound(question, name: str) -> int | None:
    value = question.config.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@register
class MultipleChoice(QuestionType):
    key = "multiple_choice"
    name = gettext_lazy("Multiple choice (checkboxes)")
    template_name = "checkboxes"
    logic_kind = "multi"
    uses_choices = True

    def config_errors(self, question):
        errors = super().config_errors(question)
        low, high = _bound(question, "min_selections"), _bound(question, "max_selections")
        for name in ("min_selections", "max_selections"):
            if name in question.config and _bound(question, name) is None:
                errors.append(_("%(name)s must be a whole number.") % {"name": name})
        if low is not None and high is not None and low > high:
            errors.append(_("min_selections cannot be more than max_selections."))
        if high is not None and high > len(question.choices):
            errors.append(_("max_selections is more than the number of options."))
        if low is not None and low > len(question.choices):
            errors.append(_("min_selections is more than the number of options."))
        if any(choice.value == "other_text" for choice in question.choices):
            errors.append(_("The option value ‘other_text’ is reserved for the text of ‘Other’."))
        return errors

    def fields(self, question):
        fields = {
            "": forms.MultipleChoiceField(
                required=False,
                choices=[(choice.value, choice.label) for choice in question.choices],
                error_messages={"invalid_choice": _("Select only the options listed")},
            )
        }
        if question.other_choice is not None:
            fields["other"] = other_text_field(question)
        return fields

    def initial(self, question, answers):
        initial = {}
        if answers.get(question.code):
            initial[""] = list(answers[question.code])
        if answers.get(f"{question.code}.other"):
            initial["other"] = answers[f"{question.code}.other"]
        return initial

    def to_answers(self, question, cleaned, *, enforce_required):
        chosen = set(cleaned.get("") or [])
        values = [choice.value for choice in question.choices if choice.value in chosen]
        if not values:
            if enforce_required and question.required:
                raise AnswerInvalid([FieldError("", self.required_message(question))])
            return {}
        self._check_exclusive(question, values)
        if enforce_required:
            self._check_counts(question, values)
        answers = {question.code: values}
        other = question.other_choice
        if other is not None and other.value in values:
            text = cleaned.get("other") or ""
            if not text and enforce_required:
                raise AnswerInvalid([FieldError("other", other_text_message(question, other))])
            if text:
                answers[f"{question.code}.other"] = text
        return answers

    def _check_exclusive(self, question, values):
        exclusive = [c for c in question.choices if c.exclusive and c.value in values]
        if exclusive and len(values) > 1:
            message = _("Select ‘%(option)s’ on its own, or other answers without it")
            raise AnswerInvalid([FieldError("", message % {"option": exclusive[0].label})])

    def _check_counts(self, question, values):
        low, high = _bound(question, "min_selections"), _bound(question, "max_selections")
        exclusive_only = any(c.exclusive and c.value in values for c in question.choices)
        if low is not None and len(values) < low and not exclusive_only:
            message = ngettext(
                "Select at least %(count)d answer",
                "Select at least %(count)d answers",
                low,
            )
            raise AnswerInvalid([FieldError("", message % {"count": low})])
        if high is not None and len(values) > high:
            message = ngettext(
                "Select no more than %(count)d answer",
                "Select no more than %(count)d answers",
                high,
            )
            raise AnswerInvalid([FieldError("", message % {"count": high})])

    def default_required_message(self, question):
        return _("Select at least one answer")

    def extra_hint(self, question):
        return _("Select all that apply.")

    def input_id(self, question, suffix=""):
        if suffix:
            return super().input_id(question, suffix)
        return f"id_{question.code}_1"

    def template_context(self, question, bound):
        current = bound[""].value() or []
        current = {str(value) for value in current}
        options = []
        for position, choice in enumerate(question.choices, start=1):
            options.append(
                {
                    "value": choice.value,
                    "label": choice.label,
                    "id": f"id_{question.code}_{position}",
                    "checked": choice.value in current,
                    "exclusive": choice.exclusive,
                    "other": choice.other,
                    # GOV.UK puts an "or" divider before an exclusive option at the end.
                    "divider_before": choice.exclusive and position > 1,
                }
            )
        return {"options": options}

    def display(self, question, answers):
        values = answers.get(question.code) or []
        labels = [question.choice_label(value) for value in values]
        other = answers.get(f"{question.code}.other")
        if other:
            other_choice = question.other_choice
            labels = [
                f"{label}: {other}" if other_choice and label == other_choice.label else label
                for label in labels
            ]
        return "\n".join(labels)

    def export_columns(self, question):
        columns = [
            ExportColumn(
                name=f"{question.code}_{choice.value}",
                label=f"{question.label}: {choice.label}",
                kind="numeric",
                measure="nominal",
                value_labels={0: _("Not selected"), 1: _("Selected")},
                minimum=0,
            )
            for choice in question.choices
        ]
        if question.other_choice is not None:
            columns.append(other_column(question))
        return columns

    def export_reader(self, question):
        """1 for each option chosen and 0 for the others; nothing at all when unanswered."""
        code, other = question.code, f"{question.code}.other"
        values = [choice.value for choice in question.choices]
        with_other = question.other_choice is not None
        unanswered = (None,) * len(values)
        seen: dict[tuple, tuple] = {}  # the few combinations people choose, worked out once

        def read(answers):
            chosen = answers.get(code)
            if chosen is None:
                selected = unanswered
            else:
                key = tuple(chosen)
                selected = seen.get(key)
                if selected is None:
                    picked = set(key)
                    selected = tuple([1 if value in picked else 0 for value in values])
                    if len(seen) < 10_000:
                        seen[key] = selected
            return (*selected, answers.get(other)) if with_other else selected

        return read

    def sample_answers(self, question, rng: random.Random):
        plain = [c for c in question.choices if not c.exclusive]
        exclusive = [c for c in question.choices if c.exclusive]
        if exclusive and (not plain or rng.random() < 0.1):
            return {question.code: [rng.choice(exclusive).value]}
        high = _bound(question, "max_selections") or len(plain)
        low = max(1, _bound(question, "min_selections") or 1)
        count = rng.randint(low, max(low, min(high, len(plain))))
        chosen = {c.value for c in rng.sample(plain, min(count, len(plain)))}
        values = [c.value for c in question.choices if c.value in chosen]
        answers = {question.code: values}
        other = question.other_choice
        if other is not None and other.value in values:
            answers[f"{question.code}.other"] = rng.choice(SAMPLE_OTHER_TEXT)
        return answers
