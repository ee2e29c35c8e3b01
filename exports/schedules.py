"""Scheduled exports: a cadence at a local time, dispatched once per slot, whatever happens.

`schedules_dispatch_due` runs every minute (a static beat entry). It locks the due schedule rows
with SELECT … FOR UPDATE SKIP LOCKED, creates one job per (schedule, slot) — a unique constraint,
so two beats, a restart or an overlapping run can never make a second job for a slot — and moves
`next_run_at` to the first slot after now: slots missed while beat was down run once, not once
each. After a scheduled job finishes, `schedule_job_finished` keeps the last N packages and
e-mails the recipients a link (never the data). An export with nothing in it is a soft error;
a failure is a hard one, and a schedule that fails `DISABLE_AFTER_ERRORS` times in a row stops.
"""

from __future__ import annotations

import logging
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from exports import cadence, notifications
from exports.jobs import export_job_expire, export_job_request
from exports.models import ExportJob, ExportSchedule
from exports.options import ExportOptions
from surveys.models import Survey

logger = logging.getLogger(__name__)
DISABLE_AFTER_ERRORS = 5


def schedule_next_run(schedule: ExportSchedule, *, after: datetime) -> datetime:
    return cadence.next_slot(
        cadence=schedule.cadence,
        at=schedule.time_of_day,
        zone=ZoneInfo(schedule.timezone),
        after=after,
        weekday=schedule.weekday,
        day_of_month=schedule.day_of_month,
    )


def schedule_save(
    *,
    survey: Survey,
    by,
    name: str,
    cadence_name: str,
    time_of_day: time,
    options: ExportOptions,
    recipients: list[str],
    keep_last: int = 5,
    weekday: int | None = None,
    day_of_month: int | None = None,
    enabled: bool = True,
    schedule: ExportSchedule | None = None,
    now: datetime | None = None,
) -> ExportSchedule:
    """Create a schedule, or change one; its next run is recomputed from now either way."""
    now = now or timezone.now()
    schedule = schedule or ExportSchedule(survey=survey, created_by=by)
    schedule.name = name
    schedule.cadence = cadence_name
    schedule.time_of_day = time_of_day
    schedule.weekday = weekday if cadence_name == cadence.WEEKLY else None
    schedule.day_of_month = day_of_month if cadence_name == cadence.MONTHLY else None
    schedule.options = options.to_json()
    schedule.recipients = recipients
    schedule.keep_last = keep_last
    if enabled and not schedule.enabled:
        schedule.error_count = 0
    schedule.enabled = enabled
    schedule.next_run_at = schedule_next_run(schedule, after=now)
    with transaction.atomic():
        schedule.save()
        audit_record(
            actor=by,
            action=AuditEvent.Action.SCHEDULE_CHANGED,
            survey=survey,
            detail={"schedule": schedule.pk, "name": name, "cadence": cadence_name},
        )
    return schedule


def schedule_delete(*, schedule: ExportSchedule, by) -> None:
    with transaction.atomic():
        audit_record(
            actor=by,
            action=AuditEvent.Action.SCHEDULE_CHANGED,
            survey=schedule.survey,
            detail={"schedule": schedule.pk, "name": schedule.name, "deleted": True},
        )
        schedule.delete()


def schedules_dispatch_due(*, now: datetime | None = None) -> list[ExportJob]:
    """Create the job of every due slot; the jobs are sent to workers after commit."""
    now = now or timezone.now()
    created = []
    with transaction.atomic():
        due = (
            ExportSchedule.objects.select_for_update(skip_locked=True)
            .select_related("survey")
            .filter(enabled=True, next_run_at__lte=now)
        )
        for schedule in due:
            job = _job_for_slot(schedule)
            if job is not None:
                created.append(job)
            schedule.next_run_at = schedule_next_run(schedule, after=now)
            schedule.save(update_fields=["next_run_at"])
    return created


def _job_for_slot(schedule: ExportSchedule) -> ExportJob | None:
    """The slot's job, or None when one exists already (another dispatcher made it)."""
    try:
        options = ExportOptions.from_json(schedule.options)
        with transaction.atomic():  # a savepoint: a duplicate slot leaves the rest intact
            return export_job_request(
                survey=schedule.survey,
                requested_by=None,
                options=options,
                schedule=schedule,
                slot=schedule.next_run_at,
            )
    except IntegrityError:
        logger.info("Schedule %s: slot %s already has a job", schedule.pk, schedule.next_run_at)
        return None


def schedule_job_finished(*, job: ExportJob) -> None:
    """Keep the schedule's last N packages, count errors, and tell the recipients."""
    schedule = job.schedule
    if job.status == ExportJob.Status.DONE:
        ExportSchedule.objects.filter(pk=schedule.pk).update(error_count=0, last_error="")
        _keep_last(schedule)
        notifications.schedule_package_ready(schedule=schedule, job=job)
        return
    soft = job.status == ExportJob.Status.FAILED and job.counts.get("empty")
    if soft:
        notifications.schedule_package_empty(schedule=schedule, job=job)
        return
    schedule.refresh_from_db()
    schedule.error_count += 1
    schedule.last_error = job.error
    if schedule.error_count >= DISABLE_AFTER_ERRORS:
        schedule.enabled = False
    schedule.save(update_fields=["error_count", "last_error", "enabled"])
    notifications.schedule_package_failed(schedule=schedule, job=job)


def _keep_last(schedule: ExportSchedule) -> None:
    packages = schedule.jobs.filter(status=ExportJob.Status.DONE).order_by("-slot", "-created_at")
    for old in packages[schedule.keep_last :]:
        export_job_expire(job=old)
