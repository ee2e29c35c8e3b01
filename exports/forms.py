"""Forms of the export pages: what to export, schedules, and the survey's release profile."""

from __future__ import annotations

from crispy_forms.layout import Layout
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from exports.options import ExportOptions, OptionsInvalid

FORMAT_CHOICES = [
    ("csv", _("CSV (opens in Excel, R, Python and anything else)")),
    ("xlsx", _("Excel workbook (.xlsx)")),
    ("sav", _("SPSS (.sav) with variable and value labels")),
    ("dta", _("Stata (.dta) with variable and value labels")),
    ("jsonl", _("JSON Lines (one response per line)")),
]
VALUE_CHOICES = [
    ("codes", _("Codes, like ‘police’ (labels are in the codebook)")),
    ("labels", _("Labels, like ‘Police officer or police staff’")),
]
INCOMPLETE_CHOICES = [
    ("exclude", _("Leave them out")),
    ("include", _("Include them, with a status column")),
    ("flag", _("Include them and flag them")),
]
SPEEDER_CHOICES = [
    ("flag", _("Flag them")),
    ("drop", _("Leave them out")),
    ("off", _("Do not check")),
]
STRAIGHTLINE_CHOICES = [
    ("flag", _("Flag them")),
    ("drop", _("Leave them out")),
    ("off", _("Do not check")),
]
DATE_CHOICES = [
    ("month", _("Month only, like 2027-03")),
    ("date", _("Date, like 2027-03-14 (at most as precise as the survey keeps)")),
    ("none", _("Leave dates out")),
]


class ErrorLinksMixin:
    """(element id, message) pairs for the GOV.UK error summary; a group links its first input."""

    grouped: tuple[str, ...] = ()

    def error_links(self) -> list[tuple[str, str]]:
        links = []
        for field in self:
            target = f"{field.auto_id}_1" if field.name in self.grouped else field.auto_id
            links.extend((target, message) for message in field.errors)
        links.extend(("", message) for message in self.non_field_errors())
        return links


