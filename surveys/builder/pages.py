"""Draft pages: add, edit, delete and reorder."""

from __future__ import annotations

from django.db import transaction

from surveys.builder._audit import record_change
from surveys.builder.ordering import Direction, move, next_position, renumber
from surveys.models import Page, Survey


def page_create(*, survey: Survey, title: str, intro: str = "", relevant: str = "", by) -> Page:
    page = Page.objects.create(
        survey=survey,
        position=next_position(survey.pages.all()),
        title=title,
        intro=intro,
        relevant=relevant.strip(),
    )
    record_change(survey=survey, by=by, change="page.created", page=page.pk)
    return page


def page_update(*, page: Page, title: str, intro: str, relevant: str, by) -> Page:
    page.title, page.intro, page.relevant = title, intro, relevant.strip()
    page.save(update_fields=["title", "intro", "relevant"])
    record_change(survey=page.survey, by=by, change="page.changed", page=page.pk)
    return page


def page_delete(*, page: Page, by) -> None:
    """Delete a page with its questions and choices (the published versions keep theirs)."""
    survey = page.survey
    with transaction.atomic():
        page_id = page.pk
        page.delete()
        renumber(list(survey.pages.order_by("position", "pk")))
        record_change(survey=survey, by=by, change="page.deleted", page=page_id)


def page_move(*, page: Page, direction: Direction, by) -> bool:
    moved = move(siblings=page.survey.pages.all(), item=page, direction=direction)
    if moved:
        record_change(survey=page.survey, by=by, change=f"page.moved_{direction}", page=page.pk)
    return moved
