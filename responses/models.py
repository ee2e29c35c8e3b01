"""Responses, invitations and follow-up contacts: stored so that none can identify a respondent.

- No column holds an IP address, user agent, referrer or precise time. A response has a start
  *date* and a submission time coarsened to the survey's precision; time spent is whole seconds.
- Response ids are random UUIDs, so their order says nothing about when they were made.
- An Invitation is marked used in the transaction that starts a response, and neither row refers
  to the other: no foreign key, no shared timestamp.
- A FollowUpContact (someone volunteering for an interview) has no key, timestamp or ordering
  that could tie it to a response.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models import Survey, SurveyVersion


class Response(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETE = "complete", _("Complete")

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("API")
        IMPORT = "import", _("Import")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    answers = models.JSONField(default=dict, blank=True)
    current_page = models.PositiveSmallIntegerField(default=0)
    furthest_page = models.PositiveSmallIntegerField(default=0)
    started_on = models.DateField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    active_seconds = models.PositiveIntegerField(default=0)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    resume_code_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    receipt_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    is_test = models.BooleanField(default=False)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["survey", "status"])]

    def __str__(self) -> str:
        return f"Response {self.id} ({self.get_status_display()})"

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE


class Invitation(models.Model):
    """A single-use code for an invitation-only survey, stored only as a hash."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    code_hash = models.CharField(max_length=64, unique=True)
    batch = models.CharField(max_length=100, blank=True)
    used = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Invitation for {self.survey} ({'used' if self.used else 'unused'})"


class FollowUpContact(models.Model):
    """Contact details someone chose to leave, deliberately unlinkable to any response."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="followup_contacts")
    name = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=254)
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        # Random UUID order: listing them never follows the order people finished the survey.
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Follow-up contact for {self.survey}"
