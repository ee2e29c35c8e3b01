"""Yes / no: two radio buttons side by side. Stored as "yes" or "no"."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import StoredAnswer
from surveys.question_types.single_choice import ChoiceQuestion
from surveys.schema import ChoiceSpec


@register
class YesNo(ChoiceQuestion):
    key = "yes_no"
    name = gettext_lazy("Yes or no")
    template_name = "radios"
    uses_choices = False
    inline = True

    def options(self, question):
        return (ChoiceSpec("yes", _("Yes")), ChoiceSpec("no", _("No")))

    def export_columns(self, question):
        column = super().export_columns(question)[0]
        return [column]

    def export_reader(self, question):
        return StoredAnswer(question.code)
