"""Checking a "show if" condition where it stands in the draft, as publishing will check it.

The builder validates a page's or a question's condition when it is saved, with the same
checker and the same messages as `surveys.validation` (unknown or later codes, a question's
condition on itself, type mismatches), and puts a valid one into words with the describer.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.logic import ParseError, QuestionText, Symbol, check, describe, parse
from surveys.models import Page, Question, Survey
from surveys.schema import QuestionSpec, question_from_schema, schema_from_drafts
from surveys.validation import symbol_for


@dataclass(frozen=True)
class ConditionContext:
    """What a condition at one place in the draft may refer to."""

    available: dict[str, Symbol]  # questions before it, with what conditions may do with them
    later: set[str]  # codes of this and later questions (for "comes later" messages)
    texts: dict[str, QuestionText]  # for putting conditions into words
    this_page: frozenset[str] = frozenset()
    itself: str | None = None


def _specs(survey: Survey) -> list[list[QuestionSpec]]:
    schema = schema_from_drafts(survey)
    return [
        [question_from_schema(q, index, parse_condition=False) for q in page["questions"]]
        for index, page in enumerate(schema["pages"])
    ]


def _texts(pages: list[list[QuestionSpec]]) -> dict[str, QuestionText]:
    texts = {}
    for page in pages:
        for q in page:
            try:
                options = q.kind.options(q)
            except Exception:  # a half-configured draft question: name it without its options
                options = ()
            texts[q.code] = QuestionText(
                label=q.short_label, choice_labels={c.value: c.label for c in options}
            )
    return texts


def context_for(
    *, survey: Survey, page: Page, question: Question | None = None, code: str = ""
) -> ConditionContext:
    """The context of a condition on `page` itself (question None), or on `question` of that
    page; a question not saved yet goes at the end of `page`. `code` is the question's code as
    it is being saved (it may be changing)."""
    pages = _specs(survey)
    page_ids = list(survey.pages.order_by("position").values_list("pk", flat=True))
    ordered = [
        (page_id, spec) for page_id, specs in zip(page_ids, pages, strict=True) for spec in specs
    ]
    if question is None:
        on_page = [i for i, (pid, _s) in enumerate(ordered) if pid == page.pk]
        cut = on_page[0] if on_page else _first_after(ordered, page_ids, page.pk)
    elif question.pk is None:
        after = [i for i, (pid, _s) in enumerate(ordered) if pid == page.pk]
        cut = after[-1] + 1 if after else _first_after(ordered, page_ids, page.pk)
    else:
        cut = next(i for i, (_pid, s) in enumerate(ordered) if s.code == question.code)
    earlier = [spec for _pid, spec in ordered[:cut]]
    later = {spec.code for _pid, spec in ordered[cut:]}
    this_page = (
        frozenset(s.code for pid, s in ordered if pid == page.pk)
        if question is None
        else frozenset()
    )
    itself = (code or question.code) if question is not None else None
    if itself:
        later.add(itself)
    return ConditionContext(
        available={spec.code: _symbol(spec) for spec in earlier if spec.code != itself},
        later=later,
        texts=_texts(pages),
        this_page=this_page,
        itself=itself,
    )


def _first_after(ordered, page_ids: list[int], page_id: int) -> int:
    """Where a page with no questions sits among the questions: before the next page's (a page
    not saved yet goes last)."""
    if page_id not in page_ids:
        return len(ordered)
    following = set(page_ids[page_ids.index(page_id) + 1 :])
    return next((i for i, (pid, _s) in enumerate(ordered) if pid in following), len(ordered))


def _symbol(spec: QuestionSpec) -> Symbol:
    try:
        return symbol_for(spec)
    except Exception:  # a half-configured draft question: conditions cannot use its options
        return Symbol(kind="unsupported", label=str(spec.kind.name))


def condition_problems(*, source: str, context: ConditionContext) -> list[str]:
    """The checker's messages for `source` in its place; [] when it is empty or sound."""
    if not source.strip():
        return []
    try:
        node = parse(source)
    except ParseError as error:
        return [_("the condition does not parse: %(error)s") % {"error": error}]
    return [
        str(message)
        for message in check(
            node,
            available=dict(context.available),
            later=set(context.later),
            itself=context.itself,
            this_page=context.this_page,
        )
    ]


def draft_question_texts(survey: Survey) -> dict[str, QuestionText]:
    """Labels of the draft's questions and options, for putting conditions into words."""
    return _texts(_specs(survey))


def condition_in_words(*, source: str, texts: dict[str, QuestionText]) -> str | None:
    """The condition in English ("… if you selected Police"), when the describer can say it."""
    if not source.strip():
        return None
    try:
        return describe(parse(source), texts)
    except ParseError:
        return None
