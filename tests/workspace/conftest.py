import pytest
from django.core.cache import cache
from django.test import Client

from tests.support.researchers import team_with_survey


@pytest.fixture
def team(db):
    return team_with_survey()


@pytest.fixture
def signed_in(team):
    """`signed_in("owner")`: a client signed in as that member of the team."""

    def client_for(role: str) -> Client:
        client = Client()
        client.force_login(team.by_role(role))
        return client

    return client_for


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth's rate limits count in the cache, which outlives a test (files or Redis)."""
    cache.clear()
    yield
    cache.clear()
