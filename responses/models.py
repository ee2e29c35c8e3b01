"""Responses, invitations and follow-up contacts: stored so that none can identify a respondent.

- No column holds an IP address, user agent, referrer or precise time. A response has a start
  *date*, a last-save date and a submission time, each coarsened to the survey's precision; time
  spent is whole seconds. Nothing counts how often a response was written.
- Ids are random UUIDs, so their order says nothing about when rows were made.
- An Invitation and a FollowUpContact never refer to a response, and are written in their own
  transactions. Until they are mixed, PostgreSQL's `xmin` and the rows' physical order could
  still tie them to a response by time; `responses.unlinking` rewrites them in shuffled batches,
  after which nothing can. See docs/anonymity.md.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.models import Survey, SurveyVersion


class AnswersSummary(models.Func):
    """A number equal for equal answers, cheap to compare: PostgreSQL's own hash of the JSON
    (`jsonb_hash_extended`, the hash its hash joins use); on SQLite, which only runs development
    and tests, the length of the JSON's text. Different answers may share one; equal answers
    always do."""

    output_field = models.BigIntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="jsonb_hash_extended",
            template="%(function)s(%(expressions)s, 0)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="LENGTH", **extra_context)


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
    # For deleting unfinished answers (responses.retention): a date, never a time of day.
    last_saved_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    active_seconds = models.PositiveIntegerField(default=0)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    resume_code_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    receipt_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    is_test = models.BooleanField(default=False)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    # Kept by the database whenever the answers change, so that an export's check for exact
    # duplicates reads eight bytes per response instead of hashing every response's answers
    # (1.2 s of a 100k export's 11 s, spent before its first row). Derived from the answers
    # alone: it says nothing a database dump does not already hold.
    answers_summary = models.GeneratedField(
        expression=AnswersSummary("answers"),
        output_field=models.BigIntegerField(),
        db_persist=True,
    )

    class Meta:
        indexes = [models.Index(fields=["survey", "status"])]

    def __str__(self) -> str:
        return f"Response {self.id} ({self.get_status_display()})"

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE


class Invitation(models.Model):
    """A single-use code for an invitation-only survey, stored only as a keyed hash.

    `mixed` is False from the moment the code is used until the next unlinking batch rewrites
    the row among the survey's other used invitations.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    code_hash = models.CharField(max_length=64, unique=True)
    batch = models.CharField(max_length=100, blank=True)
    used = models.BooleanField(default=False)
    mixed = models.BooleanField(default=False)
    # When the research team made the code: their action, not a respondent's.
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"Invitation for {self.survey} ({'used' if self.used else 'unused'})"


class FollowUpContact(models.Model):
    """Contact details someone chose to leave, deliberately unlinkable to any response.

    `ticket_hash` is the keyed hash of the single-use ticket the volunteer's browser was given
    on submitting: it makes one contact per response possible without the response row saying
    who volunteered. `stage` says how far the row is on its way to the research team: written
    (pending), rewritten among the others (mixed), and handed over in a group (released).
    """

    class Stage(models.TextChoices):
        PENDING = "pending", _("Waiting to be mixed")
        MIXED = "mixed", _("Mixed, waiting for a group")
        RELEASED = "released", _("Available to the research team")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="followup_contacts")
    ticket_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.PENDING)
    name = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=254)
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        # Random UUID order: listing them never follows the order people finished the survey.
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Follow-up contact for {self.survey}"


class UnlinkingRun(models.Model):
    """When the unlinking batches last ran (one row), for /healthz and operators.

    The task runs on a fixed schedule whether or not anything was waiting, so this time says
    nothing about any respondent.
    """

    finished_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Unlinking last ran at {self.finished_at:%Y-%m-%d %H:%M}"
