"""Exports: the survey's release profile, export jobs and their stored packages, and schedules.

- `ReleaseProfile`: the survey's saved disclosure-control and redaction choices, applied by every
  export (scheduled ones included), so "cleaned and anonymised" is reproducible.
- `ExportJob`: one run of the pipeline. Its state lives here (not in Celery's result backend); a
  worker claims it with a lease, and only a finished job points at its file, so a half-written
  package is never served.
- `ExportSchedule`: a cadence at a local time; a dispatcher creates one job per (schedule, slot).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from exports.storage import export_storage
from surveys.models import Survey


class ReleaseProfile(models.Model):
    """How a survey's data is made safe to release.

    `generalise` maps a question code to one rule (see exports.disclosure):
        {"years_in_role": {"bands": [{"min": 0, "max": 2, "label": "0–2"}, ...]},
         "agency": {"merge": {"primary_school": "school", "secondary_school": "school"}}}
    """

    class SmallGroups(models.TextChoices):
        SUPPRESS = "suppress", _("Suppress the quasi-identifiers of people in small groups")
        BLOCK = "block", _("Block the export until the profile is changed")

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="release_profile")
    quasi_identifiers = models.JSONField(
        default=list, blank=True, help_text=_("Question codes that together could identify someone")
    )
    k = models.PositiveSmallIntegerField(
        default=5, help_text=_("Each combination of quasi-identifiers must cover k people or more")
    )
    generalise = models.JSONField(default=dict, blank=True)
    small_groups = models.CharField(
        max_length=10, choices=SmallGroups.choices, default=SmallGroups.SUPPRESS
    )
    drop_questions = models.JSONField(
        default=list, blank=True, help_text=_("Question codes never released")
    )
    redaction_terms = models.JSONField(
        default=list, blank=True, help_text=_("Names of people and places to redact in free text")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Release profile of {self.survey}"


class ExportSchedule(models.Model):
    class Cadence(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="export_schedules")
    name = models.CharField(max_length=100)
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.DAILY)
    time_of_day = models.TimeField(help_text=_("Local time the export runs"))
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Weekly: 0 is Monday … 6 is Sunday")
    )
    day_of_month = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Monthly: 1 to 28")
    )
    timezone = models.CharField(max_length=64, default=settings.TIME_ZONE)
    options = models.JSONField(default=dict, blank=True)
    recipients = models.JSONField(
        default=list, blank=True, help_text=_("E-mail addresses sent a link (never the data)")
    )
    keep_last = models.PositiveSmallIntegerField(
        default=5, help_text=_("How many of this schedule's packages to keep")
    )
    enabled = models.BooleanField(default=True)
    next_run_at = models.DateTimeField(db_index=True)
    error_count = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_cadence_display()}) for {self.survey}"


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        BLOCKED = "blocked", _("Blocked by the small-group check")
        EXPIRED = "expired", _("Expired")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="export_jobs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    schedule = models.ForeignKey(
        ExportSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    slot = models.DateTimeField(null=True, blank=True)
    options = models.JSONField(default=dict)
    seed = models.BigIntegerField()
    override_disclosure = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    file = models.FileField(max_length=300, blank=True, storage=export_storage)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The worker running the job holds a lease it renews while alive; a job whose lease has
    # lapsed (its worker died) is taken over. `runner` names the current attempt, so a worker
    # that lost its lease can no longer write to the job.
    runner = models.UUIDField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "slot"],
                condition=models.Q(schedule__isnull=False),
                name="one_job_per_schedule_slot",
            )
        ]
        indexes = [models.Index(fields=["status", "lease_expires_at"])]

    def __str__(self) -> str:
        return f"Export of {self.survey} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {
            self.Status.DONE,
            self.Status.FAILED,
            self.Status.BLOCKED,
            self.Status.EXPIRED,
        }

    @property
    def percent_done(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(99, self.progress_done * 100 // self.progress_total)
