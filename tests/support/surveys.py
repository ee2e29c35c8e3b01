"""Build small published surveys for tests from a compact description.

survey = published_survey(pages=[
    {"title": "About you", "questions": [
        {"code": "role", "type": "single_choice", "required": True,
         "choices": ["social_worker", "police", ("other", "Other", {"other": True})]},
        {"code": "role_detail", "type": "short_text", "relevant": "${role} = 'other'"},
    ]},
])
"""

from __future__ import annotations

from surveys.models import Choice, Page, Question, Survey
from surveys.services import survey_publish


def _choice_fields(spec) -> dict:
    if isinstance(spec, str):
        return {"value": spec, "label": spec.replace("_", " ").capitalize()}
    value, label, *rest = spec
    flags = rest[0] if rest else {}
    return {
        "value": value,
        "label": label,
        "exclusive": flags.get("exclusive", False),
        "is_other": flags.get("other", False),
        "non_substantive": flags.get("non_substantive", False),
    }


def draft_survey(*, pages: list[dict], slug: str = "practice", **fields) -> Survey:
    defaults = {
        "title": "Practice survey",
        "organisation": "Test Research Group",
        "status": Survey.Status.OPEN,
    }
    survey = Survey.objects.create(slug=slug, **(defaults | fields))
    for page_position, page in enumerate(pages):
        page_row = Page.objects.create(
            survey=survey,
            position=page_position,
            title=page.get("title", f"Page {page_position + 1}"),
            intro=page.get("intro", ""),
            relevant=page.get("relevant", ""),
        )
        for position, question in enumerate(page["questions"]):
            row = Question.objects.create(
                page=page_row,
                position=position,
                code=question["code"],
                type=question["type"],
                label=question.get("label", question["code"].replace("_", " ").capitalize()),
                hint=question.get("hint", ""),
                required=question.get("required", False),
                config=question.get("config", {}),
                relevant=question.get("relevant", ""),
            )
            for choice_position, choice in enumerate(question.get("choices", [])):
                Choice.objects.create(
                    question=row, position=choice_position, **_choice_fields(choice)
                )
    return survey


def published_survey(*, pages: list[dict], slug: str = "practice", **fields) -> Survey:
    survey = draft_survey(pages=pages, slug=slug, **fields)
    survey_publish(survey=survey)
    survey.refresh_from_db()
    return survey
