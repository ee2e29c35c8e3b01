"""The instrument: a survey, its draft pages and questions, and its immutable published versions.

Researchers edit the draft rows (Page, Question, Choice). `surveys.services.survey_publish` freezes
them into a SurveyVersion: one JSON document that the respondent journey, validation and exports
read. Versions never change once written, so a response always knows exactly what it answered.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.branding import logo_version
from surveys.question_types import question_type_choices

CODE_PATTERN = r"^[a-z][a-z0-9_]*$"
code_validator = RegexValidator(
    CODE_PATTERN,
    _("Use lowercase letters, digits and underscores, starting with a letter: years_in_role."),
)


# The dashboard shows every count below the threshold as "fewer than <threshold>". An owner may
# lower it for a large survey, never below the floor: see surveys.dashboard.suppression for why.
SMALL_COUNT_THRESHOLD = 10
SMALL_COUNT_FLOOR = 5
SMALL_COUNT_CEILING = 100


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    class TimePrecision(models.TextChoices):
        HOUR = "hour", _("Hour")
        DATE = "date", _("Date")
        MONTH = "month", _("Month")

    slug = models.SlugField(
        max_length=60, unique=True, help_text=_("The survey's address: /s/<slug>/")
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text=_("What the study is for, shown first."))
    organisation = models.CharField(max_length=200, help_text=_("Who runs the study."))
    contact_details = models.TextField(
        blank=True, help_text=_("How respondents can reach the research team or ethics committee.")
    )
    privacy_extra = models.TextField(
        blank=True, help_text=_("Anything more about how answers are used, kept and deleted.")
    )
    organisation_logo = models.BinaryField(
        blank=True,
        default=b"",
        editable=False,
        help_text=_("A small PNG shown beside the organisation's name (see surveys.branding)."),
    )
    # The logo's fingerprint (surveys.branding.logo_version), kept by `save` whenever the logo is
    # saved: respondent pages put it in the logo's address without reading or hashing the logo
    # itself (up to 100 KB) on every request.
    organisation_logo_version = models.CharField(max_length=12, blank=True, editable=False)
    data_controller = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The organisation legally responsible for the answers (the data controller)."),
    )
    lawful_basis = models.TextField(
        blank=True, help_text=_("The lawful basis for using the answers, in plain words.")
    )
    withdraw_by = models.DateField(
        null=True,
        blank=True,
        help_text=_("The last day respondents can withdraw their answers (before analysis)."),
    )
    retention_period = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("How long the answers are kept, and what happens to them then."),
    )
    regulator = models.TextField(
        blank=True,
        help_text=_("Where to complain, if not the UK Information Commissioner's Office."),
    )
    content_note = models.TextField(
        blank=True, help_text=_("What difficult subjects the questions touch on.")
    )
    support_information = models.TextField(
        blank=True,
        help_text=_("Independent, confidential support respondents can turn to, one per line."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    response_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Stop accepting new responses after this many complete.")
    )
    grace_period_hours = models.PositiveSmallIntegerField(
        default=24, help_text=_("How long people already answering may finish after closing.")
    )
    unfinished_retention_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Unfinished answers are deleted this many days after they were last saved, and in "
            "any case once the grace period after closing has ended."
        ),
    )
    submit_time_precision = models.CharField(
        max_length=5,
        choices=TimePrecision.choices,
        default=TimePrecision.DATE,
        help_text=_("Submission times are stored no more precisely than this."),
    )
    allow_save_and_resume = models.BooleanField(default=True)
    show_check_answers = models.BooleanField(default=True)
    invitation_only = models.BooleanField(default=False)
    followup_enabled = models.BooleanField(
        default=False,
        help_text=_("Offer a separate, unlinked form for volunteering to be contacted."),
    )
    followup_prompt = models.TextField(blank=True)
    withdrawal_count = models.PositiveIntegerField(default=0, editable=False)
    # Not editable in forms (the admin included): only the owner's audited setting changes it,
    # through surveys.dashboard.threshold.
    small_count_threshold = models.PositiveSmallIntegerField(
        default=SMALL_COUNT_THRESHOLD,
        editable=False,
        validators=[MinValueValidator(SMALL_COUNT_FLOOR), MaxValueValidator(SMALL_COUNT_CEILING)],
        help_text=_("The dashboard shows any count from 1 to one less than this as “fewer than”."),
    )
    current_version = models.ForeignKey(
        "SurveyVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(small_count_threshold__gte=SMALL_COUNT_FLOOR),
                name="small_count_threshold_at_least_the_floor",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if "organisation_logo" in self.__dict__:  # read or assigned, not deferred
            logo = self.organisation_logo
            self.organisation_logo_version = logo_version(logo) if logo else ""
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "organisation_logo" in update_fields:
                kwargs["update_fields"] = {*update_fields, "organisation_logo_version"}
        super().save(*args, **kwargs)

    def closing_deadline_for_in_progress(self) -> datetime | None:
        """When people already answering must stop: the closing time plus the grace period."""
        if self.closes_at is None:
            return None
        return self.closes_at + timedelta(hours=self.grace_period_hours)


class SurveyMembership(models.Model):
    """A researcher's role on one survey. What each role may do is decided in surveys.selectors."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")
        ANALYST = "analyst", _("Analyst")
        VIEWER = "viewer", _("Viewer")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) on {self.survey}"


class Page(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pages")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    relevant = models.TextField(
        blank=True, help_text=_("Show this page only if… (XLSForm syntax, e.g. ${role} = 'police')")
    )

    class Meta:
        ordering = ["survey", "position"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    code = models.CharField(max_length=64, validators=[code_validator])
    type = models.CharField(max_length=30, choices=question_type_choices)
    label = models.TextField()
    hint = models.TextField(blank=True)
    required = models.BooleanField(default=False)
    config = models.JSONField(default=dict, blank=True)
    relevant = models.TextField(
        blank=True, help_text=_("Show this question only if… (e.g. selected(${agency}, 'other'))")
    )

    class Meta:
        ordering = ["page", "position"]

    def __str__(self) -> str:
        return self.code


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField()
    value = models.CharField(max_length=64)
    label = models.CharField(max_length=300)
    exclusive = models.BooleanField(
        default=False, help_text=_("Cannot be combined with other options (e.g. None of these).")
    )
    is_other = models.BooleanField(default=False, help_text=_("Asks the respondent to specify."))
    non_substantive = models.BooleanField(
        default=False,
        help_text=_(
            "Not an answer on the scale (Prefer not to say, Not sure, Not applicable): "
            "exports code it as missing."
        ),
    )

    class Meta:
        ordering = ["question", "position"]

    def __str__(self) -> str:
        return self.label


class SurveyVersion(models.Model):
    """A published, immutable snapshot of the whole instrument (see surveys.schema)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    schema = models.JSONField()
    checksum = models.CharField(max_length=64)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "number"], name="one_version_number_per_survey"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A published survey version is immutable; publish a new one instead.")
        super().save(*args, **kwargs)
