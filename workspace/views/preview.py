"""Preview a survey's draft as a respondent sees it, storing no response.

The preview renders the draft (not the published version, so a researcher sees a change before
publishing it) with the respondent journey's own form and templates. Answers live only in the
researcher's session until the preview is restarted: no Response row is made, so nothing can
reach a count, a dashboard or an export.
"""

from __future__ import annotations

import hmac
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from responses.forms import PageForm
from responses.journey import page_logic, progress
from responses.respondent import page_shown_stamp
from surveys.relevance import next_page, previous_page, prune, relevant_pages
from surveys.schema import Instrument, instrument_from_schema, schema_checksum, schema_from_drafts
from surveys.selectors import CAN_BUILD, survey_for_member
from surveys.validation import schema_problems


def _state_key(survey) -> str:
    return f"candour_preview_{survey.pk}"


def _draft(survey) -> tuple[Instrument | None, list[str], str]:
    schema = schema_from_drafts(survey)
    problems = [str(problem) for problem in schema_problems(schema)]
    if problems:
        return None, problems, ""
    return instrument_from_schema(schema), [], schema_checksum(schema)


def _answers(request, survey, checksum: str) -> dict:
    state = request.session.get(_state_key(survey)) or {}
    return state.get("answers", {}) if state.get("checksum") == checksum else {}


def _store(request, survey, checksum: str, answers: dict, *, finished=False) -> None:
    request.session[_state_key(survey)] = {
        "checksum": checksum,
        "answers": json.loads(json.dumps(answers)),
        "finished": finished,
    }


def _token(request, survey) -> str:
    """Stands in for the CSRF token: the respondent template's form carries `token` only."""
    return salted_hmac("candour.preview", f"{request.session.session_key}:{survey.pk}").hexdigest()


def _preview_url(survey, index: int) -> str:
    return reverse("workspace:preview_page", args=[survey.slug, index + 1])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preview(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    instrument, problems, checksum = _draft(survey)
    if request.method == "POST" and instrument is not None:
        _store(request, survey, checksum, {})
        first = relevant_pages(instrument, {})[0]
        return redirect(_preview_url(survey, first.index))
    state = request.session.get(_state_key(survey)) or {}
    finished = bool(state.get("finished")) and state.get("checksum") == checksum
    summary = _summary(instrument, state.get("answers", {})) if finished and instrument else []
    return render(
        request,
        "workspace/preview.html",
        {"survey": survey, "problems": problems, "finished": finished, "summary": summary},
    )


def _summary(instrument: Instrument, answers: dict) -> list[dict]:
    pruned = prune(instrument, answers)
    return [
        {"label": question.label, "answer": question.kind.display(question, pruned)}
        for page in relevant_pages(instrument, pruned)
        for question in page.questions
        if question.kind.has_answer and question.code in pruned
    ]


@csrf_exempt  # checked below with the preview token, which the respondent template posts
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preview_page(request, slug, number):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    instrument, _problems, checksum = _draft(survey)
    if instrument is None:
        return redirect("workspace:preview", slug=survey.slug)
    index = number - 1
    if not 0 <= index < len(instrument.pages):
        raise Http404
    if not request.session.session_key:
        request.session.save()
    answers = _answers(request, survey, checksum)
    page_spec = instrument.pages[index]
    if request.method != "POST":
        form = PageForm(instrument=instrument, page=page_spec, answers=answers)
        return _render(request, survey, instrument, page_spec, form, answers)
    if not hmac.compare_digest(_token(request, survey), request.POST.get("token", "")):
        return HttpResponseForbidden(_("This preview page has expired. Start the preview again."))
    action = request.POST.get("action", "continue")
    form = PageForm(instrument=instrument, page=page_spec, answers=answers, data=request.POST)
    if not form.validate(enforce_required=action == "continue"):
        return _render(request, survey, instrument, page_spec, form, answers)
    page_keys = {key for q in page_spec.questions for key in q.kind.answer_keys(q)}
    answers = prune(
        instrument, {k: v for k, v in answers.items() if k not in page_keys} | form.answers
    )
    if action == "save":
        _store(request, survey, checksum, answers)
        messages.info(
            request,
            _(
                "A respondent would now get a resume code. "
                "A preview keeps answers until you restart it."
            ),
        )
        return redirect(_preview_url(survey, index))
    if action == "back":
        _store(request, survey, checksum, answers)
        before = previous_page(instrument, answers, index)
        return redirect(
            _preview_url(survey, before.index)
            if before
            else reverse("workspace:preview", args=[slug])
        )
    following = next_page(instrument, answers, index)
    _store(request, survey, checksum, answers, finished=following is None)
    if following is None:
        return redirect("workspace:preview", slug=survey.slug)
    return redirect(_preview_url(survey, following.index))


def _render(request, survey, instrument, page_spec, form, answers):
    position, total = progress(instrument, page_spec)
    is_last = next_page(instrument, answers, page_spec.index) is None
    context = {
        "survey": survey,
        "page": page_spec,
        "form": form,
        "position": position,
        "total": total,
        "is_last": is_last,
        "submits": is_last and not survey.show_check_answers,
        "token": _token(request, survey),
        "shown": page_shown_stamp(),
        "change": "",
        "logic": page_logic(instrument, page_spec, answers),
        "resumed": False,
        "preview": True,
    }
    return render(request, "workspace/preview_page.html", context)
