"""The API's tests: alice's team (owner alice, editor bob, analyst carol, viewer dave), eve from
another team, each with a token of every scope; `api(persona)` is a client that sends it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from api.tokens import token_create
from responses import ratelimit
from surveys.models import Survey
from surveys.services import survey_publish
from tests.support.researchers import team_with_survey

ALL_SCOPES = ["read", "submit", "export"]


class ApiClient:
    """Django's test client with a bearer token and JSON bodies."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **extra):
        return self.client.get(path, headers=self.headers | extra.pop("headers", {}), **extra)

    def post(self, path: str, body=None, *, headers: dict | None = None):
        return self.client.post(
            path,
            data=body if body is not None else {},
            content_type="application/json",
            headers=self.headers | (headers or {}),
        )


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    ratelimit.forget_all()
    yield
    ratelimit.forget_all()


@pytest.fixture
def team(db):
    """The team's survey, published and open; eve's survey too."""
    team = team_with_survey()
    for survey in (team.survey, team.strangers_survey):
        survey_publish(survey=survey)
        Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
        survey.refresh_from_db()
    return team


@pytest.fixture
def tokens(team):
    """Full-scope token text per persona."""
    return {
        persona: token_create(user=team.by_role(persona), name=persona, scopes=ALL_SCOPES).text
        for persona in ("owner", "editor", "analyst", "viewer", "stranger")
    }


@pytest.fixture
def api(tokens):
    def client_for(persona: str | None = None, *, token: str | None = None) -> ApiClient:
        return ApiClient(token if token is not None else tokens.get(persona))

    return client_for
