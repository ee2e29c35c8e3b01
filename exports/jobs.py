"""Export jobs: requested by a researcher or a schedule, run by a worker, downloaded, expired.

A job's state lives in its row. Running is safe to repeat by construction:
- a worker *claims* the job with one conditional UPDATE (queued, or running with a lapsed lease)
  and holds a lease that a heartbeat thread renews while the worker lives; a duplicate delivery
  of the task finds nothing to claim and does nothing;
- the package is built in a private temporary folder, copied into storage under the attempt's
  own name, and the job points at it only when the attempt still holds the claim — so a
  half-written file is never served, and a job run twice keeps one file;
- a worker killed mid-export leaves a lapsed lease; `export_jobs_recover` (every minute) sends
  the job again and the next attempt removes what the dead one left.
Requests never wait for the broker: the task is sent after commit from a background thread, and a
job the broker did not take is sent again by the recovery task.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from exports import storage
from exports.models import ExportJob, ExportSchedule
from exports.options import ExportOptions
from exports.release import ReleaseProfileInvalid
from surveys.models import Survey

logger = logging.getLogger(__name__)
Status = ExportJob.Status

# Failures worth another try later (the database or the file store was briefly unavailable).
TRANSIENT_ERRORS = (DatabaseError, OSError)
PROGRESS_SECONDS = 2.0  # how often a running job's progress is written


class ExportNotReady(Exception):
    """The job has no package to download (not finished, failed, or expired)."""


def export_job_request(
    *,
    survey: Survey,
    requested_by,
    options: ExportOptions,
    override_disclosure: bool = False,
    schedule: ExportSchedule | None = None,
    slot: datetime | None = None,
) -> ExportJob:
    """A queued job, sent to a worker once the surrounding transaction commits."""
    seed = options.seed if options.seed is not None else secrets.randbits(62)
    job = ExportJob.objects.create(
        survey=survey,
        requested_by=requested_by,
        schedule=schedule,
        slot=slot,
        options=options.with_seed(seed).to_json(),
        seed=seed,
        override_disclosure=override_disclosure,
    )
    detail = {"job": str(job.id), "formats": list(options.formats)}
    if schedule is not None:
        detail["schedule"] = schedule.pk
    audit_record(
        actor=requested_by, action=AuditEvent.Action.EXPORT_REQUESTED, survey=survey, detail=detail
    )
    if override_disclosure:
        audit_record(
            actor=requested_by,
            action=AuditEvent.Action.EXPORT_DISCLOSURE_OVERRIDDEN,
            survey=survey,
            detail={"job": str(job.id)},
        )
    transaction.on_commit(lambda: export_job_send_in_background(job.id))
    return job


def export_safeguards_audit(*, job: ExportJob, options: ExportOptions, by) -> None:
    """Record that an owner switched off redaction or the small-group check for this job."""
    off = [name for name in ("redact_free_text", "disclosure_check") if not getattr(options, name)]
    if off:
        audit_record(
            actor=by,
            action=AuditEvent.Action.EXPORT_DISCLOSURE_OVERRIDDEN,
            survey=job.survey,
            detail={"job": str(job.pk), "switched_off": off},
        )


def export_job_send_in_background(job_id: uuid.UUID) -> threading.Thread:
    """Send the job's task without making the caller wait for the broker."""
    thread = threading.Thread(
        target=_send_and_close, args=(job_id,), name=f"send-export-{job_id}", daemon=True
    )
    thread.start()
    return thread


def _send_and_close(job_id: uuid.UUID) -> None:
    try:
        export_job_send(job_id)
    finally:
        connections.close_all()  # this thread's own connections


def export_job_send(job_id: uuid.UUID) -> bool:
    """Publish the job's task once; record when. False (and a warning) if the broker refused."""
    from exports.tasks import run_export_job

    try:
        # A connection of its own, opened now with the broker's connect timeout: a pooled one
        # could be stale, and a publish must fail fast rather than hang when the broker is down.
        with run_export_job.app.connection_for_write() as connection:
            run_export_job.apply_async(args=[str(job_id)], retry=False, connection=connection)
    except Exception:  # broker down: the job waits; export_jobs_recover sends it again
        logger.warning("Export job %s could not be sent to the broker; it will be retried", job_id)
        return False
    ExportJob.objects.filter(pk=job_id).update(enqueued_at=timezone.now())
    return True


