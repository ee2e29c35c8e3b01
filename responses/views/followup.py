"""Volunteering for an interview, after submitting: stored apart from, and unlinked to, answers."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from responses import services
from responses.forms import FollowUpForm
from responses.journey import respondent_view, response_for, survey_for


@respondent_view
@require_http_methods(["GET", "HEAD", "POST"])
def followup(request, slug):
    survey = survey_for(slug)
    response = response_for(request, survey)
    if not survey.followup_enabled or response is None or not response.is_complete:
        raise Http404
    form = FollowUpForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.followup_contact_record(survey=survey, **form.cleaned_data)
        return render(request, "responses/followup_done.html", {"survey": survey})
    return render(request, "responses/followup.html", {"survey": survey, "form": form})
