"""The builder's overview of a survey's pages and questions, and the pages themselves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from surveys.builder.conditions import draft_question_texts
from surveys.builder.pages import page_create, page_delete, page_move, page_update
from surveys.builder.questions import question_problems
from surveys.builder.surveys import survey_publish_check
from surveys.selectors import CAN_BUILD, page_for_member, survey_for_member
from workspace.forms.drafts import PageDraftForm
from workspace.views.helpers import condition_words, direction_from, page_condition_check


@login_required
@require_http_methods(["GET", "HEAD"])
def survey_build(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    pages = list(survey.pages.order_by("position").prefetch_related("questions__choices"))
    texts = draft_question_texts(survey)
    outline = []
    for page in pages:
        questions = [
            {
                "question": question,
                "problems": question_problems(question),
                "condition": condition_words(question.relevant, texts),
            }
            for question in sorted(page.questions.all(), key=lambda q: q.position)
        ]
        outline.append(
            {
                "page": page,
                "questions": questions,
                "condition": condition_words(page.relevant, texts),
            }
        )
    entries = [entry for item in outline for entry in item["questions"]]
    for position, entry in enumerate(entries):
        entry["first"], entry["last"] = position == 0, position == len(entries) - 1
    return render(
        request,
        "workspace/survey_build.html",
        {"survey": survey, "outline": outline, "check": survey_publish_check(survey=survey)},
    )


def _build_url(survey, anchor: str = "") -> str:
    url = reverse("workspace:survey_build", args=[survey.slug])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def page_create_view(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    form = PageDraftForm(
        data=request.POST if request.method == "POST" else None,
        condition_check=page_condition_check(survey, None),
    )
    if request.method == "POST" and form.is_valid():
        page = page_create(survey=survey, by=request.user, **form.cleaned_data)
        messages.success(request, _("Page added. Now add its questions."))
        return redirect(_build_url(survey, f"page-{page.pk}"))
    return render(request, "workspace/page_form.html", {"survey": survey, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def page_edit(request, slug, page_id):
    page = page_for_member(user=request.user, slug=slug, page_id=page_id, roles=CAN_BUILD)
    survey = page.survey
    form = PageDraftForm(
        data=request.POST if request.method == "POST" else None,
        initial={"title": page.title, "intro": page.intro, "relevant": page.relevant},
        condition_check=page_condition_check(survey, page),
    )
    if request.method == "POST" and form.is_valid():
        page_update(page=page, by=request.user, **form.cleaned_data)
        messages.success(request, _("Page saved."))
        return redirect(_build_url(survey, f"page-{page.pk}"))
    return render(
        request,
        "workspace/page_form.html",
        {
            "survey": survey,
            "page": page,
            "form": form,
            "condition": condition_words(page.relevant, survey=survey),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def page_delete_view(request, slug, page_id):
    page = page_for_member(user=request.user, slug=slug, page_id=page_id, roles=CAN_BUILD)
    survey = page.survey
    if request.method == "POST":
        page_delete(page=page, by=request.user)
        messages.success(request, _("Page deleted."))
        return redirect(_build_url(survey))
    return render(
        request,
        "workspace/confirm_delete.html",
        {
            "survey": survey,
            "heading": _("Delete the page “%(title)s”?") % {"title": page.title},
            "warning": _("Its %(count)d questions and their options are deleted with it.")
            % {"count": page.questions.count()},
            "cancel_url": _build_url(survey, f"page-{page.pk}"),
        },
    )


@login_required
@require_POST
def page_move_view(request, slug, page_id):
    page = page_for_member(user=request.user, slug=slug, page_id=page_id, roles=CAN_BUILD)
    page_move(page=page, direction=direction_from(request), by=request.user)
    return redirect(_build_url(page.survey, f"page-{page.pk}"))