# --- running ----------------------------------------------------------------------------------


def export_job_run(*, job_id: uuid.UUID) -> ExportJob | None:
    """Claim and run the job; None when there was nothing to claim (done, or running elsewhere)."""
    runner = uuid.uuid4()
    if not _claim(job_id, runner):
        return None
    job = ExportJob.objects.select_related("survey", "schedule").get(pk=job_id)
    storage.job_files_delete(job.id)  # whatever an earlier, dead attempt left behind
    work_dir = Path(settings.EXPORT_WORK_DIR)
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        heartbeat = _Heartbeat(job.id, runner)
        with tempfile.TemporaryDirectory(dir=work_dir) as folder, heartbeat:
            _build_and_store(job, runner, Path(folder), progress=heartbeat.progress)
    except TRANSIENT_ERRORS:
        _release(job.id, runner)
        raise
    except Exception as error:
        logger.exception("Export job %s failed", job.id)
        _finish(job.id, runner, status=Status.FAILED, error=_unexpected(error))
    job.refresh_from_db()
    if job.schedule_id is not None and job.is_finished:
        from exports.schedules import schedule_job_finished

        schedule_job_finished(job=job)
    return job


def _claim(job_id: uuid.UUID, runner: uuid.UUID) -> bool:
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, lease_expires_at__lt=now)
    return bool(
        ExportJob.objects.filter(claimable, pk=job_id).update(
            status=Status.RUNNING,
            runner=runner,
            lease_expires_at=now + timedelta(seconds=settings.EXPORT_LEASE_SECONDS),
            started_at=now,
            attempts=F("attempts") + 1,
            progress_done=0,
            error="",
        )
    )


def _build_and_store(
    job: ExportJob, runner: uuid.UUID, folder: Path, *, progress: Callable[[int, int], None]
) -> None:
    # Imported here: the writers bring pandas, numpy and pyreadstat, which workers need and web
    # processes (which import this module for the export pages) should not load.
    from exports.pipeline import DisclosureBlocked, NothingToExport, package_build

    options = ExportOptions.from_json(job.options).with_seed(job.seed)
    try:
        result = package_build(
            survey=job.survey,
            options=options,
            directory=folder,
            override_disclosure=job.override_disclosure,
            progress=progress,
            generated_at=timezone.now(),
        )
    except NothingToExport as empty:
        _finish(
            job.id,
            runner,
            status=Status.FAILED,
            error=str(empty) or _nothing_to_export(),
            counts={"empty": True},
        )
        return
    except ReleaseProfileInvalid as invalid:
        _finish(
            job.id,
            runner,
            status=Status.FAILED,
            error=_("The survey's release profile cannot be applied: %(problem)s")
            % {"problem": invalid},
        )
        return
    except DisclosureBlocked as blocked:
        _finish(
            job.id,
            runner,
            status=Status.BLOCKED,
            error=blocked.reason,
            counts={"small_groups": blocked.combinations},
        )
        return
    stored = storage.package_store(
        job_id=job.id, runner=runner, path=result.path, name=result.path.name
    )
    finished = _finish(
        job.id,
        runner,
        status=Status.DONE,
        file=stored,
        sha256=result.sha256,
        size=result.size,
        counts={**result.counts, "small_groups": result.small_groups},
        progress_done=result.counts.get("rows_written", 0),
        progress_total=result.counts.get("responses_read", 0),
        expires_at=timezone.now() + timedelta(days=settings.EXPORT_RETENTION_DAYS),
    )
    if not finished:  # the claim lapsed and another attempt owns the job now
        storage.export_storage().delete(stored)


def _finish(job_id: uuid.UUID, runner: uuid.UUID, *, status: str, **fields) -> bool:
    return bool(
        ExportJob.objects.filter(pk=job_id, runner=runner, status=Status.RUNNING).update(
            status=status, finished_at=timezone.now(), lease_expires_at=None, **fields
        )
    )


def _release(job_id: uuid.UUID, runner: uuid.UUID) -> None:
    """Give the job back to the queue so that a retry can claim it at once."""
    try:
        ExportJob.objects.filter(pk=job_id, runner=runner, status=Status.RUNNING).update(
            status=Status.QUEUED, runner=None, lease_expires_at=None
        )
    except DatabaseError:  # the database is what failed: the lease will lapse instead
        logger.warning("Export job %s could not be released; its lease will lapse", job_id)


