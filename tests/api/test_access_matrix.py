"""Every endpoint × {owner, editor, analyst, viewer, another team, no token, expired token,
wrong scope}: the status each gets. Roles decide as in the workspace (surveys.selectors), a
survey beyond one's roles is 404 (never 403), and a token's scope is checked before anything is
looked up (403 for a token without it)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from api.tokens import token_create
from exports.jobs import export_job_request, export_job_run
from exports.options import ExportOptions
from responses.models import Response

SLUG = "team-survey"
ANSWERS = {"answers": {"role": "police", "years": 7, "tactics": "Disruption orders"}}

# endpoint: (method, path, scope it needs, body, status per persona)
R, S, E = "read", "submit", "export"
PERSONAS = ("owner", "editor", "analyst", "viewer", "stranger")


def expect(owner, editor, analyst, viewer, stranger):
    return dict(zip(PERSONAS, (owner, editor, analyst, viewer, stranger), strict=True))


ENDPOINTS = {
    "list surveys": ("get", "/api/v1/surveys/", R, None, expect(200, 200, 200, 200, 200)),
    "survey and instrument": ("get", f"/api/v1/surveys/{SLUG}/", R, None,
                              expect(200, 200, 200, 200, 404)),
    "list responses": ("get", f"/api/v1/surveys/{SLUG}/responses/", R, None,
                       expect(200, 404, 200, 404, 404)),
    "submit a response": ("post", f"/api/v1/surveys/{SLUG}/responses/", S, ANSWERS,
                          expect(201, 201, 404, 404, 404)),
    "request an export": ("post", f"/api/v1/surveys/{SLUG}/exports/", E, {"formats": ["csv"]},
                          expect(202, 404, 202, 404, 404)),
    "export status": ("get", "/api/v1/exports/{job}/", E, None, expect(200, 404, 200, 404, 404)),
    "export download": ("get", "/api/v1/exports/{job}/download/", E, None,
                        expect(200, 404, 200, 404, 404)),
}  # fmt: skip
ALL = ["read", "submit", "export"]


@pytest.fixture
def finished_job(team):
    Response.objects.create(
        survey=team.survey,
        version=team.survey.current_version,
        status=Response.Status.COMPLETE,
        answers={"role": "social_worker"},
        started_on=timezone.localdate(),
    )
    job = export_job_request(
        survey=team.survey, requested_by=team.owner, options=ExportOptions(formats=("csv",))
    )
    export_job_run(job_id=job.pk)
    return job


def _call(client, endpoint: str, job):
    method, path, _scope, body, _expected = ENDPOINTS[endpoint]
    path = path.format(job=job.pk)
    if method == "get":
        return client.get(path)
    return client.post(path, body)


CASES = [(endpoint, persona) for endpoint in ENDPOINTS for persona in PERSONAS]


@pytest.mark.parametrize(("endpoint", "persona"), CASES, ids=[f"{e}-{p}" for e, p in CASES])
def test_each_role_gets_what_its_role_allows(api, finished_job, endpoint, persona):
    answer = _call(api(persona), endpoint, finished_job)

    assert answer.status_code == ENDPOINTS[endpoint][4][persona], answer.content[:500]
    if answer.status_code == 404:
        assert answer.json()["code"] == "not_found"


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_no_token_is_401_with_a_bearer_challenge(api, finished_job, endpoint):
    answer = _call(api(None), endpoint, finished_job)

    assert answer.status_code == 401
    assert answer["WWW-Authenticate"].startswith("Bearer")
    assert answer.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_an_expired_token_is_401(api, team, finished_job, endpoint):
    expired = token_create(user=team.owner, name="old", scopes=ALL, days=1,
                           now=timezone.now() - timedelta(days=2))  # fmt: skip

    answer = _call(api(token=expired.text), endpoint, finished_job)

    assert answer.status_code == 401
    assert answer.json()["code"] == "token_invalid"


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_a_token_without_the_scope_is_403_even_for_the_owner(api, team, finished_job, endpoint):
    needed = ENDPOINTS[endpoint][2]
    others = [scope for scope in ALL if scope != needed]
    token = token_create(user=team.owner, name="narrow", scopes=others)

    answer = _call(api(token=token.text), endpoint, finished_job)

    assert answer.status_code == 403
    assert answer.json() == {
        "code": "scope_missing",
        "message": f"This token does not have the ‘{needed}’ scope.",
        "details": {},
    }


def test_another_teams_researcher_lists_only_their_own_surveys(api):
    slugs = [survey["slug"] for survey in api("stranger").get("/api/v1/surveys/").json()]

    assert slugs == ["eves-survey"]


def test_a_revoked_token_is_401(api, team):
    from api.tokens import token_revoke

    new = token_create(user=team.analyst, name="revoked", scopes=ALL)
    token_revoke(token=new.token, by=team.analyst)

    assert api(token=new.text).get("/api/v1/surveys/").status_code == 401


def test_a_wrong_secret_with_a_real_prefix_is_401(api, team):
    new = token_create(user=team.analyst, name="real", scopes=ALL)
    start, prefix, _secret = new.text.split("_", 2)
    forged = f"{start}_{prefix}_{'x' * 43}"

    assert api(token=forged).get("/api/v1/surveys/").status_code == 401
