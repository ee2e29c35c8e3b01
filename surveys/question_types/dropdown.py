"""Dropdown: one option from a long list, shown as a select box."""

from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.single_choice import ChoiceQuestion


@register
class Dropdown(ChoiceQuestion):
    key = "dropdown"
    name = gettext_lazy("Dropdown")
    template_name = "select"
    is_group = False

    def input_id(self, question, suffix=""):
        return f"id_{question.code}" if not suffix else f"id_{question.code}-{suffix}"
