"""Rating (Likert) scale: one point of a labelled scale, e.g. Strongly disagree … Strongly agree.

The options are the scale points; their values must be whole numbers (1, 2, 3 …) so that the
answer is stored as a number and exported as an ordinal variable with value labels.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import ExportColumn, StoredAnswer
from surveys.question_types.grid import Point, grid_context, single_row
from surveys.question_types.single_choice import ChoiceQuestion


def is_whole_number(value: str) -> bool:
    return value.lstrip("-").isdigit()


@register
class Likert(ChoiceQuestion):
    key = "likert"
    name = gettext_lazy("Rating scale (Likert)")
    template_name = "scale_grid"
    logic_kind = "number"

    def config_errors(self, question):
        errors = super().config_errors(question)
        if any(not is_whole_number(choice.value) for choice in question.choices):
            errors.append(_("Scale point values must be whole numbers, like 1 to 5."))
        if any(choice.other for choice in question.choices):
            errors.append(_("A rating scale cannot have an ‘Other’ option."))
        return errors

    def stored_value(self, value):
        return int(value)

    def template_context(self, question, bound):
        points = [Point(c.value, c.label, apart=c.non_substantive) for c in question.choices]
        return grid_context(points, [single_row(bound[""])], statements=False)

    def export_columns(self, question):
        return [
            ExportColumn(
                name=question.code,
                label=question.label,
                kind="numeric",
                measure="ordinal",
                value_labels={int(c.value): c.label for c in question.choices},
            )
        ]

    def export_reader(self, question):
        return StoredAnswer(question.code)
