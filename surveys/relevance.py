"""Which pages and questions apply to a respondent, given their answers. The server decides.

Conditions may only refer to earlier questions, so one pass in instrument order settles
everything: a question counts as answered only if it applied, which keeps answers to questions
that stopped applying (after someone changed an earlier answer) out of every decision and export.
"""

from __future__ import annotations

from typing import Any

from surveys.logic import evaluate, is_true
from surveys.schema import Instrument, PageSpec, QuestionSpec

Answers = dict[str, Any]


def condition_holds(node, answers: Answers) -> bool:
    return node is None or is_true(evaluate(node, answers))


def prune(instrument: Instrument, answers: Answers) -> Answers:
    """Only the answers to questions that apply, keyed as the question types store them."""
    kept: Answers = {}
    for page_condition, questions in instrument.relevance_plan:
        if page_condition is not None and not is_true(evaluate(page_condition, kept)):
            continue
        for condition, keys in questions:
            if condition is None or is_true(evaluate(condition, kept)):
                for key in keys:
                    if key in answers:
                        kept[key] = answers[key]
    return kept


def relevant_pages(instrument: Instrument, answers: Answers) -> list[PageSpec]:
    pruned = prune(instrument, answers)
    return [page for page in instrument.pages if condition_holds(page.relevant_ast, pruned)]


def page_applies(instrument: Instrument, page: PageSpec, answers: Answers) -> bool:
    return condition_holds(page.relevant_ast, prune(instrument, answers))


def next_page(instrument: Instrument, answers: Answers, after: int) -> PageSpec | None:
    return next((p for p in relevant_pages(instrument, answers) if p.index > after), None)


def previous_page(instrument: Instrument, answers: Answers, before: int) -> PageSpec | None:
    earlier = [p for p in relevant_pages(instrument, answers) if p.index < before]
    return earlier[-1] if earlier else None


def unanswered_required(instrument: Instrument, answers: Answers) -> list[QuestionSpec]:
    """Required questions that apply but have no answer, in instrument order."""
    pruned = prune(instrument, answers)
    missing = []
    for page in relevant_pages(instrument, answers):
        for question in page.questions:
            applies = condition_holds(question.relevant_ast, pruned)
            if applies and question.kind.is_required(question) and question.code not in pruned:
                missing.append(question)
    return missing
