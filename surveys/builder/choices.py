"""Draft options of a question: add, edit, delete and reorder."""

from __future__ import annotations

from django.db import transaction

from surveys.builder._audit import record_change
from surveys.builder.ordering import Direction, move, next_position, renumber
from surveys.models import Choice, Question


def choice_create(
    *,
    question: Question,
    value: str,
    label: str,
    exclusive: bool = False,
    is_other: bool = False,
    non_substantive: bool = False,
    by,
) -> Choice:
    choice = Choice.objects.create(
        question=question,
        position=next_position(question.choices.all()),
        value=value,
        label=label,
        exclusive=exclusive,
        is_other=is_other,
        non_substantive=non_substantive,
    )
    _record(choice, by, "choice.created")
    return choice


def choice_update(
    *,
    choice: Choice,
    value: str,
    label: str,
    exclusive: bool,
    is_other: bool,
    non_substantive: bool = False,
    by,
) -> Choice:
    choice.value, choice.label = value, label
    choice.exclusive, choice.is_other = exclusive, is_other
    choice.non_substantive = non_substantive
    choice.save(update_fields=["value", "label", "exclusive", "is_other", "non_substantive"])
    _record(choice, by, "choice.changed")
    return choice


def choice_delete(*, choice: Choice, by) -> None:
    question = choice.question
    with transaction.atomic():
        _record(choice, by, "choice.deleted")
        choice.delete()
        renumber(list(question.choices.order_by("position", "pk")))


def choice_move(*, choice: Choice, direction: Direction, by) -> bool:
    moved = move(siblings=choice.question.choices.all(), item=choice, direction=direction)
    if moved:
        _record(choice, by, f"choice.moved_{direction}")
    return moved


def _record(choice: Choice, by, change: str) -> None:
    question = choice.question
    record_change(
        survey=question.page.survey,
        by=by,
        change=change,
        question=question.code,
        value=choice.value,
    )
