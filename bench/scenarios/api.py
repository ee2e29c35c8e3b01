"""Submissions through the REST API: one complete response per POST (issue 11's figure).

Each session posts one respondent's whole answers to `POST /api/v1/surveys/{slug}/responses/`
with a personal token and an Idempotency-Key, as a data-entry script would. The answers are the
question types' own sample answers (like the respondents'), less what the skip logic drops.
Afterwards the survey holds exactly one API response per post, with exactly those answers. It
is compared with the ceiling (`bench.ceiling`) measured by the same server in the same run.
"""

from __future__ import annotations

import json
import random
import uuid
from collections import Counter
from dataclasses import dataclass

from bench.load import BenchFailed, Browser


@dataclass(frozen=True)
class Submission:
    number: int
    answers: dict
    key: str


class ApiSubmissions:
    unit = "submissions"
    units_per_session = 1

    def __init__(self, *, name: str, make_survey, seed: int = 3):
        self.name = name
        self._make_survey = make_survey
        self.seed = seed

    def prepare(self) -> None:
        from django.contrib.auth import get_user_model

        from api.tokens import token_create
        from responses.models import Response
        from surveys.models import SurveyMembership
        from surveys.schema import instrument_for_version

        self.survey = self._make_survey()
        self.instrument = instrument_for_version(self.survey.current_version)
        self.path = f"/api/v1/surveys/{self.survey.slug}/responses/"
        user = get_user_model().objects.create_user(
            f"bench-api-{uuid.uuid4().hex[:8]}", "bench-api@example.org", None
        )
        SurveyMembership.objects.create(
            survey=self.survey, user=user, role=SurveyMembership.Role.EDITOR
        )
        self.token = token_create(user=user, name="benchmark", scopes=["submit"]).text
        self.before = self.survey.responses.filter(channel=Response.Channel.API).count()

    def plan(self, number: int) -> Submission:
        from surveys.relevance import prune

        rng = random.Random(f"{self.seed}-{self.survey.slug}-{number}")  # noqa: S311 - samples
        answers: dict = {}
        for page in self.instrument.pages:
            for question in page.questions:
                if question.kind.has_answer:
                    answers |= question.kind.sample_answers(question, rng)
        return Submission(number, prune(self.instrument, answers), f"bench-{number}-{self.seed}")

    def session(self, browser: Browser, plan: Submission) -> None:
        reply = browser.post_json(
            "API POST",
            self.path,
            {"answers": plan.answers},
            headers={"Authorization": f"Bearer {self.token}", "Idempotency-Key": plan.key},
        )
        if reply.status != 201:
            raise BenchFailed(f"the API answered {reply.status} to submission {plan.number}")

    def verify(self, plans: list[Submission]) -> str:
        from responses.models import Response

        stored = self.survey.responses.filter(channel=Response.Channel.API)
        if stored.count() - self.before != len(plans):
            made = stored.count() - self.before
            raise BenchFailed(f"{made} API responses for {len(plans)} submissions")
        complete = stored.filter(status=Response.Status.COMPLETE).values_list("answers", flat=True)
        held = Counter(_canonical(answers) for answers in complete)
        missing = Counter(_canonical(plan.answers) for plan in plans) - held
        if missing:
            raise BenchFailed(f"{sum(missing.values())} submissions are not stored as posted")
        return (
            f"each of the {len(plans)} API submissions left exactly one complete response "
            "holding the answers posted"
        )


def _canonical(answers: dict) -> str:
    return json.dumps(answers, sort_keys=True, default=str)
