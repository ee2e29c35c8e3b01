"""The dashboard's numbers about responses, counted by the database: every function here is one
or two GROUP BY queries over a survey's responses, returning raw counts (answers are counted in
`surveys.dashboard.answers`). Nothing here decides what may be shown;
`surveys.dashboard.suppression` does, and `surveys.dashboard.summary` puts the two together.

Test responses are never counted. Answers are counted from complete responses only: unfinished
ones can still change, and are deleted when their retention ends. Dates come from the response's
start date and its (coarsened) submission time, grouped by day — or by month when the survey keeps
times to the month — so nothing finer than the survey stores is ever shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, F, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Length, TruncDate, TruncMonth

from responses.models import Response
from surveys.models import Survey, SurveyVersion


def counted_responses(survey: Survey) -> QuerySet[Response]:
    """Every response the dashboard counts: not a test."""
    return Response.objects.filter(survey=survey, is_test=False)


def complete_responses(survey: Survey) -> QuerySet[Response]:
    return counted_responses(survey).filter(status=Response.Status.COMPLETE)


@dataclass(frozen=True)
class Participation:
    started: int
    completed: int


def participation(*, survey: Survey) -> Participation:
    totals = counted_responses(survey).aggregate(
        started=Count("pk"), completed=Count("pk", filter=Q(status=Response.Status.COMPLETE))
    )
    return Participation(started=totals["started"], completed=totals["completed"])


def started_by_period(*, survey: Survey, by_month: bool) -> dict[date, int]:
    """Responses started per day (per month), from their start date."""
    period = TruncMonth("started_on") if by_month else F("started_on")
    rows = (
        counted_responses(survey)
        .annotate(period=period)
        .values("period")
        .annotate(count=Count("pk"))
        .order_by("period")
    )
    return {row["period"]: row["count"] for row in rows}


def completed_by_period(*, survey: Survey, by_month: bool) -> dict[date, int]:
    """Responses completed per day (per month), from their coarsened submission time."""
    period = (
        TruncMonth("submitted_at", output_field=DateField())
        if by_month
        else TruncDate("submitted_at")
    )
    rows = (
        complete_responses(survey)
        .exclude(submitted_at=None)
        .annotate(period=period)
        .values("period")
        .annotate(count=Count("pk"))
        .order_by("period")
    )
    return {row["period"]: row["count"] for row in rows}


@dataclass(frozen=True)
class Durations:
    count: int
    median_seconds: float | None


def median_duration(*, survey: Survey) -> Durations:
    """The median time complete responses took: the middle one or two rows, found by the
    database in order (SQLite has no median function; this works on both)."""
    durations = (
        complete_responses(survey)
        .exclude(duration_seconds=None)
        .order_by("duration_seconds")
        .values_list("duration_seconds", flat=True)
    )
    count = durations.count()
    if count == 0:
        return Durations(count=0, median_seconds=None)
    middle = list(durations[(count - 1) // 2 : count // 2 + 1])
    return Durations(count=count, median_seconds=sum(middle) / len(middle))


def stopped_by_page(*, survey: Survey, version: SurveyVersion) -> dict[int, int]:
    """Unfinished responses to `version` by the furthest page they reached (its index; the
    number of pages for those who reached the end without submitting)."""
    rows = (
        counted_responses(survey)
        .filter(status=Response.Status.IN_PROGRESS, version=version)
        .values("furthest_page")
        .annotate(count=Count("pk"))
    )
    return {row["furthest_page"]: row["count"] for row in rows}


def text_answers(*, survey: Survey, key: str) -> QuerySet:
    """The non-empty text stored at `key` in complete responses, in the order of their random
    ids: never the order they arrived in."""
    return (
        complete_responses(survey)
        .annotate(text=KeyTextTransform(key, "answers"))
        .filter(text__isnull=False)
        .alias(length=Length("text"))
        .filter(length__gt=0)
        .order_by("pk")
        .values_list("text", flat=True)
    )
