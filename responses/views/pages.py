"""The respondent journey at /s/<slug>/: start, pages, check, submit, complete."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from responses import services
from responses.availability import Availability, for_new_respondents, for_people_answering
from responses.forms import InvitationForm, PageForm, unknown_field_names
from responses.journey import (
    bad_request,
    page_logic,
    page_url,
    progress,
    respondent_view,
    response_for,
    survey_and_response,
    survey_for,
    unavailable,
)
from responses.privacy import privacy_notice
from responses.ratelimit import CLIENT_STARTS_PER_HOUR, HOUR, allow, allow_survey_start
from responses.respondent import (
    RespondentCookie,
    form_token,
    form_token_is_valid,
    page_shown_stamp,
    respondent_cookie,
    seconds_on_page,
    set_respondent_cookie,
    set_response_cookie,
)
from responses.services import Navigation
from surveys.relevance import (
    condition_holds,
    next_page,
    page_applies,
    prune,
    relevant_pages,
    unanswered_required,
)
from surveys.schema import instrument_for_version

ACTIONS = {Navigation.CONTINUE, Navigation.BACK, Navigation.SAVE}
EXPIRED = gettext_lazy("This page has expired. Go back to the survey and try again.")


def _in_progress(request, slug, *, lock: bool = False):
    """The survey and the respondent's unfinished response, or else where to send them."""
    survey, response = survey_and_response(request, slug, lock=lock)
    if response is None:
        return survey, None, redirect("responses:start", slug=survey.slug)
    if response.is_complete:
        return survey, None, redirect("responses:complete", slug=survey.slug)
    return survey, response, None


@respondent_view
@require_http_methods(["GET", "HEAD"])
def start(request, slug):
    survey = survey_for(slug)
    now = timezone.now()
    availability = for_new_respondents(survey, now)
    response = response_for(request, survey)
    can_continue = for_people_answering(survey, now) is Availability.OPEN
    in_progress = response if response and not response.is_complete and can_continue else None
    if availability is not Availability.OPEN and in_progress is None:
        return unavailable(request, survey, availability)
    return render(
        request, "responses/start.html", _start_context(survey, in_progress, InvitationForm())
    )


def _start_context(survey, in_progress, invitation_form):
    return {
        "survey": survey,
        "in_progress": in_progress,
        "continue_url": page_url(survey, in_progress.current_page) if in_progress else "",
        "privacy": privacy_notice(survey),
        "invitation_form": invitation_form,
    }


@respondent_view
@require_POST
def begin(request, slug):
    survey = survey_for(slug)
    invitation_form = InvitationForm(data=request.POST)
    code = ""
    if survey.invitation_only:
        if not invitation_form.is_valid():
            return render(
                request, "responses/start.html", _start_context(survey, None, invitation_form)
            )
        if not allow(request, "invitation", limit=10, window_seconds=900):
            return render(
                request, "responses/too_many_attempts.html", {"survey": survey}, status=429
            )
        code = invitation_form.cleaned_data["code"]
    if not allow(request, "start", limit=CLIENT_STARTS_PER_HOUR, window_seconds=HOUR):
        return _busy(request, survey, from_your_network=True)
    if not allow_survey_start(survey.pk):
        return _busy(request, survey, from_your_network=False)
    try:
        response = services.response_start(survey=survey, now=timezone.now(), invitation_code=code)
    except services.NotAccepting as refusal:
        return unavailable(request, survey, refusal.availability, status=409)
    except services.InvitationInvalid:
        invitation_form.add_error(
            "code", _("This invitation code is not valid, or it has already been used")
        )
        return render(
            request, "responses/start.html", _start_context(survey, None, invitation_form)
        )
    instrument = instrument_for_version(response.version)
    first = relevant_pages(instrument, {})[0]
    http_response = redirect(page_url(survey, first.index))
    set_response_cookie(http_response, survey.slug, response.id)
    return http_response


def _busy(request, survey, *, from_your_network: bool):
    """Too many starts this hour: from one network, or on the survey as a whole."""
    context = {"survey": survey, "from_your_network": from_your_network}
    return render(request, "responses/busy.html", context, status=429)


