"""Synthetic responses to the demo survey, made by walking the published instrument.

Each question type makes its own sample answer (`QuestionType.sample_answers`); a few key
questions get weighted answers instead, so that the demo's charts look like a real study (most
agencies use a risk tool, most people have had training). Every answer is one the respondent
journey could have stored: only questions that apply are answered, and the result is pruned.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from responses.anonymity import coarsen
from responses.models import Response
from surveys.models import Survey, SurveyVersion
from surveys.question_types import Answers
from surveys.question_types.single_choice import SAMPLE_OTHER_TEXT
from surveys.relevance import condition_holds, prune, relevant_pages
from surveys.schema import Instrument, QuestionSpec, instrument_for_version

AnswerMaker = Callable[[QuestionSpec, random.Random], Answers]

COMPLETE_COUNT = 65
PARTIAL_COUNT = 10
OPTIONAL_SKIP_RATE = 0.15
DAYS_OPEN = 30
SHORTEST_SECONDS, TYPICAL_SECONDS, LONGEST_SECONDS = 6 * 60, 14 * 60, 35 * 60


def weighted(weights: dict[str, int]) -> AnswerMaker:
    """One option of a choice question, picked with the given weights by stored value."""

    def make(question: QuestionSpec, rng: random.Random) -> Answers:
        valid = {choice.value for choice in question.kind.options(question)}
        if not set(weights) <= valid:
            raise ValueError(f"${{{question.code}}} has no options {set(weights) - valid}")
        value = rng.choices(list(weights), weights=list(weights.values()))[0]
        answers: Answers = {question.code: int(value) if question.type == "likert" else value}
        other = question.other_choice
        if other is not None and value == other.value:
            answers[f"{question.code}.other"] = rng.choice(SAMPLE_OTHER_TEXT)
        return answers

    return make


def around(low: float, typical: float, high: float, *, places: int = 0) -> AnswerMaker:
    """A number between `low` and `high`, most often near `typical`."""

    def make(question: QuestionSpec, rng: random.Random) -> Answers:
        number = round(rng.triangular(low, high, typical), places)
        return {question.code: int(number) if places == 0 else number}

    return make


PLAUSIBLE_ANSWERS: dict[str, AnswerMaker] = {
    "role": weighted(
        {
            "social_worker": 18,
            "social_work_manager": 6,
            "police": 9,
            "teacher": 8,
            "dsl": 8,
            "health": 10,
            "youth_worker": 6,
            "early_help": 7,
            "youth_justice": 4,
            "voluntary_sector": 8,
            "other": 3,
            "prefer_not_to_say": 2,
        }
    ),
    "csa_frequency": weighted(
        {"weekly": 30, "monthly": 35, "few_times_year": 25, "yearly_or_less": 8, "never": 2}
    ),
    "years_in_role": weighted(
        {
            "under_1": 10,
            "1_to_2": 18,
            "3_to_5": 27,
            "6_to_10": 22,
            "over_10": 20,
            "prefer_not_to_say": 3,
        }
    ),
    "casework_hours": around(0, 16, 37.5, places=1),
    "holds_cases": weighted({"yes": 70, "no": 28, "prefer_not_to_say": 2}),
    "open_cases": around(0, 3, 25),
    "acted_without_disclosure": weighted({"yes": 50, "no": 38, "not_sure": 12}),
    "uses_risk_tool": weighted({"yes": 55, "no": 30, "not_sure": 15}),
    "training_received": weighted({"yes": 75, "no": 25}),
    "training_hours": around(1, 7, 40, places=1),
    "feel_supported": weighted({"1": 6, "2": 14, "3": 25, "4": 40, "5": 15}),
}


# What people write after choosing "Other (please specify)", where the generic samples would jar.
OTHER_TEXTS: dict[str, list[str]] = {
    "forms_seen": ["Image-based abuse", "Sexual harassment at school"],
    "terms_used": ["Sexual harm", "Extra-familial risk"],
    "indicators": ["What other children tell us", "A change of friendship group"],
    "recognition_barriers": ["Language barriers", "High staff turnover"],
    "risk_decided_without_tool": ["At a daily safeguarding huddle"],
    "risk_tool": ["A tool our agency wrote itself"],
    "risk_tool_purposes": ["Preparing for strategy meetings"],
    "training_kinds": ["Reflective case discussions", "A webinar"],
}


def sample_answer(question: QuestionSpec, rng: random.Random) -> Answers:
    make = PLAUSIBLE_ANSWERS.get(question.code, question.kind.sample_answers)
    answers = make(question, rng)
    other_key = f"{question.code}.other"
    if other_key in answers and question.code in OTHER_TEXTS:
        answers[other_key] = rng.choice(OTHER_TEXTS[question.code])
    return answers


def synthetic_answers(instrument: Instrument, rng: random.Random) -> Answers:
    """A whole response: every question that applies answered, optional ones sometimes skipped."""
    answers: Answers = {}
    for page in instrument.pages:
        if not condition_holds(page.relevant_ast, answers):
            continue
        for question in page.questions:
            if not question.kind.has_answer or not condition_holds(question.relevant_ast, answers):
                continue
            if not question.kind.is_required(question) and rng.random() < OPTIONAL_SKIP_RATE:
                continue
            answers |= sample_answer(question, rng)
    return prune(instrument, answers)


def answers_before_page(instrument: Instrument, answers: Answers, page_index: int) -> Answers:
    """The answers someone who stopped on page `page_index` would have saved."""
    keys = {
        key
        for page in instrument.pages[:page_index]
        for question in page.questions
        for key in question.kind.answer_keys(question)
    }
    return prune(instrument, {key: value for key, value in answers.items() if key in keys})


def seconds_to_complete(rng: random.Random) -> int:
    return round(rng.triangular(SHORTEST_SECONDS, LONGEST_SECONDS, TYPICAL_SECONDS))


def started_on(rng: random.Random, today: date) -> date:
    return today - timedelta(days=rng.randint(1, DAYS_OPEN - 1))


def complete_response(
    survey: Survey, version: SurveyVersion, instrument: Instrument, rng: random.Random
) -> Response:
    day = started_on(rng, timezone.localdate())
    seconds = seconds_to_complete(rng)
    began = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 20), rng.randint(0, 59))))
    return Response(
        survey=survey,
        version=version,
        status=Response.Status.COMPLETE,
        answers=synthetic_answers(instrument, rng),
        current_page=len(instrument.pages) - 1,
        furthest_page=len(instrument.pages),
        started_on=day,
        submitted_at=coarsen(began + timedelta(seconds=seconds), survey.submit_time_precision),
        active_seconds=seconds,
        duration_seconds=seconds,
        is_test=False,
        channel=Response.Channel.IMPORT,
    )


def partial_response(
    survey: Survey, version: SurveyVersion, instrument: Instrument, rng: random.Random
) -> Response:
    """Someone who saved and stopped on a page they reached (never the first)."""
    answers = synthetic_answers(instrument, rng)
    stop = rng.choice([page for page in relevant_pages(instrument, answers) if page.index >= 1])
    return Response(
        survey=survey,
        version=version,
        status=Response.Status.IN_PROGRESS,
        answers=answers_before_page(instrument, answers, stop.index),
        current_page=stop.index,
        furthest_page=stop.index,
        started_on=started_on(rng, timezone.localdate()),
        submitted_at=None,
        active_seconds=seconds_to_complete(rng) * stop.index // len(instrument.pages),
        duration_seconds=None,
        is_test=False,
        channel=Response.Channel.IMPORT,
    )


def demo_responses_create(
    *,
    survey: Survey,
    rng: random.Random,
    complete: int = COMPLETE_COUNT,
    partial: int = PARTIAL_COUNT,
) -> list[Response]:
    """Complete and in-progress synthetic responses to the survey's current version."""
    version = survey.current_version
    if version is None:
        raise ValueError("Publish the survey before adding responses to it.")
    instrument = instrument_for_version(version)
    responses = [complete_response(survey, version, instrument, rng) for _ in range(complete)]
    responses += [partial_response(survey, version, instrument, rng) for _ in range(partial)]
    return Response.objects.bulk_create(responses)
