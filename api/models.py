"""Personal API tokens and the idempotency keys of API submissions.

A token is shown once, as `cdr_<prefix>_<secret>`: the prefix finds the row, and only a keyed hash
of the secret is stored (the same HMAC with `CANDOUR_CODE_PEPPER` as respondents' codes), so a
copy of the database does not hold a usable token. Researchers are accountable, so a token's
creation, revocation and every use are in the audit log with their time; nothing here is about a
respondent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Read surveys and responses")
    SUBMIT = "submit", _("Submit responses")
    EXPORT = "export", _("Run and download exports")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # A date is enough to tell a researcher whether a token is still in use.
    last_used_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"API token {self.prefix} ({self.name})"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class IdempotencyRecord(models.Model):
    """One `Idempotency-Key` of one researcher: the request it was first used with (a hash),
    and once that finished, its result to replay.

    The row is written in its own transaction before the submission starts, under a unique
    constraint, so of any number of requests with one key exactly one goes ahead; the others see
    it in flight (409) or replay its result. It holds a date, not a time, and is deleted after
    `API_IDEMPOTENCY_DAYS`.
    """

    class State(models.TextChoices):
        IN_FLIGHT = "in_flight", _("In flight")
        DONE = "done", _("Done")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=State.choices, default=State.IN_FLIGHT)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.JSONField(null=True, blank=True)
    created_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_idempotency_key_per_user")
        ]

    def __str__(self) -> str:
        return f"Idempotency key {self.key[:20]} ({self.state})"
