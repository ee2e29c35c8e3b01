"""Ranking: put the options in order, 1 being the most important.

Each option has a dropdown of ranks, which works with a keyboard and without JavaScript.
Stored as the list of option values from rank 1 down. Either every option is ranked or, when the
question is optional, none.
"""

from __future__ import annotations

import random

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import (
    AnswerInvalid,
    ExportColumn,
    FieldError,
    QuestionType,
    unquoted,
)


@register
class Ranking(QuestionType):
    key = "ranking"
    name = gettext_lazy("Ranking")
    template_name = "ranking"
    uses_choices = True

    def config_errors(self, question):
        errors = super().config_errors(question)
        if len(question.choices) < 2:
            errors.append(_("A ranking needs at least two options."))
        if any(choice.other or choice.exclusive for choice in question.choices):
            errors.append(_("Ranking options cannot be ‘Other’ or exclusive."))
        return errors

    def fields(self, question):
        ranks = [("", _("Select a rank"))] + [
            (str(rank), str(rank)) for rank in range(1, len(question.choices) + 1)
        ]
        return {
            choice.value: forms.TypedChoiceField(
                required=False,
                coerce=int,
                empty_value=None,
                choices=ranks,
                error_messages={"invalid_choice": self._item_message(question, choice.label)},
            )
            for choice in question.choices
        }

    def answer_keys(self, question):
        return {question.code}

    def initial(self, question, answers):
        order = answers.get(question.code) or []
        return {value: str(rank) for rank, value in enumerate(order, start=1)}

    def to_answers(self, question, cleaned, *, enforce_required):
        ranks = {c.value: cleaned.get(c.value) for c in question.choices}
        unranked = [c for c in question.choices if ranks[c.value] is None]
        if len(unranked) == len(question.choices):
            if enforce_required and question.required:
                raise AnswerInvalid(
                    [FieldError(unranked[0].value, self.required_message(question))]
                )
            return {}
        if unranked:
            raise AnswerInvalid(
                [FieldError(c.value, self._item_message(question, c.label)) for c in unranked]
            )
        errors = []
        seen: dict[int, str] = {}
        for choice in question.choices:
            rank = ranks[choice.value]
            if rank in seen:
                message = _("Give ‘%(a)s’ and ‘%(b)s’ different ranks: each rank can be used once")
                errors.append(
                    FieldError(choice.value, message % {"a": seen[rank], "b": choice.label})
                )
            seen.setdefault(rank, choice.label)
        if errors:
            raise AnswerInvalid(errors)
        order = sorted(question.choices, key=lambda c: ranks[c.value])
        return {question.code: [choice.value for choice in order]}

    def _item_message(self, question, label) -> str:
        return _("Select a rank for ‘%(item)s’") % {"item": unquoted(label)}

    def default_required_message(self, question):
        return _("Give every option a rank")

    def extra_hint(self, question):
        return _("Give each option a different rank, 1 being the most important.")

    def anchor_suffix(self, question):
        return question.choices[0].value if question.choices else ""

    def template_context(self, question, bound):
        return {
            "items": [
                {
                    "label": choice.label,
                    "field": bound[choice.value],
                    "options": [
                        {
                            "value": value,
                            "label": label,
                            "selected": value == str(bound[choice.value].value() or ""),
                        }
                        for value, label in bound[choice.value].field.choices
                    ],
                }
                for choice in question.choices
            ]
        }

    def display(self, question, answers):
        order = answers.get(question.code) or []
        return "\n".join(
            f"{rank}. {question.choice_label(value)}" for rank, value in enumerate(order, 1)
        )

    def export_columns(self, question):
        return [
            ExportColumn(
                name=f"{question.code}_{choice.value}",
                label=f"{question.label}: rank of {choice.label}",
                kind="numeric",
                measure="ordinal",
                minimum=1,
            )
            for choice in question.choices
        ]

    def export_reader(self, question):
        """Each option's rank (1 is first); nothing for an option left out of the order."""
        code, values = question.code, [choice.value for choice in question.choices]
        unanswered = (None,) * len(values)

        def read(answers):
            order = answers.get(code)
            if not order:
                return unanswered
            ranks = {value: rank for rank, value in enumerate(order, start=1)}
            return tuple([ranks.get(value) for value in values])

        return read

    def sample_answers(self, question, rng: random.Random):
        values = [choice.value for choice in question.choices]
        rng.shuffle(values)
        return {question.code: values}
