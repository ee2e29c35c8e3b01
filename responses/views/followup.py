"""Volunteering for an interview, after submitting: stored apart from, and unlinked to, answers."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from exports.spreadsheet import neutralise_formula
from responses import services
from responses.forms import FollowUpForm
from responses.journey import respondent_view, response_for, survey_for
from surveys.selectors import OWNER_ONLY, survey_for_member


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


@login_required
@require_GET
def followup_contacts_csv(request, slug):
    """Owners only: the contact details, alone, in random (UUID) order."""
    survey = survey_for_member(user=request.user, slug=slug, roles=OWNER_ONLY)
    download = HttpResponse(content_type="text/csv; charset=utf-8")
    download["Content-Disposition"] = f'attachment; filename="{survey.slug}-follow-up-contacts.csv"'
    download["Cache-Control"] = "no-store"
    writer = csv.writer(download)
    writer.writerow(["name", "contact", "note"])
    for contact in survey.followup_contacts.order_by("id"):
        writer.writerow(
            [neutralise_formula(v) for v in (contact.name, contact.contact, contact.note)]
        )
    return download
