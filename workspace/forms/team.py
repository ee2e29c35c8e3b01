"""Forms for the team page and for publishing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import SurveyMembership
from workspace.forms.base import GovukForm

Role = SurveyMembership.Role


ROLE_HINTS = {
    Role.OWNER: _("Everything, including the team and deleting the survey"),
    Role.EDITOR: _("Builds, previews, publishes, opens and closes the survey"),
    Role.ANALYST: _("Responses and exports"),
    Role.VIEWER: _("The survey's summary and dashboard only"),
}


class RoleField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Role"),
            choices=[(role.value, f"{role.label} – {ROLE_HINTS[role]}") for role in Role],
            widget=forms.RadioSelect,
            error_messages={"required": _("Select a role")},
            **kwargs,
        )


class ColleagueAddForm(GovukForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Someone without an account gets an invitation to sign up."),
        error_messages={
            "required": _("Enter an email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    role = RoleField()


class RoleChangeForm(GovukForm):
    role = RoleField()


class PublishForm(GovukForm):
    accept = forms.BooleanField(
        label=_("I understand: publish anyway"),
        required=False,
    )
