"""What the builder's views share: reading a Move up/down button, and condition checks."""

from __future__ import annotations

from django.http import Http404

from surveys.builder.conditions import (
    condition_in_words,
    condition_problems,
    context_for,
    draft_question_texts,
)
from surveys.models import Page, Question, Survey


def direction_from(request) -> str:
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    return direction


def page_condition_check(survey: Survey, page: Page | None):
    """A function the page form calls with the condition typed, returning problems."""

    def check(source: str) -> list[str]:
        if page is None:  # a new page goes last
            context = context_for(survey=survey, page=Page(survey=survey, position=10**6))
        else:
            context = context_for(survey=survey, page=page)
        return condition_problems(source=source, context=context)

    return check


def question_condition_check(survey: Survey, question: Question | None, default_page: Page):
    """A function the question form calls with the condition, chosen page id and code."""

    def check(source: str, page_id, code: str) -> list[str]:
        page = survey.pages.filter(pk=page_id).first() if page_id else None
        page = page or default_page
        place = question
        if question is None or page.pk != question.page_id:
            place = Question(page=page)  # new here, or moving: it goes at the end of the page
        context = context_for(survey=survey, page=page, question=place, code=code)
        return condition_problems(source=source, context=context)

    return check


def condition_words(source: str, texts=None, *, survey: Survey | None = None) -> str | None:
    """A saved condition in words (`texts` from draft_question_texts, or made for `survey`)."""
    if not source:
        return None
    return condition_in_words(source=source, texts=texts or draft_question_texts(survey))
