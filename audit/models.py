"""The audit log: who did what to which survey, and when. Append-only; never respondent data.

Researchers' actions are recorded with their time (researchers are accountable, respondents
anonymous). Nothing a respondent did or wrote is ever an audit event: `detail` holds ids of
researcher-side objects (jobs, versions, memberships) and settings, never answers or codes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """Audit events are never changed or deleted."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        SURVEY_CREATED = "survey.created", _("Created the survey")
        SURVEY_CHANGED = "survey.changed", _("Changed the survey's settings")
        SURVEY_PUBLISHED = "survey.published", _("Published a version")
        SURVEY_OPENED = "survey.opened", _("Opened the survey")
        SURVEY_CLOSED = "survey.closed", _("Closed the survey")
        SURVEY_DELETED = "survey.deleted", _("Deleted the survey")
        SURVEY_IMPORTED = "survey.imported", _("Imported an instrument")
        ROLE_GRANTED = "role.granted", _("Gave a role")
        ROLE_CHANGED = "role.changed", _("Changed a role")
        ROLE_REVOKED = "role.revoked", _("Removed a role")
        INVITATIONS_CREATED = "invitations.created", _("Created invitation codes")
        EXPORT_REQUESTED = "export.requested", _("Requested an export")
        EXPORT_DOWNLOADED = "export.downloaded", _("Downloaded an export")
        EXPORT_DISCLOSURE_OVERRIDDEN = "export.override", _("Overrode the small-group check")
        RELEASE_PROFILE_CHANGED = "release_profile.changed", _("Changed the release profile")
        SCHEDULE_CHANGED = "schedule.changed", _("Changed an export schedule")
        FOLLOWUP_DOWNLOADED = "followup.downloaded", _("Downloaded follow-up contacts")
        THRESHOLD_CHANGED = "threshold.changed", _("Changed the small-number threshold")
        TOKEN_CREATED = "token.created", _("Created an API token")
        TOKEN_REVOKED = "token.revoked", _("Revoked an API token")
        TOKEN_USED = "token.used", _("Used an API token")

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the log still says who it was after an account is deleted.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    survey = models.ForeignKey(
        "surveys.Survey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    survey_label = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["survey", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.actor_label or 'system'}: {self.get_action_display()} ({self.survey_label})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit events cannot be deleted.")