class _Heartbeat:
    """Renews the claim's lease from a thread while the build runs, however long a single step
    (such as writing a large SPSS file) takes, and records the build's progress; stops when the
    build ends.

    Progress is written from this thread, on its own database connection, because the build's
    connection is busy streaming the rows (a COPY) while it reports them: `progress` only notes
    the figures, and the thread writes the latest every `PROGRESS_SECONDS`.
    """

    def __init__(self, job_id: uuid.UUID, runner: uuid.UUID):
        self.job_id, self.runner = job_id, runner
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"lease-{job_id}", daemon=True)
        self.latest: tuple[int, int] | None = None  # (done, total) as last reported

    def progress(self, done: int, total: int) -> None:
        self.latest = (done, total)  # one assignment: the thread sees the old or the new pair

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        lease = settings.EXPORT_LEASE_SECONDS
        renew_every = max(1.0, lease / 3)
        renewed, written = time.monotonic(), None
        try:
            while not self.stopped.wait(min(PROGRESS_SECONDS, renew_every)):
                fields = {}
                if time.monotonic() - renewed >= renew_every:
                    fields["lease_expires_at"] = timezone.now() + timedelta(seconds=lease)
                    renewed = time.monotonic()
                latest = self.latest
                if latest is not None and latest != written:
                    fields["progress_done"], fields["progress_total"] = written = latest
                if fields:
                    ExportJob.objects.filter(
                        pk=self.job_id, runner=self.runner, status=Status.RUNNING
                    ).update(**fields)
        except DatabaseError:
            logger.warning("Export job %s: lease renewal failed", self.job_id)
        finally:
            connections.close_all()


def _nothing_to_export() -> str:
    return _("There were no responses to export with these options.")


def _unexpected(error: Exception) -> str:
    return _(
        "The export could not be made because of an unexpected error (%(kind)s). "
        "Try again; if it happens again, tell the site's operators."
    ) % {"kind": type(error).__name__}


# --- recovery and expiry ------------------------------------------------------------------------


def export_jobs_recover(*, now: datetime | None = None) -> list[uuid.UUID]:
    """Send again the jobs no worker is running: never sent, sent long ago and still queued, or
    running with a lapsed lease (their worker died). Duplicates are harmless: only one claims."""
    now = now or timezone.now()
    resend_before = now - timedelta(seconds=settings.EXPORT_RESEND_AFTER_SECONDS)
    stalled = ExportJob.objects.filter(
        Q(status=Status.QUEUED, enqueued_at__isnull=True)
        | Q(status=Status.QUEUED, enqueued_at__lt=resend_before)
        | Q(status=Status.RUNNING, lease_expires_at__lt=now)
    ).values_list("pk", flat=True)
    sent = [job_id for job_id in stalled if export_job_send(job_id)]
    return sent


def export_packages_expire(*, now: datetime | None = None) -> int:
    """Delete packages past their expiry date; the job stays, marked expired. How many."""
    now = now or timezone.now()
    expired = 0
    for job in ExportJob.objects.filter(status=Status.DONE, expires_at__lte=now):
        export_job_expire(job=job)
        expired += 1
    _remove_abandoned_work(now)
    return expired


def export_job_expire(*, job: ExportJob) -> None:
    storage.job_files_delete(job.id)
    ExportJob.objects.filter(pk=job.pk).update(status=Status.EXPIRED, file="")


def _remove_abandoned_work(now: datetime) -> None:
    """Temporary folders of workers that were killed mid-build."""
    import shutil

    work_dir = Path(settings.EXPORT_WORK_DIR)
    if not work_dir.is_dir():
        return
    cutoff = (now - timedelta(days=1)).timestamp()
    for folder in work_dir.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


# --- downloading --------------------------------------------------------------------------------


def export_job_download(*, job: ExportJob, user):
    """The package as an open file, recorded in the audit log. Raises ExportNotReady."""
    if job.status != Status.DONE or not job.file:
        raise ExportNotReady
    handle = storage.export_storage().open(job.file.name, "rb")
    audit_record(
        actor=user,
        action=AuditEvent.Action.EXPORT_DOWNLOADED,
        survey=job.survey,
        detail={"job": str(job.id), "sha256": job.sha256},
    )
    return handle
