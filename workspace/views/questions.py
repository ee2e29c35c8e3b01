"""The builder's questions and their options."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from surveys.builder.choices import choice_create, choice_delete, choice_move, choice_update
from surveys.builder.questions import (
    QuestionFields,
    question_create,
    question_delete,
    question_move,
    question_problems,
    question_update,
)
from surveys.models import Question
from surveys.question_types import get_question_type, question_types
from surveys.selectors import (
    CAN_BUILD,
    choice_for_member,
    page_for_member,
    question_for_member,
)
from workspace.forms.drafts import ChoiceDraftForm, QuestionDraftForm, QuestionTypeForm
from workspace.views.helpers import condition_words, direction_from, question_condition_check


def _build_url(survey, anchor: str = "") -> str:
    url = reverse("workspace:survey_build", args=[survey.slug])
    return f"{url}#{anchor}" if anchor else url


def _question_url(question, anchor: str = "") -> str:
    url = reverse("workspace:question_edit", args=[question.page.survey.slug, question.pk])
    return f"{url}#{anchor}" if anchor else url


def _fields(form: QuestionDraftForm) -> QuestionFields:
    data = form.cleaned_data
    return QuestionFields(
        code=data["code"],
        label=data["label"],
        hint=data["hint"],
        required=data.get("required", False),
        relevant=data["relevant"],
        config=form.config(),
    )


def _suggested_code(survey) -> str:
    taken = set(Question.objects.filter(page__survey=survey).values_list("code", flat=True))
    number = len(taken) + 1
    while f"q{number}" in taken:
        number += 1
    return f"q{number}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_create_view(request, slug, page_id):
    page = page_for_member(user=request.user, slug=slug, page_id=page_id, roles=CAN_BUILD)
    survey = page.survey
    type_key = request.POST.get("type") or request.GET.get("type")
    if type_key not in {kind.key for kind in question_types()}:
        type_form = QuestionTypeForm(data=request.GET if "type" in request.GET else None)
        type_form.is_valid()
        return render(
            request,
            "workspace/question_type.html",
            {"survey": survey, "page": page, "form": type_form},
        )
    form = QuestionDraftForm(
        data=request.POST if request.method == "POST" else None,
        initial={"page": page.pk, "code": _suggested_code(survey)},
        type_key=type_key,
        survey=survey,
        condition_check=question_condition_check(survey, None, page),
    )
    if request.method == "POST" and form.is_valid():
        question = question_create(
            page=form.cleaned_data["page"], type=type_key, fields=_fields(form), by=request.user
        )
        messages.success(request, _("Question added."))
        if get_question_type(type_key).uses_choices:
            return redirect(_question_url(question, "options"))
        return redirect(_build_url(survey, f"question-{question.pk}"))
    return render(
        request,
        "workspace/question_form.html",
        {"survey": survey, "page": page, "form": form, "kind": get_question_type(type_key)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_edit(request, slug, question_id):
    question = question_for_member(
        user=request.user, slug=slug, question_id=question_id, roles=CAN_BUILD
    )
    survey = question.page.survey
    form = QuestionDraftForm(
        data=request.POST if request.method == "POST" else None,
        initial={
            "code": question.code,
            "label": question.label,
            "hint": question.hint,
            "required": question.required,
            "page": question.page_id,
            "relevant": question.relevant,
        },
        type_key=question.type,
        survey=survey,
        question=question,
        condition_check=question_condition_check(survey, question, question.page),
    )
    if request.method == "POST" and form.is_valid():
        question = question_update(
            question=question,
            fields=_fields(form),
            page=form.cleaned_data["page"],
            type=form.cleaned_data["type"],
            by=request.user,
        )
        messages.success(request, _("Question saved."))
        return redirect(_question_url(question))
    kind = get_question_type(question.type)
    return render(
        request,
        "workspace/question_form.html",
        {
            "survey": survey,
            "page": question.page,
            "question": question,
            "form": form,
            "kind": kind,
            "choices": question.choices.order_by("position") if kind.uses_choices else None,
            "problems": question_problems(question),
            "condition": condition_words(question.relevant, survey=survey),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_delete_view(request, slug, question_id):
    question = question_for_member(
        user=request.user, slug=slug, question_id=question_id, roles=CAN_BUILD
    )
    survey = question.page.survey
    if request.method == "POST":
        question_delete(question=question, by=request.user)
        messages.success(request, _("Question deleted."))
        return redirect(_build_url(survey, f"page-{question.page_id}"))
    return render(
        request,
        "workspace/confirm_delete.html",
        {
            "survey": survey,
            "heading": _("Delete the question ${%(code)s}?") % {"code": question.code},
            "warning": question.label,
            "cancel_url": _question_url(question),
        },
    )


@login_required
@require_POST
def question_move_view(request, slug, question_id):
    question = question_for_member(
        user=request.user, slug=slug, question_id=question_id, roles=CAN_BUILD
    )
    question_move(question=question, direction=direction_from(request), by=request.user)
    return redirect(_build_url(question.page.survey, f"question-{question.pk}"))


# --- Options ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def choice_create_view(request, slug, question_id):
    question = question_for_member(
        user=request.user, slug=slug, question_id=question_id, roles=CAN_BUILD
    )
    next_number = question.choices.count() + 1
    form = ChoiceDraftForm(
        data=request.POST if request.method == "POST" else None,
        initial={"value": str(next_number)},
        question=question,
    )
    if request.method == "POST" and form.is_valid():
        choice_create(question=question, by=request.user, **form.cleaned_data)
        messages.success(request, _("Option added."))
        if "add_another" in request.POST:
            return redirect("workspace:choice_create", slug=slug, question_id=question.pk)
        return redirect(_question_url(question, "options"))
    return render(
        request,
        "workspace/choice_form.html",
        {"survey": question.page.survey, "question": question, "form": form},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def choice_edit(request, slug, choice_id):
    choice = choice_for_member(user=request.user, slug=slug, choice_id=choice_id, roles=CAN_BUILD)
    question = choice.question
    form = ChoiceDraftForm(
        data=request.POST if request.method == "POST" else None,
        initial={
            "label": choice.label,
            "value": choice.value,
            "exclusive": choice.exclusive,
            "is_other": choice.is_other,
            "non_substantive": choice.non_substantive,
        },
        question=question,
        choice=choice,
    )
    if request.method == "POST" and form.is_valid():
        choice_update(choice=choice, by=request.user, **form.cleaned_data)
        messages.success(request, _("Option saved."))
        return redirect(_question_url(question, "options"))
    return render(
        request,
        "workspace/choice_form.html",
        {"survey": question.page.survey, "question": question, "choice": choice, "form": form},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def choice_delete_view(request, slug, choice_id):
    choice = choice_for_member(user=request.user, slug=slug, choice_id=choice_id, roles=CAN_BUILD)
    question = choice.question
    if request.method == "POST":
        choice_delete(choice=choice, by=request.user)
        messages.success(request, _("Option deleted."))
        return redirect(_question_url(question, "options"))
    return render(
        request,
        "workspace/confirm_delete.html",
        {
            "survey": question.page.survey,
            "heading": _("Delete the option “%(label)s”?") % {"label": choice.label},
            "warning": "",
            "cancel_url": _question_url(question, "options"),
        },
    )


@login_required
@require_POST
def choice_move_view(request, slug, choice_id):
    choice = choice_for_member(user=request.user, slug=slug, choice_id=choice_id, roles=CAN_BUILD)
    choice_move(choice=choice, direction=direction_from(request), by=request.user)
    return redirect(_question_url(choice.question, f"choice-{choice.pk}"))