class ExportOptionsForm(ErrorLinksMixin, forms.Form):
    """The options every export takes. Owners may also switch off redaction and the small-group
    check (an analyst cannot): turning off a safeguard is recorded in the audit log."""

    grouped = ("formats", "values", "incomplete", "speeders", "straightlining", "dates")

    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=FORMAT_CHOICES,
        initial=["csv", "xlsx", "sav", "dta"],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one format")},
    )
    values = forms.ChoiceField(
        label=_("Answers to choice questions as"), choices=VALUE_CHOICES, initial="codes",
        widget=forms.RadioSelect,
        help_text=_("Applies to CSV, Excel and JSON Lines. SPSS and Stata files carry both."),
    )  # fmt: skip
    incomplete = forms.ChoiceField(
        label=_("Unfinished responses"), choices=INCOMPLETE_CHOICES, initial="exclude",
        widget=forms.RadioSelect,
    )  # fmt: skip
    speeders = forms.ChoiceField(
        label=_("Responses finished unusually fast"), choices=SPEEDER_CHOICES, initial="flag",
        widget=forms.RadioSelect,
        help_text=_("Faster than a third of the median time of complete responses."),
    )  # fmt: skip
    straightlining = forms.ChoiceField(
        label=_("The same answer to every statement of a grid"), choices=STRAIGHTLINE_CHOICES,
        initial="flag", widget=forms.RadioSelect,
    )  # fmt: skip
    drop_duplicates = forms.BooleanField(
        label=_("Leave out exact duplicate responses"), required=False, initial=True
    )
    dates = forms.ChoiceField(
        label=_("Start and submission dates"), choices=DATE_CHOICES, initial="month",
        widget=forms.RadioSelect,
    )  # fmt: skip
    csv_bom = forms.BooleanField(
        label=_("Mark the CSV as UTF-8 for Excel (a byte-order mark)"), required=False, initial=True
    )
    include_test = forms.BooleanField(
        label=_("Include test responses (from previews)"), required=False, initial=False
    )
    redact_free_text = forms.BooleanField(
        label=_("Redact personal data in free text (e-mail addresses, phone numbers, names…)"),
        required=False,
        initial=True,
    )
    disclosure_check = forms.BooleanField(
        label=_("Check for small groups using the release profile"), required=False, initial=True
    )
    seed = forms.IntegerField(
        label=_("Random seed (optional)"), required=False, min_value=0, max_value=2**62,
        help_text=_("The same seed and data give the same files. Leave blank for a new order."),
    )  # fmt: skip

    def __init__(self, *args, may_switch_off_safeguards: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        safeguards = ["redact_free_text", "disclosure_check"]
        if not may_switch_off_safeguards:
            for name in safeguards:
                del self.fields[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        small = {"legend_size": Size.SMALL}
        self.helper.layout = Layout(
            Field.checkboxes("formats", **small),
            Field.radios("values", **small),
            Field.radios("incomplete", **small),
            Fieldset(
                Field.radios("speeders", **small),
                Field.radios("straightlining", **small),
                Field.checkbox("drop_duplicates"),
                legend=_("Data quality"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("dates", **small),
                *(Field.checkbox(name) for name in safeguards if name in self.fields),
                Field.checkbox("include_test"),
                Field.checkbox("csv_bom"),
                Field.text("seed", field_width=20),
                legend=_("More options"),
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self):
        data = super().clean()
        try:
            self.options = self.to_options(data)
        except OptionsInvalid as invalid:
            raise forms.ValidationError(str(invalid)) from None
        return data

    def to_options(self, data: dict) -> ExportOptions:
        return ExportOptions(
            formats=tuple(data.get("formats") or ()),
            values=data.get("values", "codes"),
            csv_bom=data.get("csv_bom", False),
            incomplete=data.get("incomplete", "exclude"),
            include_test=data.get("include_test", False),
            drop_duplicates=data.get("drop_duplicates", False),
            speeders=data.get("speeders", "flag"),
            straightlining=data.get("straightlining", "flag"),
            redact_free_text=data.get("redact_free_text", True),
            disclosure_check=data.get("disclosure_check", True),
            dates=data.get("dates", "month"),
            seed=data.get("seed"),
        )

    @classmethod
    def initial_from(cls, options: ExportOptions) -> dict:
        data = options.to_json()
        data.pop("extra", None)
        return data


def parse_recipients(text: str) -> list[str]:
    addresses = [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]
    for address in addresses:
        try:
            validate_email(address)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("‘%(address)s’ is not an e-mail address") % {"address": address}
            ) from None
    return addresses


class ScheduleForm(ExportOptionsForm):
    """A schedule: when it runs and who is told, plus the options of the exports it makes."""

    grouped = (*ExportOptionsForm.grouped, "cadence")

    name = forms.CharField(
        label=_("Name"), max_length=100,
        help_text=_("For example, ‘Nightly data for the analysis team’"),
        error_messages={"required": _("Enter a name for the schedule")},
    )  # fmt: skip
    cadence = forms.ChoiceField(
        label=_("How often"),
        choices=[("daily", _("Every day")), ("weekly", _("Every week")),
                 ("monthly", _("Every month"))],
        initial="daily", widget=forms.RadioSelect,
    )  # fmt: skip
    time_of_day = forms.TimeField(
        label=_("Time"), input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text=_("24-hour clock, UK time, like 06:00"),
        error_messages={"required": _("Enter the time the export runs, like 06:00"),
                        "invalid": _("Enter the time on the 24-hour clock, like 06:00")},
    )  # fmt: skip
    weekday = forms.TypedChoiceField(
        label=_("Day of the week (weekly exports)"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Choose a day"))] + [
            (str(number), name) for number, name in enumerate(
                [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
                 _("Saturday"), _("Sunday")])],
    )  # fmt: skip
    day_of_month = forms.IntegerField(
        label=_("Day of the month (monthly exports)"), required=False, min_value=1, max_value=28,
        help_text=_("1 to 28, so that every month has it"),
    )  # fmt: skip
    recipients = forms.CharField(
        label=_("E-mail a link to (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line. They get a link to sign in and download, not the data."),
    )  # fmt: skip
    keep_last = forms.IntegerField(
        label=_("How many packages to keep"), min_value=1, max_value=100, initial=5,
        error_messages={"required": _("Enter how many packages to keep, like 5")},
    )  # fmt: skip
    enabled = forms.BooleanField(label=_("Run this schedule"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("name"),
            Fieldset(
                Field.radios("cadence", legend_size=Size.SMALL),
                Field.text("time_of_day", field_width=5),
                Field.select("weekday"),
                Field.text("day_of_month", field_width=2),
                legend=_("When"),
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("recipients"),
            Field.text("keep_last", field_width=3),
            Field.checkbox("enabled"),
            Fieldset(
                *self.helper.layout.fields, legend=_("What to export"), legend_size=Size.MEDIUM
            ),
        )

    def clean_recipients(self):
        return parse_recipients(self.cleaned_data.get("recipients", ""))

    def clean(self):
        data = super().clean()
        if data.get("cadence") == "weekly" and data.get("weekday") is None:
            self.add_error("weekday", _("Choose the day of the week the export runs"))
        if data.get("cadence") == "monthly" and not data.get("day_of_month"):
            self.add_error("day_of_month", _("Enter the day of the month the export runs, 1 to 28"))
        return data


class ReleaseProfileForm(ErrorLinksMixin, forms.Form):
    """The survey's disclosure-control and redaction choices, applied to every export."""

    grouped = ("quasi_identifiers", "small_groups", "drop_questions")

    quasi_identifiers = forms.MultipleChoiceField(
        label=_("Quasi-identifiers"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Answers that together could single someone out, like role, agency and area."),
    )  # fmt: skip
    k = forms.IntegerField(
        label=_("Smallest group allowed (k)"), min_value=2, max_value=100, initial=5,
        help_text=_("Every combination of the answers above must be shared by at least this "
                    "many people. 5 is the usual minimum."),
        error_messages={"required": _("Enter the smallest group allowed, like 5"),
                        "min_value": _("The smallest group allowed must be 2 or more")},
    )  # fmt: skip
    generalise = forms.CharField(
        label=_("Bands and groups (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("One question per line, like ‘years_in_role: 0-2, 3-5, 6-10, 11+’ or "
                    "‘agency: school = primary_school secondary_school; health = nhs_hospital’."),
    )  # fmt: skip
    small_groups = forms.ChoiceField(
        label=_("When a group is still smaller than k"),
        choices=[("suppress", _("Blank out those people's quasi-identifiers, and say so")),
                 ("block", _("Stop the export until the profile is changed"))],
        initial="suppress", widget=forms.RadioSelect,
    )  # fmt: skip
    drop_questions = forms.MultipleChoiceField(
        label=_("Questions never to release"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    redaction_terms = forms.CharField(
        label=_("Names of people and places to redact (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("One per line, like the names of local schools, teams or towns. Whole words, "
                    "any capitalisation, are replaced by [NAME]."),
    )  # fmt: skip

    def __init__(self, *args, choices, instrument, editable: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.fields["quasi_identifiers"].choices = [
            (q.code, f"{q.short_label} (${{{q.code}}})") for q in choices.quasi_identifiers
        ]
        self.fields["drop_questions"].choices = [
            (q.code, f"{q.short_label} (${{{q.code}}})") for q in choices.droppable
        ]
        if not editable:
            for field in self.fields.values():
                field.disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        small = {"legend_size": Size.SMALL}
        self.helper.layout = Layout(
            Field.checkboxes("quasi_identifiers", **small),
            Field.text("k", field_width=3),
            Field.textarea("generalise"),
            Field.radios("small_groups", **small),
            Field.checkboxes("drop_questions", **small),
            Field.textarea("redaction_terms"),
        )

    def clean_generalise(self):
        from exports.release_profile import ProfileInvalid, generalise_rules_parse

        try:
            return generalise_rules_parse(self.cleaned_data.get("generalise", ""), self.instrument)
        except ProfileInvalid as invalid:
            raise forms.ValidationError(str(invalid)) from None

    def clean_redaction_terms(self):
        text = self.cleaned_data.get("redaction_terms", "")
        return sorted({line.strip() for line in text.splitlines() if line.strip()})
