"""Reads for the export pages. Access to a job or schedule is decided here and nowhere else:
the survey's role check first (surveys.selectors), then the object must belong to that survey."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from exports.models import ExportJob, ExportSchedule
from surveys.models import Survey
from surveys.selectors import survey_for_member

RECENT_JOBS = 50


def job_for_member(*, user, slug: str, job_id: uuid.UUID, roles: tuple[str, ...]) -> ExportJob:
    survey = survey_for_member(user=user, slug=slug, roles=roles)
    job = (
        ExportJob.objects.select_related("survey", "requested_by", "schedule")
        .filter(survey=survey, pk=job_id)
        .first()
    )
    if job is None:
        raise Http404
    return job


def schedule_for_member(
    *, user, slug: str, schedule_id: int, roles: tuple[str, ...]
) -> ExportSchedule:
    survey = survey_for_member(user=user, slug=slug, roles=roles)
    schedule = ExportSchedule.objects.filter(survey=survey, pk=schedule_id).first()
    if schedule is None:
        raise Http404
    return schedule


def recent_jobs(survey: Survey) -> QuerySet[ExportJob]:
    return survey.export_jobs.select_related("requested_by", "schedule").order_by("-created_at")[
        :RECENT_JOBS
    ]
