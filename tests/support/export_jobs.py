"""People and surveys for the export job, schedule and page tests.

alice owns the survey, anna is its analyst, eddie its editor, victor a viewer, and mallory a
researcher of another survey. The survey has a handful of complete responses to export.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from responses.models import Response
from surveys.models import Survey, SurveyMembership
from tests.support.surveys import published_survey

Role = SurveyMembership.Role
PASSWORD = "correct-horse-battery-staple"

EXPORT_PAGES = [
    {
        "title": "About you",
        "questions": [
            {
                "code": "role",
                "type": "single_choice",
                "required": True,
                "choices": ["social_worker", "police", "teacher"],
            },
            {"code": "region", "type": "dropdown", "choices": ["north", "south"]},
            {"code": "years", "type": "integer", "config": {"min": 0, "max": 60}},
            {"code": "comments", "type": "long_text"},
        ],
    }
]


@dataclass
class Team:
    survey: Survey
    alice: object  # owner
    anna: object  # analyst
    eddie: object  # editor
    victor: object  # viewer
    mallory: object  # owner of another survey


def user(name: str):
    return get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD)


def survey_with_team(*, slug: str = "practice", responses: int = 6) -> Team:
    survey = published_survey(pages=EXPORT_PAGES, slug=slug)
    team = Team(survey, user("alice"), user("anna"), user("eddie"), user("victor"), user("mallory"))
    for person, role in [
        (team.alice, Role.OWNER),
        (team.anna, Role.ANALYST),
        (team.eddie, Role.EDITOR),
        (team.victor, Role.VIEWER),
    ]:
        SurveyMembership.objects.create(survey=survey, user=person, role=role)
    other = published_survey(pages=EXPORT_PAGES, slug=f"{slug}-elsewhere")
    SurveyMembership.objects.create(survey=other, user=team.mallory, role=Role.OWNER)
    complete_responses(survey, responses)
    return team


def complete_responses(survey: Survey, count: int, **answers) -> list[Response]:
    roles = ["social_worker", "police", "teacher"]
    made = []
    for number in range(count):
        made.append(
            Response.objects.create(
                survey=survey,
                version=survey.current_version,
                status=Response.Status.COMPLETE,
                answers={
                    "role": roles[number % 3],
                    "region": "north" if number % 2 else "south",
                    "years": 3 + number,
                    "comments": f"Comment {number}",
                }
                | answers,
                started_on="2027-01-10",
                submitted_at="2027-01-10T00:00:00Z",
                duration_seconds=600 + number,
                furthest_page=1,
            )
        )
    return made
