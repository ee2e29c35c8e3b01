"""Your surveys, creating one, its summary, settings, deletion, and opening or closing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from surveys.builder.surveys import (
    SurveyStateRefused,
    survey_clone,
    survey_close,
    survey_create,
    survey_delete,
    survey_open,
    survey_update_settings,
)
from surveys.models import Survey
from surveys.selectors import (
    CAN_BUILD,
    CAN_VIEW,
    OWNER_ONLY,
    memberships_of,
    role_on_survey,
    survey_for_member,
)
from workspace.forms.surveys import SurveyCreateForm, SurveyDeleteForm, SurveySettingsForm
from workspace.navigation import survey_landing_url

# Where "from a template" and "from an XLSForm" join "blank" and "a copy" on the new-survey page:
# each is (value, label, url name of its own page); the page lists them as further ways to start.
OTHER_WAYS_TO_START: list[tuple[str, str, str]] = [
    (
        "template",
        _lazy("From a template: one of three ready-made questionnaires"),
        "workspace:survey_from_template",
    ),
    (
        "upload",
        _lazy("From a file: upload an XLSForm (KoboToolbox, ODK) or a JSON instrument"),
        "workspace:survey_upload",
    ),
]


@login_required
@require_http_methods(["GET", "HEAD"])
def survey_list(request):
    rows = [
        {
            "survey": membership.survey,
            "role": membership.get_role_display(),
            "url": survey_landing_url(slug=membership.survey.slug, role=membership.role),
        }
        for membership in memberships_of(user=request.user)
    ]
    return render(request, "workspace/survey_list.html", {"rows": rows, "nav_current": "surveys"})


def _buildable_surveys(user):
    return Survey.objects.filter(memberships__user=user, memberships__role__in=CAN_BUILD).order_by(
        "title"
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_create_view(request):
    form = SurveyCreateForm(
        data=request.POST if request.method == "POST" else None,
        sources=_buildable_surveys(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["start"] == SurveyCreateForm.CLONE:
            survey = survey_clone(source=data["source"], title=data["title"], by=request.user)
        else:
            survey = survey_create(
                title=data["title"], organisation=data["organisation"], by=request.user
            )
        messages.success(request, _("Survey created. Add its first page."))
        return redirect("workspace:survey_build", slug=survey.slug)
    return render(
        request,
        "workspace/survey_create.html",
        {"form": form, "other_ways": OTHER_WAYS_TO_START, "nav_current": "surveys"},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def survey_overview(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_VIEW)
    role = role_on_survey(user=request.user, survey=survey)
    return render(
        request,
        "workspace/survey_overview.html",
        {
            "survey": survey,
            "role": role,
            "can_build": role in CAN_BUILD,
            "public_url": request.build_absolute_uri(f"/s/{survey.slug}/"),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_settings(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    # The form works on a copy: an invalid form must not change the page's own title and links.
    form = SurveySettingsForm(
        data=request.POST if request.method == "POST" else None,
        files=request.FILES if request.method == "POST" else None,
        instance=Survey.objects.get(pk=survey.pk),
    )
    if request.method == "POST" and form.is_valid():
        survey = survey_update_settings(survey=survey, by=request.user, **form.setting_values())
        messages.success(request, _("Settings saved."))
        return redirect("workspace:survey_settings", slug=survey.slug)
    return render(
        request,
        "workspace/survey_settings.html",
        {"survey": survey, "form": form, "is_owner": _is_owner(request.user, survey)},
    )


def _is_owner(user, survey) -> bool:
    return role_on_survey(user=user, survey=survey) in OWNER_ONLY


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_delete_view(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=OWNER_ONLY)
    form = SurveyDeleteForm(data=request.POST if request.method == "POST" else None, survey=survey)
    if request.method == "POST" and form.is_valid():
        title = survey.title
        survey_delete(survey=survey, by=request.user)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect("workspace:survey_list")
    return render(
        request,
        "workspace/survey_delete.html",
        {"survey": survey, "form": form, "responses": survey.responses.count()},
    )


@login_required
@require_POST
def survey_status(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    action = request.POST.get("action")
    try:
        if action == "open":
            survey_open(survey=survey, by=request.user)
            messages.success(request, _("The survey is open to respondents."))
        elif action == "close":
            survey_close(survey=survey, by=request.user)
            messages.success(request, _("The survey is closed to new respondents."))
        else:
            messages.error(request, _("Choose to open or close the survey."))
    except SurveyStateRefused as refused:
        messages.error(request, str(refused))
    return redirect("workspace:publish", slug=survey.slug)
