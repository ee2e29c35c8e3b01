"""Fixtures for the respondent's browser tests: the demo survey, and fresh browser contexts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import QuerySet

from responses import ratelimit
from responses.models import Response
from surveys.models import Survey
from surveys.schema import Instrument, instrument_for_version

DEMO_SLUG = "complex-safeguarding"
EXIT_SITE = "https://www.bbc.co.uk/**"
# Short enough that a missing element fails a test quickly, long enough for a loaded machine.
ACTION_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class DemoSurvey:
    survey: Survey
    instrument: Instrument
    seeded_ids: frozenset

    def responses_from_browser(self) -> QuerySet[Response]:
        """Responses made during the test, leaving out the synthetic ones seed_demo adds."""
        return Response.objects.filter(survey=self.survey).exclude(pk__in=self.seeded_ids)


@pytest.fixture
def demo_survey(transactional_db) -> DemoSurvey:
    """The realistic demo survey (`manage.py seed_demo`), open, with its synthetic responses."""
    call_command("seed_demo", verbosity=0)
    survey = Survey.objects.select_related("current_version").get(slug=DEMO_SLUG)
    return DemoSurvey(
        survey=survey,
        instrument=instrument_for_version(survey.current_version),
        seeded_ids=frozenset(survey.responses.values_list("pk", flat=True)),
    )


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no code-entry attempts counted (rate limits live in the cache,
    which outlives a test run: files under CANDOUR_VAR_DIR, or Redis)."""
    cache.clear()
    ratelimit.forget_all()
    yield
    cache.clear()
    ratelimit.forget_all()


@pytest.fixture
def open_page(new_context):
    """A page in a new browser context of its own: `open_page(viewport=..., ...)`.

    The "Leave this site quickly" destination is answered locally: there is no internet here.
    """

    def open_(**context_args):
        context = new_context(**context_args)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.route(
            EXIT_SITE, lambda route: route.fulfill(body="exit", content_type="text/plain")
        )
        return context.new_page()

    return open_
