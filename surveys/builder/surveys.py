"""Surveys as a whole: create (blank or by cloning), settings, delete, publish, open and close.

New ways to start a survey (from a template, from an XLSForm) create the draft with their own
service and then call `survey_created` so that the creator becomes its owner and it is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from surveys.advice import instrument_warnings
from surveys.models import Choice, Page, Question, Survey, SurveyMembership
from surveys.schema import schema_checksum, schema_from_drafts
from surveys.services import PublishResult, breaking_changes, survey_publish
from surveys.validation import schema_problems

# What "Settings" edits; cloning copies these too.
SETTING_FIELDS = (
    "title",
    "slug",
    "description",
    "organisation",
    "contact_details",
    "organisation_logo",
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
)


class SurveyStateRefused(Exception):
    """The survey cannot go to that state now (a message for the researcher)."""


def unique_slug(text: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(text) or "survey")[:50].strip("-") or "survey"
    slug, number = base, 2
    taken = Survey.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def survey_created(*, survey: Survey, by, how: str, **detail) -> Survey:
    """Make the creator the owner and audit the creation (every way of creating calls this)."""
    SurveyMembership.objects.create(survey=survey, user=by, role=SurveyMembership.Role.OWNER)
    audit_record(
        actor=by,
        action=AuditEvent.Action.SURVEY_CREATED,
        survey=survey,
        detail={"how": how, **detail},
    )
    return survey


def survey_create(*, title: str, organisation: str, by, slug: str = "") -> Survey:
    with transaction.atomic():
        survey = Survey.objects.create(
            title=title, organisation=organisation, slug=slug or unique_slug(title)
        )
        return survey_created(survey=survey, by=by, how="blank")


def survey_clone(*, source: Survey, title: str, by, slug: str = "") -> Survey:
    """A new draft with the source's settings, pages, questions and options (no responses,
    versions or team: the person cloning is its only owner)."""
    with transaction.atomic():
        values = {name: getattr(source, name) for name in SETTING_FIELDS}
        values |= {"title": title, "slug": slug or unique_slug(title)}
        survey = Survey.objects.create(**values)
        for page in source.pages.order_by("position").prefetch_related("questions__choices"):
            _copy_page(page, survey)
        return survey_created(survey=survey, by=by, how="clone", source=source.slug)


def _copy_page(page: Page, survey: Survey) -> None:
    new_page = Page.objects.create(
        survey=survey,
        position=page.position,
        title=page.title,
        intro=page.intro,
        relevant=page.relevant,
    )
    for question in page.questions.all():
        new_question = Question.objects.create(
            page=new_page,
            position=question.position,
            code=question.code,
            type=question.type,
            label=question.label,
            hint=question.hint,
            required=question.required,
            config=question.config,
            relevant=question.relevant,
        )
        Choice.objects.bulk_create(
            Choice(
                question=new_question,
                position=choice.position,
                value=choice.value,
                label=choice.label,
                exclusive=choice.exclusive,
                is_other=choice.is_other,
                non_substantive=choice.non_substantive,
            )
            for choice in question.choices.all()
        )


def survey_update_settings(*, survey: Survey, by, **values) -> Survey:
    unknown = set(values) - set(SETTING_FIELDS)
    if unknown:
        raise ValueError(f"Not a survey setting: {sorted(unknown)}")
    changed = sorted(name for name, value in values.items() if getattr(survey, name) != value)
    for name, value in values.items():
        setattr(survey, name, value)
    survey.save()
    if changed:
        audit_record(
            actor=by,
            action=AuditEvent.Action.SURVEY_CHANGED,
            survey=survey,
            detail={"change": "settings", "fields": changed},
        )
    return survey


def survey_delete(*, survey: Survey, by) -> None:
    """Delete the survey with its drafts, versions and responses. The audit log keeps its name."""
    with transaction.atomic():
        audit_record(
            actor=by,
            action=AuditEvent.Action.SURVEY_DELETED,
            survey=survey,
            detail={"title": survey.title, "responses": survey.responses.count()},
        )
        # Responses protect their survey from an accidental cascade; deleting is deliberate here.
        survey.responses.all().delete()
        survey.delete()


def survey_publish_draft(
    *, survey: Survey, by, accept_breaking_changes: bool = False
) -> PublishResult:
    """Publish the draft (surveys.services.survey_publish) and audit a new version."""
    result = survey_publish(survey=survey, by=by, accept_breaking_changes=accept_breaking_changes)
    if result.created:
        audit_record(
            actor=by,
            action=AuditEvent.Action.SURVEY_PUBLISHED,
            survey=survey,
            detail={
                "version": result.version.number,
                "accepted_changes": len(result.changes),
            },
        )
    return result


def survey_open(*, survey: Survey, by) -> Survey:
    """Open (or reopen) a published survey to respondents."""
    survey.refresh_from_db()
    if survey.current_version_id is None:
        raise SurveyStateRefused(_("Publish the survey before you open it."))
    if survey.status == Survey.Status.OPEN:
        return survey
    reopened = survey.status == Survey.Status.CLOSED
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.SURVEY_OPENED,
        survey=survey,
        detail={"reopened": reopened},
    )
    return survey


def survey_close(*, survey: Survey, by) -> Survey:
    """Close the survey: no new respondents, and people answering have the grace period."""
    survey.refresh_from_db()
    if survey.status != Survey.Status.OPEN:
        raise SurveyStateRefused(_("Only an open survey can be closed."))
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    audit_record(actor=by, action=AuditEvent.Action.SURVEY_CLOSED, survey=survey)
    return survey


@dataclass(frozen=True)
class PublishCheck:
    """What the publish page shows before publishing."""

    problems: list[str]
    changes: list[str]
    unchanged: bool
    warnings: list[str] = field(default_factory=list)  # surveys.advice: they never block


def survey_publish_check(*, survey: Survey) -> PublishCheck:
    """Would publishing work now, and what would it take from existing answers? (No writes.)"""
    survey.refresh_from_db()
    schema = schema_from_drafts(survey)
    problems = [str(p) for p in schema_problems(schema)]
    current = survey.current_version
    unchanged = current is not None and current.checksum == schema_checksum(schema)
    changes = []
    if not problems and current is not None and not unchanged and survey.responses.exists():
        changes = [str(c) for c in breaking_changes(current.schema, schema)]
    warnings = instrument_warnings(schema) if not problems else []
    return PublishCheck(problems=problems, changes=changes, unchanged=unchanged, warnings=warnings)
