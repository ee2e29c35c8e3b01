"""Coming back: the resume code after saving, resuming with it, deleting unfinished answers with
it, and withdrawing submitted answers with a receipt."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from responses import services
from responses.availability import Availability, for_people_answering
from responses.forms import ResumeForm, WithdrawForm
from responses.journey import page_url, respondent_view, response_for, survey_for, unavailable
from responses.privacy import privacy_notice
from responses.ratelimit import allow
from responses.respondent import (
    RespondentCookie,
    clear_response_cookie,
    response_id_from_cookie,
    set_respondent_cookie,
)

NO_MATCHING_RECEIPT = gettext_lazy(
    "No submitted answers match this receipt code. Check it and try again."
)
NO_MATCHING_RESUME_CODE = gettext_lazy(
    "No saved answers match this code. Check it, or start the survey again."
)
ATTEMPTS = 10
WINDOW_SECONDS = 15 * 60


def _too_many(request, survey):
    return render(request, "responses/too_many_attempts.html", {"survey": survey}, status=429)


@respondent_view
@require_GET
def saved(request, slug):
    """Show a new resume code, once, and end this browser's visit.

    Showing the page again makes another code and cancels this one: only its hash is stored, so
    no page can show the same code twice. The response cookie is deleted as the code is shown,
    as "Leave this site quickly" does: on a shared computer the next person to open the survey
    sees a newcomer's start page, and the answers come back only with the code. The code is
    never put in an address, where it would stay in the browser's history."""
    survey = survey_for(slug)
    response = response_for(request, survey)
    if response is None or response.is_complete:
        return redirect("responses:start", slug=slug)
    if not survey.allow_save_and_resume:
        return redirect(page_url(survey, response.current_page))
    availability = for_people_answering(survey, timezone.now())
    if availability is not Availability.OPEN:
        return unavailable(request, survey, availability)
    context = {
        "survey": survey,
        "code": services.response_issue_resume_code(response_id=response.id),
        "closes_at": survey.closes_at,
    }
    http_response = render(request, "responses/saved.html", context)
    clear_response_cookie(http_response, slug)
    return http_response


@respondent_view
@require_http_methods(["GET", "HEAD", "POST"])
def resume(request, slug):
    survey = survey_for(slug)
    if request.method != "POST":
        return render(request, "responses/resume.html", {"survey": survey, "form": ResumeForm()})
    form = ResumeForm(data=request.POST)
    if not form.is_valid():
        return render(request, "responses/resume.html", {"survey": survey, "form": form})
    if not allow(request, "resume", limit=ATTEMPTS, window_seconds=WINDOW_SECONDS):
        return _too_many(request, survey)
    response = services.response_find_by_resume_code(survey=survey, code=form.cleaned_data["code"])
    if response is None:
        form.add_error("code", NO_MATCHING_RESUME_CODE)
        return render(request, "responses/resume.html", {"survey": survey, "form": form})
    availability = for_people_answering(survey, timezone.now())
    if availability is not Availability.OPEN:
        return unavailable(request, survey, availability, status=409)
    http_response = redirect(page_url(survey, response.current_page))
    set_respondent_cookie(
        http_response, survey.slug, RespondentCookie(response.id, just_resumed=True)
    )
    return http_response


@respondent_view
@require_http_methods(["GET", "HEAD", "POST"])
def delete_unfinished(request, slug):
    """ "Delete my answers": unfinished answers, by their resume code, after a confirmation."""
    survey = survey_for(slug)
    if request.method != "POST":
        return render(request, "responses/delete.html", {"survey": survey, "form": ResumeForm()})
    form = ResumeForm(data=request.POST)
    if not form.is_valid():
        return render(request, "responses/delete.html", {"survey": survey, "form": form})
    if not allow(request, "delete", limit=ATTEMPTS, window_seconds=WINDOW_SECONDS):
        return _too_many(request, survey)
    code = form.cleaned_data["code"]
    if request.POST.get("confirm") != "yes":
        if services.response_find_by_resume_code(survey=survey, code=code) is None:
            form.add_error("code", NO_MATCHING_RESUME_CODE)
            return render(request, "responses/delete.html", {"survey": survey, "form": form})
        context = {"survey": survey, "code": code}
        return render(request, "responses/delete_confirm.html", context)
    if not services.response_delete_unfinished(survey=survey, code=code):
        form.add_error("code", NO_MATCHING_RESUME_CODE)
        return render(request, "responses/delete.html", {"survey": survey, "form": form})
    http_response = render(request, "responses/deleted.html", {"survey": survey})
    if response_id_from_cookie(request, slug) and response_for(request, survey) is None:
        clear_response_cookie(http_response, slug)  # the cookie named the answers just deleted
    return http_response


@respondent_view
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, slug):
    survey = survey_for(slug)
    if request.method != "POST":
        return render(
            request, "responses/withdraw.html", {"survey": survey, "form": WithdrawForm()}
        )
    form = WithdrawForm(data=request.POST)
    if not form.is_valid():
        return render(request, "responses/withdraw.html", {"survey": survey, "form": form})
    if not allow(request, "withdraw", limit=ATTEMPTS, window_seconds=WINDOW_SECONDS):
        return _too_many(request, survey)
    receipt = form.cleaned_data["code"]
    confirmed = request.POST.get("confirm") == "yes"
    if confirmed and services.response_withdraw(survey=survey, receipt=receipt):
        return render(request, "responses/withdrawn.html", {"survey": survey})
    if confirmed or services.response_find_by_receipt(survey=survey, receipt=receipt) is None:
        form.add_error("code", NO_MATCHING_RECEIPT)
        return render(request, "responses/withdraw.html", {"survey": survey, "form": form})
    context = {"survey": survey, "receipt": receipt}
    return render(request, "responses/withdraw_confirm.html", context)


@respondent_view
@require_http_methods(["GET", "HEAD"])
def privacy(request, slug):
    survey = survey_for(slug)
    return render(
        request, "responses/privacy.html", {"survey": survey, "privacy": privacy_notice(survey)}
    )
