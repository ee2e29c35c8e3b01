"""The export pages of a survey: request an export, watch it, download it, schedules, and the
release profile. Owners and analysts only (surveys.selectors.CAN_ANALYSE); strangers get 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exports import jobs
from exports.forms import ExportOptionsForm, ReleaseProfileForm, ScheduleForm
from exports.models import ExportJob
from exports.options import ExportOptions
from exports.release_profile import (
    generalise_rules_format,
    profile_choices,
    release_profile_for,
    release_profile_save,
)
from exports.schedules import schedule_delete, schedule_save
from exports.selectors import job_for_member, recent_jobs, schedule_for_member
from surveys.schema import instrument_for_version
from surveys.selectors import CAN_ANALYSE, OWNER_ONLY, Role, role_on_survey, survey_for_member


def _is_owner(request, survey) -> bool:
    return role_on_survey(user=request.user, survey=survey) == Role.OWNER


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exports_home(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_ANALYSE)
    is_owner = _is_owner(request, survey)
    form = ExportOptionsForm(
        data=request.POST if request.method == "POST" else None,
        may_switch_off_safeguards=is_owner,
    )
    if request.method == "POST" and form.is_valid():
        job = jobs.export_job_request(
            survey=survey, requested_by=request.user, options=form.options
        )
        jobs.export_safeguards_audit(job=job, options=form.options, by=request.user)
        return redirect("exports:job", slug=survey.slug, job_id=job.pk)
    context = {
        "survey": survey,
        "form": form,
        "jobs": recent_jobs(survey),
        "schedules": survey.export_schedules.all(),
        "profile": release_profile_for(survey),
        "is_owner": is_owner,
    }
    return render(request, "exports/home.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def job_detail(request, slug, job_id):
    job = job_for_member(user=request.user, slug=slug, job_id=job_id, roles=CAN_ANALYSE)
    context = {"survey": job.survey, "job": job, "is_owner": _is_owner(request, job.survey)}
    return render(request, "exports/job.html", context)


@login_required
@require_GET
def job_status(request, slug, job_id):
    """What the job page's script polls: status and progress, nothing else."""
    job = job_for_member(user=request.user, slug=slug, job_id=job_id, roles=CAN_ANALYSE)
    response = JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "done": job.progress_done,
            "total": job.progress_total,
            "percent": job.percent_done,
            "finished": job.is_finished,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def job_download(request, slug, job_id):
    job = job_for_member(user=request.user, slug=slug, job_id=job_id, roles=CAN_ANALYSE)
    try:
        handle = jobs.export_job_download(job=job, user=request.user)
    except jobs.ExportNotReady:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def job_override(request, slug, job_id):
    """Owners only: run a blocked export again, knowingly releasing the small groups."""
    job = job_for_member(user=request.user, slug=slug, job_id=job_id, roles=OWNER_ONLY)
    if job.status != ExportJob.Status.BLOCKED:
        raise Http404
    rerun = jobs.export_job_request(
        survey=job.survey,
        requested_by=request.user,
        options=ExportOptions.from_json(job.options),
        override_disclosure=True,
    )
    return redirect("exports:job", slug=slug, job_id=rerun.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def schedule_edit(request, slug, schedule_id=None):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_ANALYSE)
    schedule = None
    if schedule_id is not None:
        schedule = schedule_for_member(
            user=request.user, slug=slug, schedule_id=schedule_id, roles=CAN_ANALYSE
        )
    form = ScheduleForm(
        data=request.POST if request.method == "POST" else None,
        initial=_schedule_initial(schedule),
        may_switch_off_safeguards=_is_owner(request, survey),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        schedule_save(
            survey=survey,
            by=request.user,
            schedule=schedule,
            name=data["name"],
            cadence_name=data["cadence"],
            time_of_day=data["time_of_day"],
            weekday=data.get("weekday"),
            day_of_month=data.get("day_of_month"),
            options=form.options,
            recipients=data["recipients"],
            keep_last=data["keep_last"],
            enabled=data["enabled"],
        )
        messages.success(request, _("Schedule ‘%(name)s’ saved.") % {"name": data["name"]})
        return redirect("exports:home", slug=slug)
    context = {"survey": survey, "form": form, "schedule": schedule}
    return render(request, "exports/schedule.html", context, status=400 if form.errors else 200)


def _schedule_initial(schedule) -> dict:
    if schedule is None:
        return {}
    initial = ExportOptionsForm.initial_from(ExportOptions.from_json(schedule.options))
    initial.update(
        name=schedule.name,
        cadence=schedule.cadence,
        time_of_day=schedule.time_of_day.strftime("%H:%M"),
        weekday=schedule.weekday,
        day_of_month=schedule.day_of_month,
        recipients="\n".join(schedule.recipients),
        keep_last=schedule.keep_last,
        enabled=schedule.enabled,
    )
    return initial


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def schedule_remove(request, slug, schedule_id):
    schedule = schedule_for_member(
        user=request.user, slug=slug, schedule_id=schedule_id, roles=CAN_ANALYSE
    )
    if request.method == "POST":
        name = schedule.name
        schedule_delete(schedule=schedule, by=request.user)
        messages.success(request, _("Schedule ‘%(name)s’ deleted.") % {"name": name})
        return redirect("exports:home", slug=slug)
    return render(
        request, "exports/schedule_delete.html", {"survey": schedule.survey, "schedule": schedule}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def release_profile(request, slug):
    """Analysts see the profile; owners change it."""
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_ANALYSE)
    is_owner = _is_owner(request, survey)
    if request.method == "POST" and not is_owner:
        raise Http404
    profile = release_profile_for(survey)
    instrument = instrument_for_version(survey.current_version) if survey.current_version else None
    form = ReleaseProfileForm(
        data=request.POST if request.method == "POST" else None,
        initial={
            "quasi_identifiers": profile.quasi_identifiers,
            "k": profile.k,
            "generalise": generalise_rules_format(profile.generalise),
            "small_groups": profile.small_groups,
            "drop_questions": profile.drop_questions,
            "redaction_terms": "\n".join(profile.redaction_terms),
        },
        choices=profile_choices(survey),
        instrument=instrument,
        editable=is_owner and instrument is not None,
    )
    if request.method == "POST" and form.is_valid():
        release_profile_save(survey=survey, by=request.user, **form.cleaned_data)
        messages.success(request, _("The release profile is saved. Every export now applies it."))
        return redirect("exports:home", slug=slug)
    context = {"survey": survey, "form": form, "is_owner": is_owner, "profile": profile}
    return render(
        request, "exports/release_profile.html", context, status=400 if form.errors else 200
    )
