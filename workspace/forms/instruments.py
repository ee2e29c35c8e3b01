"""Forms for starting a survey from a file or a template."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from surveys.library import instrument_templates
from workspace.forms.base import GovukForm

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSFORM_SUFFIXES = (".xlsx", ".xls")
JSON_SUFFIXES = (".json",)


class InstrumentUploadForm(GovukForm):
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_(
            "An XLSForm workbook (.xlsx or .xls, as used by KoboToolbox and ODK) or a Candour "
            "JSON instrument (.json). Up to 5 MB."
        ),
        error_messages={
            "required": _("Select a file to upload"),
            "empty": _("The selected file is empty"),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(XLSFORM_SUFFIXES + JSON_SUFFIXES):
            raise forms.ValidationError(
                _("The selected file must be an XLSForm workbook (.xlsx, .xls) or a JSON file")
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The selected file must be smaller than %(size)s")
                % {"size": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        return upload

    @property
    def is_json(self) -> bool:
        return self.cleaned_data["file"].name.lower().endswith(JSON_SUFFIXES)


class TemplateChoiceForm(GovukForm):
    template = forms.ChoiceField(
        error_messages={
            "required": _("Select a template"),
            "invalid_choice": _("Select one of the templates"),
        }
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t.key, t.name) for t in instrument_templates()]
