"""Responses for dashboard tests, written straight to the database with the dates and times a
respondent's journey would have stored (a date, and a submission time already coarsened)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from responses.models import Response
from surveys.models import Survey
from tests.support.surveys import published_survey

DAY = date(2026, 3, 2)

CHOICES_SURVEY = [
    {
        "title": "About you",
        "questions": [
            {
                "code": "role",
                "type": "single_choice",
                "label": "Your role",
                "choices": [
                    ("police", "Police officer"),
                    ("social_worker", "Social worker"),
                    ("teacher", "Teacher"),
                    ("other", "Other", {"other": True}),
                ],
            },
            {
                "code": "agree",
                "type": "likert",
                "label": "Disruption works",
                "choices": [("1", "Disagree"), ("2", "Neither"), ("3", "Agree")],
            },
            {"code": "trained", "type": "yes_no", "label": "Trained?"},
            {"code": "useful", "type": "scale_0_10", "label": "How useful are tools?"},
        ],
    },
    {
        "title": "Your work",
        "questions": [
            {
                "code": "tactics",
                "type": "multiple_choice",
                "label": "Tactics used",
                "choices": [("orders", "Civil orders"), ("arrest", "Arrest"), ("warn", "Warnings")],
            },
            {
                "code": "views",
                "type": "matrix",
                "label": "Views",
                "config": {
                    "rows": [
                        {"value": "works", "label": "It works"},
                        {"value": "costly", "label": "It is costly"},
                    ]
                },
                "choices": [("1", "No"), ("2", "Yes")],
            },
            {
                "code": "order",
                "type": "ranking",
                "label": "Rank these",
                "choices": [("a", "First thing"), ("b", "Second thing"), ("c", "Third thing")],
            },
            {"code": "barriers", "type": "long_text", "label": "What gets in the way?"},
        ],
    },
]


def choices_survey(**fields) -> Survey:
    return published_survey(pages=CHOICES_SURVEY, slug="choices", **fields)


def add_responses(
    survey: Survey,
    count: int,
    answers: dict,
    *,
    complete: bool = True,
    day: date = DAY,
    submitted_on: date | None = None,
    duration: int = 600,
    is_test: bool = False,
    furthest_page: int = 0,
) -> list[Response]:
    """`count` responses to the survey's current version with the same answers."""
    submitted = submitted_on or day
    end = len(survey.current_version.schema["pages"])
    submitted_at = timezone.make_aware(datetime.combine(submitted, time(0)))
    return Response.objects.bulk_create(
        Response(
            survey=survey,
            version=survey.current_version,
            status=Response.Status.COMPLETE if complete else Response.Status.IN_PROGRESS,
            answers=answers,
            started_on=day,
            last_saved_on=day,
            submitted_at=submitted_at if complete else None,
            duration_seconds=duration if complete else None,
            active_seconds=duration,
            furthest_page=end if complete else furthest_page,
            is_test=is_test,
        )
        for _ in range(count)
    )
