"""Draft questions: add, edit (every setting of its type), delete and reorder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from surveys.builder._audit import record_change
from surveys.builder.ordering import Direction, move, next_position, renumber
from surveys.builder.question_settings import DEFAULT_AGREEMENT_SCALE, config_for_type
from surveys.models import Choice, Page, Question
from surveys.question_types import get_question_type
from surveys.schema import QuestionSpec, choice_document, question_from_schema


@dataclass(frozen=True)
class QuestionFields:
    """What a researcher edits in a question (the builder's form fills one)."""

    code: str
    label: str
    hint: str = ""
    required: bool = False
    relevant: str = ""
    config: dict[str, Any] = field(default_factory=dict)


def question_create(*, page: Page, type: str, fields: QuestionFields, by) -> Question:
    kind = get_question_type(type)
    with transaction.atomic():
        question = Question.objects.create(
            page=page,
            position=next_position(page.questions.all()),
            type=type,
            code=fields.code,
            label=fields.label,
            hint=fields.hint,
            required=fields.required and kind.has_answer,
            relevant=fields.relevant.strip(),
            config=config_for_type(fields.config, type),
        )
        if type in ("likert", "matrix"):
            _add_agreement_scale(question)
        record_change(survey=page.survey, by=by, change="question.created", question=question.code)
    return question


def question_update(
    *,
    question: Question,
    fields: QuestionFields,
    by,
    page: Page | None = None,
    type: str | None = None,
) -> Question:
    """Save the question's fields; with another `page` (same survey) it moves to its end.

    With another `type`, the config keeps what the new type uses; options go if it has none.
    """
    new_type = type if type and type != question.type else None
    kind = get_question_type(new_type or question.type)
    with transaction.atomic():
        if new_type:
            question.type = new_type
            if not kind.uses_choices:
                question.choices.all().delete()
            elif new_type in ("likert", "matrix") and not question.choices.exists():
                _add_agreement_scale(question)
        old_page = question.page
        question.code = fields.code
        question.label = fields.label
        question.hint = fields.hint
        question.required = fields.required and kind.has_answer
        question.relevant = fields.relevant.strip()
        question.config = config_for_type(fields.config, question.type)
        if page is not None and page.pk != old_page.pk:
            question.page = page
            question.position = next_position(page.questions.all())
        question.save()
        if question.page_id != old_page.pk:
            renumber(list(old_page.questions.order_by("position", "pk")))
        detail = {"type": new_type} if new_type else {}
        record_change(
            survey=question.page.survey,
            by=by,
            change="question.changed",
            question=question.code,
            **detail,
        )
    return question


def _add_agreement_scale(question: Question) -> None:
    for position, (value, label) in enumerate(DEFAULT_AGREEMENT_SCALE):
        Choice.objects.create(question=question, position=position, value=value, label=str(label))


def question_delete(*, question: Question, by) -> None:
    page = question.page
    with transaction.atomic():
        record_change(survey=page.survey, by=by, change="question.deleted", question=question.code)
        question.delete()
        renumber(list(page.questions.order_by("position", "pk")))


def question_move(*, question: Question, direction: Direction, by) -> bool:
    """Move a question up or down its page; past the page's edge it goes to the next page."""
    page = question.page
    with transaction.atomic():
        moved = move(siblings=page.questions.all(), item=question, direction=direction)
        if not moved:
            moved = _to_neighbouring_page(question, direction)
        if moved:
            record_change(
                survey=page.survey,
                by=by,
                change=f"question.moved_{direction}",
                question=question.code,
            )
    return moved


def _to_neighbouring_page(question: Question, direction: Direction) -> bool:
    pages = question.page.survey.pages.order_by("position", "pk")
    neighbour = (
        pages.filter(position__lt=question.page.position).last()
        if direction == "up"
        else pages.filter(position__gt=question.page.position).first()
    )
    if neighbour is None:
        return False
    old_page = question.page
    if direction == "up":
        question.position = next_position(neighbour.questions.all())
    else:  # first on the next page: the others make room
        for position, other in enumerate(neighbour.questions.order_by("position", "pk"), start=1):
            other.position = position
            other.save(update_fields=["position"])
        question.position = 0
    question.page = neighbour
    question.save(update_fields=["page", "position"])
    renumber(list(old_page.questions.order_by("position", "pk")))
    return True


def question_spec(question: Question) -> QuestionSpec:
    """The draft question as publishing will read it (for its configuration problems)."""
    document = {
        "code": question.code,
        "type": question.type,
        "label": question.label,
        "hint": question.hint,
        "required": question.required,
        "relevant": question.relevant,
        "config": question.config or {},
        "choices": [
            choice_document(c) for c in sorted(question.choices.all(), key=lambda c: c.position)
        ],
    }
    return question_from_schema(document, question.page.position, parse_condition=False)


def question_problems(question: Question) -> list[str]:
    """What publishing would say about the question's configuration and options."""
    spec = question_spec(question)
    return [str(message) for message in spec.kind.config_errors(spec)]
