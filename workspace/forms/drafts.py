"""Forms for draft pages, questions (with every setting of their type) and options."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from surveys.builder.question_settings import settings_for
from surveys.models import CODE_PATTERN, Choice, Question
from surveys.question_types import get_question_type, question_types
from surveys.question_types.base import CHOICE_VALUE
from workspace.forms.base import GovukForm

CONDITION_HINT = _(
    "Optional. In XLSForm syntax, for example ${role} = 'police' "
    "or selected(${agencies}, 'health')."
)


class ConditionField(forms.CharField):
    def __init__(self, label):
        super().__init__(
            label=label,
            required=False,
            help_text=CONDITION_HINT,
            widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false"}),
        )


class PageDraftForm(GovukForm):
    title = forms.CharField(
        label=_("Page title"), max_length=200, error_messages={"required": _("Enter a page title")}
    )
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        help_text=_("Optional text shown under the title."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    relevant = ConditionField(_("Show this page only if"))

    def __init__(self, *args, condition_check, **kwargs):
        super().__init__(*args, **kwargs)
        self.condition_check = condition_check

    def clean_relevant(self):
        source = self.cleaned_data["relevant"].strip()
        problems = self.condition_check(source)
        if problems:
            raise forms.ValidationError(
                [_("Show if: %(problem)s") % {"problem": p} for p in problems]
            )
        return source


def type_choices():
    return [(kind.key, kind.name) for kind in question_types()]


class QuestionTypeForm(GovukForm):
    type = forms.ChoiceField(
        label=_("Type of question"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a type of question")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = type_choices()


ROWS_LINE = re.compile(r"^\s*([^|]+?)\s*\|\s*(.+?)\s*$")


def rows_to_text(rows) -> str:
    if not isinstance(rows, list):
        return ""
    return "\n".join(
        f"{row.get('value', '')} | {row.get('label', '')}" for row in rows if isinstance(row, dict)
    )


class QuestionDraftForm(GovukForm):
    """A question's common fields, then the settings of its type (named `setting_<key>`)."""

    code = forms.CharField(
        label=_("Variable name"),
        max_length=64,
        help_text=_(
            "The column name in exports: lowercase letters, digits and underscores, "
            "like years_in_role."
        ),
        validators=[
            RegexValidator(
                CODE_PATTERN,
                _("Use lowercase letters, digits and underscores, starting with a letter"),
            )
        ],
        error_messages={"required": _("Enter a variable name")},
    )
    label = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Enter the question")},
    )
    hint = forms.CharField(
        label=_("Hint"),
        required=False,
        help_text=_("Optional guidance shown under the question."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=_("Respondents must answer this question"), required=False)
    page = forms.ModelChoiceField(label=_("Page"), queryset=None, empty_label=None)
    relevant = ConditionField(_("Show this question only if"))

    def __init__(self, *args, type_key, survey, question=None, condition_check, **kwargs):
        super().__init__(*args, **kwargs)
        self.type_key = type_key
        self.survey = survey
        self.question = question
        self.condition_check = condition_check
        self.settings = settings_for(type_key)
        pages = survey.pages.order_by("position")
        numbers = {page.pk: number for number, page in enumerate(pages, start=1)}
        self.fields["page"].queryset = pages
        self.fields["page"].label_from_instance = lambda page: f"{numbers[page.pk]}. {page.title}"
        if not get_question_type(type_key).has_answer:
            del self.fields["required"]
        if question is not None:
            self.fields["type"] = forms.ChoiceField(
                label=_("Type of question"),
                choices=type_choices(),
                initial=question.type,
                help_text=_(
                    "A new type keeps the settings both types share, and drops the options "
                    "if it has none. Save, then check its settings."
                ),
            )
        config = question.config if question is not None else {}
        for setting in self.settings:
            self.fields[f"setting_{setting.key}"] = self._setting_field(setting, config)

    def _setting_field(self, setting, config) -> forms.Field:
        value = config.get(setting.key)
        common = {"label": setting.label, "help_text": setting.hint, "required": False}
        if setting.kind == "integer":
            return forms.IntegerField(
                min_value=setting.minimum,
                max_value=setting.maximum,
                initial=value,
                **common,
                error_messages={"invalid": _("Enter a whole number")},
            )
        if setting.kind == "number":
            return forms.DecimalField(
                initial=value, **common, error_messages={"invalid": _("Enter a number")}
            )
        if setting.kind == "rows":
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 5}), initial=rows_to_text(value), **common
            )
        return forms.CharField(initial=value, max_length=300, **common)

    def clean_code(self):
        code = self.cleaned_data["code"]
        others = Question.objects.filter(page__survey=self.survey, code=code)
        if self.question is not None:
            others = others.exclude(pk=self.question.pk)
        if others.exists():
            raise forms.ValidationError(_("Another question already uses this variable name"))
        return code

    def clean_relevant(self):
        source = self.cleaned_data["relevant"].strip()
        code = self.data.get(self.add_prefix("code"), "")
        problems = self.condition_check(source, self.data.get(self.add_prefix("page")), code)
        if problems:
            raise forms.ValidationError(
                [_("Show if: %(problem)s") % {"problem": p} for p in problems]
            )
        return source

    def clean(self):
        data = super().clean()
        for setting in self.settings:
            name = f"setting_{setting.key}"
            if name in data and setting.kind == "date":
                self._check_date(name, data[name])
            if name in data and setting.kind == "rows":
                data[name] = self._rows(name, data[name])
        low, high = data.get("setting_min"), data.get("setting_max")
        if low is not None and high is not None and not isinstance(low, str) and low > high:
            self.add_error("setting_max", _("The highest answer cannot be below the lowest"))
        return data

    def _check_date(self, name, value):
        if value and value != "today":
            try:
                date.fromisoformat(value)
            except ValueError:
                self.add_error(name, _("Enter a date as 2024-01-31, or the word today"))

    def _rows(self, name, text):
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            match = ROWS_LINE.match(line)
            if match is None:
                self.add_error(
                    name, _("Line %(number)d: write code | statement") % {"number": number}
                )
                continue
            rows.append({"value": match.group(1), "label": match.group(2)})
        return rows

    def config(self) -> dict:
        """The type's settings as Question.config (empty settings are left out)."""
        config = {}
        for setting in self.settings:
            value = self.cleaned_data.get(f"setting_{setting.key}")
            if value in (None, "", []):
                continue
            if setting.kind == "number":
                value = int(value) if value == value.to_integral_value() else float(value)
            config[setting.key] = value
        return config


