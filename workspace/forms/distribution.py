"""The Distribute page's form: a batch of invitation codes."""

from __future__ import annotations

from crispy_forms.layout import Layout
from crispy_forms_gds.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from responses.models import Invitation
from surveys.distribution import MAX_CODES_PER_BATCH
from workspace.forms.base import GovukForm


class InvitationBatchForm(GovukForm):
    count = forms.IntegerField(
        label=_("How many codes"),
        min_value=1,
        max_value=MAX_CODES_PER_BATCH,
        help_text=_("One for each person you will invite. Each code can be used once."),
        error_messages={
            "required": _("Enter how many codes to create"),
            "invalid": _("Enter a whole number of codes, like 25"),
            "min_value": _("Create at least 1 code"),
            "max_value": _("Create at most %(limit_value)s codes at a time"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    batch = forms.CharField(
        label=_("Label for this batch (optional)"),
        max_length=Invitation._meta.get_field("batch").max_length,
        required=False,
        help_text=_(
            "To tell batches apart, such as “Northern region, March”. Never a person's name: "
            "everyone on the survey's team can see how many codes of a batch were used."
        ),
        error_messages={"max_length": _("The label must be %(limit_value)d characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("count", field_width=5), Field.text("batch"))

    def clean_batch(self):
        return " ".join(self.cleaned_data["batch"].split())
