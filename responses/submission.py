"""A whole response at once: every answer checked as the web journey checks it, stored complete.

The web journey validates one page at a time with `responses.forms.PageForm` and completes with
`responses.services.response_submit`. Data entry through the API (paper questionnaires, other
systems) sends every answer in one document, in the stored answer shape. Rather than a second set
of rules, `answers_validate` walks the pages in order exactly as a respondent would: each stored
answer is turned back into the form values the page would have posted (the question type's own
`initial`), they are checked by the check the page's PageForm runs
(`responses.forms.page_answers_clean`: the same fields, skip logic, required checks and
messages, without making the form itself), and the answers it keeps are stored. Then
`response_create_complete` stores the response through the same completion step as the
browser (`services.response_complete_fields`).

Nothing here touches Redis or the broker, and nothing records when beyond the survey's precision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from responses.anonymity import coarse_date
from responses.availability import Availability, for_new_respondents
from responses.forms import page_answers_clean, page_named_fields
from responses.models import Response
from responses.services import NotAccepting, response_complete_fields
from surveys.models import Survey
from surveys.question_types import field_name
from surveys.relevance import condition_holds, prune
from surveys.schema import Instrument, PageSpec, QuestionSpec, instrument_for_version

# What a question type's `initial` may raise when a stored answer has the wrong JSON shape.
SHAPE_ERRORS = (ValueError, TypeError, AttributeError, ArithmeticError, KeyError)


@dataclass
class AnswersInvalid(Exception):
    """Messages per question code (or per unknown key), in instrument order."""

    errors: dict[str, list[str]] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{code}: {' '.join(messages)}" for code, messages in self.errors.items())


@dataclass(frozen=True)
class ValidatedAnswers:
    """The answers to store, and the keys sent for questions that do not apply (not stored)."""

    answers: dict[str, Any]
    not_applicable: tuple[str, ...]
    last_page_index: int


def answers_validate(instrument: Instrument, answers: dict[str, Any]) -> ValidatedAnswers:
    """Check a whole response as the web journey would, page by page. Raises AnswersInvalid."""
    errors: dict[str, list[str]] = {}
    known = instrument.answer_keys
    for key in answers:
        if key not in known:
            errors[key] = [_("No question of this survey has the code ‘%(code)s’.") % {"code": key}]
    # Pages in order, each checked against the answers that apply from the pages before it
    # (`working`): a question is validated and kept only if it applies, so `working` is already
    # what pruning would leave (what a page form's `earlier_answers` works out), and is pruned
    # once at the end only as a guard. Each page is checked by its PageForm's own check
    # (responses.forms.page_answers_clean), without making six forms.
    working: dict[str, Any] = {}
    last_page = 0
    for page in instrument.pages:
        if not condition_holds(page.relevant_ast, working):
            continue
        last_page = page.index
        data, shape_errors = _page_data(page, answers)
        errors |= shape_errors
        checked = page_answers_clean(page, working, data, enforce_required=True)
        errors |= _question_errors(page, checked.errors)
        working |= checked.answers
    if errors:
        raise AnswersInvalid(_in_instrument_order(instrument, errors))
    working = prune(instrument, working)
    not_applicable = tuple(key for key in answers if key in known and key not in working)
    return ValidatedAnswers(working, not_applicable, last_page)


def _page_data(page: PageSpec, answers: dict) -> tuple[MultiValueDict, dict[str, list[str]]]:
    """The values this page's form would have posted for these stored answers."""
    data = MultiValueDict()
    errors = {}
    for question in page.questions:
        if not question.kind.has_answer:
            continue
        try:
            initial = question.kind.initial(question, answers)
        except SHAPE_ERRORS:
            value = answers.get(question.code)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                # Typed text the type cannot read ("twelve" for a number): the form says why,
                # in the words a respondent would see.
                data.setlist(
                    field_name(question, question.kind.anchor_suffix(question)), [str(value)]
                )
            else:
                errors[question.code] = [_shape_message(question)]
            continue
        for suffix, value in initial.items():
            values = value if isinstance(value, list | tuple) else [value]
            data.setlist(field_name(question, suffix), [str(v) for v in values])
    return data, errors


def _shape_message(question: QuestionSpec) -> str:
    return _("This is not an answer a ‘%(type)s’ question can store.") % {
        "type": question.kind.name
    }


def _question_errors(page: PageSpec, by_field: dict[str, list[str]]) -> dict[str, list[str]]:
    """Messages by field name, gathered per question code in page and field order."""
    errors: dict[str, list[str]] = {}
    if not by_field:
        return errors
    named_fields = page_named_fields(page)
    for question in page.questions:
        for _suffix, name, _field in named_fields[question.code]:
            for message in by_field.get(name, ()):
                errors.setdefault(question.code, []).append(message)
    return errors


def _in_instrument_order(instrument: Instrument, errors: dict) -> dict[str, list[str]]:
    order = {q.code: n for n, q in enumerate(instrument.questions())}
    return dict(sorted(errors.items(), key=lambda item: order.get(item[0], -1)))


def response_create_complete(
    *, survey: Survey, answers: dict[str, Any], now: datetime, channel: str
) -> tuple[Response, ValidatedAnswers]:
    """Validate a whole response and store it complete (see `response_prepare_complete`)."""
    response, validated = response_prepare_complete(
        survey=survey, answers=answers, now=now, channel=channel
    )
    response.save(force_insert=True)  # one statement: atomic alone, or in the caller's transaction
    return response, validated


def response_prepare_complete(
    *, survey: Survey, answers: dict[str, Any], now: datetime, channel: str
) -> tuple[Response, ValidatedAnswers]:
    """Validate a whole response and make it complete, unsaved: the caller inserts it, alone
    (`response_create_complete`) or in one statement with what must be stored with it
    (api.idempotency.idempotency_finish_storing).

    Raises NotAccepting when the survey takes no new responses, AnswersInvalid otherwise. No
    receipt is made: the person entering the answers is not the respondent, and a receipt is a
    respondent's own means to withdraw (see docs/api.md).
    """
    availability = for_new_respondents(survey, now)
    if availability is not Availability.OPEN:
        raise NotAccepting(availability)
    instrument = instrument_for_version(survey.current_version)
    validated = answers_validate(instrument, answers)
    today = coarse_date(now, survey.submit_time_precision)
    response = Response(
        survey=survey,
        version=survey.current_version,
        answers=validated.answers,
        current_page=validated.last_page_index,
        furthest_page=len(instrument.pages),
        started_on=today,
        last_saved_on=today,
        channel=channel,
    )
    response_complete_fields(response, instrument, now)
    # Nobody timed the respondent: an unknown duration, never 0 (which would read as a speeder).
    response.duration_seconds = None
    return response, validated
