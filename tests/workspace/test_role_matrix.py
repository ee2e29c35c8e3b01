"""Every researcher URL × every persona → the status the table in url_access.py expects."""

from __future__ import annotations

from datetime import time

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from exports.jobs import export_job_request, export_job_run
from exports.models import ExportJob, ExportSchedule
from exports.options import ExportOptions
from responses.models import Response
from surveys.services import survey_publish
from tests.workspace.url_access import EXPECTED, ROLES

OUTSIDE_THE_MATRIX = ("s/", "admin/", "healthz", "favicon.ico", "static/", "media/")


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern).lstrip("^"), name, pattern


def researcher_urls() -> list[tuple[str, str, URLPattern]]:
    return [
        (route, name, pattern)
        for route, name, pattern in _walk(get_resolver().url_patterns)
        if not route.startswith(OUTSIDE_THE_MATRIX)
    ]


def test_every_researcher_url_is_in_the_matrix():
    names = [name for _route, name, _pattern in researcher_urls()]
    assert None not in names, "every researcher URL needs a name, to be in the matrix"
    missing = sorted(set(names) - set(EXPECTED))
    assert not missing, f"add these URLs to tests/workspace/url_access.py: {missing}"


def test_the_matrix_names_no_url_that_does_not_exist():
    names = {name for _route, name, _pattern in researcher_urls()}
    assert sorted(set(EXPECTED) - names) == []


def _finished_export(survey) -> ExportJob:
    """A downloadable package: the draft published, one response, the export run."""
    survey_publish(survey=survey)
    survey.refresh_from_db()
    Response.objects.create(
        survey=survey,
        version=survey.current_version,
        status=Response.Status.COMPLETE,
        answers={},
        started_on=timezone.localdate(),
    )
    job = export_job_request(
        survey=survey, requested_by=None, options=ExportOptions(formats=("csv",))
    )
    export_job_run(job_id=job.pk)
    return job


def _schedule(survey) -> ExportSchedule:
    return ExportSchedule.objects.create(
        survey=survey, name="Nightly", time_of_day=time(6), next_run_at=timezone.now()
    )


def _published_text_question(survey) -> str:
    """The answer key of a free-text question of the published survey."""
    survey_publish(survey=survey)
    return "tactics"


def _kwargs(pattern: URLPattern, team) -> dict:
    survey = team.survey
    lazy = {
        "job_id": lambda: _finished_export(survey).pk,
        "schedule_id": lambda: _schedule(survey).pk,
        "place": lambda: _published_text_question(survey),
    }
    page = survey.pages.order_by("position").first()
    question = page.questions.order_by("position").first()
    values = {
        "slug": survey.slug,
        "page_id": page.pk,
        "question_id": question.pk,
        "choice_id": question.choices.first().pk,
        "membership_id": survey.memberships.get(user=team.viewer).pk,
        "number": 1,
        "token": "not-a-real-invitation",
        "key": "not-a-real-key",
        "token_id": 1,
        "uidb36": "zz",
    }
    return {
        name: values[name] if name in values else lazy[name]()
        for name in pattern.pattern.regex.groupindex
    }


def _client(team, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(team.by_role(persona))
    return client


CASES = [(name, persona) for name in EXPECTED for persona in ROLES]


@pytest.mark.parametrize(("name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_each_persona_gets_the_expected_status(team, name, persona):
    pattern = next(p for _route, n, p in researcher_urls() if n == name)
    url = reverse(name, kwargs=_kwargs(pattern, team))

    status = _client(team, persona).get(url).status_code

    assert status == EXPECTED[name][persona], f"GET {url} as {persona}"