@respondent_view
@require_http_methods(["GET", "HEAD", "POST"])
def page(request, slug, number):
    if request.method == "POST":
        # One read of the response, its row locked, then the save: the answers are checked
        # against the response as it is stored, and nothing else can change it in between.
        with transaction.atomic():
            return _page(request, slug, number, lock=True)
    return _page(request, slug, number)


def _page(request, slug, number, *, lock: bool = False):
    survey, response, elsewhere = _in_progress(request, slug, lock=lock)
    if elsewhere:
        return elsewhere
    instrument = instrument_for_version(response.version)
    index = number - 1
    if not 0 <= index < len(instrument.pages):
        raise Http404
    availability = for_people_answering(survey, timezone.now())
    if availability is not Availability.OPEN:
        return unavailable(
            request, survey, availability, status=409 if request.method == "POST" else 200
        )
    if index > response.furthest_page:
        if request.method == "POST":
            return bad_request(
                request,
                survey,
                _("You cannot answer that page yet: answer the pages before it first."),
            )
        return redirect(page_url(survey, min(response.furthest_page, len(instrument.pages) - 1)))
    page_spec = instrument.pages[index]
    if not page_applies(instrument, page_spec, response.answers):
        following = next_page(instrument, response.answers, index)
        return redirect(
            page_url(survey, following.index)
            if following
            else reverse("responses:check", args=[slug])
        )
    if request.method == "POST":
        return _save_page(request, survey, response, instrument, page_spec)
    form = PageForm(instrument=instrument, page=page_spec, answers=response.answers)
    cookie = respondent_cookie(request, slug)
    resumed = cookie is not None and cookie.just_resumed
    http_response = _render_page(
        request, survey, response, instrument, page_spec, form, resumed=resumed
    )
    if resumed and request.method == "GET":
        set_respondent_cookie(http_response, slug, cookie.without_resumed())
    return http_response


def _render_page(
    request, survey, response, instrument, page_spec, form, status=200, *, resumed=False
):
    position, total = progress(instrument, page_spec)
    is_last = next_page(instrument, response.answers, page_spec.index) is None
    context = {
        "survey": survey,
        "page": page_spec,
        "form": form,
        "position": position,
        "total": total,
        "is_last": is_last,
        "submits": is_last and not survey.show_check_answers,
        "token": form_token(response.id),
        "shown": page_shown_stamp(),
        "change": request.GET.get("change") or request.POST.get("change") or "",
        "logic": page_logic(instrument, page_spec, response.answers),
        "resumed": resumed,
    }
    return render(request, "responses/page.html", context, status=status)


def _save_page(request, survey, response, instrument, page_spec):
    if not form_token_is_valid(response.id, request.POST.get("token", "")):
        return bad_request(request, survey, EXPIRED)
    action = request.POST.get("action", Navigation.CONTINUE)
    if action not in ACTIONS or (action == Navigation.SAVE and not survey.allow_save_and_resume):
        return bad_request(request, survey, _("That button is not available on this page."))
    form = PageForm(
        instrument=instrument, page=page_spec, answers=response.answers, data=request.POST
    )
    if unknown_field_names(form, request.POST):
        return bad_request(
            request, survey, _("The answers sent do not match the questions on this page.")
        )
    if not form.validate(enforce_required=action == Navigation.CONTINUE):
        return _render_page(request, survey, response, instrument, page_spec, form)
    try:
        response = services.response_save_locked_page(
            response=response,
            page_index=page_spec.index,
            page_answers=form.answers,
            navigation=action,
            seconds_on_page=seconds_on_page(request.POST.get("shown", "")),
            now=timezone.now(),
        )
    except services.AlreadySubmitted:
        return redirect("responses:complete", slug=survey.slug)
    except services.NotAccepting as refusal:
        return unavailable(request, survey, refusal.availability, status=409)
    except services.PageNotReachable:
        return bad_request(request, survey, _("You cannot answer that page yet."))
    return _after_save(request, survey, response, page_spec, action)


