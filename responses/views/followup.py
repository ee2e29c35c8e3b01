"""Volunteering for an interview, after submitting: stored apart from, and unlinked to, answers.

The browser that submitted holds a single-use ticket (responses.respondent); a contact can be
left once with it. Nothing on the response says whether its respondent volunteered.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from audit.models import AuditEvent
from audit.services import audit_record
from exports.spreadsheet import neutralise_formula
from responses import services
from responses.availability import Availability, for_people_answering
from responses.forms import FollowUpForm
from responses.journey import respondent_view, response_for, survey_for, unavailable
from responses.models import FollowUpContact
from responses.respondent import respondent_cookie
from responses.unlinking import MIN_GROUP, interval_minutes
from surveys.selectors import OWNER_ONLY, survey_for_member


@respondent_view
@require_http_methods(["GET", "HEAD", "POST"])
def followup(request, slug):
    survey = survey_for(slug)
    response = response_for(request, survey)
    if not survey.followup_enabled or response is None or not response.is_complete:
        raise Http404
    ticket = respondent_cookie(request, slug).followup_ticket
    if not ticket:
        raise Http404
    if services.followup_ticket_spent(ticket=ticket):
        return render(request, "responses/followup_already.html", {"survey": survey})
    availability = for_people_answering(survey, timezone.now())
    if availability is not Availability.OPEN:
        return unavailable(request, survey, availability, status=409)
    form = FollowUpForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_contact_record(survey=survey, ticket=ticket, **form.cleaned_data)
        except services.FollowUpRefused:
            return render(request, "responses/followup_already.html", {"survey": survey})
        return render(request, "responses/followup_done.html", {"survey": survey})
    context = {
        "survey": survey,
        "form": form,
        "interval_minutes": interval_minutes(),
        "group_size": MIN_GROUP,
    }
    return render(request, "responses/followup.html", context)


@login_required
@require_GET
def followup_contacts_csv(request, slug):
    """Owners only: the contact details released so far, alone, in random (UUID) order.

    Contacts are released in groups (responses.unlinking), never one by one as they arrive.
    """
    survey = survey_for_member(user=request.user, slug=slug, roles=OWNER_ONLY)
    contacts = list(survey.followup_contacts.filter(stage=FollowUpContact.Stage.RELEASED))
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.FOLLOWUP_DOWNLOADED,
        survey=survey,
        detail={"contacts": len(contacts)},
    )
    download = HttpResponse(content_type="text/csv; charset=utf-8")
    download["Content-Disposition"] = f'attachment; filename="{survey.slug}-follow-up-contacts.csv"'
    download["Cache-Control"] = "no-store"
    writer = csv.writer(download)
    writer.writerow(["name", "contact", "note"])
    for contact in sorted(contacts, key=lambda row: row.id):
        writer.writerow(
            [neutralise_formula(v) for v in (contact.name, contact.contact, contact.note)]
        )
    return download
