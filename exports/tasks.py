"""Celery tasks for exports: thin wrappers over exports.jobs and exports.schedules.

Every task takes ids only. `run_export_job` is acknowledged late and rejected (so redelivered) if
its worker dies; transient failures (database, file store) are retried with backoff. Running a
job twice is harmless: only one attempt can claim it (see exports.jobs).
"""

from celery import shared_task
from django.conf import settings

from exports import jobs, schedules


@shared_task(
    name="exports.run_job",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=jobs.TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
)
def run_export_job(job_id: str) -> str:
    job = jobs.export_job_run(job_id=job_id)
    return job.status if job is not None else "not claimed"


@shared_task(name="exports.dispatch_due_schedules", acks_late=True)
def dispatch_due_schedules() -> int:
    return len(schedules.schedules_dispatch_due())


@shared_task(name="exports.recover_jobs", acks_late=True)
def recover_jobs() -> int:
    return len(jobs.export_jobs_recover())


@shared_task(name="exports.expire_packages", acks_late=True)
def expire_packages() -> int:
    return jobs.export_packages_expire()
