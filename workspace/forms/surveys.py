"""Forms for a survey as a whole: create, settings, delete."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.branding import LOGO_MAX_BYTES, LogoRefused, logo_from_upload
from surveys.models import Survey
from workspace.forms.base import GovukForm


class SurveyCreateForm(GovukForm):
    BLANK, CLONE = "blank", "clone"
    start = forms.ChoiceField(
        label=_("How do you want to start?"),
        choices=[(BLANK, _("A blank survey")), (CLONE, _("A copy of one of your surveys"))],
        widget=forms.RadioSelect,
        initial=BLANK,
        error_messages={"required": _("Select how you want to start")},
    )
    source = forms.ModelChoiceField(
        label=_("Survey to copy"),
        help_text=_(
            "Its settings, pages, questions and options are copied; its responses and team are not."
        ),
        queryset=Survey.objects.none(),
        required=False,
        empty_label=_("Select a survey"),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("Respondents see it at the top of every page."),
        error_messages={"required": _("Enter a title")},
    )
    organisation = forms.CharField(
        label=_("Organisation running the study"),
        max_length=200,
        required=False,
        help_text=_("Not needed for a copy: it keeps the original's."),
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources

    def clean(self):
        data = super().clean()
        if data.get("start") == self.CLONE and not data.get("source"):
            self.add_error("source", _("Select the survey to copy"))
        if data.get("start") == self.BLANK and not data.get("organisation", "").strip():
            self.add_error("organisation", _("Enter the organisation running the study"))
        return data


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SurveySettingsForm(forms.ModelForm):
    logo = forms.FileField(
        label=_("Organisation logo (optional)"),
        required=False,
        help_text=_(
            "A PNG image of up to %(size)d KB, shown beside the organisation's name on every "
            "respondent page."
        )
        % {"size": LOGO_MAX_BYTES // 1024},
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Survey
        fields = [
            "title",
            "slug",
            "description",
            "organisation",
            "contact_details",
            "data_controller",
            "lawful_basis",
            "withdraw_by",
            "retention_period",
            "regulator",
            "content_note",
            "support_information",
            "privacy_extra",
            "estimated_minutes",
            "submit_time_precision",
            "allow_save_and_resume",
            "show_check_answers",
            "invitation_only",
            "followup_enabled",
            "followup_prompt",
            "opens_at",
            "closes_at",
            "response_limit",
            "grace_period_hours",
        ]
        labels = {
            "slug": _("Address"),
            "description": _("Description"),
            "organisation": _("Organisation running the study"),
            "contact_details": _("Contact details"),
            "data_controller": _("Data controller"),
            "lawful_basis": _("Lawful basis for using the answers"),
            "withdraw_by": _("Last day to withdraw answers"),
            "retention_period": _("How long answers are kept"),
            "regulator": _("Where respondents can complain"),
            "content_note": _("Content note"),
            "support_information": _("Support for respondents"),
            "privacy_extra": _("More about privacy"),
            "estimated_minutes": _("Minutes it takes to answer"),
            "submit_time_precision": _("How precisely submission times are stored"),
            "allow_save_and_resume": _("Respondents can save and continue later"),
            "show_check_answers": _("Show a check-your-answers page before submitting"),
            "invitation_only": _("Only people with an invitation code can answer"),
            "followup_enabled": _("Offer a separate form to volunteer for an interview"),
            "followup_prompt": _("What the volunteering form says"),
            "opens_at": _("Opens at"),
            "closes_at": _("Closes at"),
            "response_limit": _("Response limit"),
            "grace_period_hours": _("Grace period after closing, in hours"),
        }
        help_texts = {
            "slug": _(
                "The survey's link is /s/ followed by this. Lowercase letters, digits and hyphens."
            ),
            "submit_time_precision": _("Coarser times protect respondents in small teams."),
            "data_controller": _(
                "The organisation legally responsible for the answers. The privacy notice names it."
            ),
            "lawful_basis": _(
                "In plain words, for example: a task in the public interest (UK GDPR article "
                "6(1)(e)), for research."
            ),
            "withdraw_by": _(
                "Optional. After this day the answers are analysed and can no longer be withdrawn."
            ),
            "retention_period": _("For example: until the study ends in March 2028, then deleted."),
            "regulator": _(
                "Leave empty for the UK Information Commissioner's Office (ico.org.uk, 0303 123 "
                "1113)."
            ),
            "content_note": _(
                "Shown on the start page: which difficult subjects the questions touch on."
            ),
            "support_information": _(
                "Independent, confidential services respondents can contact, one per line. Shown "
                "on the start page, at the foot of every page and after submitting."
            ),
            "opens_at": _("Optional. Respondents cannot start before this."),
            "closes_at": _("Optional. No one can start after this."),
        }
        widgets = {
            "submit_time_precision": forms.RadioSelect,
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "contact_details": forms.Textarea(attrs={"rows": 3}),
            "lawful_basis": forms.Textarea(attrs={"rows": 3}),
            "withdraw_by": forms.DateInput(attrs={"type": "date"}),
            "regulator": forms.Textarea(attrs={"rows": 2}),
            "content_note": forms.Textarea(attrs={"rows": 3}),
            "support_information": forms.Textarea(attrs={"rows": 4}),
            "privacy_extra": forms.Textarea(attrs={"rows": 4}),
            "followup_prompt": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.fields["title"].error_messages["required"] = _("Enter a title")
        self.fields["organisation"].error_messages["required"] = _(
            "Enter the organisation running the study"
        )
        self.fields["slug"].error_messages["required"] = _("Enter the survey's address")
        if self.instance.current_version_id is not None:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _(
                "Published surveys keep their address: links already sent must keep working."
            )

    error_links = GovukForm.error_links

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        try:
            return logo_from_upload(upload)
        except LogoRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None

    def setting_values(self) -> dict:
        """The settings to save: every field of the form, and the logo only when changed."""
        values = {name: self.cleaned_data[name] for name in self._meta.fields}
        if self.cleaned_data.get("remove_logo"):
            values["organisation_logo"] = b""
        elif self.cleaned_data.get("logo"):
            values["organisation_logo"] = self.cleaned_data["logo"]
        return values

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The closing time must be after the opening time"))
        return data


class SurveyDeleteForm(GovukForm):
    confirm = forms.CharField(
        label=_("Type the survey's address to confirm"),
        error_messages={"required": _("Type the survey's address to confirm")},
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["confirm"].help_text = survey.slug

    def clean_confirm(self):
        if self.cleaned_data["confirm"].strip() != self.survey.slug:
            raise forms.ValidationError(_("Type the address exactly as shown"))
        return self.cleaned_data["confirm"]
