"""Publishing the draft, with the compatibility report, and opening or closing the survey."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from surveys.advice import instrument_warnings
from surveys.builder.surveys import survey_publish_check, survey_publish_draft
from surveys.selectors import CAN_BUILD, survey_for_member
from surveys.services import IncompatibleChanges, PublishInvalid
from workspace.forms.team import PublishForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    form = PublishForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = survey_publish_draft(
                survey=survey, by=request.user, accept_breaking_changes=form.cleaned_data["accept"]
            )
        except PublishInvalid:
            messages.error(
                request, _("The survey cannot be published yet: fix the problems listed.")
            )
            return redirect("workspace:publish", slug=survey.slug)
        except IncompatibleChanges:
            form.add_error(
                "accept",
                _("Confirm that you accept the changes to existing answers, or undo them"),
            )
        else:
            if result.created:
                messages.success(
                    request,
                    _("Published version %(number)d.") % {"number": result.version.number},
                )
                for warning in instrument_warnings(result.version.schema):
                    messages.warning(request, warning)
            else:
                messages.info(request, _("Nothing has changed since the published version."))
            return redirect("workspace:publish", slug=survey.slug)
    survey.refresh_from_db()
    return render(
        request,
        "workspace/publish.html",
        {
            "survey": survey,
            "form": form,
            "check": survey_publish_check(survey=survey),
            "public_url": request.build_absolute_uri(f"/s/{survey.slug}/"),
        },
    )
