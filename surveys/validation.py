"""What makes a draft publishable: codes, types, options and conditions, checked in order.

Every problem is a sentence that names its page and question, so a researcher can find it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from django.utils.translation import gettext as _

from surveys.logic import ParseError, Symbol, check, parse
from surveys.models import CODE_PATTERN
from surveys.question_types import question_types
from surveys.schema import QuestionSpec, question_from_schema

CODE = re.compile(CODE_PATTERN)
MAX_CODE_LENGTH = 64


def schema_problems(schema: dict) -> list[str]:
    pages = schema.get("pages", [])
    if not pages:
        return [_("Add at least one page with a question.")]
    problems = _structure_problems(pages)
    if problems:
        return problems  # conditions can only be checked once every question is well formed
    return _condition_problems(_question_specs(pages), pages)


def _where(page_number: int, code: str | None = None) -> str:
    if code is None:
        return _("Page %(number)d") % {"number": page_number}
    return _("Page %(number)d, ${%(code)s}") % {"number": page_number, "code": code}


def _structure_problems(pages: list[dict]) -> list[str]:
    known_types = {kind.key for kind in question_types()}
    problems = []
    seen: set[str] = set()
    for number, page in enumerate(pages, start=1):
        if not page.get("title", "").strip():
            problems.append(f"{_where(number)}: " + _("give the page a title."))
        if not page.get("questions"):
            problems.append(f"{_where(number)}: " + _("add at least one question."))
        for question in page.get("questions", []):
            code = question.get("code", "")
            where = _where(number, code)
            if not CODE.match(code) or len(code) > MAX_CODE_LENGTH:
                problems.append(
                    f"{where}: "
                    + _("use lowercase letters, digits and underscores, starting with a letter.")
                )
            elif code in seen:
                problems.append(f"{where}: " + _("this code is used by another question."))
            seen.add(code)
            if question.get("type") not in known_types:
                problems.append(
                    f"{where}: "
                    + _("unknown question type ‘%(type)s’.") % {"type": question.get("type")}
                )
                continue
            if not question.get("label", "").strip():
                problems.append(f"{where}: " + _("the question needs a label."))
            spec = _spec(question, number - 1)
            problems.extend(f"{where}: {error}" for error in spec.kind.config_errors(spec))
    return problems


def _spec(question: dict, page_index: int) -> QuestionSpec:
    return question_from_schema(question, page_index, parse_condition=False)


def _question_specs(pages: list[dict]) -> list[list[QuestionSpec]]:
    """The questions page by page, without parsing conditions (they may not parse yet)."""
    return [
        [_spec(question, index) for question in page["questions"]]
        for index, page in enumerate(pages)
    ]


def symbol_for(question: QuestionSpec) -> Symbol:
    kind = question.kind
    if not kind.has_answer:
        return Symbol(kind="unsupported", label=str(kind.name))
    choices = ()
    if kind.logic_kind in ("choice", "multi"):
        choices = tuple(choice.value for choice in kind.options(question))
    return Symbol(kind=kind.logic_kind, label=str(kind.name), choices=choices)


def _condition_problems(pages: list[list[QuestionSpec]], raw_pages: list[dict]) -> list[str]:
    problems = []
    all_codes = [question.code for page in pages for question in page]
    available: dict[str, Symbol] = {}
    position = 0
    for number, (page, raw) in enumerate(zip(pages, raw_pages, strict=True), start=1):
        later_for_page = set(all_codes[position:])
        on_page = {question.code for question in page}
        problems.extend(
            f"{_where(number)}: {message}"
            for message in _check_source(
                raw.get("relevant", ""), dict(available), later_for_page, this_page=on_page
            )
        )
        for question in page:
            later = set(all_codes[position:])
            problems.extend(
                f"{_where(number, question.code)}: {message}"
                for message in _check_source(
                    question.relevant, dict(available), later, itself=question.code
                )
            )
            available[question.code] = symbol_for(question)
            position += 1
    return problems


def _check_source(
    source: str,
    available: dict[str, Symbol],
    later: set[str],
    *,
    itself: str | None = None,
    this_page: Collection[str] = (),
) -> list[str]:
    if not source.strip():
        return []
    try:
        node = parse(source)
    except ParseError as error:
        return [_("the condition does not parse: %(error)s") % {"error": error}]
    return check(node, available=available, later=later, itself=itself, this_page=this_page)
