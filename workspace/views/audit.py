"""A survey's audit log, for its owners: who did what and when, newest first. Read-only: there
is no way to change or delete an event (audit.models refuses it too)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.selectors import audit_actions_for_survey, audit_events_for_survey
from surveys.selectors import OWNER_ONLY, survey_for_member

EVENTS_PER_PAGE = 50


@login_required
@require_GET
def audit_log(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=OWNER_ONLY)
    actions = audit_actions_for_survey(survey=survey)
    action = request.GET.get("action", "")
    if action not in dict(actions):
        action = ""
    events = audit_events_for_survey(survey=survey, action=action or None)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/audit_log.html",
        {"survey": survey, "page": page, "actions": actions, "action": action},
    )
