"""The owner's dashboard setting: the small-number threshold."""

from __future__ import annotations

from crispy_forms.layout import Layout
from crispy_forms_gds.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import SMALL_COUNT_CEILING, SMALL_COUNT_FLOOR
from workspace.forms.base import GovukForm


class ThresholdForm(GovukForm):
    threshold = forms.IntegerField(
        label=_("Smallest number the dashboard shows"),
        min_value=SMALL_COUNT_FLOOR,
        max_value=SMALL_COUNT_CEILING,
        error_messages={
            "required": _("Enter the smallest number the dashboard shows"),
            "invalid": _("Enter a whole number, like 10"),
            "min_value": _("The number must be %(limit_value)s or more"),
            "max_value": _("The number must be %(limit_value)s or less"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("threshold", field_width=3))
        self.fields["threshold"].help_text = _(
            "Counts from 1 up to one less than this are shown as “fewer than” it. From "
            "%(floor)d to %(ceiling)d; 10 unless you change it."
        ) % {"floor": SMALL_COUNT_FLOOR, "ceiling": SMALL_COUNT_CEILING}