def _after_save(request, survey, response, page_spec, action):
    if action == Navigation.SAVE:
        return redirect("responses:saved", slug=survey.slug)
    if action == Navigation.BACK:
        if response.current_page == page_spec.index:
            return redirect("responses:start", slug=survey.slug)
        return redirect(page_url(survey, response.current_page))
    changing = bool(request.POST.get("change")) and services.reached_the_end(response)
    if changing and (newly_required := _first_unanswered_page(response)) is not None:
        return redirect(f"{page_url(survey, newly_required)}?change=1")
    at_end = response.current_page == page_spec.index
    if at_end or changing:
        if survey.show_check_answers:
            return redirect("responses:check", slug=survey.slug)
        return _submit(request, survey, response)
    return redirect(page_url(survey, response.current_page))


def _first_unanswered_page(response) -> int | None:
    """The page of the first required question that now applies and has no answer.

    A change made from the check page can make a page or question apply that the respondent
    has never seen; they are taken there, and then back to the check page, rather than
    being told off on the check page for leaving it unanswered.
    """
    missing = unanswered_required(instrument_for_version(response.version), response.answers)
    return missing[0].page_index if missing else None


@respondent_view
@require_http_methods(["GET", "HEAD"])
def check(request, slug):
    survey, response, elsewhere = _in_progress(request, slug)
    if elsewhere:
        return elsewhere
    if not services.reached_the_end(response):
        return redirect(page_url(survey, response.current_page))
    return _render_check(request, survey, response)


def change_url(survey, question) -> str:
    return f"{page_url(survey, question.page_index)}?change=1#question-{question.code}"


def _render_check(request, survey, response, missing=(), status=200):
    instrument = instrument_for_version(response.version)
    missing_codes = {q.code for q in missing}
    sections = []
    applying = prune(instrument, response.answers)
    for page_spec in relevant_pages(instrument, response.answers):
        rows = [
            {
                "question": question,
                "answer": question.kind.display(question, response.answers),
                "missing": question.code in missing_codes,
                "change_url": change_url(survey, question),
            }
            for question in page_spec.questions
            if question.kind.has_answer and condition_holds(question.relevant_ast, applying)
        ]
        sections.append({"page": page_spec, "rows": rows})
    context = {
        "survey": survey,
        "sections": sections,
        "missing": [(question, change_url(survey, question)) for question in missing],
        "token": form_token(response.id),
    }
    return render(request, "responses/check.html", context, status=status)


@respondent_view
@require_POST
def submit(request, slug):
    survey, response, elsewhere = _in_progress(request, slug)
    if elsewhere:
        return elsewhere
    if not form_token_is_valid(response.id, request.POST.get("token", "")):
        return bad_request(request, survey, EXPIRED)
    return _submit(request, survey, response)


def _submit(request, survey, response):
    try:
        submission = services.response_submit(response_id=response.id, now=timezone.now())
    except services.NotAccepting as refusal:
        return unavailable(request, survey, refusal.availability, status=409)
    except services.Incomplete as incomplete:
        return _render_check(request, survey, response, missing=incomplete.missing)
    except services.PageNotReachable:
        return redirect(page_url(survey, response.current_page))
    http_response = redirect("responses:complete", slug=survey.slug)
    if submission.receipt:
        # The browser alone carries the receipt to the next page, which shows it once.
        cookie = RespondentCookie(response.id, submission.receipt, submission.followup_ticket)
        set_respondent_cookie(http_response, survey.slug, cookie)
    return http_response


@respondent_view
@require_http_methods(["GET", "HEAD"])
def complete(request, slug):
    survey, response = survey_and_response(request, slug)
    cookie = respondent_cookie(request, slug)
    if response is None or not response.is_complete:
        return redirect("responses:start", slug=slug)
    ticket = cookie.followup_ticket
    volunteered = services.followup_ticket_spent(ticket=ticket)
    context = {
        "survey": survey,
        "receipt": cookie.receipt,
        "can_volunteer": bool(ticket)
        and survey.followup_enabled
        and not volunteered
        and for_people_answering(survey, timezone.now()) is Availability.OPEN,
        "volunteered": volunteered,
    }
    http_response = render(request, "responses/complete.html", context)
    if cookie.receipt and request.method == "GET":
        set_respondent_cookie(http_response, slug, cookie.without_receipt())
    return http_response
