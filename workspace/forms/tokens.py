"""The form that makes a personal API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import Scope
from workspace.forms.base import GovukForm

LIFETIMES = [(30, _("30 days")), (90, _("90 days")), (180, _("180 days")), (365, _("1 year"))]


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What it is for, like ‘R analysis script’ or ‘Paper questionnaires’"),
        error_messages={"required": _("Enter a name for the token")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What it may do"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your role on each survey still decides which surveys it reaches."),
        error_messages={"required": _("Select at least one thing the token may do")},
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=LIFETIMES,
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select when the token expires")},
    )
