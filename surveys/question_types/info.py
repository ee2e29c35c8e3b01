"""Information text: a heading and explanation between questions. It has no answer."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.question_types import register
from surveys.question_types.base import QuestionType


@register
class Information(QuestionType):
    key = "info"
    name = gettext_lazy("Information text (no answer)")
    template_name = "info"
    has_answer = False
    is_group = False

    def config_errors(self, question):
        errors = super().config_errors(question)
        if question.required:
            errors.append(_("Information text has no answer, so it cannot be required."))
        return errors

    def to_answers(self, question, cleaned, *, enforce_required):
        return {}

    def display(self, question, answers):
        return ""
