"""Researchers for workspace tests: accounts that can sign in, and a survey with a team.

Personas (as in healthchecks' tests): alice owns the survey, bob edits it, carol analyses it,
dave views it, and eve is another team's researcher with a survey of her own.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from surveys.models import Survey, SurveyMembership
from tests.support.surveys import draft_survey

PASSWORD = "correct horse battery staple"

TEAM_PAGES = [
    {
        "title": "About your work",
        "questions": [
            {
                "code": "role",
                "type": "single_choice",
                "required": True,
                "choices": ["social_worker", "police", ("other", "Other", {"other": True})],
            },
            {"code": "years", "type": "integer", "config": {"min": 0, "max": 60}},
        ],
    },
    {
        "title": "Police work",
        "relevant": "${role} = 'police'",
        "questions": [{"code": "tactics", "type": "long_text"}],
    },
]


def researcher(name: str):
    """An account that signs in with `<name>@example.org` and PASSWORD (verified address)."""
    email = f"{name}@example.org"
    user = get_user_model().objects.create_user(username=name, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@dataclass
class Team:
    survey: Survey
    owner: object
    editor: object
    analyst: object
    viewer: object
    stranger: object
    strangers_survey: Survey

    def by_role(self, role: str):
        return {
            "owner": self.owner,
            "editor": self.editor,
            "analyst": self.analyst,
            "viewer": self.viewer,
            "stranger": self.stranger,
        }[role]


def team_with_survey(*, slug: str = "team-survey", **survey_fields) -> Team:
    survey = draft_survey(pages=TEAM_PAGES, slug=slug, status=Survey.Status.DRAFT, **survey_fields)
    people = {
        "owner": researcher("alice"),
        "editor": researcher("bob"),
        "analyst": researcher("carol"),
        "viewer": researcher("dave"),
    }
    for role, user in people.items():
        SurveyMembership.objects.create(survey=survey, user=user, role=role)
    stranger = researcher("eve")
    theirs = draft_survey(pages=TEAM_PAGES, slug="eves-survey", title="Eve's survey")
    SurveyMembership.objects.create(survey=theirs, user=stranger, role="owner")
    return Team(survey=survey, stranger=stranger, strangers_survey=theirs, **people)
