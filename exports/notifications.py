"""E-mails about scheduled exports. They carry a link to sign in and download, never data."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from exports.models import ExportJob, ExportSchedule


def job_url(job: ExportJob) -> str:
    path = reverse("exports:job", args=[job.survey.slug, job.pk])
    return f"{settings.CANDOUR_BASE_URL.rstrip('/')}{path}"


def _send(schedule: ExportSchedule, subject: str, body: str) -> None:
    if schedule.recipients:
        send_mail(subject, body, None, list(schedule.recipients), fail_silently=False)


def schedule_package_ready(*, schedule: ExportSchedule, job: ExportJob) -> None:
    _send(
        schedule,
        _("Export ready: %(name)s") % {"name": schedule.name},
        _(
            "The scheduled export ‘%(name)s’ of ‘%(survey)s’ is ready.\n\n"
            "Sign in to download it (it is kept for %(days)d days):\n%(url)s\n\n"
            "This e-mail contains no data. If you did not expect it, tell the survey's owner."
        )
        % {
            "name": schedule.name,
            "survey": schedule.survey.title,
            "days": settings.EXPORT_RETENTION_DAYS,
            "url": job_url(job),
        },
    )


def schedule_package_empty(*, schedule: ExportSchedule, job: ExportJob) -> None:
    _send(
        schedule,
        _("Nothing to export: %(name)s") % {"name": schedule.name},
        _(
            "The scheduled export ‘%(name)s’ of ‘%(survey)s’ ran, but there were no responses "
            "to export with its options. It will run again at its next time.\n\n%(url)s"
        )
        % {"name": schedule.name, "survey": schedule.survey.title, "url": job_url(job)},
    )


def schedule_package_failed(*, schedule: ExportSchedule, job: ExportJob) -> None:
    stopped = (
        "" if schedule.enabled else _("\n\nThe schedule has been paused after repeated failures.")
    )
    _send(
        schedule,
        _("Export failed: %(name)s") % {"name": schedule.name},
        _(
            "The scheduled export ‘%(name)s’ of ‘%(survey)s’ did not produce a package:\n\n"
            "%(reason)s%(stopped)s\n\n%(url)s"
        )
        % {
            "name": schedule.name,
            "survey": schedule.survey.title,
            "reason": job.error,
            "stopped": stopped,
            "url": job_url(job),
        },
    )
