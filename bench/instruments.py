"""The like-for-like instrument: 60 questions laid out as 6 pages of 10.

It mirrors what a plain Django survey app benchmarks (60 questions of the common kinds) in
Candour's terms: on each page four single-choice questions, two multiple-choice, a rating
scale, a yes/no, a whole number and a short text, half of them required, with one follow-up
per page that applies only after a particular earlier answer (the skip logic a real
instrument has).
"""

from __future__ import annotations

from django.db import transaction

from surveys.models import Choice, Page, Question, Survey
from surveys.services import survey_publish

LIKE_FOR_LIKE_SLUG = "bench-sixty"
PAGES = 6
OPTIONS = [("a", "Strongly agree"), ("b", "Agree"), ("c", "Neither"), ("d", "Disagree")]
SERVICES = [
    ("health", "Health"),
    ("police", "Police"),
    ("school", "School"),
    ("social", "Social care"),
]
SCALE = [
    (str(n), label)
    for n, label in enumerate(["Never", "Rarely", "Sometimes", "Often", "Always"], 1)
]


def _page_questions(page: int) -> list[dict]:
    """Ten questions for page `page` (1-based); codes are unique across the instrument."""
    prefix = f"p{page}"
    questions = [
        {"code": f"{prefix}_q{n}", "type": "single_choice", "required": n <= 2, "choices": OPTIONS}
        for n in range(1, 5)
    ]
    questions += [
        {
            "code": f"{prefix}_services",
            "type": "multiple_choice",
            "required": True,
            "choices": SERVICES,
        },
        {
            "code": f"{prefix}_services_detail",
            "type": "multiple_choice",
            "choices": SERVICES,
            # Follows the answer to the first question, on the same page.
            "relevant": f"${{{prefix}_q1}} = 'a'",
        },
        {"code": f"{prefix}_often", "type": "likert", "required": True, "choices": SCALE},
        {"code": f"{prefix}_trained", "type": "yes_no", "required": True},
        {"code": f"{prefix}_years", "type": "integer", "config": {"min": 0, "max": 50}},
        {"code": f"{prefix}_comment", "type": "short_text"},
    ]
    return questions


def like_for_like_survey() -> Survey:
    """Create, publish and open the 60-question survey (or return it when it is there)."""
    existing = Survey.objects.filter(slug=LIKE_FOR_LIKE_SLUG).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        survey = Survey.objects.create(
            slug=LIKE_FOR_LIKE_SLUG,
            title="Sixty questions",
            organisation="Candour benchmarks",
            status=Survey.Status.DRAFT,
        )
        for position in range(PAGES):
            page = Page.objects.create(
                survey=survey, position=position, title=f"Part {position + 1}"
            )
            for order, spec in enumerate(_page_questions(position + 1)):
                _question(page, order, spec)
        survey_publish(survey=survey)
        survey.refresh_from_db()
        survey.status = Survey.Status.OPEN
        survey.save(update_fields=["status"])
    return survey


def _question(page: Page, position: int, spec: dict) -> None:
    question = Question.objects.create(
        page=page,
        position=position,
        code=spec["code"],
        type=spec["type"],
        label=f"Question {spec['code'].replace('_', ' ')}",
        required=spec.get("required", False),
        config=spec.get("config", {}),
        relevant=spec.get("relevant", ""),
    )
    for order, (value, label) in enumerate(spec.get("choices", [])):
        Choice.objects.create(question=question, position=order, value=value, label=label)
