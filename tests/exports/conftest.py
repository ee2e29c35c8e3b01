"""Surveys, responses and packages for the dataset tests.

`every_type_survey` uses every question type across two versions: version 1 has a question
version 2 dropped (`old_note`), version 2 adds one (`new_rating`) and an option (`region`
gains `wales`). Responses are stored as the journey stores them (answers keyed by code).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from exports.options import ExportOptions
from exports.pipeline import package_build
from responses.models import Response
from surveys.models import Choice, Question, Survey, SurveyVersion
from surveys.services import survey_publish
from tests.support.surveys import published_survey

AGREEMENT = [(str(n), label) for n, label in enumerate(["Disagree", "Neither", "Agree"], 1)]

PAGES = [
    {
        "title": "About you",
        "questions": [
            {"code": "consent", "type": "consent", "label": "I agree to take part"},
            {"code": "intro", "type": "info", "label": "About your role"},
            {
                "code": "role",
                "type": "single_choice",
                "label": "Your role",
                "choices": [
                    "social_worker",
                    "police",
                    "teacher",
                    ("other", "Other", {"other": True}),
                ],
            },
            {
                "code": "region",
                "type": "dropdown",
                "label": "Your region",
                "choices": [("north", "North"), ("london", "London")],
            },
            {"code": "years", "type": "integer", "label": "Years in role", "config": {"min": 0}},
            {"code": "hours", "type": "decimal", "label": "Hours a week", "config": {"min": 0}},
            {"code": "qualified", "type": "date", "label": "When did you qualify?"},
        ],
    },
    {
        "title": "Practice",
        "questions": [
            {
                "code": "seen",
                "type": "multiple_choice",
                "label": "What have you seen?",
                "choices": [
                    "online",
                    "criminal",
                    ("other", "Other", {"other": True}),
                    ("none", "None of these", {"exclusive": True}),
                ],
            },
            {
                "code": "confident",
                "type": "likert",
                "label": "I feel confident",
                "choices": AGREEMENT,
            },
            {
                "code": "grid",
                "type": "matrix",
                "label": "How much do you agree?",
                "config": {
                    "rows": [
                        {"value": "a", "label": "Statement A"},
                        {"value": "b", "label": "Statement B"},
                        {"value": "c", "label": "Statement C"},
                    ]
                },
                "choices": AGREEMENT,
            },
            {"code": "trained", "type": "yes_no", "label": "Trained this year?"},
            {
                "code": "trained_where",
                "type": "short_text",
                "label": "Where were you trained?",
                "relevant": "${trained} = 'yes'",
            },
            {"code": "supported", "type": "scale_0_10", "label": "How supported?"},
            {
                "code": "priorities",
                "type": "ranking",
                "label": "Rank these",
                "choices": ["time", "training", "sharing"],
            },
            {"code": "reflections", "type": "long_text", "label": "Anything else?"},
            {"code": "old_note", "type": "short_text", "label": "A question only version 1 has"},
        ],
    },
]

FULL_ANSWERS: dict[str, Any] = {
    "consent": True,
    "role": "police",
    "region": "london",
    "years": 12,
    "hours": 7.5,
    "qualified": "2010-09-01",
    "seen": ["online", "other"],
    "seen.other": "County lines",
    "confident": 3,
    "grid": {"a": 1, "b": 2, "c": 3},
    "trained": "yes",
    "trained_where": "At work",
    "supported": 8,
    "priorities": ["training", "time", "sharing"],
    "reflections": "More time.\nFewer forms.",
}


def make_response(
    survey: Survey,
    answers: dict,
    *,
    version: SurveyVersion | None = None,
    status: str = Response.Status.COMPLETE,
    duration: int | None = 600,
    started_on: date = date(2026, 3, 14),
    submitted_at: datetime | None = None,
    is_test: bool = False,
) -> Response:
    complete = status == Response.Status.COMPLETE
    if submitted_at is None and complete:
        submitted_at = timezone.make_aware(datetime(2026, 3, 14))
    return Response.objects.create(
        survey=survey,
        version=version or survey.current_version,
        status=status,
        answers=answers,
        started_on=started_on,
        submitted_at=submitted_at,
        duration_seconds=duration if complete else None,
        is_test=is_test,
        channel=Response.Channel.WEB,
    )


def publish_second_version(survey: Survey) -> SurveyVersion:
    """Version 2: drops `old_note`, adds `new_rating` and the option `wales` to `region`."""
    Question.objects.filter(page__survey=survey, code="old_note").delete()
    practice = survey.pages.get(position=1)
    Question.objects.create(
        page=practice, position=20, code="new_rating", type="scale_0_10", label="A new rating"
    )
    region = Question.objects.get(page__survey=survey, code="region")
    Choice.objects.create(question=region, position=5, value="wales", label="Wales")
    survey_publish(survey=survey, accept_breaking_changes=True)
    survey.refresh_from_db()
    return survey.current_version


@pytest.fixture
def every_type_survey(db):
    return published_survey(pages=PAGES, slug="every-type", title="Every question type")


@pytest.fixture
def two_version_survey(every_type_survey):
    survey = every_type_survey
    first = survey.current_version
    make_response(survey, {**FULL_ANSWERS, "old_note": "Only in v1"}, version=first)
    second = publish_second_version(survey)
    make_response(survey, {**FULL_ANSWERS, "region": "wales", "new_rating": 4}, version=second)
    return survey


def build(survey: Survey, tmp_path: Path, **options) -> tuple[Path, dict[str, bytes]]:
    """Build a package; return the zip's path and its members' bytes by name."""
    options.setdefault("seed", 7)
    folder = tmp_path / f"package-{len(list(tmp_path.iterdir()))}"
    result = package_build(
        survey=survey,
        options=ExportOptions(**options),
        directory=folder,
        generated_at=timezone.make_aware(datetime(2026, 4, 1, 12, 0)),
    )
    with zipfile.ZipFile(result.path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return result.path, members


def csv_rows(members: dict[str, bytes], name: str | None = None) -> list[dict[str, str]]:
    name = name or next(n for n in members if n.endswith(".csv") and n != "codebook.csv")
    return list(csv.DictReader(io.StringIO(members[name].decode("utf-8-sig"))))


def extract(members: dict[str, bytes], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in members.items():
        (folder / name).write_bytes(content)
    return folder


def data_tool(name: str) -> str:
    """The path of an independent reader (pspp, Rscript); skip without it, unless CI requires it."""
    import shutil

    from config.env import env_bool

    path = shutil.which(name)
    if path:
        return path
    reason = f"{name} is not installed (make test installs it with apt-get on Debian)"
    if env_bool("CANDOUR_REQUIRE_DATA_TOOLS", False):
        pytest.fail(f"CANDOUR_REQUIRE_DATA_TOOLS=1, but {reason}")
    pytest.skip(reason)


def normal(value) -> str:
    """A cell as text, the same whichever reader produced it: blank for missing, whole numbers
    without a decimal point, dates as ISO."""
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    try:
        number = float(text)
    except ValueError:
        return text
    if not text.strip() or text != text.strip() or not any(c.isdigit() for c in text):
        return text
    return str(int(number)) if number.is_integer() else repr(number)