class ChoiceDraftForm(GovukForm):
    label = forms.CharField(
        label=_("Option"), max_length=300, error_messages={"required": _("Enter the option's text")}
    )
    value = forms.CharField(
        label=_("Value stored"),
        max_length=64,
        help_text=_(
            "Letters, digits or underscores, like 1 or social_worker. "
            "Conditions and exports use it."
        ),
        error_messages={"required": _("Enter the value stored")},
    )
    exclusive = forms.BooleanField(
        label=_("Cannot be combined with other options (like None of these)"), required=False
    )
    is_other = forms.BooleanField(label=_("Asks the respondent to specify (Other)"), required=False)
    non_substantive = forms.BooleanField(
        label=_("Not a point of the scale (like Prefer not to say, Not sure, Not applicable)"),
        help_text=_("Exports code it as a missing value, not as an answer on the scale."),
        required=False,
    )

    def __init__(self, *args, question: Question, choice: Choice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.choice = choice

    def clean_value(self):
        value = self.cleaned_data["value"].strip()
        if not CHOICE_VALUE.match(value):
            raise forms.ValidationError(_("Use only letters, digits and underscores"))
        others = self.question.choices.filter(value=value)
        if self.choice is not None:
            others = others.exclude(pk=self.choice.pk)
        if others.exists():
            raise forms.ValidationError(_("Another option of this question stores this value"))
        return value
